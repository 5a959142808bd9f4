"""Settings are written to disk only when they change, and the app's start writes them
after its first paint (each QSettings write takes a lock file and two fsyncs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication
from pytestqt.qtbot import QtBot

from clipper.gui.settings import Settings
from tests.gui.app_process import app_env


def _file_version(path: Path) -> tuple[int, int]:
    """QSettings saves atomically (a new file renamed over the old): a new inode per write."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def _set_everything(settings: Settings, db: Path, article_id: int) -> None:
    settings.set_geometry(QByteArray(b"\x01\x02geometry"))
    settings.set_library_columns([180, 72, 86])
    settings.set_snap_to_words(False)
    settings.set_zoom(120)
    settings.set_coder("ann")
    settings.set_last_article(str(db), article_id)
    settings.add_recent_database(str(db))


def test_setting_the_stored_values_again_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    db = tmp_path / "a.db"
    first = Settings(path)
    _set_everything(first, db, 7)
    first.sync()
    before = _file_version(path)
    again = Settings(path)  # as read back from the file: text, one-item lists
    _set_everything(again, db, 7)
    again.sync()
    QCoreApplication.processEvents()
    assert _file_version(path) == before
    again.set_last_article(str(db), 8)  # a change is written
    again.sync()
    assert _file_version(path) != before
    assert Settings(path).last_article(str(db)) == 8
    assert Settings(path).snap_to_words() is False
    assert Settings(path).library_columns() == [180, 72, 86]


def test_held_writes_are_read_back_and_written_on_release(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    settings = Settings(path)
    settings.set_zoom(110)
    settings.sync()
    before = _file_version(path)
    release = settings.hold_writes()
    settings.set_zoom(150)
    settings.add_recent_database(str(tmp_path / "b.db"))
    for _ in range(5):
        QCoreApplication.processEvents()  # QSettings would write here
    assert settings.zoom() == 150
    assert _file_version(path) == before
    assert "zoom=110" in path.read_text()  # (another Settings here would share the memory)
    release()
    assert Settings(path).zoom() == 150
    assert Settings(path).recent_databases() == [str(tmp_path / "b.db")]
    settings.set_zoom(90)  # after the release, changes are written as usual
    qtbot.waitUntil(lambda: Settings(path).zoom() == 90, timeout=10_000)


_START_PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
from clipper.gui.app import main

conf = Path(sys.argv[2])
seen = []

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow) and not seen:
            seen.append(conf.exists() and sys.argv[1] in conf.read_text())
        return False

app = QApplication([])
probe = Probe()
app.installEventFilter(probe)
code = main(sys.argv[1])
print(code, seen, conf.exists() and sys.argv[1] in conf.read_text())
"""


def test_the_start_writes_its_settings_after_the_first_paint(tmp_path: Path) -> None:
    env = app_env(tmp_path, CLIPPER_QUIT_AFTER_PAINT="1")
    db = str(tmp_path / "app.db")
    conf = str(tmp_path / "config" / "Clipper" / "Clipper.conf")
    result = subprocess.run(
        [sys.executable, "-c", _START_PROBE, db, conf],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    # Not on disk at the first paint; on disk (among the recent databases) once it quit.
    assert result.stdout.split() == ["0", "[False]", "True"]

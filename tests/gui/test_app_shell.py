"""The application shell: platform check (pure), shortcuts data, the entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clipper.gui.platform_check import XCB_LIBRARIES, diagnose
from tests.gui.app_process import app_env

ALL = {lib for lib, _ in XCB_LIBRARIES}
ROOT = Path(__file__).resolve().parents[2]


def finder(present: set[str]):  # type: ignore[no-untyped-def]
    return lambda soname: soname in present


def test_no_display_is_a_clear_message_without_qt() -> None:
    message = diagnose({}, "linux", finder(ALL))
    assert message is not None
    assert "no display" in message
    assert "clipper --help" in message


@pytest.mark.parametrize("platform", ["offscreen", "wayland", "vnc", "minimal"])
def test_other_platform_plugins_are_left_to_qt(platform: str) -> None:
    assert diagnose({"QT_QPA_PLATFORM": platform}, "linux", finder(set())) is None


def test_missing_xcb_libraries_name_the_packages() -> None:
    present = ALL - {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    message = diagnose({"DISPLAY": ":0"}, "linux", finder(present))
    assert message is not None
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "libxcb-cursor.so.0" in message
    assert "clipper --help" in message


def test_explicit_xcb_with_a_display_and_all_libraries_is_fine() -> None:
    env = {"DISPLAY": ":1", "QT_QPA_PLATFORM": "xcb"}
    assert diagnose(env, "linux", finder(ALL)) is None


def test_wayland_session_does_not_need_xcb_libraries() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert diagnose(env, "linux", finder(set())) is None
    # ... unless the user forces xcb
    forced = {**env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    assert "sudo apt install" in (diagnose(forced, "linux", finder(set())) or "")


def test_other_systems_are_not_checked() -> None:
    assert diagnose({}, "darwin", finder(set())) is None
    assert diagnose({}, "win32", finder(set())) is None


def test_the_real_finder_answers_for_a_library_every_system_has() -> None:
    from clipper.gui.platform_check import system_has_library

    assert system_has_library("libc.so.6")
    assert not system_has_library("libclipper-does-not-exist.so.9")


def _run_app(tmp_path: Path, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        {
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "PYTHONPATH": str(ROOT),
            **env_extra,
        }
    )
    code = (
        "import sys; from clipper.gui.app import main; "
        f"sys.exit(main({str(tmp_path / 'app.db')!r}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )


def test_main_without_a_display_exits_1_with_the_message(tmp_path: Path) -> None:
    result = _run_app(tmp_path, {"QT_QPA_PLATFORM": ""})
    assert result.returncode == 1
    assert "no display" in result.stderr
    assert "clipper --help" in result.stderr
    assert not (tmp_path / "app.db").exists()  # nothing touched


def test_main_quits_after_first_paint_and_prints_nothing(tmp_path: Path) -> None:
    result = _run_app(tmp_path, {"QT_QPA_PLATFORM": "offscreen", "CLIPPER_QUIT_AFTER_PAINT": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert (tmp_path / "app.db").exists()


_FIRST_PAINT_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from clipper.library import open_sample
from clipper.store import Store
from clipper.gui.app import main
from clipper.gui.errors import log_file

with Store(sys.argv[1]) as store:
    article = open_sample(store)
seen = []

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow) and not seen:
            seen.append(watched.view.text() == article.text)
            seen.append(watched.centre.currentWidget() is watched.article_page)
            QTimer.singleShot(200, QApplication.quit)  # let the deferred start-up work run
        return False

app = QApplication([])
probe = Probe()
app.installEventFilter(probe)
main(sys.argv[1])
print(seen, not QApplication.windowIcon().isNull(), log_file())
"""


def test_first_paint_shows_the_stored_article_then_log_and_icon_follow(
    tmp_path: Path,
) -> None:
    """The window's first picture already has the article; the log file and the window icon
    are set up just after it (they are not needed to draw it)."""
    env = app_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_PROBE, str(tmp_path / "app.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    seen, icon, log = result.stdout.strip().rsplit(" ", 2)
    assert seen == "[True, True]"
    assert icon == "True"
    assert log.endswith("clipper.log") and str(tmp_path / "state") in log


def test_shortcut_rows_come_from_the_action_data_and_the_tags() -> None:
    from clipper.gui.shortcuts import ACTIONS, LOCAL_KEYS, shortcut_rows
    from clipper.model import BUILTIN_TAGS

    rows = shortcut_rows(BUILTIN_TAGS)
    texts = {text for _, text, _ in rows}
    assert {"Import files", "Undo", "Refresh", "Find in article"} <= texts
    assert ("Annotate", "Tag the selection as Quote", "2") in rows
    assert len(rows) == sum(1 for a in ACTIONS if a.keys) + len(LOCAL_KEYS) + len(BUILTIN_TAGS)

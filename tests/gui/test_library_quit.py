"""Quitting while the library's background thread reads: the read is interrupted (it is
only a read), the state is saved and the process exits at once."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from clipper.gui import library_pane
from clipper.gui.app import create_main_window
from clipper.gui.settings import Settings
from clipper.store import Store
from clipper.store.library_queries import LibraryQuery
from tests.gui.app_process import app_env
from tests.gui.test_library_paging import close_window, fill

#: A read that never ends unless interrupted (a stand-in for a slow query on a big library).
ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT max(x) FROM n"


def test_stopping_the_loader_interrupts_its_read(
    qtbot: QtBot, db_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db_path, 200)  # more than a page: the rest is read in the background
    monkeypatch.setattr(library_pane, "SYNC_LIMIT", 0)
    reading = threading.Event()
    real = Store.library_ids

    def endless(self: Store, query: LibraryQuery, **kw: object) -> list[int]:
        if threading.current_thread().name != "clipper-library":
            return real(self, query, **kw)  # type: ignore[arg-type]
        reading.set()
        self.db.execute(ENDLESS).fetchall()
        raise AssertionError("the endless read ended")

    monkeypatch.setattr(Store, "library_ids", endless)
    w = create_main_window(db_path, settings=settings)
    qtbot.addWidget(w)
    try:
        w.show()
        qtbot.waitExposed(w)
        qtbot.waitUntil(reading.is_set, timeout=20_000)
        loader = w.library._loader
        thread = loader._thread
        assert thread is not None and thread.is_alive()
        loader.stop()
        thread.join(20)
        assert not thread.is_alive()
        qtbot.wait(50)  # a failure signal, had one been sent, would arrive now
        assert w.library.count_label.text() == "200"  # no "could not be read"
        loader.request(99, str(db_path), LibraryQuery())  # stopped: no new thread
        assert loader._thread is thread
    finally:
        close_window(w)


_QUIT_PROBE = """
import sys, threading
from clipper.gui import library_pane
from clipper.gui.app import main
from clipper.model import ImportedArticle
from clipper.store import Store

ENDLESS = sys.argv[2]
with Store(sys.argv[1]) as store, store.transaction():
    for n in range(200):
        store.add_article(ImportedArticle(f"clipping {n}", f"clipping {n}", "", "txt"))
library_pane.SYNC_LIMIT = 0
real = Store.library_ids

def endless(self, query, **kw):
    if threading.current_thread().name != "clipper-library":
        return real(self, query, **kw)
    self.db.execute(ENDLESS).fetchall()

Store.library_ids = endless
code = main(sys.argv[1])
readers = [t for t in threading.enumerate() if t.name == "clipper-library"]
for t in readers:
    t.join(20)
print(code, len(readers) <= 1, any(t.is_alive() for t in readers))
"""


def test_quitting_while_the_library_loads_saves_and_ends_the_read(tmp_path: Path) -> None:
    env = app_env(tmp_path, CLIPPER_QUIT_AFTER_PAINT="1")
    db = tmp_path / "app.db"
    result = subprocess.run(
        [sys.executable, "-c", _QUIT_PROBE, str(db), ENDLESS],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True", "False"]  # the read was interrupted
    conf = tmp_path / "config" / "Clipper" / "Clipper.conf"
    assert str(db) in conf.read_text()  # the start's settings were saved

"""The app and the command line on one database, as real processes (issue 8).

The sequence a user reported losing data with: the app open on a database, a file dialog
shown on the database's folder and cancelled, then `clipper articles`, `clipper import`
and `clipper annotate` in a terminal, then a tag in the app and quit. Everything must be
kept, the write-ahead log must never be deleted under the app, and the file must pass
SQLite's integrity check.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from proc_locks import PROC_LOCKS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PROC_LOCKS.exists(), reason="needs Linux /proc/locks"),
]

DRIVER = Path(__file__).parent / "drivers" / "app_session.py"
ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def clipper(db: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class App:
    """The real main window in its own process, driven line by line."""

    def __init__(self, db: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def ask(self, command: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self._line()
        assert answer.startswith("ok"), f"{command}: {answer!r}"
        return answer[2:].strip()

    def quit(self) -> None:
        self.ask("quit")
        assert self.process.wait(timeout=60) == 0


@pytest.fixture
def app_db(tmp_path: Path) -> Iterator[Path]:
    db = tmp_path / "c.db"
    clipper(db, "import", str(ARTICLES / "wikinews_news_crane.txt"))
    yield db


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


@pytest.mark.parametrize("dialog", ["open_database", "import"])
def test_cli_changes_while_the_app_shows_a_file_dialog_are_all_kept(
    app_db: Path, dialog: str
) -> None:
    app = App(app_db)
    try:
        assert int(app.ask("locks")) > 0
        wal = os.stat(f"{app_db}-wal").st_ino
        app.ask(f"dialog {dialog}")
        assert int(app.ask("locks")) > 0, "the dialog released the app's SQLite locks"

        clipper(app_db, "articles")
        clipper(app_db, "import", str(ARTICLES / "wikinews_news_taxes.txt"))
        clipper(app_db, "annotate", "2", "0", "5", "figure")
        assert os.stat(f"{app_db}-wal").st_ino == wal, "the CLI replaced the app's WAL"

        app.ask("tag 1 0 2 3")
        app.ask("reload")
        assert app.ask("count") == "2 2"
    finally:
        app.quit()

    assert integrity(app_db) == "ok"
    rows = clipper(app_db, "annotations")
    assert "figure" in rows and "person" in rows
    assert "2" in clipper(app_db, "articles")
    with sqlite3.connect(app_db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 2

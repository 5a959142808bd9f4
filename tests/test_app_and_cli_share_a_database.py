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
from collections.abc import Iterator
from pathlib import Path

import pytest
from drivers.processes import AppProcess, run_cli
from proc_locks import PROC_LOCKS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PROC_LOCKS.exists(), reason="needs Linux /proc/locks"),
]

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def clipper(db: Path, *args: str) -> str:
    return run_cli(db, *args).stdout


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
    app = AppProcess(app_db)
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

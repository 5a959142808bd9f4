"""The app and the command line on one database, repeated (issue 8): how often is anything lost?

Each round: the real app (its own process, offscreen) opens a database with one article,
shows a file dialog on the database's folder and cancels it; then `clipper articles`,
`clipper import` and `clipper annotate` run as separate processes; the app tags a word,
refreshes and quits. Afterwards every change must be there and `PRAGMA integrity_check`
must say ok.

Reference, same run: the same rounds with Qt's default file dialog (what Clipper 0.1
showed), which reads the listed files and so drops the app's SQLite locks.

Run: python tests/benchmarks/bench_shared_db.py [--rounds N]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table
from drivers.processes import AppProcess, run_cli

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def one_round(folder: Path, dialog_command: str) -> tuple[bool, bool, bool]:
    """(locks kept, everything kept, integrity ok) for one round."""
    db = folder / "c.db"
    run_cli(db, "import", str(ARTICLES / "wikinews_news_crane.txt"))
    app = AppProcess(db)
    try:
        app.ask(dialog_command)
        locks_kept = int(app.ask("locks")) > 0
        run_cli(db, "articles")
        run_cli(db, "import", str(ARTICLES / "wikinews_news_taxes.txt"))
        run_cli(db, "annotate", "2", "0", "5", "figure")
        app.ask("tag 1 0 2 3")
        app.ask("reload")
        app.quit()
    except (AssertionError, OSError):
        app.kill()
    try:
        with sqlite3.connect(db) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            annotations = conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    except sqlite3.DatabaseError:
        return locks_kept, False, False
    return locks_kept, (articles, annotations) == (2, 2), ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    for label, commands in (
        ("clipper dialogs", ["dialog open_database", "dialog import"]),
        ("reference: Qt default dialog (0.1)", ["plain_dialog"]),
    ):
        dropped = lost = damaged = 0
        for n in range(rounds):
            with tempfile.TemporaryDirectory() as folder:
                kept, complete, ok = one_round(Path(folder), commands[n % len(commands)])
            dropped += not kept
            lost += not complete
            damaged += not ok
        emit(f"{label}: rounds", rounds, "rounds")
        emit(f"{label}: rounds where the app's locks were dropped", dropped, "rounds")
        emit(f"{label}: rounds that lost a change", lost, "rounds", goal="0")
        emit(f"{label}: rounds with integrity_check not ok", damaged, "rounds", goal="0")
    table("App + CLI on one database")


if __name__ == "__main__":
    main()

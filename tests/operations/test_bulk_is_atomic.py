"""A bulk operation (and its undo) is one transaction: a real process killed inside it
leaves all of it or none of it (tests/operations/bulk_driver.py freezes the process at a
chosen statement of the transaction; the test sends SIGKILL there)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from crash_harness import run_and_kill

from clipper.model import ImportedArticle
from clipper.store import Store

DRIVER = Path(__file__).with_name("bulk_driver.py")
ROWS = 120


def make_database(path: Path) -> None:
    text = " ".join(f"w{i}" for i in range(ROWS))
    with Store(path) as store:
        article = store.add_article(ImportedArticle(text, "Words", "words.txt", "txt"))
        with store.transaction():
            start = 0
            for i in range(ROWS):
                end = text.index(" ", start) if i < ROWS - 1 else len(text)
                store.add_annotation(article.id, start, end, "figure", f"note {i}")
                start = end + 1


def rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute(
            'SELECT id, article_id, start, "end", tag, note FROM annotations ORDER BY id'
        ).fetchall()
    finally:
        conn.close()


def run(path: Path, operation: str, when: str) -> bool:
    """Run the driver; True if it was killed inside the transaction."""
    result = run_and_kill(
        [sys.executable, str(DRIVER), str(path), operation, when],
        None if when == "never" else 0,
        wait_for=None if when == "never" else "midway",
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if when == "never":
        assert result.lines == ["done"], result.lines
    else:
        assert result.killed and result.lines == ["midway"], (result.lines, result.stderr)
    return result.killed


@pytest.mark.slow
@pytest.mark.parametrize("when", ["5", "commit"])
def test_killed_bulk_delete_leaves_everything(tmp_path: Path, when: str) -> None:
    db = tmp_path / "bulk.db"
    make_database(db)
    before = rows(db)
    assert len(before) == ROWS
    run(db, "delete_annotations", when)
    assert rows(db) == before
    run(db, "delete_annotations", "never")
    assert rows(db) == []


@pytest.mark.slow
@pytest.mark.parametrize("when", ["5", "commit"])
def test_killed_undo_of_a_bulk_delete_restores_nothing(tmp_path: Path, when: str) -> None:
    db = tmp_path / "bulk.db"
    make_database(db)
    before = rows(db)
    run(db, "undo_delete_annotations", when)
    assert rows(db) == []  # the delete committed; its undo was killed: none came back
    with Store(db) as store:  # (put them back for the next run)
        for row in before:
            store.add_annotation(int(row[1]), int(row[2]), int(row[3]), str(row[4]), str(row[5]))
    run(db, "undo_delete_annotations", "never")
    assert [r[1:] for r in rows(db)] == [r[1:] for r in before]

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
        store.add_tag("number", "Number", "#00aa00", "5")
        with store.transaction():
            start = 0
            for i in range(ROWS):
                end = text.index(" ", start) if i < ROWS - 1 else len(text)
                tag = "number" if i % 2 else "figure"
                store.add_annotation(article.id, start, end, tag, f"note {i}", attributes={"n": i})
                if i % 10 == 1:  # the same span as a figure too: dropped by a merge
                    store.add_annotation(article.id, start, end, "figure")
                start = end + 1
        first, second = store.list_annotations()[:2]
        store.add_relation(first.id, second.id, "said_by")


def rows(path: Path) -> list[tuple[object, ...]]:
    """Every row a bulk operation may touch (annotations, attributes, relations, tags,
    articles)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [
            *conn.execute(
                'SELECT id, uuid, article_id, start, "end", tag, note, status FROM annotations '
                "ORDER BY id"
            ),
            *conn.execute("SELECT * FROM annotation_attributes ORDER BY 1, 2"),
            *conn.execute("SELECT uuid, from_id, to_id, type FROM relations ORDER BY id"),
            *conn.execute("SELECT name, uuid FROM tags ORDER BY name"),
            *conn.execute("SELECT id, uuid, title FROM articles ORDER BY id"),
        ]
    finally:
        conn.close()


BULK = ["delete_annotations", "set_status", "merge_tags", "delete_tag", "delete_article"]


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


def copy_of(template: Path, name: str) -> Path:
    """A copy of a closed database, made by SQLite (its backup API)."""
    target = template.with_name(name)
    source, dest = sqlite3.connect(template), sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()
    return target


@pytest.mark.slow
@pytest.mark.parametrize("operation", BULK)
def test_a_killed_bulk_operation_or_undo_leaves_all_or_nothing(
    tmp_path: Path, operation: str
) -> None:
    template = tmp_path / "template.db"
    make_database(template)
    before = rows(template)
    for when in ("5", "commit"):
        db = copy_of(template, f"{when}.db")
        run(db, operation, when)
        assert rows(db) == before, f"killed at {when}: part of it is there"
    done = copy_of(template, "done.db")
    run(done, operation, "never")
    after = rows(done)
    assert after != before
    for when in ("5", "commit"):  # the operation commits, its undo is killed
        db = copy_of(template, f"undo-{when}.db")
        run(db, f"undo_{operation}", when)
        assert rows(db) == after, f"undo killed at {when}: part of it is there"
    undone = copy_of(template, "undone.db")
    run(undone, f"undo_{operation}", "never")
    assert rows(undone) == before  # the same ids and identities

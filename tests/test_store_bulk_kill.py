"""A bulk store write killed midway (SIGKILL, a real process) leaves all of it or none."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest
from crash_harness import integrity, run_and_kill

from clipper.model import ImportedArticle
from clipper.store import Store

pytestmark = pytest.mark.slow

COUNT = 3000

#: Snapshots the annotations, deletes them (one transaction), then puts them back with
#: their attributes and relations (one transaction of many statements): the kill lands in
#: one of the two.
CHILD = """
import sys
from clipper.store import Store
store = Store(sys.argv[1], busy_timeout=60)
ids = [a.id for a in store.list_annotations()]
snapshot = store.snapshot_annotations(ids)
store.delete_annotations(ids)
print("deleted", flush=True)
store.restore_annotations(snapshot)
print("restored", flush=True)
"""


def build(db: Path) -> None:
    text = " ".join(f"word{n}" for n in range(COUNT + 10))
    with Store(db) as store, store.transaction():
        article_id = store.add_article(ImportedArticle(text, "T", "t.txt", "txt")).id
        previous = None
        for n in range(COUNT):
            made = store.add_annotation(
                article_id, n, n + 5, "figure", attributes={"value": n, "unit": "%"}
            )
            if previous is not None and n % 3 == 0:
                store.add_relation(made.id, previous, "supported_by")
            previous = made.id


def state(db: Path) -> tuple[int, int, int]:
    with Store(db) as store:
        rows = store.db.execute(
            "SELECT (SELECT count(*) FROM annotations), "
            "(SELECT count(*) FROM annotation_attributes), (SELECT count(*) FROM relations)"
        ).fetchone()
        return int(rows[0]), int(rows[1]), int(rows[2])


def test_killed_restore_or_delete_leaves_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bulk.db"
    build(db)
    full = state(db)
    with Store(db) as store:
        pristine = store.backup(tmp_path / "pristine.db")
    assert full == (COUNT, 2 * COUNT, (COUNT - 1) // 3)
    command = [sys.executable, "-c", CHILD, str(db)]
    started = time.monotonic()
    whole = run_and_kill(command, None, timeout=600)
    assert whole.returncode == 0, whole.stderr
    assert whole.lines == ["deleted", "restored"]
    assert state(db) == full
    duration = time.monotonic() - started
    rng = random.Random(3)
    outcomes: list[tuple[bool, list[str], tuple[int, int, int]]] = []
    for _ in range(8):
        run = run_and_kill(command, rng.uniform(0.2, duration), timeout=600)
        assert integrity(db) == "ok"
        found = state(db)
        outcomes.append((run.killed, run.lines, found))
        assert found in (full, (0, 0, 0)), (run.lines, found)
        if found == (0, 0, 0):  # killed while restoring: start the next round from the copy
            # (or between the delete's commit and its "deleted" line reaching the pipe)
            assert run.killed and run.lines in ([], ["deleted"])
            with Store(db) as store:
                store.restore(pristine)
    # Some kills landed inside a write (not before or after both).
    assert any(killed and found == (0, 0, 0) for killed, _, found in outcomes) or any(
        killed and lines == [] for killed, lines, _ in outcomes
    ), outcomes

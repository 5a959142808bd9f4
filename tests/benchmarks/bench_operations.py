"""The operations layer: what an undoable operation costs over the bare store call, and
how long undo/redo of bulk operations take (real database file, CPU of this process).

Run with ``python tests/benchmarks/bench_operations.py`` from the project root. One JSON
object per line, then a table. Asserts nothing about time.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import emit, table

from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store

WORDS = 12_000


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def spans(text: str) -> list[tuple[int, int]]:
    found, start = [], 0
    for word in text.split(" "):
        found.append((start, start + len(word)))
        start += len(word) + 1
    return found


def main() -> None:
    text = " ".join(f"word{i}" for i in range(WORDS))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "ops.db") as store:
        article = store.add_article(ImportedArticle(text, "Words", "w.txt", "txt"))
        session = Session(store)
        where = spans(text)
        bare = [
            timed(lambda s=s: store.add_annotation(article.id, *s, "figure")) for s in where[:300]
        ]
        ops = [
            timed(lambda s=s: session.add_annotation(article.id, *s, "figure"))
            for s in where[300:600]
        ]
        emit("add_annotation_store_median", statistics.median(bare), "ms")
        emit("add_annotation_session_median (with its undo step)", statistics.median(ops), "ms")
        emit(
            "undo_add_annotation_median",
            statistics.median([timed(session.undo) for _ in range(100)]),
            "ms",
        )
        store.add_tag("said", "Said", "#00aa00", "5")
        with store.transaction():
            for s in where[600:10_600]:
                store.add_annotation(article.id, *s, "said")
        ids = [a.id for a in store.list_annotations(tags=["said"])]
        emit("delete_annotations_10000", timed(lambda: session.delete_annotations(ids)), "ms")
        emit("undo_delete_annotations_10000", timed(session.undo), "ms")
        emit("set_status_10000", timed(lambda: session.set_status(ids, "rejected")), "ms")
        emit("undo_set_status_10000", timed(session.undo), "ms")
        emit(
            "merge_tags_10000 (a user tag into quote)",
            timed(lambda: session.merge_tags("said", "quote")),
            "ms",
        )
        emit("undo_merge_tags_10000", timed(session.undo), "ms")
        emit(
            "delete_article_10300_annotations",
            timed(lambda: session.delete_article(article.id)),
            "ms",
        )
        emit("undo_delete_article_10300_annotations", timed(session.undo), "ms")
    table("Operations and undo")


if __name__ == "__main__":
    main()

"""Adjudication: aligning two coders' annotations of one long article, comparing it
through the session (read + align + decisions), and one adjudication step with its undo
(real database file, wall time of this process).

Run with ``python tests/benchmarks/bench_adjudication.py`` from the project root. One JSON
object per line, then a table. Asserts nothing about time.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import emit, table

from clipper.adjudication import align
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store

PER_CODER = 5_000
CODERS = ("ann", "bob")


def main() -> None:
    rng = random.Random(7)
    words = [f"word{i % 97}" for i in range(PER_CODER * 4)]
    text = " ".join(words)
    starts = [0]
    for w in words[:-1]:
        starts.append(starts[-1] + len(w) + 1)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        store.add_article(ImportedArticle(text, "Long", "long.txt", "txt"))
        session = Session(store)
        rows = []
        for n in range(PER_CODER):  # every 4th word, two coders who mostly agree
            i = n * 4
            s, e = starts[i], starts[i] + len(words[i])
            rows.append(("ann", s, e, "figure"))
            roll = rng.random()
            if roll < 0.7:
                rows.append(("bob", s, e, "figure"))
            elif roll < 0.8:
                rows.append(("bob", s, starts[i + 1] + len(words[i + 1]), "figure"))
            elif roll < 0.9:
                rows.append(("bob", s, e, "quote"))
        with store.transaction():
            for coder, s, e, tag in rows:
                store.add_annotation(1, s, e, tag, coder=coder)
        annotations = session.list_annotations(1)
        t0 = time.perf_counter()
        units = align(annotations, CODERS)
        emit(f"align {len(annotations):,} annotations (2 coders)", time.perf_counter() - t0, "s")
        t0 = time.perf_counter()
        comparison = session.compare(1, CODERS)
        emit("Session.compare of the same article", time.perf_counter() - t0, "s")
        unit = next(u for u in units if u.is_disagreement)
        t0 = time.perf_counter()
        session.adjudicate(1, unit, ["ann"], coders=CODERS)
        emit("one adjudication step (incl. progress)", time.perf_counter() - t0, "s")
        t0 = time.perf_counter()
        session.undo()
        emit("its undo", time.perf_counter() - t0, "s")
        emit("units", len(comparison.units), "units")
    table("Adjudication")


if __name__ == "__main__":
    main()

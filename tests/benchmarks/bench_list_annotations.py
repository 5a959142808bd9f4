"""Reading one article's 50,000 annotations (``Store.list_annotations``), as the app does
when it opens an article: CPU time (steadier than wall time on a shared machine).

Run: python tests/benchmarks/bench_list_annotations.py [--rows N] [--attributes PERCENT]
``--attributes``: that share of the annotations get two attributes (schema 3 and later).
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table

from clipper.model import ImportedArticle
from clipper.store import Store, now

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TAGS = ["figure", "quote", "person", "claim"]


def build(path: Path, rows: int, attributes: float) -> int:
    text = "\n\n".join(p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt")))
    text = (text * (5_000_000 // len(text) + 1))[:5_000_000]
    rng = random.Random(7)
    stamp = now()
    with Store(path) as store, store.transaction():
        article_id = store.add_article(ImportedArticle(text, "Long", "l.txt", "txt")).id
        spans: set[tuple[int, int, str]] = set()
        while len(spans) < rows:
            start = rng.randrange(0, len(text) - 80)
            spans.add((start, start + rng.randrange(3, 80), rng.choice(TAGS)))
        store.insert_annotations_ignoring_duplicates(
            (article_id, s, e, t, text[s:e], "checked" if s % 7 == 0 else "", stamp, stamp, None)
            for s, e, t in spans
        )
    if attributes:
        with Store(path) as store, store.transaction():
            for a in store.list_annotations(article_id):
                if rng.random() < attributes / 100:
                    store.set_attributes(a.id, {"value": a.start, "unit": "%"})  # type: ignore[attr-defined]
    return article_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--attributes", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "list.db"
        article_id = build(db, args.rows, args.attributes)
        with Store(db) as store:
            times = []
            for _ in range(args.runs):
                start = time.process_time()
                count = len(store.list_annotations(article_id))
                times.append((time.process_time() - start) * 1000)
    label = f"list_annotations_{args.rows // 1000}k"
    if args.attributes:
        label += f"_{args.attributes:g}pct_with_attributes"
    emit(f"{label}_cpu_median", statistics.median(times), "ms", rows=count)
    emit(f"{label}_cpu_min", min(times), "ms")
    table("Store.list_annotations")


if __name__ == "__main__":
    main()

"""REFI-QDA: export of 100,000 annotations to a .qdpx (goal: at most 10 s), and reading it
back into a new database (merge), with the archive's size and the peak memory.

The database: 500 Wikinews-based articles (tests/fixtures/articles, each made distinct)
with 200 annotations each, a tenth of them with a note, one in twenty with attributes.

Run: nice python tests/benchmarks/bench_refi.py [--rows N]
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, peak_rss_mb, table

from clipper.exporters import export_to_path
from clipper.model import ImportedArticle
from clipper.operations.merge import merge_export
from clipper.store import Store, now

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TAGS = ["figure", "quote", "person", "claim"]
ARTICLES = 500


def build(path: Path, rows: int) -> None:
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(13)
    stamp = now()
    per_article = rows // ARTICLES
    with Store(path) as store, store.transaction():
        for number in range(ARTICLES):
            text = f"{texts[number % len(texts)]}\n\nCopy {number}."
            article_id = store.add_article(
                ImportedArticle(
                    text, f"Article {number}", f"{number}.txt", "txt", outlet="Wikinews"
                )
            ).id
            spans: set[tuple[int, int, str]] = set()
            while len(spans) < per_article:
                start = rng.randrange(0, len(text) - 60)
                spans.add((start, start + rng.randrange(3, 60), rng.choice(TAGS)))
            store.insert_annotations_ignoring_duplicates(
                (
                    article_id,
                    s,
                    e,
                    t,
                    text[s:e],
                    "checked in the filing" if s % 10 == 0 else "",
                    stamp,
                    stamp,
                    None,
                )
                for s, e, t in spans
            )
    with Store(path) as store, store.transaction():
        for a in store.list_annotations():
            if a.id % 20 == 0:
                store.set_attributes(a.id, {"value": a.start, "unit": "percent"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "refi.db"
        build(db, args.rows)
        out = Path(tmp) / "export.qdpx"
        with Store(db) as store:
            wall, cpu = time.perf_counter(), time.process_time()
            count = export_to_path(store, out, "qdpx")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        label = f"qdpx_export_{count // 1000}k"
        emit(f"{label}_wall", wall, "s", goal="<= 10 s")
        emit(f"{label}_cpu", cpu, "s")
        emit(f"{label}_file_size", out.stat().st_size / 1e6, "MB")
        emit(f"{label}_peak_rss", peak_rss_mb(), "MB")
        with Store(Path(tmp) / "back.db") as other:
            wall = time.perf_counter()
            report = merge_export(other, out)
            wall = time.perf_counter() - wall
        emit(f"qdpx_import_{report.annotations_added // 1000}k_wall", wall, "s")
        emit("qdpx_import_peak_rss", peak_rss_mb(), "MB")
    table("REFI-QDA export and import")


if __name__ == "__main__":
    main()

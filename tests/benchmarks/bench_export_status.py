"""Export status choice: what the Export dialog's status counts cost when it opens (three
grouped counts, on the UI thread) and what the status filter costs a CSV export.

The database: ARTICLES synthetic articles × 500 annotations (a third accepted, pending,
rejected), built with the store's bulk helper (``merge_annotations``).

Run: nice python tests/benchmarks/bench_export_status.py [--articles N]
Prints one JSON object per line ({"name", "value", "unit"}). Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit
from _scratch import scratch_dir
from _synthetic import STAMP, TAGS, article_text

from clipper.exporters import ExportSelection, export_to_path
from clipper.model import ImportedArticle, MergedAnnotation
from clipper.store import Store
from clipper.store.export_queries import count_by_tag_and_status

PER_ARTICLE = 500
STATUSES = ("accepted", "pending", "rejected")


def build(store: Store, articles: int) -> None:
    with store.bulk_writes(), store.transaction():
        for number in range(articles):
            text = article_text(number)
            article = store.add_article(ImportedArticle(text, f"Article {number}", "a.txt", "txt"))
            step = len(text) // PER_ARTICLE
            rows: list[MergedAnnotation] = [
                (i * step, i * step + 3, TAGS[i % 4], text[i * step : i * step + 3], "",
                 STAMP, STAMP, None, f"00000000-0000-4000-8000-{number * PER_ARTICLE + i:012x}",
                 "default", "manual", None, STATUSES[i % 3], None, None)
                for i in range(PER_ARTICLE)
            ]  # fmt: skip
            store.merge_annotations(article.id, rows)


def best_of(runs: int, fn: object) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    folder = scratch_dir("bench-export-status-")
    rows = args.articles * PER_ARTICLE
    with Store(folder / "lib.db") as store:
        build(store, args.articles)
        dialog = best_of(3, lambda: count_by_tag_and_status(store, ExportSelection()))
        emit(f"export_dialog_status_counts_all_articles_{rows}_annotations", dialog * 1000, "ms")
        out = folder / "out.csv"
        accepted = best_of(3, lambda: export_to_path(store, out, "csv"))
        emit(f"export_csv_accepted_of_{rows}_annotations", accepted, "s")
        every = best_of(3, lambda: export_to_path(store, out, "csv", ExportSelection(statuses=())))
        emit(f"export_csv_every_status_{rows}_annotations", every, "s")


if __name__ == "__main__":
    main()

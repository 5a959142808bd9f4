"""Interchange benchmarks (issue 13): JSON Lines and W3C Web Annotation export of
1,000,000 annotations against the sqlite3 CLI's JSON export of the same rows (measured in
the same run), with peak memory; and merging the JSON Lines file back.

The database: 1,000 articles (corpus texts) × 1,000 annotations, a quarter of them with
two attributes and one in 20 with a relation, built with the store's bulk helpers
(``merge_annotations``, ``merge_relations``).

The reference is ``sqlite3 -json`` writing, per annotation, the members the JSON Lines line
holds (annotation, coder, article metadata, attributes and relations as JSON) — equal
work to JSON Lines; W3C writes more per annotation (context, bodies, selectors with the
quote's prefix and suffix).

Run: nice python tests/benchmarks/bench_interop.py [--rows N] [--repeat K] [--merge]
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import current_rss_mb, emit, peak_rss_mb, reset_peak_rss, table

from clipper.exporters import export_to_path
from clipper.model import ImportedArticle, new_uuid
from clipper.operations.merge import merge_export
from clipper.store import Store, now

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TAGS = ["figure", "quote", "person", "claim"]
PER_ARTICLE = 1000

REFERENCE_SELECT = (
    'SELECT n.id, n.tag, n.start, n."end", n.text, n.note, n.created_at, n.updated_at, '
    "n.page, n.uuid, c.name AS coder, n.origin, n.origin_detail, n.status, "
    "(SELECT json_group_object(x.key, x.value) FROM annotation_attributes x "
    "WHERE x.annotation_id = n.id) AS attributes, "
    "(SELECT json_group_array(json_object('type', r.type, 'to', t.uuid, 'uuid', r.uuid)) "
    "FROM relations r JOIN annotations t ON t.id = r.to_id WHERE r.from_id = n.id) "
    "AS relations, "
    "n.article_id, a.uuid AS article_uuid, a.content_hash, a.title, a.outlet, a.author, "
    "a.published, a.url, a.language "
    "FROM annotations n JOIN articles a ON a.id = n.article_id "
    'JOIN coders c ON c.id = n.coder_id ORDER BY n.article_id, n.start, n."end", n.tag'
)


def build(path: Path, rows: int) -> None:
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(7)
    stamp = now()
    with Store(path) as store, store.bulk_writes(), store.transaction():
        relations = []
        for number in range(rows // PER_ARTICLE):
            text = f"Clipping {number}\n\n" + texts[number % len(texts)]
            article = store.add_article(
                ImportedArticle(
                    text,
                    f"Clipping {number}: “{text[:30]}”",
                    "b.txt",
                    "txt",
                    outlet="The Herald",
                    author="A. Writer",
                    published="2025-02-24",
                    url=f"https://example.org/{number}",
                ),
            )
            spans: set[tuple[int, int, str]] = set()
            while len(spans) < PER_ARTICLE:
                start = rng.randrange(0, len(text) - 80)
                spans.add((start, start + rng.randrange(3, 80), rng.choice(TAGS)))
            batch = []
            for index, (s, e, t) in enumerate(sorted(spans)):
                ident = new_uuid()
                attributes = {"value": s * 1.5, "unit": "EUR"} if index % 4 == 0 else None
                note = 'note, with "quotes"' if s % 7 == 0 else ""
                batch.append(
                    (
                        s,
                        e,
                        t,
                        text[s:e],
                        note,
                        stamp,
                        stamp,
                        None,
                        ident,
                        None,
                        "manual",
                        None,
                        "accepted",
                        attributes,
                        None,
                    )
                )
                if index % 20 == 1:
                    relations.append(("said_by", ident, batch[index - 1][8], None))
            store.merge_annotations(article.id, batch)  # type: ignore[arg-type]
        store.merge_relations(relations)


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def reference(db: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``sqlite3 -json`` writing the same rows."""
    start, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    with out.open("wb") as handle:
        subprocess.run(["sqlite3", "-json", str(db), REFERENCE_SELECT], stdout=handle, check=True)
    return time.perf_counter() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def bench_exports(db: Path, folder: Path, rows: int, repeat: int) -> Path:
    has_cli = shutil.which("sqlite3") is not None
    runs: dict[str, list[tuple[float, float, float]]] = {"jsonl": [], "w3c": []}
    ref_runs: list[tuple[float, float]] = []
    suffix = {"jsonl": ".jsonl", "w3c": ".jsonld"}
    count = 0
    for _ in range(repeat):  # interleaved, so both see the same machine load
        for fmt in runs:
            with Store(db) as store:
                base = current_rss_mb()
                reset_peak_rss()
                cpu = cpu_seconds(resource.RUSAGE_SELF)
                start = time.perf_counter()
                count = export_to_path(store, folder / f"export{suffix[fmt]}", fmt)
                seconds = time.perf_counter() - start
                runs[fmt].append(
                    (seconds, cpu_seconds(resource.RUSAGE_SELF) - cpu, peak_rss_mb() - base)
                )
        if has_cli:
            ref_runs.append(reference(db, folder / "reference.json"))
    if ref_runs:
        ref_wall = min(r[0] for r in ref_runs)
        ref_cpu = min(r[1] for r in ref_runs)
        emit("sqlite3_cli_json_seconds", ref_wall, "s", rows=rows, runs=repeat)
        emit("sqlite3_cli_json_bytes", (folder / "reference.json").stat().st_size / 1e6, "MB")
    else:
        print("sqlite3 command-line tool not found: apt-get install sqlite3 for the reference")
    for fmt, measured in runs.items():
        best = min(m[0] for m in measured)
        emit(f"export_{fmt}_seconds", best, "s", rows=count, runs=repeat)
        emit(f"export_{fmt}_rows_per_s", rows / best, "rows/s")
        emit(f"export_{fmt}_bytes", (folder / f"export{suffix[fmt]}").stat().st_size / 1e6, "MB")
        emit(
            f"export_{fmt}_peak_memory_above_baseline",
            max(m[2] for m in measured),
            "MB",
            goal="<= 50 MB",
        )
        if ref_runs:
            emit(f"export_{fmt}_ratio_vs_sqlite3_cli_json", best / ref_wall, "x", goal="<= 1.5x")
            emit(
                f"export_{fmt}_cpu_ratio_vs_sqlite3_cli_json",
                min(m[1] for m in measured) / ref_cpu,
                "x",
                goal="<= 1.5x",
            )
    return folder / "export.jsonl"


def bench_merge(jsonl: Path, folder: Path) -> None:
    with Store(folder / "merged.db") as store:
        base = current_rss_mb()
        reset_peak_rss()
        start = time.perf_counter()
        report = merge_export(store, jsonl)
        seconds = time.perf_counter() - start
        peak = peak_rss_mb() - base
    emit("merge_jsonl_into_empty_seconds", seconds, "s", added=report.annotations_added)
    emit("merge_jsonl_peak_memory_above_baseline", peak, "MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per export (best counts)")
    parser.add_argument("--merge", action="store_true", help="also merge the JSONL back")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "bench.db"
        start = time.perf_counter()
        build(db, args.rows)
        emit("build_database_seconds", time.perf_counter() - start, "s", rows=args.rows)
        jsonl = bench_exports(db, folder, args.rows, args.repeat)
        if args.merge:
            bench_merge(jsonl, folder)
    table("Interchange exports (issue 13)")


if __name__ == "__main__":
    main()

"""Core benchmarks (issue 2): export of 1,000,000 annotations against the sqlite3 CLI,
saving one annotation, and merging a 1,000,000-annotation JSON export.

Run: python tests/benchmarks/bench_core.py [--rows N]
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import current_rss_mb, emit, peak_rss_mb, reset_peak_rss, table

from clipper.exporters import export_to_path
from clipper.model import ImportedArticle
from clipper.operations.merge import merge_export
from clipper.store import Store, now

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TAGS = ["figure", "quote", "person", "claim"]

# The same rows the CSV export writes (its fixed columns: no attributes in this database),
# formatted by the sqlite3 CLI itself.
REFERENCE_SELECT = (
    "SELECT n.id AS annotation_id, n.article_id, a.title AS article_title, a.outlet, a.author, "
    'a.published, a.url, n.tag, n.start, n."end", n.text, n.note, n.created_at, n.updated_at, '
    "n.page, n.uuid, c.name AS coder, n.status FROM annotations n "
    "JOIN articles a ON a.id = n.article_id JOIN coders c ON c.id = n.coder_id "
    'ORDER BY n.article_id, n.start, n."end", n.tag'
)


# The same objects the JSON export writes, byte for byte (each article with its text and
# its annotations in text order, one per line; the benchmark checks they are equal), made
# by SQLite's json_object and written by the sqlite3 CLI: equal work. Each article's
# annotations come in text order from the annotations_span index (SQLite 3.40 has no
# ORDER BY inside an aggregate; a sorted subquery would cost a json() re-parse per row).
REFERENCE_JSON_SELECT = (
    "SELECT json_object('id', a.id, 'uuid', a.uuid, 'title', a.title, 'outlet', a.outlet, "
    "'author', a.author, 'published', a.published, 'url', a.url, "
    "'source_name', a.source_name, 'source_kind', a.source_kind, 'language', a.language, "
    "'imported_at', a.imported_at, 'content_hash', a.content_hash, 'text', a.text, "
    "'annotations', (SELECT json_group_array(json_object('id', n.id, 'tag', n.tag, "
    "'start', n.start, 'end', n.\"end\", 'text', n.text, 'note', n.note, "
    "'created_at', n.created_at, 'updated_at', n.updated_at, 'page', n.page, "
    "'uuid', n.uuid, 'coder', c.name, 'origin', n.origin, 'origin_detail', n.origin_detail, "
    "'status', n.status, 'attributes', (SELECT json_group_object(x.key, x.value) "
    "FROM annotation_attributes x WHERE x.annotation_id = n.id), "
    "'relations', (SELECT json_group_array(json_object('type', r.type, 'to', t.uuid, "
    "'uuid', r.uuid)) FROM relations r JOIN annotations t ON t.id = r.to_id "
    "WHERE r.from_id = n.id))) "
    "FROM annotations n INDEXED BY annotations_span JOIN coders c ON c.id = n.coder_id "
    "WHERE n.article_id = a.id)) "
    "FROM articles a ORDER BY a.id"
)


def json_articles(path: Path) -> list[bytes]:
    """The article objects of a Clipper JSON export, or the lines of the reference."""
    data = path.read_bytes()
    if data.startswith(b"{\n"):
        data = data[data.index(b'"articles": [\n  ') + 16 : data.rindex(b"\n ]\n}")]
        return data.split(b",\n  ")
    return data.rstrip(b"\n").split(b"\n")


def build(path: Path, rows: int) -> None:
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(7)
    per_article = 1000
    stamp = now()
    with Store(path) as store, store.transaction():
        for number in range(rows // per_article):
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
            spans = set()
            while len(spans) < per_article:
                start = rng.randrange(0, len(text) - 80)
                spans.add((start, start + rng.randrange(3, 80), rng.choice(TAGS)))
            store.insert_annotations_ignoring_duplicates(
                (
                    article.id,
                    s,
                    e,
                    t,
                    text[s:e],
                    'note, with "quotes"' if s % 7 == 0 else "",
                    stamp,
                    stamp,
                    None,
                )
                for s, e, t in spans
            )


def timed(func, *args, **kwargs) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def sqlite3_cli(db: Path, mode: str, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the sqlite3 CLI writing the same rows (CSV) or the same
    JSON objects (JSON: SQLite's json_object, one article object per line)."""
    if mode == "json":
        command = ["sqlite3", "-list", str(db), REFERENCE_JSON_SELECT]
    else:
        command = ["sqlite3", f"-{mode}", "-header", str(db), REFERENCE_SELECT]
    start, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    with out.open("wb") as handle:
        subprocess.run(command, stdout=handle, check=True)
    return time.perf_counter() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def bench_export(db: Path, folder: Path, rows: int, repeat: int) -> Path:
    """Best of ``repeat`` runs for Clipper and for the sqlite3 CLI, interleaved."""
    has_cli = shutil.which("sqlite3") is not None
    for fmt in ("csv", "json"):
        target = folder / f"export.{fmt}"
        ours: list[float] = []
        ours_cpu: list[float] = []
        reference: list[float] = []
        reference_cpu: list[float] = []
        peak = 0.0
        for _ in range(repeat):
            with Store(db) as store:
                base = current_rss_mb()
                reset_peak_rss()
                cpu = cpu_seconds(resource.RUSAGE_SELF)
                seconds, count = timed(export_to_path, store, target, fmt)
                ours_cpu.append(cpu_seconds(resource.RUSAGE_SELF) - cpu)
                peak = max(peak, peak_rss_mb() - base)
            ours.append(seconds)
            if has_cli:
                wall, cpu = sqlite3_cli(db, fmt, folder / f"ref.{fmt}")
                reference.append(wall)
                reference_cpu.append(cpu)
        best = min(ours)
        emit(f"export_{fmt}_seconds", best, "s", rows=count, runs=repeat)
        emit(f"export_{fmt}_rows_per_s", rows / best, "rows/s")
        emit(f"export_{fmt}_peak_memory_above_baseline", peak, "MB", goal="<= 50 MB")
        if reference:
            emit(f"export_{fmt}_bytes", target.stat().st_size / 1e6, "MB")
            emit(f"sqlite3_cli_{fmt}_bytes", (folder / f"ref.{fmt}").stat().st_size / 1e6, "MB")
            if fmt == "json":
                same = json_articles(target) == json_articles(folder / "ref.json")
                emit("export_json_reference_same_bytes", float(same), "bool")
            emit(f"sqlite3_cli_{fmt}_seconds", min(reference), "s")
            emit(f"export_{fmt}_ratio_vs_sqlite3_cli", best / min(reference), "x", goal="<= 1.5x")
            # CPU time is steadier than wall time on a shared machine.
            emit(
                f"export_{fmt}_cpu_ratio_vs_sqlite3_cli",
                min(ours_cpu) / min(reference_cpu),
                "x",
                goal="<= 1.5x",
            )
    if not has_cli:
        print("sqlite3 command-line tool not found: apt-get install sqlite3 for the reference")
    return folder / "export.json"


CHILD_PEAK = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def bench_cli_annotations(db: Path, rows: int) -> None:
    """``clipper annotations --json`` streams: peak memory of the whole listing against the
    listing of one article (the same process, a thousandth of the rows)."""
    peaks = {}
    for label, args in (("all", []), ("one_article", ["1"])):
        command = [sys.executable, "-m", "clipper", "--db", str(db), "annotations", *args]
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", CHILD_PEAK, *command, "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - start
        peaks[label] = int(out.stdout.strip()) / 1024
        emit(f"cli_annotations_json_{label}_seconds", seconds, "s")
        emit(f"cli_annotations_json_{label}_peak_rss", peaks[label], "MB")
    emit(
        "cli_annotations_json_peak_rss_all_minus_one_article",
        peaks["all"] - peaks["one_article"],
        "MB",
        rows=rows,
        goal="constant (~0)",
    )


def bench_save(db: Path) -> None:
    with Store(db) as store:
        article = store.list_articles()[0]
        length = article.length
        rng = random.Random(3)
        samples = []
        for _ in range(2000):
            start = rng.randrange(0, length - 40)
            t0 = time.perf_counter()
            try:
                store.add_annotation(article.id, start, start + rng.randrange(1, 40), "quote")
            except Exception:  # a rare duplicate span: not timed
                continue
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    emit("save_annotation_median", statistics.median(samples), "ms", goal="<= 1 ms")
    emit("save_annotation_p99", samples[int(len(samples) * 0.99)], "ms", goal="<= 5 ms")


def bench_merge(json_path: Path, folder: Path) -> None:
    target = folder / "merged.db"
    with Store(target) as store:
        base = current_rss_mb()
        reset_peak_rss()
        seconds, report = timed(merge_export, store, json_path)
        peak = peak_rss_mb() - base
    emit("import_annotations_seconds", seconds, "s", goal="<= 10 s", added=report.annotations_added)  # type: ignore[attr-defined]
    emit("import_annotations_peak_memory_above_baseline", peak, "MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per export (best counts)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "bench.db"
        seconds, _ = timed(build, db, args.rows)
        emit("build_database_seconds", seconds, "s", rows=args.rows)
        json_path = bench_export(db, folder, args.rows, args.repeat)
        bench_cli_annotations(db, args.rows)
        bench_save(db)
        bench_merge(json_path, folder)
    table(f"Clipper core benchmarks ({args.rows:,} annotations)")


if __name__ == "__main__":
    main()

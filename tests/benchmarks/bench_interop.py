"""Interchange benchmarks (issue 13): JSON Lines and W3C Web Annotation export of
1,000,000 annotations against the sqlite3 CLI writing the same lines (measured in the same
run), with peak memory; and merging the JSON Lines file back.

The database: 1,000 articles (corpus texts) × 1,000 annotations, a quarter of them with
two attributes and one in 20 with a relation, built with the store's bulk helpers
(``merge_annotations``, ``merge_relations``).

The references write the SAME bytes: the sqlite3 CLI (``-list``) running one plain query per
format that builds every line with SQLite's own json functions (``json_object``,
``json_group_array``; the W3C quote's prefix and suffix with ``substr``), written here
independently of Clipper's SQL. The benchmark checks that their lines equal Clipper's
(``*_reference_same_bytes``: 1 = every line equal; JSON Lines: the article lines come first
in the reference, so the check compares article and annotation lines separately). The W3C
reference is also run without the quote context (``..._no_quote_context``: not the same
bytes; it shows what SQLite's substr() walks cost the reference). Each file is deleted
before each run, outside the timings. Figures: median, min and max of the runs, wall
and CPU (CPU: the exporting process, or the sqlite3 child).

Run: nice python tests/benchmarks/bench_interop.py [--rows N] [--repeat K] [--merge]
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
from clipper.model import ImportedArticle, new_uuid
from clipper.operations.merge import merge_export
from clipper.store import Store, now

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TAGS = ["figure", "quote", "person", "claim"]
PER_ARTICLE = 1000

# The fair references: the SAME objects, written by the sqlite3 CLI with SQLite's own json
# functions, each query written the plain way (one json_object per line, nested
# json_object/json_group_array for the nested members), independent of Clipper's SQL.

_W3C_BODY = (
    "(SELECT json_group_array(json(b)) FROM ("
    "SELECT json_object('type', 'TextualBody', 'purpose', 'tagging', 'value', n.tag) AS b "
    "UNION ALL SELECT json_object('type', 'TextualBody', 'purpose', 'commenting', "
    "'format', 'text/plain', 'value', n.note) WHERE n.note <> '' "
    "UNION ALL SELECT json_object('type', 'TextualBody', 'purpose', 'describing', "
    "'format', 'application/json', 'value', '' || json_group_object(x.key, x.value)) "
    "FROM annotation_attributes x WHERE x.annotation_id = n.id HAVING count(*) > 0 "
    "UNION ALL SELECT json_object('id', 'urn:uuid:' || r.uuid, 'type', 'SpecificResource', "
    "'purpose', 'linking', 'source', 'urn:uuid:' || t.uuid, 'clipper:relation', r.type) "
    "FROM relations r JOIN annotations t ON t.id = r.to_id WHERE r.from_id = n.id))"
)


def _w3c_target(via: bool, quote: bool) -> str:
    selectors = (
        "json_array(json_object('type', 'TextPositionSelector', 'start', n.start, "
        "'end', n.\"end\"), json_object('type', 'TextQuoteSelector', 'exact', n.text"
        + (
            ", 'prefix', substr(a.text, max(n.start - 31, 1), min(n.start, 32)), "
            "'suffix', substr(a.text, n.\"end\" + 1, 32)"
            if quote
            else ""
        )
        + "))"
    )
    return (
        "json_object('type', 'SpecificResource', 'source', 'urn:sha256:' || a.content_hash, "
        + ("'via', a.url, " if via else "")
        + f"'selector', {selectors})"
    )


def w3c_reference_select(quote: bool = True) -> str:
    """Each W3C annotation exactly as the exporter writes it (``quote=False``: without
    the TextQuoteSelector's prefix and suffix, which SQLite's substr() must find by
    walking the article text from its start)."""
    return (
        "SELECT json_object('@context', 'http://www.w3.org/ns/anno.jsonld', "
        "'id', 'urn:uuid:' || n.uuid, 'type', 'Annotation', 'motivation', 'tagging', "
        "'created', n.created_at, 'modified', n.updated_at, "
        "'creator', json_object('id', 'urn:uuid:' || c.uuid, 'type', 'Person', 'name', c.name), "
        "'clipper:status', n.status, 'clipper:origin', n.origin, "
        f"'clipper:originDetail', n.origin_detail, 'body', {_W3C_BODY}, "
        "'target', iif(a.url IS NOT NULL AND a.url <> '', "
        f"{_w3c_target(True, quote)}, {_w3c_target(False, quote)})) "
        "FROM annotations n JOIN articles a ON a.id = n.article_id "
        'JOIN coders c ON c.id = n.coder_id ORDER BY n.article_id, n.start, n."end", n.tag'
    )


JSONL_REFERENCE_SELECT = (
    "SELECT json_object('type', 'article', 'id', id, 'uuid', uuid, 'content_hash', "
    "content_hash, 'title', title, 'outlet', outlet, 'author', author, 'published', "
    "published, 'url', url, 'language', language, 'source_name', source_name, "
    "'source_kind', source_kind, 'imported_at', imported_at, 'text', text) "
    "FROM articles ORDER BY id;\n"
    "SELECT json_object('type', 'annotation', 'id', n.id, 'tag', n.tag, 'start', n.start, "
    "'end', n.\"end\", 'text', n.text, 'note', n.note, 'created_at', n.created_at, "
    "'updated_at', n.updated_at, 'page', n.page, 'uuid', n.uuid, 'coder', c.name, "
    "'origin', n.origin, 'origin_detail', n.origin_detail, 'status', n.status, "
    "'attributes', (SELECT json_group_object(x.key, x.value) FROM annotation_attributes x "
    "WHERE x.annotation_id = n.id), "
    "'relations', (SELECT json_group_array(json_object('type', r.type, 'to', t.uuid, "
    "'uuid', r.uuid)) FROM relations r JOIN annotations t ON t.id = r.to_id "
    "WHERE r.from_id = n.id), "
    "'article_id', a.id, 'article_uuid', a.uuid, 'content_hash', a.content_hash, "
    "'title', a.title, 'outlet', a.outlet, 'author', a.author, 'published', a.published, "
    "'url', a.url, 'language', a.language) "
    "FROM annotations n JOIN articles a ON a.id = n.article_id "
    'JOIN coders c ON c.id = n.coder_id ORDER BY n.article_id, n.start, n."end", n.tag;'
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


def reference(db: Path, sql: str, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the sqlite3 CLI writing ``sql``'s rows, one per line."""
    out.unlink(missing_ok=True)
    start, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    with out.open("wb") as handle:
        subprocess.run(["sqlite3", "-list", str(db), sql], stdout=handle, check=True)
    return time.perf_counter() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def _items(path: Path, fmt: str) -> tuple[list[bytes], list[bytes]]:
    """(article lines, annotation lines) of an export or a reference file."""
    data = path.read_bytes()
    if fmt == "w3c":
        if data.startswith(b"{\n"):  # Clipper's collection: the items of its page
            data = data[data.index(b'"items": [\n') + 11 : data.rindex(b"\n ]}")]
            return [], data.split(b",\n")
        return [], data.rstrip(b"\n").split(b"\n")
    lines = data.rstrip(b"\n").split(b"\n")
    articles = [line for line in lines if line.startswith(b'{"type":"article"')]
    annotations = [line for line in lines if line.startswith(b'{"type":"annotation"')]
    return articles, annotations


def _spread(name: str, values: list[float], unit: str, **extra: object) -> float:
    """Emit the median with min and max; returns the median."""
    middle = statistics.median(values)
    emit(name, middle, unit, min=round(min(values), 3), max=round(max(values), 3), **extra)
    return middle


def bench_exports(db: Path, folder: Path, rows: int, repeat: int) -> Path:
    has_cli = shutil.which("sqlite3") is not None
    if not has_cli:
        print("sqlite3 command-line tool not found: apt-get install sqlite3 for the reference")
    runs: dict[str, list[tuple[float, float, float]]] = {"jsonl": [], "w3c": []}
    references = {
        "jsonl": JSONL_REFERENCE_SELECT,
        "w3c": w3c_reference_select(),
        "w3c_no_quote_context": w3c_reference_select(quote=False),
    }
    ref_runs: dict[str, list[tuple[float, float]]] = {name: [] for name in references}
    suffix = {"jsonl": ".jsonl", "w3c": ".jsonld"}
    count = 0
    for _ in range(repeat):  # interleaved, so all see the same machine load
        for fmt in runs:
            target = folder / f"export{suffix[fmt]}"
            target.unlink(missing_ok=True)
            with Store(db) as store:
                base = current_rss_mb()
                reset_peak_rss()
                cpu = cpu_seconds(resource.RUSAGE_SELF)
                start = time.perf_counter()
                count = export_to_path(store, target, fmt)
                seconds = time.perf_counter() - start
                runs[fmt].append(
                    (seconds, cpu_seconds(resource.RUSAGE_SELF) - cpu, peak_rss_mb() - base)
                )
        for name, sql in references.items() if has_cli else ():
            ref_runs[name].append(reference(db, sql, folder / f"reference.{name}"))
    for name, measured in ref_runs.items() if has_cli else ():
        _spread(f"sqlite3_cli_{name}_seconds", [m[0] for m in measured], "s", runs=repeat)
        _spread(f"sqlite3_cli_{name}_cpu_seconds", [m[1] for m in measured], "s")
    for fmt, measured in runs.items():
        wall = _spread(f"export_{fmt}_seconds", [m[0] for m in measured], "s", rows=count)
        cpu = _spread(f"export_{fmt}_cpu_seconds", [m[1] for m in measured], "s")
        emit(f"export_{fmt}_rows_per_s", count / wall, "rows/s")
        emit(f"export_{fmt}_bytes", (folder / f"export{suffix[fmt]}").stat().st_size / 1e6, "MB")
        emit(
            f"export_{fmt}_peak_memory_above_baseline",
            max(m[2] for m in measured),
            "MB",
            goal="<= 50 MB",
        )
        if not has_cli:
            continue
        same = _items(folder / f"export{suffix[fmt]}", fmt) == _items(
            folder / f"reference.{fmt}", fmt
        )
        emit(f"export_{fmt}_reference_same_bytes", float(same), "bool")
        names = [fmt, "w3c_no_quote_context"] if fmt == "w3c" else [fmt]
        for name in names:
            ref_wall = statistics.median(r[0] for r in ref_runs[name])
            ref_cpu = statistics.median(r[1] for r in ref_runs[name])
            goal = {"goal": "<= 1.5x"} if name == fmt else {}
            emit(f"export_{fmt}_ratio_vs_sqlite3_{name}", wall / ref_wall, "x", **goal)
            emit(f"export_{fmt}_cpu_ratio_vs_sqlite3_{name}", cpu / ref_cpu, "x", **goal)
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
    parser.add_argument("--repeat", type=int, default=3, help="runs per export (median, spread)")
    parser.add_argument("--db", type=Path, help="reuse a database built by an earlier run")
    parser.add_argument("--merge", action="store_true", help="also merge the JSONL back")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "bench.db"
        start = time.perf_counter()
        if args.db:
            db = args.db
        else:
            build(db, args.rows)
            emit("build_database_seconds", time.perf_counter() - start, "s", rows=args.rows)
        jsonl = bench_exports(db, folder, args.rows, args.repeat)
        if args.merge:
            bench_merge(jsonl, folder)
    table("Interchange exports (issue 13)")


if __name__ == "__main__":
    main()

"""Team server sync against a real PostgreSQL (started here like the tests' harness):
the first sync of 100,000 annotations (goal ≤ 30 s), an incremental sync of 100 changes
(goal ≤ 1 s), and ten coders syncing at once in separate processes (every change kept,
counted). Same-run references: COPY of the same 100,000 rows into a plain table with
psycopg, and the sqlite3 read of the same rows.

Run with ``nice python tests/benchmarks/bench_sync.py`` from the project root. One JSON
object per line, then a table. Asserts nothing about time. The coder's 100,000
annotations are built with the store's bulk merge (not timed).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "team"))

import psycopg
from _report import emit, peak_rss_mb, table
from _scratch import scratch_dir
from _synthetic import annotate_article, article_text
from postgres_harness import postgres_bindir, start_server

from clipper.model import ImportedArticle
from clipper.operations.sync import sync
from clipper.operations.team_server import add_server_coder, init_server
from clipper.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 1_000
PER_ARTICLE = 100  # x ARTICLES = 100,000 annotations
CODERS = 10
PER_CODER = 1_000


def annotate(
    path: Path, coder: str, per_article: int, seed: int, articles: int | None = None
) -> int:
    """``per_article`` annotations by ``coder`` in each article of the database (10% with
    an attribute, 5% with a relation to the span before)."""
    rng = random.Random(seed)
    count = 0
    with Store(path) as store, store.bulk_writes(), store.transaction():
        ids = [a.id for a in store.list_articles()][:articles]
        for number, article_id in enumerate(ids):
            text = store.get_article(article_id).text
            count += annotate_article(
                store, article_id, text, number, per_article, seed, coder, rng
            )
    return count


def timed_sync(db: Path, url: str) -> tuple[float, float, int, int]:
    with Store(db) as store:
        start, cpu = time.perf_counter(), time.process_time()
        report = sync(store, url)
        return time.perf_counter() - start, time.process_time() - cpu, report.pushed, report.pulled


def server_count(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT uuid) FROM annotations WHERE NOT deleted"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def copy_reference(url: str, db: Path) -> tuple[float, float]:
    """The same 100,000 annotation rows: read from SQLite (sqlite3, as the push reads them)
    and COPY'd into a plain table with psycopg (no upsert, no row security)."""
    with Store(db) as store:
        start = time.perf_counter()
        rows = store.local_changes(0, everything=True).annotations
        read = time.perf_counter() - start
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE copy_reference AS SELECT * FROM annotations WITH NO DATA")
        start = time.perf_counter()
        with conn.cursor().copy(
            'COPY copy_reference (uuid, article_uuid, coder_uuid, start, "end", tag, text, note, '
            "origin, origin_detail, status, page, created_at, updated_at, attributes) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        conn.commit()
        return read, time.perf_counter() - start


def main() -> None:
    bindir = postgres_bindir()
    if bindir is None:
        sys.exit("PostgreSQL is not installed: apt-get install postgresql")
    server = start_server(bindir)
    folder = scratch_dir("clipper-bench-sync-")
    os.chmod(folder, 0o755)
    try:
        url = server.new_database()
        init_server(url)
        stamp = url.rsplit("_", 1)[-1]
        coders = {}
        for n in range(CODERS):
            login = f"bench{n}_{stamp}"
            add_server_coder(url, f"coder{n}", login=login)
            coders[f"coder{n}"] = server.as_role(url, login)

        lead = folder / "lead.db"
        with Store(lead) as store, store.transaction():
            for number in range(ARTICLES):
                store.add_article(
                    ImportedArticle(article_text(number), f"Article {number}", "", "txt")
                )
        seconds, _cpu, pushed, _ = timed_sync(lead, url)
        emit("lead's first sync: 1,000 articles pushed", seconds, "s", rows=pushed)

        coder0 = folder / "coder0.db"
        seconds, _cpu, _, pulled = timed_sync(coder0, coders["coder0"])
        emit("coder's first sync: 1,000 articles pulled", seconds, "s", rows=pulled)
        made = annotate(coder0, "coder0", PER_ARTICLE, seed=1)
        seconds, cpu, pushed, _ = timed_sync(coder0, coders["coder0"])
        emit(
            "first sync of 100,000 annotations: push (coder)",
            seconds, "s", goal="<= 30 s", cpu_s=round(cpu, 2), annotations=made, rows=pushed,
            peak_rss_mb=round(peak_rss_mb()),
        )  # fmt: skip
        assert server_count(url) == (made, made)
        fresh = folder / "fresh-lead.db"
        seconds, cpu, _, pulled = timed_sync(fresh, url)
        emit(
            "first sync of 100,000 annotations: pull into an empty database (lead)",
            seconds, "s", goal="<= 30 s", cpu_s=round(cpu, 2), rows=pulled,
        )  # fmt: skip
        read, copied = copy_reference(url, coder0)
        emit("reference: sqlite3 read of the same 100,000 annotations", read, "s")
        emit("reference: psycopg COPY of the same 100,000 rows (plain table)", copied, "s")

        # 100 changes: 50 new annotations, 25 notes edited, 25 deleted
        with Store(coder0) as store, store.transaction():
            article_id = store.list_articles()[0].id
            existing = store.list_annotations(article_id)
            text_length = len(store.get_article(article_id).text)
            for i in range(50):
                start = text_length - 2 - i
                store.add_annotation(article_id, start, start + 1, "claim", coder="coder0")
            for annotation in existing[:25]:
                store.update_annotation(annotation.id, note="edited")
            for annotation in existing[25:50]:
                store.delete_annotation(annotation.id)
        seconds, cpu, pushed, _ = timed_sync(coder0, coders["coder0"])
        emit(
            "incremental sync, 100 changes: push (coder)", seconds, "s", goal="<= 1 s", rows=pushed
        )
        seconds, cpu, _, pulled = timed_sync(fresh, url)
        emit("incremental sync, 100 changes: pull (lead)", seconds, "s", goal="<= 1 s", rows=pulled)
        seconds, *_ = timed_sync(fresh, url)
        emit("sync with nothing to do", seconds, "s")

        # ten coders at once, in separate processes
        dbs = []
        for n in range(CODERS):
            name = f"coder{n}"
            db = folder / f"team-{name}.db"
            timed_sync(db, coders[name])
            annotate(db, name, PER_CODER // 100, seed=100 + n, articles=100)
            dbs.append((db, coders[name]))
        before = server_count(url)[0]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "clipper", "--db", str(db), "sync", link, "--json"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for db, link in dbs
        ]
        failures = [p.communicate()[1] for p in procs if p.wait() != 0]
        seconds = time.perf_counter() - start
        total, distinct = server_count(url)
        emit(
            "ten coders syncing at once (processes): wall time",
            seconds, "s", failures=len(failures),
        )  # fmt: skip
        emit(
            "ten coders syncing at once: annotations kept on the server",
            total - before, "annotations", expected=CODERS * PER_CODER, duplicates=total - distinct,
        )  # fmt: skip
        seconds, _cpu, _, pulled = timed_sync(fresh, url)
        with Store(fresh) as store:
            held = store.db.execute("SELECT count(*) FROM annotations").fetchone()[0]
        emit("the lead's pull after them", seconds, "s", rows=pulled, lead_annotations=held,
             server_annotations=total)  # fmt: skip
    finally:
        server.stop()
    table("Team server sync")


if __name__ == "__main__":
    main()

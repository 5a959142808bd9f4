"""Store safety benchmarks (issue 8): the cost of the look before opening, online backup
speed, many processes creating one database, merges beside a writer, and how fast a
killed bulk import's workers are gone.

Run: nice python tests/benchmarks/bench_store_safety.py [--articles N] [--creators N]
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table

from clipper.exporters import export_to_path
from clipper.model import ImportedArticle
from clipper.store import Store

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "fixtures" / "pdfs" / "pdfjs__tracemonkey.pdf"
sys.path.insert(0, str(ROOT))
from test_import_workers import _alive, _descendants  # noqa: E402

_CREATOR = """
import sys, time
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
from clipper.store import Store
with Store(sys.argv[1]) as store:
    store.add_tag("t" + sys.argv[3])
"""

_WRITER = """
import sys
from pathlib import Path
from clipper.errors import DatabaseError
from clipper.store import Store
db, stop = sys.argv[1], Path(sys.argv[2])
done = busy = 0
with Store(db) as store:
    while not stop.exists():
        try:
            store.add_tag(f"w{done}")
            done += 1
        except DatabaseError:
            busy += 1
print(done, busy)
"""


def build(db: Path, articles: int) -> None:
    text = "The minister said the budget would rise by four per cent next year. " * 60
    with Store(db) as store, store.transaction():
        for number in range(articles):
            article = store.add_article(
                ImportedArticle(
                    title=f"Story {number}",
                    text=f"{number} {text}",
                    source_name=f"{number}.txt",
                    source_kind="txt",
                )
            )
            for k in range(10):
                store.add_annotation(article.id, k * 10, k * 10 + 8, "quote")


def bench_open(db: Path) -> None:
    times = []
    for _ in range(50):
        start = time.perf_counter()
        Store(db).close()
        times.append(time.perf_counter() - start)
    emit("open_existing_database_median_ms", statistics.median(times) * 1000, "ms")


def bench_backup(db: Path, folder: Path) -> None:
    size = db.stat().st_size  # closed: everything is in the file
    with Store(db) as store:
        start = time.perf_counter()
        store.backup(folder / "copy.db")
        seconds = time.perf_counter() - start
    emit("backup_seconds", seconds, "s", megabytes=round(size / 1e6, 1))
    emit("backup_speed", size / 1e6 / seconds, "MB/s")


def bench_creators(folder: Path, count: int) -> None:
    db, go = folder / "shared.db", folder / "go"
    processes = [
        subprocess.Popen([sys.executable, "-c", _CREATOR, str(db), str(go), str(n)])
        for n in range(count)
    ]
    time.sleep(1.0)  # let them start (they wait for the go file)
    start = time.perf_counter()
    go.touch()
    codes = [p.wait(timeout=600) for p in processes]
    emit("concurrent_creators", count, "processes")
    emit("concurrent_creators_failed", sum(code != 0 for code in codes), "processes")
    emit("concurrent_creators_wall_seconds", time.perf_counter() - start, "s")


def bench_merge_beside_writer(db: Path, folder: Path) -> None:
    export = folder / "export.json"
    with Store(db) as store:
        export_to_path(store, export, "json")
    target = folder / "target.db"
    Store(target).close()
    stop = folder / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target), str(stop)], stdout=subprocess.PIPE, text=True
    )
    time.sleep(1.0)
    start = time.perf_counter()
    merge = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(target), "import-annotations", str(export)],
        capture_output=True,
        text=True,
    )
    emit("merge_beside_writer_seconds", time.perf_counter() - start, "s")
    emit("merge_beside_writer_exit_code", merge.returncode, "code")
    stop.touch()
    done, busy = (int(v) for v in writer.communicate(timeout=120)[0].split())
    emit("writer_commits_during_run", done, "commits")
    emit("writer_busy_errors_during_merge", busy, "errors (5 s busy timeout passed)")


def bench_killed_import(folder: Path) -> None:
    files = []
    for number in range(24):
        target = folder / f"r{number}.pdf"
        shutil.copy(PDF, target)
        files.append(str(target))
    env = {**os.environ, "CLIPPER_IMPORT_WORKERS": "2", "CLIPPER_PDF_WORKERS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "--db", str(folder / "k.db"), "import", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    workers: set[int] = set()
    while len(workers) < 3:
        workers = _descendants(process.pid)
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    start = time.perf_counter()
    process.communicate(timeout=120)
    pipes = time.perf_counter() - start
    while _alive(workers):
        time.sleep(0.01)
    emit("killed_import_pipes_closed_seconds", pipes, "s")
    emit("killed_import_workers_gone_seconds", time.perf_counter() - start, "s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--creators", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "bench.db"
        build(db, args.articles)
        bench_open(db)
        bench_backup(db, folder)
        bench_creators(folder, args.creators)
        bench_merge_beside_writer(db, folder)
        bench_killed_import(folder)
    table(f"Store safety ({args.articles:,} articles)")


if __name__ == "__main__":
    main()

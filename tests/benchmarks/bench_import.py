"""Importing many short text files: Clipper's pipeline against a bare read + insert.

Run: ``nice python tests/benchmarks/bench_import.py [--files 10000] [--rss 1000,10000]
[--rss-only]``.

Files: ``--files`` short UTF-8 clippings (a headline and 2-6 real Wikinews sentences from
tests/fixtures/articles, CC BY 2.5, numbered so that no two are the same), ~500 bytes each.

- ``import N short text files``: :func:`clipper.library.import_files` into a new database
  (the path ``clipper import`` and the app take), seconds.
- ``bare read+insert reference``: the same files read with ``Path.read_bytes``, decoded as
  UTF-8 and inserted into the same kind of new database (same table, same FTS triggers,
  same content hash) with ``sqlite3`` in one transaction: no detection, no checks, no title;
  the floor. The ratio of the two is the goal of issue 11 (≤ 2).
- ``clipper import (CLI) …``: the real command, ``clipper import --json FILES…`` in its own
  process (interpreter start and Clipper's imports included), against the bare reference
  run the same way (``python -c`` with the code of ``bare_read_insert``), wall and CPU.
- ``CLI peak RSS, N files``: ``clipper import --json`` in its own process (peak resident
  memory, VmHWM) for each count in ``--rss``: flat in the count is the goal. Same-run
  reference: a bare ``python -c`` given the same N file names on its command line (CPython
  keeps ~1 KB per argument: 10,000 names cost ~12 MB before any Clipper code runs), and
  the CLI's peak above it. ``… names from a file``: ``clipper import --files-from LIST``
  (no argv: 50,000 names exceed the system's argument-list limit), against a process that
  loads the CLI and reads the same names, importing nothing.

Figures are medians of ``--rounds`` interleaved runs, with min and max.

Prints JSON lines and a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clipper.library import ImportOptions, import_files  # noqa: E402
from clipper.model import content_hash  # noqa: E402
from clipper.store import Store  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"

#: Runs ``clipper import`` in this process, then writes its peak RSS (MB) to stderr.
_CLI_RUNNER = """
import sys
from clipper.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="clipper")
except SystemExit:
    pass
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
print(f"PEAK_RSS_KB {peak}", file=sys.stderr)
"""


#: Prints the peak RSS of a bare interpreter given the same arguments (the same-run
#: reference: what CPython itself keeps for a long argument list).
_ARGV_REFERENCE = """
import sys
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
print(f"PEAK_RSS_KB {peak}", file=sys.stderr)
"""

#: The reference of ``clipper import --files-from LIST``: loads the CLI and reads the names
#: listed in the file argv[2] (one a line), imports nothing.
_CLI_LIST_RUNNER = """
import sys
from clipper.cli import cli
with open(sys.argv[2], encoding="utf-8") as stream:
    names = tuple(line.strip() for line in stream if line.strip())
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
print(f"PEAK_RSS_KB {peak}", file=sys.stderr)
"""


def _peak_rss_mb(command: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    line = done.stderr.decode().strip().splitlines()[-1]
    assert line.startswith("PEAK_RSS_KB"), done.stderr.decode()[-2000:]
    return int(line.split()[1]) / 1024


def rss_figures(root: Path, count: int) -> None:
    """Peak RSS of ``clipper import`` of ``count`` files: on the command line (if the
    system takes that many arguments) and as a list read from a file, each with its
    same-run reference."""
    subset = make_files(root / f"rss-{count}", count, seed=count)
    names = list(map(str, subset))
    try:
        peak = cli_peak_rss_mb(root / f"rss-{count}.db", subset)
        reference = _peak_rss_mb([sys.executable, "-c", _ARGV_REFERENCE, *names])
    except OSError as error:  # E2BIG: more names than one command line can hold
        emit(f"CLI peak RSS, clipper import --json of {count} files", 0, "n/a", why=str(error))
    else:
        emit(f"CLI peak RSS, clipper import --json of {count} files", peak, "MB")
        emit(f"reference peak RSS, bare python given the same {count} names", reference, "MB")
        emit(f"CLI peak RSS above the reference, {count} files", peak - reference, "MB")
    listing = root / f"rss-{count}.txt"
    listing.write_text("\n".join(names), encoding="utf-8")
    db = str(root / f"rss-list-{count}.db")
    cli_args = ["--db", db, "import", "--json", "--files-from", str(listing)]
    peak = _peak_rss_mb([sys.executable, "-c", _CLI_RUNNER, *cli_args])
    reference = _peak_rss_mb([sys.executable, "-c", _CLI_LIST_RUNNER, "none", str(listing)])
    emit(f"CLI peak RSS, {count} names from a file", peak, "MB", reference_mb=round(reference, 1))
    emit(f"CLI peak RSS above the reference, {count} names from a file", peak - reference, "MB")


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(ARTICLES.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        found += [s.strip() + "." for s in text.split(". ") if 40 < len(s) < 300]
    return found


def make_files(folder: Path, count: int, seed: int = 11) -> list[Path]:
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = " ".join(rng.sample(pool, rng.randint(2, 6)))
        path = folder / f"clip-{n:05d}.txt"
        path.write_text(f"Clipping number {n}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def bare_read_insert(db: Path, paths: list[Path]) -> float:
    """Read, decode, insert (same table and triggers), one commit: the floor."""
    Store(db).close()  # the same schema, FTS triggers included
    begun = time.perf_counter()
    conn = sqlite3.connect(db)
    with conn:
        for path in paths:
            text = path.read_bytes().decode("utf-8")
            conn.execute(
                "INSERT INTO articles (title, text, length, source_name, source_kind, "
                "imported_at, content_hash, uuid) VALUES (?, ?, ?, ?, 'txt', ?, ?, ?)",
                (
                    path.stem,
                    text,
                    len(text),
                    path.name,
                    "2026-01-01T00:00:00Z",
                    content_hash(text),
                    str(uuid.uuid4()),
                ),
            )
    conn.close()
    return time.perf_counter() - begun


def clipper_import(db: Path, paths: list[Path]) -> float:
    begun = time.perf_counter()
    with Store(db) as store:
        outcomes = import_files(store, paths, ImportOptions())
    elapsed = time.perf_counter() - begun
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok][:3]
    return elapsed


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


#: The bare reference as a program of its own (for the comparison with the real command):
#: the loop of ``bare_read_insert`` with nothing but the standard library imported.
_BARE_RUNNER = """
import hashlib, sqlite3, sys, uuid
from pathlib import Path
conn = sqlite3.connect(sys.argv[1])
with conn:
    for path in map(Path, sys.argv[2:]):
        text = path.read_bytes().decode("utf-8")
        conn.execute(
            "INSERT INTO articles (title, text, length, source_name, source_kind, "
            "imported_at, content_hash, uuid) VALUES (?, ?, ?, ?, 'txt', ?, ?, ?)",
            (path.stem, text, len(text), path.name, "2026-01-01T00:00:00Z",
             hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
             str(uuid.uuid4())),
        )
conn.close()
"""


def timed_process(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a child process (which must succeed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    begun, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - begun, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def spread(name: str, values: list[float], unit: str, **extra: object) -> float:
    """Emit the median with min and max; returns the median."""
    middle = statistics.median(values)
    emit(name, middle, unit, min=round(min(values), 3), max=round(max(values), 3), **extra)
    return middle


def cli_peak_rss_mb(db: Path, paths: list[Path]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CLI_RUNNER, "--db", str(db), "import", "--json", *map(str, paths)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )
    line = done.stderr.decode().strip().splitlines()[-1]
    assert line.startswith("PEAK_RSS_KB"), done.stderr.decode()[-2000:]
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rss", default="1000,10000", help="file counts for the CLI's RSS")
    parser.add_argument("--rounds", type=int, default=3, help="runs (median, spread)")
    parser.add_argument("--rss-only", action="store_true", help="only the peak-RSS figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="clipper-bench-import-") as scratch:
        root = Path(scratch)
        if args.rss_only:
            for count in (int(c) for c in args.rss.split(",")):
                rss_figures(root, count)
            table("Import of short text files: peak memory")
            return
        paths = make_files(root / "files", args.files)
        runs: dict[str, list[float]] = {
            k: [] for k in ("bare", "ours", "bare_cli", "bare_cli_cpu", "cli", "cli_cpu")
        }
        for round_ in range(args.rounds):  # interleaved: all see the same machine load
            runs["bare"].append(bare_read_insert(root / f"bare-{round_}.db", paths))
            runs["ours"].append(clipper_import(root / f"clipper-{round_}.db", paths))
            files = list(map(str, paths))
            for name in (f"bare-cli-{round_}.db", f"cli-{round_}.db"):
                Store(root / name).close()  # both programs import into an existing database
            wall, cpu = timed_process(
                [sys.executable, "-c", _BARE_RUNNER, str(root / f"bare-cli-{round_}.db"), *files]
            )
            runs["bare_cli"].append(wall)
            runs["bare_cli_cpu"].append(cpu)
            db = str(root / f"cli-{round_}.db")
            wall, cpu = timed_process(
                [sys.executable, "-m", "clipper", "--db", db, "import", "--json", *files]
            )
            runs["cli"].append(wall)
            runs["cli_cpu"].append(cpu)
        n = len(paths)
        bare = spread(f"bare read+insert reference, {n} short text files", runs["bare"], "s")
        ours = spread(f"import {n} short text files (import_files)", runs["ours"], "s")
        emit("import / bare read+insert", ours / bare, "ratio", goal="<= 2")
        emit("import per file", ours / n * 1000, "ms")
        bare_cli = spread("bare read+insert reference as a program, wall", runs["bare_cli"], "s")
        bare_cpu = spread("bare read+insert reference as a program, CPU", runs["bare_cli_cpu"], "s")
        cli = spread(f"clipper import (CLI) of {n} files, wall", runs["cli"], "s")
        cli_cpu = spread(f"clipper import (CLI) of {n} files, CPU", runs["cli_cpu"], "s")
        emit("clipper import (CLI) / bare program, wall", cli / bare_cli, "ratio", goal="<= 2")
        emit("clipper import (CLI) / bare program, CPU", cli_cpu / bare_cpu, "ratio", goal="<= 2")
        for count in (int(c) for c in args.rss.split(",")):
            rss_figures(root, count)
    table("Import of short text files")


if __name__ == "__main__":
    main()

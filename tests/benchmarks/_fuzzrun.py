"""Shared driver of the fuzz benchmarks: CLI options, parallel runs, JSON lines."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "importers"))
sys.path.insert(0, str(ROOT))

from fuzzing import Report, fuzz  # noqa: E402


def options(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", type=int, default=100_000, help="cases to run (100,000)")
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parallel", type=int, default=1, help="worker processes at once")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds before a hang")
    parser.add_argument("--keep", type=Path, default=None, help="save failing cases here")
    return parser.parse_args()


def run(label: str, seeds: list[Path], tokens: list[bytes], args: argparse.Namespace) -> Report:
    """Run the cases split over ``args.parallel`` workers; print the figures."""
    share = [
        args.cases // args.parallel + (i < args.cases % args.parallel) for i in range(args.parallel)
    ]
    started = time.monotonic()
    with ThreadPoolExecutor(args.parallel) as pool:
        reports = list(
            pool.map(
                lambda i: fuzz(
                    seeds,
                    tokens,
                    share[i],
                    seed=args.seed * 1000 + i,
                    minutes=args.minutes,
                    timeout=args.timeout,
                    keep=args.keep,
                    progress=1000,
                ),
                range(args.parallel),
            )
        )
    seconds = time.monotonic() - started
    total = Report()
    for report in reports:
        total.outcomes.update(report.outcomes)
        total.errors.update(report.errors)
        total.limits.update(report.limits)
        total.failures.extend(report.failures)
    cut = total.cases < args.cases
    name = f"{label} fuzz" + (
        f" (stopped after {args.minutes:g} min of {args.cases:,})" if cut else ""
    )
    emit(f"{name}: cases run", total.cases, "cases", goal=">= 100,000")
    for outcome in ("imported", "refused", "traceback", "crash", "hang"):
        emit(
            f"{name}: {outcome}",
            total.outcomes[outcome],
            "cases",
            **({"goal": "0"} if outcome in ("traceback", "crash", "hang") else {}),
        )
    emit(f"{name}: rate ({args.parallel} worker process(es))", total.cases / seconds, "cases/s")
    for error, count in total.errors.most_common():
        print(f"# refused with {error}: {count}")
    for message, count in total.limits.most_common(10):
        print(f"# limit hit {count}x: {message}")
    for saved, detail in total.failures[:20]:
        print(f"# FAILURE {saved or '(not kept)'}: {detail[-600:]}")
    table(f"{label} fuzzing ({total.cases:,} cases, {seconds:.0f} s)")
    return total


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="clipper-fuzz-seeds-"))

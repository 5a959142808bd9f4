"""Memory and time of PDFs at and beyond Clipper's reading limits.

Run: ``python tests/benchmarks/bench_pdf_limits.py [--pages 1000] [--skip-long]``.
A 1,000-page PDF of real text (the Wikinews articles of tests/fixtures/articles set in
Helvetica, 50 lines a page, written by tests/importers/rawpdf.py) is imported in one
process and with two page workers; then each bomb of tests/importers/bombs.py (a few KB
to 2 MB each) is imported in one process. Every import runs in a child process; the peak
memory is the largest summed RSS of the child and its workers (sampled every 20 ms).
Prints JSON lines and a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from _report import emit, table
from _scratch import scratch_dir
from bench_pdf_import import _descendants, _rss_mb

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "importers"))

import bombs  # noqa: E402
from rawpdf import text_pages  # noqa: E402

CHILD = r"""
import json, sys, time
from clipper.errors import ClipperError
from clipper.importers.pdf import read_pdf
path, workers = sys.argv[1], int(sys.argv[2])
started = time.perf_counter()
try:
    article = read_pdf(path, workers=workers)
    outcome = f"imported, {len(article.text):,} characters"
except ClipperError as error:
    outcome = f"{type(error).__name__}: {error.message[:150]}"
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome}))
"""


def measure(path: Path, workers: int) -> tuple[float, float, str]:
    """Seconds, peak MB (summed RSS of the tree) and the outcome of importing ``path``."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(workers)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = 0.0
    while child.poll() is None:
        peak = max(peak, sum(_rss_mb(p) for p in _descendants(child.pid)))
        time.sleep(0.02)
    out, _ = child.communicate()
    if child.returncode != 0:
        return float("nan"), peak, f"child failed with status {child.returncode}"
    data = json.loads(out.strip().splitlines()[-1])
    return data["seconds"], peak, data["outcome"]


def report(label: str, path: Path, workers: int) -> None:
    seconds, peak, outcome = measure(path, workers)
    size = path.stat().st_size / 1024
    print(f"# {label} ({size:,.0f} KB file): {outcome}", flush=True)
    emit(f"{label}: peak memory", peak, "MB", file_kb=round(size), outcome=outcome)
    emit(f"{label}: time", seconds, "s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--skip-long", action="store_true", help="bombs only")
    args = parser.parse_args()
    folder = scratch_dir("clipper-limits-")
    if not args.skip_long:
        articles = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
        paragraphs = [p for a in articles for p in a.read_text(encoding="utf-8").split("\n\n")]
        book = folder / f"book-{args.pages}.pdf"
        book.write_bytes(text_pages(paragraphs, args.pages))
        report(f"{args.pages}-page text PDF, 1 process", book, 1)
        report(f"{args.pages}-page text PDF, 2 page workers", book, 2)
    cases = {
        "text bomb (2,000,000 strings)": bombs.text_bomb(2_000_000),
        "operator bomb (q Q x 8,000,000)": bombs.operator_bomb(8_000_000),
        "operand bomb (5,000,000 numbers)": bombs.operand_bomb(5_000_000),
        "path bomb (1,000,000 rectangles)": bombs.path_bomb(1_000_000),
        "form fan-out bomb (10^8 texts)": bombs.xobject_bomb(8, 10),
        "form nesting (3,000 deep)": bombs.deep_xobjects(3000),
        "flate in flate (2 GB)": bombs.nested_flate_bomb(2, 2_000_000_000),
        "6,000 pages": bombs.many_pages(6000),
    }
    for label, data in cases.items():
        path = folder / "bomb.pdf"
        path.write_bytes(data)
        report(label, path, 1)
    table("PDF limits: memory and time")


if __name__ == "__main__":
    main()

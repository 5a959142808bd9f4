"""PDF import speed and memory, against pdfplumber's plain extract_text() loop and pdftotext.

Run: ``python tests/benchmarks/bench_pdf_import.py``. Files: the 65-page French report
(chelsea_pdta, from the shared corpus) and a 150-page file made here by joining the
Federal Register fixture ten times with pypdf (temp dir, not kept). Every measurement
runs in a child process; the peak memory is the largest sum of resident memory of that
child and its worker processes, sampled every 20 ms (plus the child's own ru_maxrss).
Prints JSON lines and a table; asserts nothing about time.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"
FEDERAL_REGISTER = PDFS / "pdfplumber__federal-register-2020-17221.pdf"
CHELSEA = CORPUS / "pdfplumber__chelsea_pdta.pdf"
CLIPPING = PDFS / "pdfplumber__RGL-1310-Identification-Maple-Leaf-adoption.pdf"

MODES = (
    ("plumber", "extract_text loop"),
    ("1", "clipper 1 process"),
    ("2", "clipper 2 workers"),
    ("auto", "clipper auto"),
)

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
stamps = [time.perf_counter()]
if mode == "plumber":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
            stamps.append(time.perf_counter())
else:
    from clipper.importers.pdf import read_pdf
    workers = None if mode == "auto" else int(mode)
    read_pdf(path, workers=workers, progress=lambda d, t: stamps.append(time.perf_counter()))
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"stamps": stamps, "own_mb": own, "kids_mb": kids}))
"""


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (the forkserver's preloaded modules, shared
    copy-on-write by every worker) counted once across the tree, not once per process."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_child(mode: str, path: Path) -> tuple[list[float], float, float, float]:
    """Run one import in a child; returns per-page seconds, wall seconds, and the peak
    memory of the process tree as summed RSS and as summed PSS (MB)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = peak_pss = 0.0
    while child.poll() is None:
        tree = _descendants(child.pid)
        peak = max(peak, sum(_rss_mb(p) for p in tree))
        peak_pss = max(peak_pss, sum(_pss_mb(p) for p in tree))
        time.sleep(0.02)
    out, _ = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"{mode} on {path.name} failed")
    data = json.loads(out.strip().splitlines()[-1])
    stamps = data["stamps"]
    per_page = [b - a for a, b in itertools.pairwise(stamps)]
    peak = max(peak, data["own_mb"])
    return per_page, stamps[-1] - stamps[0], peak, peak_pss


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def joined_federal_register(folder: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(10):
        writer.append(str(FEDERAL_REGISTER))
    target = folder / "federal-register-x10.pdf"
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def pdftotext_seconds(path: Path) -> float | None:
    if shutil.which("pdftotext") is None:
        return None
    start = time.perf_counter()
    subprocess.run(["pdftotext", str(path), os.devnull], check=True)
    return time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_file(label: str, path: Path) -> None:
    pages = page_count(path)
    print(f"# {label}: {path.name}, {pages} pages", flush=True)
    results: dict[str, float] = {}
    for mode, name in MODES:
        per_page, seconds, peak, peak_pss = run_child(mode, path)
        results[mode] = seconds
        emit(f"{label} {name}: pages/s", pages / seconds, "pages/s")
        if mode in ("plumber", "1"):
            emit(f"{label} {name}: median", 1000 * statistics.median(per_page), "ms/page")
            emit(f"{label} {name}: p95", 1000 * percentile(per_page, 0.95), "ms/page")
        emit(f"{label} {name}: peak memory (PSS, shared pages once)", peak_pss, "MB", goal="<= 150")
        emit(f"{label} {name}: peak memory (RSS summed over processes)", peak, "MB")
    emit(
        f"{label} clipper 1 process / extract_text loop",
        results["1"] / results["plumber"],
        "x",
        goal="<= 1.2",
    )
    emit(f"{label} clipper 2 workers speed-up", results["1"] / results["2"], "x")
    seconds = pdftotext_seconds(path)
    if seconds is None:
        print("# pdftotext not found (apt-get install poppler-utils): reference skipped")
    else:
        emit(f"{label} pdftotext: pages/s", pages / seconds, "pages/s")
        emit(f"{label} clipper 1 process / pdftotext", results["1"] / seconds, "x")


def bench_clipping(folder: Path) -> None:
    db = folder / "clip.db"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), "import", str(CLIPPING)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    emit("2-page clipping: CLI import end to end", time.perf_counter() - start, "s", goal="<= 0.6")
    sys.path.insert(0, str(ROOT))
    from clipper.importers import read_file
    from clipper.store import Store

    start = time.perf_counter()
    with Store(folder / "clip2.db") as store:
        store.add_article(read_file(CLIPPING))
    seconds = time.perf_counter() - start
    emit("2-page clipping: read_file + add_article", seconds, "s", goal="<= 0.6")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_clipping(folder)
        if CHELSEA.exists():
            bench_file("65p French report", CHELSEA)
        else:
            print(f"# {CHELSEA} not found: 65-page report skipped")
        bench_file("150p Federal Register x10", joined_federal_register(folder))
    table(f"PDF import ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()

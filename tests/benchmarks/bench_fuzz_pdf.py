"""Byte-mutated real PDFs through ``read_file``: only an article or Clipper's own errors.

Run: ``python tests/benchmarks/bench_fuzz_pdf.py [--cases 100000] [--minutes 20]
[--parallel 2] [--keep failed/]``. Seeds: the PDFs of tests/fixtures/pdfs and
/work/shared/corpus/pdfs (1 KB-300 KB), cut to their first page (pypdf), those whose
clean import takes at most 0.2 s (a shortcut for the case rate: named in the output).
Each case runs in a reused worker process with a timeout (hangs and crashes counted).
Prints JSON lines; asserts nothing.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from _fuzzrun import ROOT, folder, options, run
from fuzzing import PDF_TOKENS, pdf_seeds

CORPUS = Path("/work/shared/corpus/pdfs")
#: Seeds whose clean import takes longer are left out (seconds).
QUICK = 0.2
os.environ["CLIPPER_PDF_WORKERS"] = "1"


def main() -> None:
    args = options(__doc__ or "")
    sources = [
        p
        for directory in (ROOT / "tests" / "fixtures" / "pdfs", CORPUS)
        if directory.is_dir()
        for p in sorted(directory.glob("*.pdf"))
        if 1000 < p.stat().st_size < 300_000
    ]
    seeds = [seed for seed in pdf_seeds(sources, folder(), pages=1) if _quick(seed)]
    print(f"# {len(seeds)} seed PDFs (first page, read in <= {QUICK} s)", flush=True)
    run("PDF (1-page seeds)", seeds, PDF_TOKENS, args)


def _quick(path: Path) -> bool:
    """Whether the unmutated seed reads in QUICK seconds (keeps the case rate high)."""
    from clipper.errors import ClipperError
    from clipper.importers import read_file

    started = time.perf_counter()
    with contextlib.suppress(ClipperError):
        read_file(path)
    return time.perf_counter() - started <= QUICK


if __name__ == "__main__":
    main()

"""Byte-mutated real PDFs through ``read_file``: only an article or Clipper's own errors.

Run: ``python tests/benchmarks/bench_fuzz_pdf.py [--cases 100000] [--minutes 20]
[--parallel 2] [--keep failed/]``. Seeds: the PDFs of tests/fixtures/pdfs and
/work/shared/corpus/pdfs (1 KB-300 KB), longer ones cut to their first two pages (pypdf)
so that a case takes milliseconds. Each case runs in a reused worker process with a
timeout (hangs and crashes are counted). Prints JSON lines; asserts nothing.
"""

from __future__ import annotations

from pathlib import Path

from _fuzzrun import ROOT, folder, options, run
from fuzzing import PDF_TOKENS, pdf_seeds

CORPUS = Path("/work/shared/corpus/pdfs")


def main() -> None:
    args = options(__doc__ or "")
    sources = [
        p
        for directory in (ROOT / "tests" / "fixtures" / "pdfs", CORPUS)
        if directory.is_dir()
        for p in sorted(directory.glob("*.pdf"))
        if 1000 < p.stat().st_size < 300_000
    ]
    seeds = pdf_seeds(sources, folder())
    print(f"# {len(seeds)} seed PDFs", flush=True)
    run("PDF", seeds, PDF_TOKENS, args)


if __name__ == "__main__":
    main()

"""Byte-mutated web pages through ``read_file``: only an article or Clipper's own errors.

Run: ``python tests/benchmarks/bench_fuzz_html.py [--cases 100000] [--minutes 20]
[--parallel 2] [--keep failed/]``. Seeds: the saved pages of tests/fixtures/html and
/work/shared/corpus/html, and a short page per article of tests/fixtures/articles. Half
the cases insert only ASCII (so that they pass the encoding checks and reach trafilatura
and lxml); the rest insert any bytes. Each case runs in a reused worker process with a
timeout. Prints JSON lines; asserts nothing.
"""

from __future__ import annotations

from pathlib import Path

from _fuzzrun import ROOT, folder, options, run
from fuzzing import HTML_TOKENS, html_seeds

CORPUS = Path("/work/shared/corpus/html")


def main() -> None:
    args = options(__doc__ or "")
    pages = {
        p.name: p
        for directory in (ROOT / "tests" / "fixtures" / "html", CORPUS)
        if directory.is_dir()
        for p in sorted(directory.glob("*.htm*"))
    }
    seeds = html_seeds(list(pages.values()), folder())
    print(f"# {len(seeds)} seed pages", flush=True)
    run("HTML", seeds, HTML_TOKENS, args)


if __name__ == "__main__":
    main()

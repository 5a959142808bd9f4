"""Mutated real PDFs and web pages: only Clipper's own errors or an article, never a
traceback, a crash or a hang (each case in a reused worker process, with a timeout).

The benchmark-style runs (``tests/benchmarks/bench_fuzz_pdf.py``, ``bench_fuzz_html.py``)
use the same harness (:mod:`fuzzing`) for many more cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzzing import HTML_TOKENS, PDF_TOKENS, fuzz, html_seeds, mutate, pdf_seeds

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _check(report_cases: int, report: object) -> None:
    from fuzzing import Report

    assert isinstance(report, Report)
    details = "\n".join(f"{saved}: {detail[-800:]}" for saved, detail in report.failures)
    assert report.bad == 0, details
    assert report.cases == report_cases


@pytest.mark.slow
def test_mutated_pdfs(tmp_path: Path) -> None:
    sources = [p for p in (FIXTURES / "pdfs").glob("*.pdf") if p.stat().st_size > 1000]
    seeds = pdf_seeds(sources, tmp_path)
    report = fuzz(seeds, PDF_TOKENS, 40, seed=8, keep=tmp_path / "failed")
    _check(40, report)
    assert report.outcomes["refused"] and report.outcomes["imported"]


@pytest.mark.slow
def test_mutated_web_pages(tmp_path: Path) -> None:
    seeds = html_seeds(sorted((FIXTURES / "html").glob("*.html")), tmp_path)
    report = fuzz(seeds, HTML_TOKENS, 40, seed=8, keep=tmp_path / "failed")
    _check(40, report)
    assert report.outcomes["imported"] > 5


def test_the_mutator_is_deterministic_and_damages() -> None:
    import random

    data = (FIXTURES / "pdfs" / "pdfplumber__robocop_270.pdf").read_bytes()
    first = [mutate(data, random.Random(3), PDF_TOKENS) for _ in range(3)]
    again = [mutate(data, random.Random(3), PDF_TOKENS) for _ in range(3)]
    assert first == again and all(m != data for m in first)
    page = b"<html><body><p>text</p></body></html>"
    for seed in range(50):
        assert mutate(page, random.Random(seed), HTML_TOKENS, textual=True).isascii()


def test_a_crash_and_a_hang_are_counted_not_fatal(tmp_path: Path) -> None:
    """The harness itself: a worker that dies or stalls is replaced and the run goes on."""
    from fuzzing import Fuzzer, Report

    fuzzer = Fuzzer(".txt", timeout=3.0)
    report = Report()
    try:
        assert fuzzer.run(b"A short article text with words in it.", report) == "imported"
        assert fuzzer.worker is not None
        fuzzer.worker.kill()
        fuzzer.worker.wait()
        assert fuzzer.run(b"Another text, still fine to import.", report) == "crash"
        assert fuzzer.run(b"And a third one that imports again.", report) == "imported"
        assert fuzzer.worker is not None
        import os
        import signal

        os.kill(fuzzer.worker.pid, signal.SIGSTOP)
        assert fuzzer.run(b"The stopped worker cannot answer this.", report) == "hang"
        assert fuzzer.run(b"A fresh worker answers this one.", report) == "imported"
    finally:
        fuzzer.close()
    assert report.outcomes == {"imported": 3, "crash": 1, "hang": 1}

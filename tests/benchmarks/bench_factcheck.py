"""Fact-checking figures: clip by URL from a loopback server (fetch, read, store with the
page as provenance), the fetch's streaming rate up to the size cap, and the ClaimReview
export of many rated claims.

Run: nice python3 tests/benchmarks/bench_factcheck.py (from the repository root).
Loopback only: a real site adds its own network time.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
sys.path.insert(0, str(Path(__file__).parent))

import contextlib

from _report import emit, table
from web_server import serve

from clipper.errors import InputTooLarge
from clipper.exporters import ExportSelection, export_to_stream
from clipper.importers.url import fetch_page
from clipper.library import import_article, import_url
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store

CLAIMS = 2_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, serve() as base:
        times = []
        for run in range(5):
            with Store(Path(folder) / f"clip{run}.db") as store:
                started = time.perf_counter()
                outcome = import_url(store, f"{base}/old")
                times.append(time.perf_counter() - started)
                assert outcome.ok, outcome.error
        emit(
            "clip by URL, 43 KB page behind 2 redirects (loopback), median of 5",
            statistics.median(times) * 1000,
            "ms",
        )
        started = time.perf_counter()
        with contextlib.suppress(InputTooLarge):
            fetch_page(f"{base}/huge")
        emit(
            "fetch stopped at the 100 MB cap (loopback, streamed)",
            time.perf_counter() - started,
            "s",
        )

        with Store(Path(folder) / "claims.db") as store:
            session = Session(store)
            text = " ".join(f"Claim number {n} says {n}% more." for n in range(CLAIMS))
            article = import_article(store, ImportedArticle(text, "Claims", "c.txt", "txt")).id
            position = 0
            with store.transaction():
                for n in range(CLAIMS):
                    sentence = f"Claim number {n} says {n}% more."
                    start = text.index(sentence, position)
                    position = start + len(sentence)
                    claim = session.add_annotation(article, start, position, "claim")
                    session.edit_annotation(
                        claim.annotations_added[0].id,
                        attributes={"rating": "Half true", "verdict": "Partly."},
                    )
            started = time.perf_counter()
            out = io.BytesIO()
            count = export_to_stream(store, out, "claimreview", ExportSelection())
            elapsed = time.perf_counter() - started
            assert count == CLAIMS
            emit(f"ClaimReview export, {CLAIMS:,} rated claims", elapsed * 1000, "ms")
            emit("ClaimReview export size per claim", len(out.getvalue()) / CLAIMS, "bytes")
    table("Fact-checking")


if __name__ == "__main__":
    main()

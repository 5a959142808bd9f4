# ruff: noqa: B023  (the lambdas run inside their loop iteration)
"""The page pane (View › Page view, F9) in the real main window, offscreen.

- first page shown: from ``open_article`` (page view visible) until page 1 is rendered and
  painted: the first time an article is opened (its PDF is copied out of the database in a
  background job, opened by pdfium, page 1 rendered) and again (the copy is reused);
- cached page change: PgDn to a page already rendered, until it is painted;
- memory: resident memory added by showing a 300-page PDF's pages and paging through all
  of them (the cache is bounded), against the same window with the article's text only.

Files: tests/fixtures/pdfs/py-pdf-sample-files__multicolumn.pdf (3 pages) and a 300-page
PDF made here by repeating the 14 pages of pdfjs__tracemonkey.pdf with pdfium (temp dir).
Run: ``nice python tests/benchmarks/bench_page_view.py [--quick]`` (--quick: 60 pages).
Prints JSON lines, then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from _report import current_rss_mb, emit, table  # noqa: E402
from _scratch import scratch_dir  # noqa: E402

PDFS = ROOT / "tests" / "fixtures" / "pdfs"
TMP = scratch_dir("clipper-bench-pages-")


def make_long_pdf(pages: int) -> Path:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(PDFS / "pdfjs__tracemonkey.pdf")
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        count = min(len(source), pages - len(out))
        out.import_pages(source, list(range(count)))
    path = TMP / f"tracemonkey-x{pages}.pdf"
    out.save(path)
    return path


def wait(app: object, done: Callable[[], bool], timeout: float = 60.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the page view did not answer in time")
        QApplication.processEvents()
        time.sleep(0.0005)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--db",
        type=Path,
        help="a database from an earlier run of this benchmark (skips importing the PDFs)",
    )
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings
    from clipper.library import ImportOptions, import_files

    app = QApplication.instance() or QApplication([])
    window = create_main_window(
        args.db or TMP / "bench.db", settings=Settings(TMP / "settings.ini")
    )
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    store = window.controller.store
    pane = window.page_view  # type: ignore[attr-defined]
    canvas = pane.canvas

    stored = {store.get_article(a.id).source_name: a.id for a in store.list_articles()}

    def article(path: Path, options: ImportOptions | None = None) -> int:
        if path.name in stored:
            return stored[path.name]
        [outcome] = import_files(store, [path], options or ImportOptions())
        assert outcome.article_id is not None, outcome.error
        return outcome.article_id

    small = article(PDFS / "py-pdf-sample-files__multicolumn.pdf")
    other = article(PDFS / "pdfplumber__scotus-transcript-p1.pdf")
    window.controller.articles_imported([small, other])
    window.actions_by_name["page_view"].setChecked(True)

    def shown_ms(article_id: int, pages: bool) -> float:
        """From opening the article until the window (text, and page 1 if ``pages``) is
        painted."""
        window.open_article(other)
        wait(app, lambda: not pages or (pane.ready and pane.cache.get(0) is not None))
        app.processEvents()
        t0 = time.perf_counter()
        window.open_article(article_id)
        if pages:
            wait(app, lambda: pane.ready and pane.cache.get(0) is not None)
        app.processEvents()
        window.repaint()
        return (time.perf_counter() - t0) * 1000

    window.actions_by_name["page_view"].setChecked(False)
    text_only = [shown_ms(small, False) for _ in range(5)]
    window.actions_by_name["page_view"].setChecked(True)
    first = shown_ms(small, True)
    again = [shown_ms(small, True) for _ in range(5)]
    emit(
        "reference: article shown with the page view off (median of 5)",
        statistics.median(text_only),
        "ms",
    )
    emit("first page shown, first opening (copy out of the db + render)", first, "ms", goal="<=150")
    emit(
        "first page shown, opened again (median of 5)",
        statistics.median(again),
        "ms",
        goal="<=150",
    )

    # cached page change
    canvas.setFocus()
    for index in range(len(canvas.sizes)):
        canvas.go_to_page(index)
        wait(
            app,
            lambda: (
                (c := pane.cache.get(index)) is not None
                and abs(c.scale - canvas.render_scale()) < 1e-3
            ),
        )
    changes = []
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for step in range(10):
        key = Qt.Key.Key_PageDown if step % 2 == 0 else Qt.Key.Key_PageUp
        t0 = time.perf_counter()
        QApplication.sendEvent(
            canvas, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        )
        canvas.viewport().repaint()
        changes.append((time.perf_counter() - t0) * 1000)
    emit(
        "cached page change (PgDn/PgUp + repaint, median of 10)",
        statistics.median(changes),
        "ms",
        goal="<=50",
    )
    emit("cached page change, slowest of 10", max(changes), "ms")

    # memory: a long PDF
    pages = 60 if args.quick else 300
    name = f"tracemonkey-x{pages}.pdf"
    t0 = time.perf_counter()
    long_id = stored.get(name) or article(make_long_pdf(pages), ImportOptions(workers=2))
    if name not in stored:
        emit(f"import the {pages}-page PDF (setup, 2 workers)", time.perf_counter() - t0, "s")
    window.controller.articles_imported([long_id])
    window.actions_by_name["page_view"].setChecked(False)
    window.open_article(long_id)
    app.processEvents()
    base = current_rss_mb()
    window.actions_by_name["page_view"].setChecked(True)
    t0 = time.perf_counter()
    wait(app, lambda: pane.ready and pane.cache.get(0) is not None)
    canvas.viewport().repaint()
    emit(
        f"first page shown, {pages}-page PDF first opening",
        (time.perf_counter() - t0) * 1000,
        "ms",
        goal="<=150",
    )
    peak = current_rss_mb()
    for index in range(pages):
        canvas.go_to_page(index)
        wait(
            app,
            lambda: (
                (c := pane.cache.get(index)) is not None
                and abs(c.scale - canvas.render_scale()) < 1e-3
            ),
        )
        canvas.viewport().repaint()
        if index % 10 == 0:
            peak = max(peak, current_rss_mb())
    peak = max(peak, current_rss_mb())
    emit(
        f"memory added by the page view, {pages}-page PDF, all pages shown (peak)",
        peak - base,
        "MB",
        goal="<=100",
    )
    emit(f"page cache after paging through {pages} pages", pane.cache.size / 2**20, "MB")
    emit(
        "rendered page size at fit width (one page image)",
        pane.cache.get(pages - 1).image.sizeInBytes() / 2**20,
        "MB",
    )
    window.close()
    table("Page view (real main window, offscreen)")


if __name__ == "__main__":
    main()

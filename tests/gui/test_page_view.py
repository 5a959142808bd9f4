"""The page pane (View › Page view, F9) on real PDFs in the real main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.gui.page_canvas import GAP
from clipper.gui.page_view import NO_SOURCE, NOT_PDF, PageView
from clipper.library import import_files
from clipper.model import ImportedArticle

TWO_COLUMNS = "py-pdf-sample-files__multicolumn.pdf"
ROTATED = "pdfplumber__robocop_270.pdf"  # /Rotate 270


def open_pdf(window: MainWindow, qtbot: QtBot, fixtures: Path, name: str) -> PageView:
    window.resize(1600, 1000)
    [outcome] = import_files(window.controller.store, [fixtures / "pdfs" / name])
    assert outcome.article_id is not None
    window.controller.articles_imported([outcome.article_id])
    window.open_article(outcome.article_id)
    window.actions_by_name["page_view"].setChecked(True)
    pane: PageView = window.page_view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: pane.ready and pane.cache.get(0) is not None, timeout=30_000)
    return pane


def wait_rendered(pane: PageView, qtbot: QtBot, index: int) -> None:
    qtbot.waitUntil(
        lambda: (
            (c := pane.cache.get(index)) is not None
            and abs(c.scale - pane.canvas.render_scale()) < 1e-3
        ),
        timeout=30_000,
    )


def ink(image: QImage, rect: QRectF) -> float:
    """Share of dark pixels of ``image`` inside ``rect`` (image pixels)."""
    dark = total = 0
    r = rect.toRect().intersected(image.rect())
    for y in range(r.top(), r.bottom() + 1):
        for x in range(r.left(), r.right() + 1):
            total += 1
            dark += image.pixelColor(x, y).lightness() < 200
    return dark / total if total else 0.0


def image_rect(pane: PageView, index: int, box: tuple[float, float, float, float]) -> QRectF:
    """A layout box in the rendered image's pixels."""
    canvas = pane.canvas
    view = canvas.to_view(index, box)
    page = canvas.page_rect(index)
    scale = pane.cache.get(index).scale / canvas.zoom  # type: ignore[union-attr]
    return QRectF(
        (view.x() - page.x()) * scale,
        (view.y() - page.y()) * scale,
        view.width() * scale,
        view.height() * scale,
    )


def word_span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(("name", "word"), [(TWO_COLUMNS, "consectetuer"), (ROTATED, "police")])
def test_annotation_boxes_are_the_characters_boxes_on_the_rendered_page(
    window: MainWindow, qtbot: QtBot, fixtures: Path, name: str, word: str
) -> None:
    pane = open_pdf(window, qtbot, fixtures, name)
    article = window.controller.article
    assert article is not None
    # an occurrence in the second half: the right column / further down the rotated page
    start = article.text.index(word, len(article.text) // 3)
    end = start + len(word)
    annotation = window.controller.add_annotation(article.id, start, end, "person")
    layout = pane.char_layout
    assert layout is not None
    expected = layout.line_boxes(start, end)
    page = expected[0][0]
    drawn = [b for b in pane._boxes_for_page(page) if b.annotation_id == annotation.id]
    assert [(b.page, b.box) for b in drawn] == expected
    for char_page, (x0, top, x1, bottom) in layout.boxes_for(start, end):
        box = next(b.box for b in drawn if b.page == char_page)
        assert box[0] <= x0 and top >= box[1] and x1 <= box[2] and bottom <= box[3]
    # the box sits on the printed word: ink inside, little right beside it
    pane.canvas.ensure_visible(page - 1)
    wait_rendered(pane, qtbot, page - 1)
    image = pane.cache.get(page - 1).image  # type: ignore[union-attr]
    on_word = image_rect(pane, page - 1, drawn[0].box)
    assert ink(image, on_word) > 0.08
    beside = on_word.translated(0, 3 * on_word.height())
    assert ink(image, on_word) > ink(image, beside) or ink(image, beside) < 0.05


@pytest.mark.parametrize(("name", "word"), [(TWO_COLUMNS, "consectetuer"), (ROTATED, "police")])
def test_text_to_page_to_text_round_trip(
    window: MainWindow, qtbot: QtBot, fixtures: Path, name: str, word: str
) -> None:
    pane = open_pdf(window, qtbot, fixtures, name)
    article = window.controller.article
    assert article is not None
    start = article.text.index(word, len(article.text) // 3)
    span = (start, start + len(word))
    window.view.select_span(*span)
    selection = pane.canvas._selection
    assert len(selection) == 1 and selection[0].page >= 1
    index = selection[0].page - 1
    wait_rendered(pane, qtbot, index)
    rect = pane.canvas.to_view(index, selection[0].box).toRect()
    assert pane.canvas.viewport().rect().contains(rect.center())
    window.view.select_span(0, 1)  # somewhere else
    inner = rect.adjusted(1, 1, -1, -1)
    viewport = pane.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=inner.topLeft() - QPoint(1, 1))
    qtbot.mouseMove(viewport, inner.center())
    qtbot.mouseMove(viewport, inner.bottomRight() + QPoint(1, 1))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=inner.bottomRight() + QPoint(1, 1))
    assert window.view.selected_span() == span


def test_clicking_a_highlight_on_the_page_selects_it_in_the_text(
    window: MainWindow, qtbot: QtBot, fixtures: Path
) -> None:
    pane = open_pdf(window, qtbot, fixtures, TWO_COLUMNS)
    article = window.controller.article
    assert article is not None
    start, end = word_span(article.text, "consectetuer")
    annotation = window.controller.add_annotation(article.id, start, end, "quote")
    window.view.select_span(0, 1)
    box = next(b for b in pane._boxes_for_page(1) if b.annotation_id == annotation.id)
    pane.canvas.ensure_visible(0, box.box)
    centre = pane.canvas.to_view(0, box.box).center().toPoint()
    qtbot.mouseClick(pane.canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.view.selected_span() == (start, end)
    assert [a.id for a in window.annotations.selected_annotations()] == [annotation.id]


def test_page_keys_zoom_and_fit_width(window: MainWindow, qtbot: QtBot, fixtures: Path) -> None:
    pane = open_pdf(window, qtbot, fixtures, TWO_COLUMNS)
    canvas = pane.canvas
    canvas.setFocus()
    fitted = canvas.zoom
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.current_page() == 1
    wait_rendered(pane, qtbot, 1)
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert canvas.current_page() == 0
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom > fitted and not canvas.fit_width
    qtbot.keyClick(canvas, Qt.Key.Key_W)
    widest = max(w for w, _ in canvas.sizes)
    fits = (canvas.viewport().width() - 2 * GAP) / widest
    assert canvas.fit_width and canvas.zoom == pytest.approx(fits, abs=2e-3)
    assert "Page 1 of 3" in pane.page_label.text()


def test_text_articles_and_old_pdf_articles_say_why_there_are_no_pages(
    window: MainWindow, qtbot: QtBot, fixtures: Path
) -> None:
    store = window.controller.store
    [text] = import_files(store, [next((fixtures / "articles").iterdir())])
    # a PDF article stored before Clipper kept the file: a layout, no source file
    pdf = import_files(store, [fixtures / "pdfs" / TWO_COLUMNS])[0]
    assert pdf.article_id is not None and text.article_id is not None
    layout = store.get_layout(pdf.article_id)
    old = store.add_article(
        ImportedArticle(
            text=store.get_article(pdf.article_id).text + " (old)",
            title="old",
            source_name="old.pdf",
            source_kind="pdf",
            layout=None if layout is None else layout.to_bytes(),
        )
    )
    window.controller.articles_imported([text.article_id, old.id])
    window.actions_by_name["page_view"].setChecked(True)
    pane: PageView = window.page_view  # type: ignore[attr-defined]
    window.open_article(text.article_id)
    assert pane.message.text() == NOT_PDF and pane.stack.currentWidget() is pane.message
    window.open_article(old.id)
    assert pane.message.text() == NO_SOURCE
    window.view.select_span(0, 5)  # selecting text does nothing on the pane, breaks nothing
    assert pane.canvas.sizes == ()


def test_a_page_draws_its_annotations_without_reading_the_others(
    window: MainWindow, qtbot: QtBot, fixtures: Path
) -> None:
    """Many annotations over a 3-page PDF, some across a page break, some rejected: each
    page's boxes are those of every shown annotation's characters on it (in text order),
    read as that page's spans; the article's annotations are never all read."""
    pane = open_pdf(window, qtbot, fixtures, TWO_COLUMNS)
    article = window.controller.article
    layout = pane.char_layout
    assert article is not None and layout is not None
    store = window.controller.store
    pages = list(layout.pages)
    breaks = [pages.index(p) for p in sorted(set(pages) - {0, 1})]
    assert breaks  # the PDF has several pages
    spans = [(s, s + 40) for s in range(0, len(article.text) - 40, 97)]
    spans += [(b - 30, b + 30) for b in breaks]  # across a page break
    for n, (start, end) in enumerate(spans):
        store.add_annotation(
            article.id,
            start,
            end,
            ("person", "figure", "quote")[n % 3],
            origin="suggested" if n % 4 == 0 else "manual",
            status="rejected" if n % 4 == 0 else "accepted",
        )
    window.controller.refresh()
    qtbot.waitUntil(lambda: pane.ready and pane.cache.get(0) is not None, timeout=30_000)
    shown = sorted(
        (a for a in store.list_annotations(article.id) if a.status != "rejected"),
        key=lambda a: (a.start, a.end, a.id),
    )
    for page in range(1, len(pane.canvas.sizes) + 1):
        expected = [
            (a.id, box)
            for a in shown
            for on, box in layout.line_boxes(a.start, a.end)
            if on == page
        ]
        drawn = [(b.annotation_id, b.box) for b in pane._boxes_for_page(page)]
        assert drawn == expected and drawn
    pane.canvas.viewport().repaint()
    assert not window.controller.annotations.loaded()

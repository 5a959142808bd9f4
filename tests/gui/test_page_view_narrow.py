"""Page view (F9) in a 1,024 px window leaves the article text readable beside the page:
the text was squeezed to a word a line ("Corporat / e Overvie / w")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.gui.page_view import READABLE_TEXT_CHARS, PageView
from clipper.library import import_files
from tests.gui.test_page_view import TWO_COLUMNS


def _open_pdf_in_a_1024_px_window(window: MainWindow, qtbot: QtBot, fixtures: Path) -> None:
    """A two-column PDF imported and opened in a window as wide as a 1,024 px screen allows."""
    window.resize(1008, 652)
    qtbot.waitUntil(lambda: window.width() == 1008)
    [outcome] = import_files(window.controller.store, [fixtures / "pdfs" / TWO_COLUMNS])
    assert outcome.article_id is not None
    window.controller.articles_imported([outcome.article_id])
    window.open_article(outcome.article_id)


def test_page_view_shares_a_narrow_article_pane(
    window: MainWindow, qtbot: QtBot, fixtures: Path
) -> None:
    _open_pdf_in_a_1024_px_window(window, qtbot, fixtures)
    window.actions_by_name["page_view"].setChecked(True)
    pane: PageView = window.page_view  # type: ignore[attr-defined]
    QApplication.processEvents()
    splitter = window.findChild(QSplitter, "textPageSplitter")
    assert splitter is not None
    text, page = splitter.sizes()
    assert page >= pane.minimumSizeHint().width()
    # The text gets half, or all the page leaves: at least 20 average characters a line.
    assert text >= min(page, splitter.width() - pane.minimumSizeHint().width()) - 2
    assert text >= window.view.fontMetrics().averageCharWidth() * 20


def test_page_view_keeps_the_text_readable_in_a_1024_px_window(
    window: MainWindow, qtbot: QtBot, fixtures: Path
) -> None:
    """The text was ~130 px beside the page at 1,024 px, words broken mid-word: the side panes
    now give the centre room for READABLE_TEXT_CHARS a line, and get it back after F9."""
    _open_pdf_in_a_1024_px_window(window, qtbot, fixtures)
    before = window.splitter.sizes()
    window.actions_by_name["page_view"].setChecked(True)
    QApplication.processEvents()
    pane: PageView = window.page_view  # type: ignore[attr-defined]
    splitter = window.findChild(QSplitter, "textPageSplitter")
    assert splitter is not None
    text, page = splitter.sizes()
    assert text >= window.view.width_for_chars(READABLE_TEXT_CHARS) - 2
    assert page >= pane.minimumSizeHint().width()
    library, _centre, annotations = window.splitter.sizes()
    assert library >= window.library.minimumSizeHint().width()
    assert annotations >= window.annotations.minimumSizeHint().width()
    window.resize(1000, 652)  # a resize keeps the room
    qtbot.waitUntil(lambda: window.width() == 1000)
    QApplication.processEvents()
    assert splitter.sizes()[0] >= window.view.width_for_chars(READABLE_TEXT_CHARS) - 2
    window.resize(1008, 652)
    qtbot.waitUntil(lambda: window.width() == 1008)
    window.actions_by_name["page_view"].setChecked(False)
    QApplication.processEvents()
    assert window.splitter.sizes() == before

"""A saved web page in the app (issue 10, item 8): the headline is part of the text and can
be tagged; a header above the text says outlet, author, date and address."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, stored, tag_span

from clipper.gui.controller import Changes
from clipper.gui.main_window import MainWindow
from clipper.importers import read_file
from clipper.library import import_article

PAGE = (
    Path(__file__).parents[1]
    / "fixtures"
    / "html"
    / "trafilatura__wikimediafoundation.org.turkey.html"
)
TITLE = "Access to Wikipedia restored in Turkey after more than two and a half years"


def test_headline_is_tagged_like_any_text_and_header_shows_metadata(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = import_article(window.controller.store, read_file(PAGE))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    assert window.view.text().startswith(TITLE + "\n\n")
    tag_span(qtbot, window, 0, len(TITLE), "4")
    assert stored(window) == [(0, len(TITLE), "claim", TITLE)]

    header = window.article_header
    assert header.isVisible()
    shown = header.text()
    assert "Wikimedia Foundation" in shown and "2020-01-15" in shown
    assert 'href="https://wikimediafoundation.org/news/2020/01/15/' in shown
    assert TITLE not in shown  # the text starts with it: not said twice
    assert header.textFormat() == Qt.TextFormat.RichText
    # the text sits in a splitter beside the page view: compare in window coordinates
    header_bottom = header.mapTo(window, header.rect().bottomLeft()).y()
    assert header_bottom <= window.view.mapTo(window, window.view.rect().topLeft()).y()


def test_no_header_band_for_a_clipping_without_metadata(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, PLAIN_TEXT)
    assert not window.article_header.isVisible()


def test_header_follows_the_properties(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    window.controller.store.update_article(article.id, outlet="The Example Times")
    window.controller.refresh()
    qtbot.waitUntil(lambda: window.article_header.isVisible(), timeout=5000)
    assert "The Example Times" in window.article_header.text()


def test_an_author_who_is_the_outlet_is_named_once(qtbot: QtBot, window: MainWindow) -> None:
    article = import_article(window.controller.store, read_file(PAGE))
    assert article.outlet == article.author == "Wikimedia Foundation"  # a press release
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    assert window.article_header.text().count("Wikimedia Foundation") == 1
    window.controller.store.update_article(article.id, author="Katherine Maher")
    window.controller.refresh()
    qtbot.waitUntil(lambda: "Katherine Maher" in window.article_header.text(), timeout=5000)
    assert window.article_header.text().count("Wikimedia Foundation") == 1

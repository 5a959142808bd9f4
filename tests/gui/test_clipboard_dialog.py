"""New clipping from clipboard asks URL, outlet, date and title (issue 10, item 9)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from clipper.fields import date_problem
from clipper.gui.clipboard_dialog import ClipboardDetailsDialog
from clipper.gui.main_window import MainWindow

TEXT = "Mayor resigns\n\nThe mayor said “I am leaving” on Monday.\n"


def open_dialog(window: MainWindow, mime: QMimeData) -> ClipboardDetailsDialog:
    QGuiApplication.clipboard().setMimeData(mime)
    window.actions_by_name["paste_clipping"].trigger()
    [dialog] = [d for d in window.findChildren(ClipboardDetailsDialog) if d.isVisible()]
    return dialog


def text_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def test_details_are_prefilled_from_the_copied_address_and_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    mime = text_mime(TEXT)
    # what Firefox adds to a copied selection: the page's address, UTF-16
    mime.setData("text/x-moz-url-priv", "https://www.bbc.co.uk/news/uk-123".encode("utf-16-le"))
    dialog = open_dialog(window, mime)
    assert dialog.edits["url"].text() == "https://www.bbc.co.uk/news/uk-123"
    assert dialog.focusWidget() is dialog.edits["outlet"]
    qtbot.keyClicks(dialog.edits["outlet"], "BBC News")
    qtbot.keyClicks(dialog.edits["published"], "2005-03-14")
    qtbot.keyClick(dialog.edits["published"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.store.count_articles() == 1, timeout=10_000)
    [row] = window.controller.store.list_articles()
    qtbot.waitUntil(
        lambda: window.controller.store.get_article(row.id).outlet == "BBC News", timeout=10_000
    )
    article = window.controller.store.get_article(row.id)
    assert (article.url, article.published, article.title) == (
        "https://www.bbc.co.uk/news/uk-123",
        "2005-03-14",
        "Mayor resigns",
    )
    assert article.text.startswith("Mayor resigns")
    qtbot.waitUntil(lambda: "BBC News" in window.article_header.text(), timeout=5000)


def test_a_bad_date_is_refused_with_the_core_rule_until_fixed(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_dialog(window, text_mime(TEXT + "\nbbc.co.uk/news/x\n"))
    assert dialog.edits["url"].text() == ""  # only a full address on its own line is taken
    qtbot.keyClicks(dialog.edits["url"], "bbc.co.uk/news/x")
    qtbot.keyClicks(dialog.edits["published"], "14/03/2005")
    problem = dialog.problems["published"].text()
    assert (
        problem
        and "YYYY-MM-DD" in problem
        and (date_problem("14/03/2005") or "").endswith("(write YYYY-MM-DD, YYYY-MM or YYYY)")
    )
    assert not dialog.ok_button.isEnabled()
    height = dialog.height()
    qtbot.keyClick(dialog.edits["published"], Qt.Key.Key_Return)
    assert dialog.isVisible() and window.controller.store.count_articles() == 0
    dialog.edits["published"].setText("2005-03-14")
    assert dialog.problems["published"].text() == "" and dialog.height() == height
    qtbot.keyClick(dialog.edits["published"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.store.count_articles() == 1, timeout=10_000)
    [row] = window.controller.store.list_articles()
    qtbot.waitUntil(
        lambda: window.controller.store.get_article(row.id).url == "https://bbc.co.uk/news/x",
        timeout=10_000,
    )


def test_a_title_typed_wins_and_escape_imports_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(window, text_mime(TEXT + "https://example.org/mayor\n"))
    assert dialog.edits["url"].text() == "https://example.org/mayor"  # the text's last line
    qtbot.keyClick(dialog.edits["outlet"], Qt.Key.Key_Escape)
    assert not dialog.isVisible() and window.controller.store.count_articles() == 0

    dialog = open_dialog(window, text_mime(TEXT))
    qtbot.keyClicks(dialog.edits["title"], "The mayor leaves")
    qtbot.keyClick(dialog.edits["title"], Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: window.controller.store.count_articles() == 1, timeout=10_000)
    [row] = window.controller.store.list_articles()
    qtbot.waitUntil(
        lambda: window.controller.store.get_article(row.id).title == "The mayor leaves",
        timeout=10_000,
    )

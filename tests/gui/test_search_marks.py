"""The library search term is marked in the opened article (issue 10, item 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tagging import add_article

from clipper.gui.main_window import MainWindow
from clipper.gui.search_marks import search_terms

BUDGET = (
    "Budget talks\n\nThe finance minister said the deficit would fall. Critics doubt the "
    "Deficit claim; deficits rarely fall.\n\n" + "Filler paragraph.\n\n" * 80 + "The deficit."
)
OTHER = "Transport news\n\nThe new tram line opens in May.\n"


def marks(window: MainWindow) -> list[str]:
    """The marked text, from the view's selections mapped to code points."""
    view = window.view
    found = []
    for selection in view.extraSelections():
        cursor = selection.cursor
        start, end = view.position_map().span_from_qt(
            cursor.selectionStart(), cursor.selectionEnd()
        )
        found.append(view.text()[start:end])
    return found


def test_search_term_is_marked_in_the_opened_article(qtbot: QtBot, window: MainWindow) -> None:
    budget = add_article(window, BUDGET, open_it=False)
    add_article(window, OTHER)
    qtbot.keyClicks(window.library.search, "deficit")
    qtbot.keyClick(window.library.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.visible_article_ids() == [budget.id], timeout=5000)
    window.open_article(budget.id)
    # any case; the last word typed is a prefix for the library search ("deficits" is
    # found), and so it is marked
    assert marks(window) == ["deficit", "Deficit", "deficits", "deficit"]
    assert window.view.textCursor().position() == BUDGET.index("deficit")

    window.library.search.clear()
    qtbot.keyClick(window.library.search, Qt.Key.Key_Return)
    assert marks(window) == []


def test_earlier_words_and_quoted_words_are_marked_whole(qtbot: QtBot, window: MainWindow) -> None:
    budget = add_article(window, BUDGET)
    qtbot.keyClicks(window.library.search, 'Critics "deficit"')
    qtbot.keyClick(window.library.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.library.visible_article_ids() == [budget.id], timeout=5000)
    window.open_article(budget.id)
    assert sorted(marks(window)) == ["Critics", "Deficit", "deficit", "deficit"]
    window.library.search.setText("Crit")  # typed so far: the words it begins
    qtbot.keyClick(window.library.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: marks(window) == ["Critics"], timeout=5000)


def test_terms_are_words_and_quoted_phrases() -> None:
    assert search_terms('tram  "new tram line" Tram') == ["tram", "new tram line"]
    assert search_terms("   ") == []

"""Feedback from undo, redo and find (issue 10, item 10), through the real main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clipper.gui.controller import Changes
from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.model import Article

QUOTED = (
    'Reaction\n\n"All those people who voted for it," the mayor said, "deserve better." '
    "The ticket costs £79.60 now, and £79.60 was too much.\n"
)


def add_article(window: MainWindow, text: str) -> Article:
    article = import_article(window.controller.store, read_pasted_text(text))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    return article


def tag_span(qtbot: QtBot, window: MainWindow, start: int, end: int, key: str) -> None:
    window.view.select_span(start, end)
    qtbot.keyClick(window.view, key)


def stored(window: MainWindow) -> list[str]:
    return [a.text for a in window.controller.store.list_annotations()]


def test_undo_and_redo_say_what_they_did(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, QUOTED)
    start = article.text.index("£79.60")
    tag_span(qtbot, window, start, start + 6, "1")
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    undo.trigger()
    assert stored(window) == []
    assert window.statusBar().currentMessage() == "Undid: Tag “£79.60” as Figure"
    assert redo.text() == "&Redo Tag “£79.60” as Figure"
    redo.trigger()
    assert len(stored(window)) == 1
    assert window.statusBar().currentMessage() == "Redid: Tag “£79.60” as Figure"


def test_undo_label_quotes_a_quote_once(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, QUOTED)
    start = article.text.index('"All those')
    end = article.text.index('it,"') + 4
    tag_span(qtbot, window, start, end, "2")
    (annotation,) = window.controller.store.list_annotations()
    window.edit_note(annotation.id, "check", session=1)
    label = window.actions_by_name["undo"].text()
    assert label == "&Undo Edit the note on “All those people who voted…”"
    assert '"' not in label


def test_find_bar_counts_the_hits(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, QUOTED)
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.find_bar.edit, "£79")
    assert window.find_bar.status.text() == "1 of 2"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.status.text() == "2 of 2"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)  # wraps round
    assert window.find_bar.status.text() == "1 of 2"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.status.text() == "2 of 2"
    qtbot.keyClicks(window.find_bar.edit, "x")
    assert window.find_bar.status.text() == "Not found"


def test_find_bar_count_stops_at_the_limit(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, "Headline\n\n" + "ab " * 50)
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "ab")
    assert window.view.match_number("ab", limit=10) == (1, 10, True)
    assert window.find_bar.status.text() == "1 of 50"


def test_tagging_twice_names_the_text_and_the_tag(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, QUOTED)
    start = article.text.index("£79.60")
    tag_span(qtbot, window, start, start + 6, "1")
    tag_span(qtbot, window, start, start + 6, "1")
    assert stored(window) == ["£79.60"]
    assert window.statusBar().currentMessage() == "“£79.60” is already tagged Figure"

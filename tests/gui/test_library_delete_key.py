"""Delete pressed in the library list asks about the article: it deleted the annotation
selected in the other pane, out of the user's sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tagging import Tagged, stored_ids

from clipper.gui.main_window import MainWindow


def test_delete_in_the_library_asks_about_the_article_and_keeps_annotations(
    qtbot: QtBot, window: MainWindow, questions: list[str], critics: Tagged
) -> None:
    asked = questions
    annotation_id, article = critics.annotation_id, critics.article
    table = window.library.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert stored_ids(window) == [annotation_id]  # the annotation is still there
    assert asked and asked[-1].startswith(f"Delete “{article.title}”")
    assert window.controller.store.count_articles() == 1  # cancelled

    # In the annotation list, Delete still deletes the selected annotation.
    window.annotations.table.setFocus()
    qtbot.keyClick(window.annotations.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: stored_ids(window) == [], timeout=3000)

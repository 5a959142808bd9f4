"""Delete pressed in the library list asks about the article: it deleted the annotation
selected in the other pane, out of the user's sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from tests.gui.test_main_window import PLAIN_TEXT, add_article, stored_ids, tag_span


def test_delete_in_the_library_asks_about_the_article_and_keeps_annotations(
    qtbot: QtBot, window: MainWindow, questions: list[str]
) -> None:
    asked = questions
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "3")
    (annotation_id,) = stored_ids(window)
    window.annotations.select_annotation(annotation_id)
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

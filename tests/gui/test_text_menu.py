"""The article text's context menu (issue 10, item 5): Tag as ▸, and on a highlight
Change tag ▸, Edit note, Delete, Copy with offsets; through the real window."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from tagging import add_article, stored, tag_span

from clipper.gui.main_window import MainWindow

TEXT = (
    "Budget talks\n\nThe finance minister said the deficit would fall to 2.1% next year. "
    "Critics called the claim “unrealistic”.\n"
)


def point_in(window: MainWindow, start: int, end: int) -> QPoint:
    """A viewport point inside code points start..end (on the first line of the span)."""
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_map().to_qt((start + end) // 2))
    return view.cursorRect(cursor).center()


def open_menu(qtbot: QtBot, window: MainWindow, pos: QPoint) -> QMenu:
    """Right-click at ``pos`` in the article text; the menu that pops up."""
    viewport = window.view.viewport()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos), Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def item(menu: QMenu, text: str) -> QAction:
    found = [a for a in menu.actions() if a.text().replace("&", "").split("\t")[0] == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def submenu(menu: QMenu, text: str) -> QMenu:
    sub = item(menu, text).menu()
    assert isinstance(sub, QMenu)
    return sub


def test_tag_as_lists_each_tag_with_its_key_and_tags_the_selection(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    start = article.text.index("2.1%")
    window.view.select_span(start, start + 4)
    menu = open_menu(qtbot, window, point_in(window, start, start + 4))
    assert item(menu, "Copy").isEnabled()  # Qt's own entries stay
    tag_as = submenu(menu, "Tag as")
    assert tag_as.isEnabled()
    labels = [a.text() for a in tag_as.actions()]
    assert labels == ["Figure\t1", "Quote\t2", "Person\t3", "Claim\t4"]
    item(tag_as, "Figure").trigger()
    menu.close()
    assert stored(window) == [(start, start + 4, "figure", "2.1%")]
    # the window's own path: one undo step, named as for key 1
    assert len(window.controller.session.undo_log) == 1
    assert window.controller.session.undo_log.undo_label == "Tag “2.1%” as Figure"
    window.actions_by_name["undo"].trigger()
    assert stored(window) == []


def test_tag_as_is_disabled_without_a_selection(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, TEXT)
    start = article.text.index("minister")
    menu = open_menu(qtbot, window, point_in(window, start, start + 8))
    assert not submenu(menu, "Tag as").isEnabled()
    assert "Delete" not in [a.text().replace("&", "") for a in menu.actions()]
    menu.close()


def test_highlight_menu_changes_tag_copies_with_offsets_and_deletes(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    quote = "“unrealistic”"
    start = article.text.index(quote)
    end = start + len(quote)
    tag_span(qtbot, window, start, end, "2")
    [annotation] = window.controller.store.list_annotations(article.id)
    window.view.select_span(end, end)  # no selection: the pointer's highlight counts

    menu = open_menu(qtbot, window, point_in(window, start, end))
    change = submenu(menu, "Change tag")
    assert not item(change, "Quote").isEnabled()  # its tag now
    item(change, "Claim").trigger()
    menu.close()
    assert stored(window) == [(start, end, "claim", quote)]

    menu = open_menu(qtbot, window, point_in(window, start, end))
    item(menu, "Copy with offsets").trigger()
    menu.close()
    line = QGuiApplication.clipboard().text()
    assert "\n" not in line
    record = json.loads(line)
    assert record == {"article_id": article.id, "start": start, "end": end, "text": quote}
    assert article.text[record["start"] : record["end"]] == record["text"]

    menu = open_menu(qtbot, window, point_in(window, start, end))
    item(menu, "Edit note").trigger()
    menu.close()
    current = window.annotations.current_annotation()
    assert current is not None and current.id == annotation.id
    qtbot.waitUntil(window.annotations.note.hasFocus, timeout=5000)

    menu = open_menu(qtbot, window, point_in(window, start, end))
    item(menu, "Delete").trigger()
    menu.close()
    assert stored(window) == []
    window.actions_by_name["undo"].trigger()  # the window's undoable delete
    assert stored(window) == [(start, end, "claim", quote)]


def test_menu_key_opens_the_menu_for_the_highlight_at_the_cursor(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "1")
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_map().to_qt(start + 2))
    view.setTextCursor(cursor)
    # what Qt sends for the Menu key or Shift+F10: to the text widget, at the cursor
    at = view.cursorRect().center() + view.viewport().pos()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, view.mapToGlobal(at), Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(view, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    item(menu, "Copy with offsets").trigger()
    menu.close()
    assert json.loads(QGuiApplication.clipboard().text())["text"] == "2.1%"

"""Keyboard-only use: Tab walks the whole window and out of each list (the library and
annotation lists used to move Tab from cell to cell, so Tab never left them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, stored_ids, tag_span

from clipper.gui.main_window import MainWindow
from clipper.model import FIGURE_UNIT, FIGURE_VALUE


def test_tab_visits_every_part_of_the_window_and_comes_round(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "1")  # a figure: the editor has data fields
    pane = window.annotations
    pane.select_annotation(stored_ids(window)[0])
    search = window.library.search
    window.activateWindow()
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=5000)
    visited: list[QWidget] = []
    for _ in range(30):
        widget = QApplication.focusWidget()
        assert widget is not None
        visited.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is search:
            break
    else:
        raise AssertionError(f"Tab never came back to the search box: {visited}")
    order = [
        search,
        window.library.table,
        window.view,
        pane.table,
        pane.tag_combo,
        pane.attribute_edits[FIGURE_VALUE],
        pane.attribute_edits[FIGURE_UNIT],
        pane.note,
    ]
    positions = [visited.index(w) for w in order]  # each one is reached …
    assert positions == sorted(positions)  # … in the order they are laid out
    assert len(visited) == len(set(visited))  # and Tab moves on from each (no trap)

"""The data fields' placeholders are read whole at a 1024×700 screen's default layout
(the longer hint is the tooltip)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.model import FIGURE_UNIT, FIGURE_VALUE
from tests.gui.tagging import PLAIN_TEXT, add_article, stored_ids, tag_span


def _fits(edit: QLineEdit) -> bool:
    room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right()
    return edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room - 6


def test_the_value_placeholder_is_not_cut_at_1024_px(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1008, 652)  # a 1024×700 screen
    qtbot.waitUntil(lambda: window.width() == 1008)
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "1")  # Figure
    window.annotations.select_annotation(stored_ids(window)[0])
    edits = window.annotations.attribute_edits
    value, unit = edits[FIGURE_VALUE], edits[FIGURE_UNIT]
    qtbot.waitUntil(value.isVisible)
    assert _fits(value) and _fits(unit)
    assert "53000000000" in value.toolTip()  # the full hint

"""A scroll area's viewport found without PySide's type search (start-up, issue 11)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from clipper.gui.viewports import viewport_of


def test_viewport_of_is_the_viewport(qtbot: QtBot) -> None:
    for area in (QPlainTextEdit(), QTableView()):
        qtbot.addWidget(area)
        found = viewport_of(area)
        assert found is area.viewport()
        assert type(found) is QWidget


def test_a_viewport_set_by_hand_is_found_too(qtbot: QtBot) -> None:
    table = QTableView()
    qtbot.addWidget(table)
    own = QWidget()
    table.setViewport(own)
    assert viewport_of(table) is own

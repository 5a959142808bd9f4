"""The library's per-tag count columns are in view at 1,280 px without scrolling."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow


def test_count_columns_fit_an_empty_library_at_1280_px(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1280, 780)
    table = window.library.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: window.width() == 1280 and header.count() > 4)
    last = header.count() - 1
    qtbot.waitUntil(
        lambda: header.sectionPosition(last) + header.sectionSize(last) <= table.viewport().width()
    )
    assert table.horizontalScrollBar().maximum() == 0
    digits = table.fontMetrics().horizontalAdvance("000")
    assert all(header.sectionSize(c) >= digits for c in range(3, header.count()))

    # Once the user drags the Title column's edge, that width stays.
    header.resizeSection(0, 400)
    window.resize(1300, 780)
    qtbot.waitUntil(lambda: window.width() == 1300)
    assert header.sectionSize(0) == 400


def test_a_fitting_title_is_remembered_as_fitting(
    qtbot: QtBot, window: MainWindow, settings: object
) -> None:
    window.library.set_column_widths([0, 90, 100])
    assert window.library.column_widths()[0] == 0 and window.library.column_widths()[1:] == [
        90,
        100,
    ]
    window.save_layout()
    assert window.settings.library_columns() == window.library.column_widths()

"""The library at the default window size: titles readable, count columns in view."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clipper.gui.library_pane import OUTLET_COLUMN
from clipper.gui.main_window import MainWindow
from tests.gui.test_first_hour_layout import LONG_TITLE, add


def _right_edge(window: MainWindow) -> int:
    header = window.library.table.horizontalHeader()
    last = header.count() - 1
    return header.sectionPosition(last) + header.sectionSize(last)


def test_titles_stay_readable_and_counts_in_view_at_1280_px(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add(window, LONG_TITLE, "2016-09-09")
    pane, table = window.library, window.library.table
    header = table.horizontalHeader()
    window.resize(1264, 752)  # a 1280×800 screen
    qtbot.waitUntil(lambda: window.width() == 1264 and header.count() > 4)
    # Every count column is in view, without scrolling, and the title is readable.
    qtbot.waitUntil(lambda: _right_edge(window) <= table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(0) >= pane.min_title_width
    assert pane.min_title_width >= table.fontMetrics().averageCharWidth() * 24
    # A count of hundreds fits its column (318 figures showed as "…").
    counts = range(len(pane.column_widths()), header.count())
    wide = table.fontMetrics().horizontalAdvance("318") + 6  # the cell's margins
    assert all(header.sectionSize(c) >= wide for c in counts)

    # Where the title would be squeezed, the Outlet column gives way (the outlet and date
    # are in the title's tooltip).
    others = sum(header.sectionSize(c) for c in range(2, header.count()))
    outlet = pane.column_widths()[OUTLET_COLUMN]
    frame = pane.width() - table.viewport().width()
    library = others + pane.min_title_width + outlet // 2 + frame
    window.splitter.setSizes([library, 600, 300])
    qtbot.waitUntil(lambda: table.isColumnHidden(OUTLET_COLUMN))
    qtbot.waitUntil(lambda: _right_edge(window) <= table.viewport().width())
    assert header.sectionSize(0) >= pane.min_title_width
    row = pane.model.row_of(article.id)
    assert row is not None
    assert "2016-09-09" in str(pane.model.index(row, 0).data(3))  # ToolTipRole

    # A wide window has room for the outlet too; the title takes what is left.
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: not table.isColumnHidden(OUTLET_COLUMN))
    qtbot.waitUntil(lambda: _right_edge(window) == table.viewport().width())
    assert header.sectionSize(0) > pane.min_title_width

    # Once the user drags the Title column's edge, that width stays (and all columns show).
    header.resizeSection(0, 400)
    window.resize(1264, 752)
    qtbot.waitUntil(lambda: window.width() == 1264)
    assert header.sectionSize(0) == 400
    assert not table.isColumnHidden(OUTLET_COLUMN)
    assert pane.column_widths()[0] == 400


def test_every_count_column_in_view_at_1024_px(qtbot: QtBot, window: MainWindow) -> None:
    """At a 1024×700 screen's default layout the title gives up some of its readable width
    (never below :attr:`least_title_width`) so that no count column needs scrolling."""
    pane, table = window.library, window.library.table
    header = table.horizontalHeader()
    window.resize(1008, 652)  # a 1024×700 screen
    qtbot.waitUntil(lambda: window.width() == 1008 and header.count() > 4)
    for articles in (0, 1, 60):  # empty; one article; a vertical scroll bar
        for n in range(pane.model.rowCount(), articles):
            add(window, f"{LONG_TITLE} {n}", "2016-09-09")
        qtbot.waitUntil(lambda n=articles: pane.model.rowCount() == n)
        qtbot.waitUntil(lambda n=articles: (table.verticalScrollBar().maximum() > 0) == (n > 30))
        qtbot.waitUntil(lambda: _right_edge(window) <= table.viewport().width())
        assert table.horizontalScrollBar().maximum() == 0
        assert header.sectionSize(0) >= pane.least_title_width
        assert pane.least_title_width >= table.fontMetrics().averageCharWidth() * 16


def test_a_narrow_pane_scrolls_rather_than_squeeze_titles(qtbot: QtBot, window: MainWindow) -> None:
    add(window, LONG_TITLE, "2016-09-09")
    pane, table = window.library, window.library.table
    header = table.horizontalHeader()
    window.resize(1008, 652)
    qtbot.waitUntil(lambda: window.width() == 1008 and header.count() > 4)
    qtbot.waitUntil(lambda: header.sectionSize(0) >= pane.least_title_width)
    window.splitter.setSizes([200, 500, 300])
    qtbot.waitUntil(lambda: table.viewport().width() < pane.least_title_width + 100)
    assert header.sectionSize(0) == pane.least_title_width  # never narrower


def test_a_fitting_title_is_remembered_as_fitting(window: MainWindow) -> None:
    window.library.set_column_widths([0, 90, 100])
    assert window.library.column_widths() == [0, 90, 100]  # the outlet's width, even hidden
    window.save_layout()
    assert window.settings.library_columns() == [0, 90, 100]

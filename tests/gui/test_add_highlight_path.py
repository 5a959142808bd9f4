"""Adding a highlight in the real window (issue 11): the key press stores it and every pane
shows it right — the annotations list in text order with the new row selected, the counts
in the pane, the status bar and the library — while repainting only what changed (no window
layout, rows above the new one untouched, the library's one count cell), and undo/redo put
everything back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPaintEvent,
    QRegion,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clipper.gui.annotations_pane import ID_ROLE, PAGE_ROWS, AnnotationsModel
from clipper.gui.insert_table import InsertRepaintTable
from clipper.gui.main_window import MainWindow
from clipper.gui.status_counts import StatusCounts
from clipper.model import Annotation
from tests.gui.test_main_window import add_article, tag_span

TEXT = (
    "Budget talks\n\nAlpha said one. Bravo said two. Charlie said three. Delta said four. "
    "Echo said five. Foxtrot said six. Golf said seven.\n"
)


class Recorder(QObject):
    """Paint regions and layout requests that reach the watched widgets."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: dict[QObject, QRegion] = {}
        self.layouts: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.painted[watched] = self.painted.get(watched, QRegion()) | event.region()
        elif event.type() == QEvent.Type.LayoutRequest:
            self.layouts.append(watched)
        return False


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def shown_ids(window: MainWindow) -> list[int]:
    model = window.annotations.table.model()
    return [int(model.index(r, 0).data(ID_ROLE)) for r in range(model.rowCount())]


def selected_id(window: MainWindow) -> int | None:
    current = window.annotations.table.selectionModel().currentIndex()
    return int(current.data(ID_ROLE)) if current.isValid() else None


def library_count(window: MainWindow, tag_label: str) -> str:
    model = window.library.model
    column = next(
        c
        for c in range(3, model.columnCount())
        if tag_label
        in str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
    )
    return str(model.index(model.row_of(window.controller.article_id), column).data())


def test_new_row_sorted_selected_counted_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, TEXT)
    ids = {}
    for word in ("Echo", "Alpha", "Golf", "Charlie"):  # not in text order
        tag_span(qtbot, window, *span(word), "2")
        ids[word] = max(window.controller.annotations)
        assert selected_id(window) == ids[word]  # the new row is selected
    in_text_order = [ids[w] for w in ("Alpha", "Charlie", "Echo", "Golf")]
    assert shown_ids(window) == in_text_order
    assert window.annotations.count_label.text() == "4"
    assert window.counts_label.counts()["Quote"] == 4
    assert window.counts_label.text().startswith("4 annotations: ")
    assert library_count(window, "Quote") == "4"

    window.undo()  # Charlie goes
    assert shown_ids(window) == [ids[w] for w in ("Alpha", "Echo", "Golf")]
    assert window.annotations.count_label.text() == "3"
    assert window.counts_label.counts()["Quote"] == 3
    assert library_count(window, "Quote") == "3"
    window.redo()
    assert shown_ids(window) == in_text_order
    assert window.counts_label.counts()["Quote"] == 4
    assert library_count(window, "Quote") == "4"


def test_a_key_press_lays_nothing_out_and_repaints_little(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, TEXT)
    for word in ("Alpha", "Echo"):  # the first ones show the editor, the columns …
        tag_span(qtbot, window, *span(word), "2")
    window.view.select_span(*span("Golf"))
    settle()
    recorder = Recorder()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(recorder)
    try:
        qtbot.keyClick(window.view, "2")  # 2 -> 3 annotations
        QApplication.processEvents()
        QApplication.processEvents()
    finally:
        app.removeEventFilter(recorder)
    assert window.annotations.count_label.text() == "3"
    assert window not in recorder.layouts
    assert window.statusBar() not in recorder.layouts
    table = window.annotations.table
    # Golf is the last row: the rows above it (Alpha, Echo) are not repainted …
    painted = recorder.painted.get(table.viewport(), QRegion())
    assert not painted.intersects(QRect(0, 0, table.viewport().width(), table.rowHeight(0)))
    assert painted.intersects(table.visualRect(table.model().index(2, 1)))
    # … nor the column header; the library repaints its count cell only.
    assert table.horizontalHeader().viewport() not in recorder.painted
    library = window.library.table
    library_region = recorder.painted.get(library.viewport(), QRegion())
    assert library_region.boundingRect().width() < library.viewport().width() // 2


def shown(widget: QWidget) -> QImage:
    """What the window shows now (the offscreen platform's backing store)."""
    screen = QGuiApplication.primaryScreen()
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    return (
        screen.grabWindow(
            widget.window().winId(), top_left.x(), top_left.y(), widget.width(), widget.height()
        )
        .toImage()
        .convertToFormat(QImage.Format.Format_RGB32)
    )


def settle() -> None:
    """What Qt does after a change: a delayed layout, then the paint (and whatever
    those post in turn)."""
    for _ in range(10):
        QApplication.processEvents()


def test_partial_repaint_after_inserts_shows_what_a_full_one_does(qtbot: QtBot) -> None:
    model = QStandardItemModel(0, 2)
    for n in range(0, 20, 2):
        model.appendRow([QStandardItem(f"row {n}"), QStandardItem(f"text {n}")])
    table = InsertRepaintTable()
    table.setAlternatingRowColors(True)
    table.setModel(model)
    qtbot.addWidget(table)
    table.resize(300, 400)
    table.show()
    qtbot.waitExposed(table)
    QApplication.processEvents()
    for row, n in ((3, 5), (0, -1), (model.rowCount(), 99), (6, 11)):
        model.insertRow(row, [QStandardItem(f"row {n}"), QStandardItem(f"text {n}")])
        table.selectRow(row)
        settle()
        before = shown(table.viewport())
        table.viewport().repaint()  # everything, as Qt would after any change
        assert shown(table.viewport()) == before
    model.removeRow(2)  # a removal: everything is repainted, as Qt does
    settle()
    before = shown(table.viewport())
    table.viewport().repaint()
    assert shown(table.viewport()) == before


def test_status_counts_text_and_size() -> None:
    counts = StatusCounts()
    assert counts.text() == ""
    counts.set_counts([("#ff0000", "Quote", 1), ("#00ff00", "Figure", 0)], 1)
    assert counts.text() == "1 annotation: Quote 1, Figure 0"
    narrow = counts.width()
    assert narrow >= counts.sizeHint().width() > 0
    counts.set_counts([("#ff0000", "Quote", 1000), ("#00ff00", "Figure", 0)], 1000)
    assert counts.text() == "1000 annotations: Quote 1000, Figure 0"
    assert counts.width() > narrow
    counts.clear()
    assert counts.text() == "" and counts.width() == 0


def test_library_row_of_stays_right_when_rows_change(qtbot: QtBot) -> None:
    from clipper.gui.library_pane import LibraryModel

    model = LibraryModel()
    model.set_ids([5, 7, 9])
    assert model.row_of(9) == 2
    assert model.row_of(9) == 2  # found again (the row found last is looked at first)
    model.set_ids([9, 5])
    assert model.row_of(9) == 0
    assert model.row_of(7) is None
    model.set_ids([])
    assert model.row_of(9) is None


def note(n: int, tag: str = "quote") -> Annotation:
    return Annotation(n, 1, n * 10, n * 10 + 5, tag, f"text {n}", "", "t", "t")


@pytest.mark.parametrize("read", [(0, 70, 130, 199), (0, 70, 199), (130,)])
def test_rows_read_stay_right_through_inserts_and_removals(
    qtbot: QtBot, read: tuple[int, ...]
) -> None:
    """The pages of rows the model has read take each insert and removal in place (no
    reading back), and always hold what the source has on those rows."""
    model = AnnotationsModel()
    model.set_annotations([note(n) for n in range(0, 400, 2)])  # 200 rows: 4 pages
    for row in read:  # these rows' pages read (with a gap, the pages after it are dropped)
        model.annotation(row)
    source = model.source
    reads = []
    original_page = source.page
    source.page = lambda *a: reads.append(a) or original_page(*a)  # type: ignore[method-assign]
    changes = [(True, 1), (True, 129), (False, 0), (True, 399), (False, 64), (True, 131)]
    changes += [(False, 130), (True, 63), (False, 127), (False, 2), (True, 401)]
    for insert, n in changes:
        if insert:
            model.add(note(n))
        else:
            model.remove(note(n))
        expected = [a.id for a in original_page(0, 1000, None)]
        assert model.rowCount() == len(expected)
        for number, page in model._pages.items():
            start = number * PAGE_ROWS
            assert [a.id for a in page] == expected[start : start + len(page)]
            assert len(page) == min(PAGE_ROWS, len(expected) - start)
    assert not reads  # all in place
    assert [model.annotation(r).id for r in range(model.rowCount())] == expected  # type: ignore[union-attr]

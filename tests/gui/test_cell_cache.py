"""The annotations list paints its cells from pictures (clipper/gui/cell_cache.py): what it
shows is what Qt's own delegate paints — after inserts that move rows and swap their
alternating colours, a new selection, a pending suggestion in italics, a tag's new colour
or label, another palette — and it keeps a bounded number of pictures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTableView
from pytestqt.qtbot import QtBot

from clipper.gui.cell_cache import CachedCellDelegate
from clipper.gui.main_window import MainWindow
from tests.gui.test_add_highlight_path import TEXT, settle, shown, span
from tests.gui.test_main_window import add_article, tag_span


def as_qt_paints(table: QTableView) -> QImage:
    """The table's viewport as Qt's own delegate paints it (the cached one put back)."""
    cached = table.itemDelegate()
    plain = QStyledItemDelegate(table)
    table.setItemDelegate(plain)
    table.viewport().repaint()
    image = shown(table.viewport())
    table.setItemDelegate(cached)
    table.viewport().repaint()
    return image


def test_the_list_shows_what_qts_delegate_paints(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, TEXT)
    table = window.annotations.table
    delegate = window.annotations.delegate
    assert table.itemDelegate() is delegate
    for word in ("Echo", "Alpha", "Golf", "Charlie", "Bravo", "Delta"):  # rows move
        tag_span(qtbot, window, *span(word), "2" if word != "Golf" else "3")
        settle()
        assert shown(table.viewport()) == as_qt_paints(table), word
    assert len(delegate) > 0
    window.controller.edit_tag("quote", colour="#00aa00", label="Said")  # every picture old
    settle()
    assert shown(table.viewport()) == as_qt_paints(table)
    assert window.annotations.model.index(0, 0).data() == "Said"


def test_pending_rows_and_palette_changes_repaint_right(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, TEXT)
    controller = window.controller
    controller.add_annotation(article.id, *span("Alpha"), "quote")
    suggested = controller.store.add_annotation(
        article.id, *span("Bravo"), "quote", origin="suggested", status="pending"
    )
    window.refresh()
    settle()
    table = window.annotations.table
    assert shown(table.viewport()) == as_qt_paints(table)  # the suggestion in italics
    assert window.annotations.model.cell_content(1, 1) == ("Bravo", None, True)
    assert suggested.id in controller.annotations
    before = shown(table.viewport())
    palette = QPalette(table.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#303030"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    table.setPalette(palette)  # a dark theme: no picture of the light one is shown
    settle()
    assert shown(table.viewport()) != before
    assert shown(table.viewport()) == as_qt_paints(table)


def test_pictures_are_bounded_and_keyed_by_content(qtbot: QtBot) -> None:
    model = QStandardItemModel(0, 1)
    for n in range(60):
        model.appendRow([QStandardItem(f"row {n % 7}")])  # 7 different contents
    table = QTableView()
    table.setAlternatingRowColors(True)
    table.setModel(model)

    def content(index: QModelIndex) -> str:
        return str(index.data())

    delegate = CachedCellDelegate(table, content, limit=10)
    table.setItemDelegate(delegate)
    qtbot.addWidget(table)
    table.resize(200, 1600)
    table.show()
    qtbot.waitExposed(table)
    settle()
    assert 0 < len(delegate) <= 10
    # 7 contents × 2 alternating colours (+ the current cell): far fewer than the rows
    table.viewport().repaint()
    before = shown(table.viewport())
    table.setItemDelegate(QStyledItemDelegate(table))
    table.viewport().repaint()
    assert shown(table.viewport()) == before
    table.setItemDelegate(delegate)
    table.viewport().repaint(QRect(0, 0, 10, 10))
    delegate.clear()
    assert len(delegate) == 0
    QApplication.processEvents()

"""Keyword-in-context columns for Qt tables: the left context right-aligned (cut on its
left), the span in bold on a light mark, the right context left-aligned (cut on its right),
so every row's span lines up in one column."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from clipper.corpus.kwic import one_line
from clipper.corpus_query import KWIC_WIDTH

#: The span's mark (the search marks' yellow, opaque enough for a table).
HIT_BRUSH = QBrush(QColor(255, 214, 0, 110))
BOLD = QFont()
BOLD.setBold(True)

#: Keys a query field passes on to its list of results.
NAVIGATION_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)

ALIGN_LEFT_CONTEXT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_SPAN = Qt.AlignmentFlag.AlignCenter
ALIGN_RIGHT_CONTEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class _ElideLeft(QStyledItemDelegate):
    """Cuts a cell's text on the left (the left context ends at the span)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


def cell(kind: str, value: str, role: int) -> object:
    """The data of a KWIC cell (``kind``: ``left``, ``span`` or ``right``) for ``role``."""
    if role == Qt.ItemDataRole.DisplayRole:
        shown = one_line(value)
        if kind != "span" and len(value) >= KWIC_WIDTH:  # cut (mid-word, likely): say so
            return "…" + shown if kind == "left" else shown + "…"
        return shown
    if role == Qt.ItemDataRole.ToolTipRole:
        return value if kind == "span" else None
    if role == Qt.ItemDataRole.TextAlignmentRole:
        alignment = {"left": ALIGN_LEFT_CONTEXT, "span": ALIGN_SPAN}.get(kind, ALIGN_RIGHT_CONTEXT)
        return int(alignment.value)
    if kind == "span" and role == Qt.ItemDataRole.BackgroundRole:
        return HIT_BRUSH
    if kind == "span" and role == Qt.ItemDataRole.FontRole:
        return BOLD
    return None


def set_up_table(table: QTableView, left: int, span: int, right: int) -> None:
    """Column sizes and eliding for a table with KWIC columns at ``left``/``span``/``right``
    (fixed widths: no resize-to-contents over a large model)."""
    table.setItemDelegateForColumn(left, _ElideLeft(table))
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    table.setColumnWidth(left, 260)
    table.setColumnWidth(span, 160)
    table.setColumnWidth(right, 260)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)

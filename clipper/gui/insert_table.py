"""A table view that repaints only what a row insert (or a selection) changed.

After rows are inserted, ``QTableView`` lays its items out again and repaints its whole
viewport, although the rows above the new one did not change. This view repaints from
the first inserted row down (those rows moved, and their alternating colours swapped);
any other reason for a layout (a reset, a removal, a sort, a filter) repaints everything,
as Qt does. The column header, which shows no selection here, gets a selection model of its
own (so it highlights no section): selecting a row no longer repaints it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
)
from PySide6.QtWidgets import QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class InsertRepaintTable(QTableView):
    """A ``QTableView`` whose row inserts repaint only the rows from the new one down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The first row inserted since the last layout, while inserts are the only
        #: change waiting for one (``None``: nothing, or something else: lay out fully).
        self._inserted_from: int | None = None
        self._other_change = False
        self.horizontalHeader().setHighlightSections(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            for signal in self._layout_signals(old):
                signal.disconnect(self._changed_otherwise)
        super().setModel(model)
        self._other_change = True
        if model is not None:
            for signal in self._layout_signals(model):
                signal.connect(self._changed_otherwise)

    def setSelectionModel(self, selection: QItemSelectionModel) -> None:
        super().setSelectionModel(selection)
        header = self.horizontalHeader()
        model = self.model()
        if model is not None:
            # The header would repaint for every row selected (a row spans every column).
            header.setSelectionModel(QItemSelectionModel(model, header))

    @staticmethod
    def _layout_signals(model: QAbstractItemModel) -> list:  # type: ignore[type-arg]
        """The model's signals after which Qt lays every row out again."""
        return [
            model.layoutChanged,
            model.rowsMoved,
            model.columnsInserted,
            model.columnsRemoved,
            model.columnsMoved,
        ]

    def _changed_otherwise(self, *_args: object) -> None:
        self._other_change = True

    def rowsInserted(self, parent: Index, start: int, end: int) -> None:
        if not parent.isValid():
            first = self._inserted_from
            self._inserted_from = start if first is None else min(first, start)
        super().rowsInserted(parent, start, end)

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        self._other_change = True
        super().rowsAboutToBeRemoved(parent, start, end)

    def reset(self) -> None:
        self._other_change = True
        super().reset()

    def setRootIndex(self, index: Index) -> None:
        self._other_change = True
        super().setRootIndex(index)

    def doItemsLayout(self) -> None:
        first, other = self._inserted_from, self._other_change
        self._inserted_from, self._other_change = None, False
        if first is None or other:
            super().doItemsLayout()
            return
        # Only rows were inserted: the scroll range changes, the rows above do not.
        self.updateGeometries()
        viewport = self.viewport()
        top = self.rowViewportPosition(first) if first < self.model().rowCount() else 0
        if top < viewport.height():
            top = max(top, 0)
            viewport.update(QRect(0, top, viewport.width(), viewport.height() - top))

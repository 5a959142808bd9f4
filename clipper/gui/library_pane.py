"""The library: every article with title, outlet, date and per-tag counts; search and filter.

A :class:`LibraryModel` (QAbstractTableModel) over ``Store.list_articles`` rows, shown in a
QTableView behind a sort proxy. Searching uses the store's full-text index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clipper.gui.tag_bar import colour_icon
from clipper.model import ArticleSummary, Tag

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_FIXED_COLUMNS = ("Title", "Outlet", "Date")

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class LibraryModel(QAbstractTableModel):
    """Rows: :class:`ArticleSummary`; columns: title, outlet, date, one count per tag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ArticleSummary] = []
        self.tags: list[Tag] = []
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: Sequence[ArticleSummary], tags: Sequence[Tag]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.tags = list(tags)
        self._row_of = {r.id: i for i, r in enumerate(self.rows)}
        self.endResetModel()

    def row_of(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def update_counts(self, article_id: int, counts: dict[str, int]) -> None:
        row = self._row_of.get(article_id)
        if row is None:
            return
        old = self.rows[row]
        self.rows[row] = ArticleSummary(
            old.id,
            old.title,
            old.outlet,
            old.author,
            old.published,
            old.source_kind,
            old.imported_at,
            old.length,
            dict(counts),
        )
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_FIXED_COLUMNS) + len(self.tags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return summary.id
        if column >= len(_FIXED_COLUMNS):
            n = summary.counts.get(self.tags[column - len(_FIXED_COLUMNS)].name, 0)
            if role == Qt.ItemDataRole.DisplayRole:
                return str(n) if n else ""
            if role == SORT_ROLE:
                return n
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                tag = self.tags[column - len(_FIXED_COLUMNS)]
                return f"{n} × {tag.label}"
            return None
        value = (summary.title, summary.outlet or "", summary.published or "")[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == SORT_ROLE:
            # Undated articles sort together, before dated ones, in import order.
            return value if value or column != 2 else f" {summary.imported_at}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and not summary.published:
            return f"imported {summary.imported_at[:10]} (no publication date)"
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            by = f"\nby {summary.author}" if summary.author else ""
            return (
                f"{summary.title}{by}\n{summary.length:,} characters, "
                f"{summary.annotation_count} annotations"
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(_FIXED_COLUMNS):
            return _FIXED_COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole else None
        if section - len(_FIXED_COLUMNS) >= len(self.tags):
            return None
        tag = self.tags[section - len(_FIXED_COLUMNS)]
        if role == Qt.ItemDataRole.DecorationRole:
            return colour_icon(tag.colour, 12)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Number of {tag.label} annotations"
        return None


class LibraryPane(QWidget):
    """Search box, tag filter and the article table. Emits :attr:`articleActivated`."""

    articleActivated = Signal(int)
    queryChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self.model = LibraryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        title = QLabel("Library", self)
        title.setObjectName("paneTitle")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("paneCount")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search articles  (Ctrl+L)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Show articles with tag")
        self.tag_filter.setToolTip("Show only articles with annotations of this tag")

        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.queryChanged)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._search_now)
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.queryChanged.emit())

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.tag_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self._selecting = False
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        self.set_column_widths(
            [
                metrics.horizontalAdvance("M") * 18,
                metrics.horizontalAdvance("Wikinews") + 16,
                metrics.horizontalAdvance("0000-00-00") + 16,
            ]
        )

    def _search_now(self) -> None:
        self._timer.stop()
        self.queryChanged.emit()
        if self.proxy.rowCount():
            self.table.setFocus()

    def search_text(self) -> str:
        return self.search.text().strip()

    def tag_filter_value(self) -> str | None:
        value = self.tag_filter.currentData()
        return str(value) if value else None

    def set_tags(self, tags: Sequence[Tag]) -> None:
        current = self.tag_filter_value()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(colour_icon(tag.colour), tag.label, tag.name)
        found = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(found, 0))
        self.tag_filter.blockSignals(False)

    def set_articles(
        self, rows: Sequence[ArticleSummary], tags: Sequence[Tag], current: int | None, total: int
    ) -> None:
        self.model.set_rows(rows, tags)
        header = self.table.horizontalHeader()
        count_width = self.table.fontMetrics().horizontalAdvance("000") + 8
        for column in range(len(_FIXED_COLUMNS), self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, count_width)
        shown = len(rows)
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total}")
        self.select_article(current)

    def column_widths(self) -> list[int]:
        """Widths of the Title, Outlet and Date columns (the user may drag them)."""
        header = self.table.horizontalHeader()
        return [header.sectionSize(column) for column in range(len(_FIXED_COLUMNS))]

    def set_column_widths(self, widths: Sequence[int]) -> None:
        """Set the fixed columns' widths (fixed once, never resized to contents: cheap)."""
        header = self.table.horizontalHeader()
        for column, width in enumerate(widths[: len(_FIXED_COLUMNS)]):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(int(width), header.minimumSectionSize()))

    def select_article(self, article_id: int | None) -> None:
        """Highlight a row without emitting :attr:`articleActivated`."""
        self._selecting = True
        try:
            row = None if article_id is None else self.model.row_of(article_id)
            if row is None:
                self.table.selectionModel().clearSelection()
                return
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._selecting = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.articleActivated.emit(int(current.data(ID_ROLE)))

    def selected_article_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(ID_ROLE)) for index in rows]

    def visible_article_ids(self) -> list[int]:
        """Article ids in the order shown (for next/previous article)."""
        return [int(self.proxy.index(row, 0).data(ID_ROLE)) for row in range(self.proxy.rowCount())]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

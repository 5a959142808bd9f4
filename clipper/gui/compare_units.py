"""The compare window's list of units as a model: each row's texts, tooltips and styles
are made when Qt asks for that row (the rows on screen), not for all units at once.

Columns: where the unit is, its kind, coder A's and B's versions, the decision.
Agreements are in italics; decided units grey with the decision in green.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clipper.adjudication import Unit, describe
from clipper.model import Annotation
from clipper.operations.adjudication import Comparison
from clipper.quoting import quote

KIND_LABELS = {
    "missing": "Missing",
    "boundary": "Boundary",
    "tag": "Tag",
    "attribute": "Attributes",
    "agreement": "Agreement",
}
COLUMNS = ("Where", "Kind", "A", "B", "Decision")
DECIDED_COLOUR = "#2b9348"

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole


class UnitsModel(QAbstractTableModel):
    """The units of a :class:`Comparison` in text order (rows hold no Qt item each)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.units: Sequence[Unit] = ()
        self.comparison: Comparison | None = None
        self.headers: list[str] = list(COLUMNS)
        #: The grey of decided rows (the view's placeholder text colour).
        self.grey = QBrush(QColor("gray"))

    def set_units(self, units: Sequence[Unit], comparison: Comparison | None) -> None:
        """Show ``units`` of ``comparison`` (``None``: nothing to show)."""
        self.beginResetModel()
        self.units = units
        self.comparison = comparison
        if comparison is not None:
            a, b = comparison.coders[:2]
            self.headers = ["Where", "Kind", a, b, "Decision"]
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or self.comparison is None:
            return None
        unit = self.units[index.row()]
        column = index.column()
        a, b = self.comparison.coders[:2]
        if role == _DISPLAY:
            if column == 0:
                return f"{unit.start}–{unit.end}"
            if column == 1:
                return KIND_LABELS[unit.kind]
            if column in (2, 3):
                return describe(unit.versions[a if column == 2 else b])
            decision = self.comparison.decision(unit)
            return decision_text(decision.adopted if decision else None, (a, b))
        if role == _TOOLTIP and column in (2, 3):
            version = unit.versions[a if column == 2 else b]
            return None if version is None else version_html(version)
        if role == _FONT and not unit.is_disagreement:
            italic = QFont()
            italic.setItalic(True)
            return italic
        if role == _FOREGROUND and self.comparison.decision(unit) is not None:
            return QBrush(QColor(DECIDED_COLOUR)) if column == 4 else self.grey
        return None


def decision_text(adopted: Sequence[str] | None, coders: Sequence[str]) -> str:
    """What a decision adopted, in a word."""
    if adopted is None:
        return "—"
    if not adopted:
        return "neither"
    if len(adopted) > 1:
        return "both"
    return f"{adopted[0]}'s"


def version_html(a: Annotation) -> str:
    """One coder's version in full (tooltip and detail)."""
    parts = [f"{html.escape(a.tag)} {html.escape(quote(a.text, 200))} ({a.start}–{a.end})"]
    parts.extend(
        f"{html.escape(k)} = {html.escape(str(v))}" for k, v in sorted(a.attributes.items())
    )
    if a.note:
        parts.append(f"note: {html.escape(a.note)}")
    return "; ".join(parts)

"""Labels that change text on every key press without re-laying-out the window.

A ``QLabel`` asks its parent's layout to run again on every ``setText`` (Qt cannot know
the new text is as wide as the old): the whole main window's layout ran on each tagging
key press, for the status bar's counts and the annotations pane's count. These widgets
keep a fixed size while their text fits it, and ask for a new layout only when the size
they need changes; otherwise they only repaint themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class SteadyLabel(QLabel):
    """A plain-text ``QLabel`` whose size changes only when its text needs another size."""

    def setText(self, text: str) -> None:
        if text == self.text():
            return
        super().setText(text)  # while the size is fixed, Qt asks for no layout
        hint = self.sizeHint()
        width = steady_width(self.maximumWidth(), hint.width(), self.fontMetrics())
        size = QSize(width, hint.height())
        if size != self.maximumSize() or size != self.minimumSize():
            self.setFixedSize(size)  # a new size: one layout


def steady_width(current: int, needed: int, metrics: QFontMetrics) -> int:
    """The width to give a widget that needs ``needed`` pixels now: the ``current`` one
    while it fits with less than two digits to spare, else ``needed`` and room for one
    more digit (counts grow one at a time: the width changes rarely, never per key press)."""
    digit = metrics.horizontalAdvance("0")
    if needed <= current < needed + 2 * digit:
        return current
    return needed + digit


#: Room between a tag's square and its label, and between two tags.
_GAP = 4
_SPACE = 12


class StatusCounts(QWidget):
    """The status bar's "N annotations: ■ Quote 3 ■ Figure 1 …", painted directly (no
    rich-text document to build and lay out on every change)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._total: int | None = None
        self._items: tuple[tuple[str, str, int], ...] = ()
        self._width = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(0, self.fontMetrics().height())

    def set_counts(self, items: Sequence[tuple[str, str, int]], total: int) -> None:
        """``items``: (colour, tag label, count) per tag."""
        state = (tuple(items), total)
        if state == (self._items, self._total):
            return
        self._items, self._total = state
        width = steady_width(self.maximumWidth(), self._measure(), self.fontMetrics())
        if width != self.maximumWidth():
            self.setFixedSize(width, self.fontMetrics().height())
        self.update()
        self.setAccessibleDescription(self.text())

    def clear(self) -> None:
        self._items, self._total = (), None
        self.setFixedSize(0, self.fontMetrics().height())
        self.update()
        self.setAccessibleDescription("")

    def text(self) -> str:
        """What it shows, as plain text ("3 annotations: Quote 2, Figure 1 …")."""
        if self._total is None:
            return ""
        parts = ", ".join(f"{label} {n}" for _colour, label, n in self._items)
        return f"{self._lead()} {parts}".rstrip()

    def counts(self) -> dict[str, int]:
        """Shown counts by tag label."""
        return {label: n for _colour, label, n in self._items}

    def _lead(self) -> str:
        total = self._total or 0
        return f"{total} annotation{'s' if total != 1 else ''}:"

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _measure(self) -> int:
        if self._total is None:
            return 0
        plain, bold = self.fontMetrics(), QFontMetrics(self._bold())
        square = plain.height() // 2
        width = plain.horizontalAdvance(self._lead())
        for _colour, label, n in self._items:
            width += _SPACE + square + _GAP + plain.horizontalAdvance(label) + _GAP
            width += bold.horizontalAdvance(str(n))
        return width + _GAP

    def sizeHint(self) -> QSize:
        return QSize(self._measure(), self.fontMetrics().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._total is None:
            return
        painter = QPainter(self)
        plain = self.fontMetrics()
        bold_font = self._bold()
        bold = QFontMetrics(bold_font)
        height = self.height()
        square = plain.height() // 2
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        x = 0

        def text(s: str, width: int) -> None:
            painter.drawText(QRect(x, 0, width, height), flags, s)

        lead = self._lead()
        text(lead, plain.horizontalAdvance(lead))
        x += plain.horizontalAdvance(lead)
        for colour, label, n in self._items:
            x += _SPACE
            painter.fillRect(QRect(x, (height - square) // 2, square, square), QColor(colour))
            x += square + _GAP
            text(label, plain.horizontalAdvance(label))
            x += plain.horizontalAdvance(label) + _GAP
            painter.setFont(bold_font)
            text(str(n), bold.horizontalAdvance(str(n)))
            x += bold.horizontalAdvance(str(n))
            painter.setFont(self.font())
        painter.end()

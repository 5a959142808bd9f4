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

    def setText(self, text: str) -> None:  # type: ignore[override]
        if text == self.text():
            return
        super().setText(text)  # while the size is fixed, Qt asks for no layout
        hint = self.sizeHint()
        if hint != self.minimumSize() or hint != self.maximumSize():
            self.setFixedSize(hint)  # a new size: one layout


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
        self._note = ""
        self._width = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(0, self.fontMetrics().height())

    def set_counts(
        self, items: Sequence[tuple[str, str, int]], total: int, *, note: str = ""
    ) -> None:
        """``items``: (colour, tag label, count) per tag; ``note``: shown after them, in
        italics (e.g. "12 suggestions to review")."""
        state = (tuple(items), total, note)
        if state == (self._items, self._total, self._note):
            return
        self._items, self._total, self._note = state
        width = self._measure()
        if width != self.width():
            self.setFixedSize(width, self.fontMetrics().height())
        self.update()
        self.setAccessibleDescription(self.text())

    def clear(self) -> None:
        self._items, self._total, self._note = (), None, ""
        self.setFixedSize(0, self.fontMetrics().height())
        self.update()
        self.setAccessibleDescription("")

    def text(self) -> str:
        """What it shows, as plain text ("3 annotations: Quote 2, Figure 1 …")."""
        if self._total is None:
            return ""
        parts = ", ".join(f"{label} {n}" for _colour, label, n in self._items)
        note = f" · {self._note}" if self._note else ""
        return f"{self._lead()} {parts}".rstrip() + note

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

    def _italic(self) -> QFont:
        font = QFont(self.font())
        font.setItalic(True)
        return font

    def _note_text(self) -> str:
        return f"·  {self._note}" if self._note else ""

    def _measure(self) -> int:
        if self._total is None:
            return 0
        plain, bold = self.fontMetrics(), QFontMetrics(self._bold())
        square = plain.height() // 2
        width = plain.horizontalAdvance(self._lead())
        for _colour, label, n in self._items:
            width += _SPACE + square + _GAP + plain.horizontalAdvance(label) + _GAP
            width += bold.horizontalAdvance(str(n))
        if self._note:
            width += _SPACE + QFontMetrics(self._italic()).horizontalAdvance(self._note_text())
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
        if self._note:
            x += _SPACE
            italic = self._italic()
            painter.setFont(italic)
            text(self._note_text(), QFontMetrics(italic).horizontalAdvance(self._note_text()))
        painter.end()

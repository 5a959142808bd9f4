"""Labels that change text on every key press without re-laying-out the window.

A ``QLabel`` asks its parent's layout to run again on every ``setText`` (Qt cannot know
the new text is as wide as the old): the whole main window's layout ran on each tagging
key press, for the status bar's counts and the annotations pane's count. These widgets
keep a fixed size while their text fits it, and ask for a new layout only when the size
they need changes; otherwise they only repaint themselves — :class:`StatusCounts` only the
runs of text that changed (a key press changes the total and one tag's count), with the
widths of the texts it has measured remembered.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRect, QSize, Qt
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
#: How far a glyph may hang out of its run's box (repainted with the run).
_OVERHANG = 2


class StatusCounts(QWidget):
    """The status bar's "N annotations: ■ Quote 3 ■ Figure 1 …", painted directly (no
    rich-text document to build and lay out on every change)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._total: int | None = None
        self._items: tuple[tuple[str, str, int], ...] = ()
        self._note = ""
        #: What to paint, measured when the counts change: (x, width, text or colour, bold).
        self._runs: list[tuple[int, int, str, bool | None]] = []
        self._needed = 0
        #: Widths of the texts measured so far, by (text, bold) (emptied on a font change).
        self._widths: dict[tuple[str, bool], int] = {}
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(0, self.fontMetrics().height())

    def set_counts(
        self, items: Sequence[tuple[str, str, int]], total: int, *, note: str = ""
    ) -> None:
        """``items``: (colour, tag label, count) per tag; ``note``: shown after them (e.g.
        "12 suggestions to review")."""
        state = (tuple(items), total, note)
        if state == (self._items, self._total, self._note):
            return
        self._items, self._total, self._note = state
        before = self._runs
        self._measure()
        width = steady_width(self.maximumWidth(), self._needed, self.fontMetrics())
        if width != self.maximumWidth():
            self.setFixedSize(width, self.fontMetrics().height())
            self.update()
        else:
            self._update_changed(before, self._runs)
        self.setAccessibleDescription(self.text())

    def _update_changed(
        self,
        before: list[tuple[int, int, str, bool | None]],
        after: list[tuple[int, int, str, bool | None]],
    ) -> None:
        """Repaint the runs that changed (each with a little room for glyphs that hang
        out of their box), or everything if any run moved."""
        same_places = len(before) == len(after) and all(
            (a[0], a[1]) == (b[0], b[1]) for a, b in zip(before, after, strict=True)
        )
        if not same_places:
            self.update()
            return
        height = self.height()
        for old, new in zip(before, after, strict=True):
            if old != new:
                self.update(QRect(new[0] - _OVERHANG, 0, new[1] + 2 * _OVERHANG, height))

    def clear(self) -> None:
        self._items, self._total, self._note = (), None, ""
        self._runs, self._needed = [], 0
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

    def _measure(self) -> None:
        """Place the runs of text and the squares (the paint only draws them)."""
        plain = self.fontMetrics()
        square = plain.height() // 2
        runs: list[tuple[int, int, str, bool | None]] = []
        x = 0
        widths = self._widths

        def run(text: str, strong: bool) -> None:
            nonlocal x
            width = widths.get((text, strong))
            if width is None:
                metrics = QFontMetrics(self._bold()) if strong else plain
                width = widths[(text, strong)] = metrics.horizontalAdvance(text)
            runs.append((x, width, text, strong))
            x += width

        run(self._lead(), False)
        for colour, label, n in self._items:
            x += _SPACE
            runs.append((x, square, colour, None))
            x += square + _GAP
            run(label, False)
            x += _GAP
            run(str(n), True)
        if self._note:
            x += _SPACE
            run(f"· {self._note}", False)
        self._runs, self._needed = runs, x + _GAP

    def sizeHint(self) -> QSize:
        return QSize(self._needed, self.fontMetrics().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._widths.clear()
            if self._total is not None:
                self._measure()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._total is None:
            return
        painter = QPainter(self)
        plain, bold = self.font(), self._bold()
        height = self.height()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        area = event.rect()
        left, right = area.left() - _OVERHANG, area.right() + _OVERHANG
        for x, width, text, strong in self._runs:
            if x > right or x + width < left:
                continue  # not in the repainted part
            if strong is None:  # a tag's colour
                top = (height - width) // 2
                painter.fillRect(QRect(x, top, width, width), QColor(text))
                continue
            painter.setFont(bold if strong else plain)
            painter.drawText(QRect(x, 0, width, height), flags, text)
        painter.end()

"""The main window's status bar: a long message ends in "…" before the counters at its
right (Qt's own cuts it mid-word under them), and its full text is the bar's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QWidget


class ElidingStatusBar(QStatusBar):
    """A ``QStatusBar`` whose temporary message is elided to the room left of the
    permanent widgets; the whole message is the tooltip while it is cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QWidget] = []
        #: The last message elided: (message, width, font, as drawn) — a tagging key
        #: press shows a new message, which is elided once (not again for its paint).
        self._elided: tuple[str, int, object, str] = ("", -1, None, "")
        self.messageChanged.connect(self._message_changed)

    def addPermanentWidget(self, widget: QWidget, stretch: int | None = 0) -> None:
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch or 0)

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left edge to the first permanent widget
        shown (or the size grip), as Qt reckons it."""
        right = self.width() - 12
        grips = self.findChildren(QSizeGrip)
        for widget in [*self._permanent, *grips]:
            if widget.isVisible():
                right = min(right, widget.x() - 2)
        return QRect(6, 0, max(right - 6, 0), self.height())

    def shown_message(self, width: int | None = None) -> str:
        """The message as drawn: whole, or elided with "…" to fit (``width``: the
        message rect's, if known)."""
        message = self.currentMessage()
        width = self.message_rect().width() if width is None else width
        font = self.font()
        last = self._elided
        if last[0] == message and last[1] == width and last[2] == font:
            return last[3]
        shown = self.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, width)
        self._elided = (message, width, font, shown)
        return shown

    def _message_changed(self, message: str) -> None:
        self.setToolTip(message if message and self.shown_message() != message else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._message_changed(self.currentMessage())

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        rect = self.message_rect()
        painter.drawText(
            rect,
            Qt.AlignmentFlag.AlignLeading
            | Qt.AlignmentFlag.AlignVCenter
            | Qt.TextFlag.TextSingleLine,
            self.shown_message(rect.width()),
        )
        painter.end()

"""The small find bar above the article (Ctrl+F; Enter next, Shift+Enter previous, Esc closes)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    findRequested = Signal(str, bool, bool)  # query, forward, incremental (from typing)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in article")
        self.edit.setAccessibleName("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(lambda text: self.findRequested.emit(text, True, True))
        self.status = QLabel(self)
        self.status.setObjectName("findStatus")
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        previous.setAccessibleName("Previous match")
        previous.clicked.connect(lambda: self.find_text(False))
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip("Next match (Enter, F3)")
        following.setAccessibleName("Next match")
        following.clicked.connect(lambda: self.find_text(True))
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close the find bar")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.status.clear()
        self.closed.emit()

    def find_text(self, forward: bool = True) -> None:
        if self.edit.text():
            self.findRequested.emit(self.edit.text(), forward, False)

    def show_result(self, found: bool, number: int = 0, total: int = 0, more: bool = False) -> None:
        """Show "3 of 380" for the current hit (number from 1), or "Not found"."""
        if not self.edit.text():
            self.status.clear()
        elif not found:
            self.status.setText("Not found")
        else:
            self.status.setText(f"{number} of {total}{'+' if more else ''}" if number else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find_text(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

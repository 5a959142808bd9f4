"""The tag toolbar: one button per tag with its colour and key; clicking tags the selection.

The same QActions carry the tag keys (``Tag.shortcut`` from the store, so a tag the user
defines gets its own key) and fill the Annotate menu.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from clipper.gui.icons import colour_icon
from clipper.model import Tag

__all__ = ["TagBar", "colour_icon"]


class TagBar(QToolBar):
    """Buttons "■ Figure 1", "■ Quote 2" … emitting :attr:`tagTriggered` with the tag name."""

    tagTriggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tags", parent)
        self.setObjectName("tagBar")
        self.setAccessibleName("Tags")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIconSize(QSize(14, 14))
        self.setMovable(False)
        self.tag_actions: dict[str, QAction] = {}
        self._hint = QAction("Select text, then press a tag's key or click it", self)
        self._hint.setEnabled(False)

    def set_tags(self, tags: Sequence[Tag]) -> list[QAction]:
        """Rebuild the buttons; returns the new actions (the window adds them for keys)."""
        for action in self.tag_actions.values():
            self.removeAction(action)
            if (owner := self.parentWidget()) is not None:
                owner.removeAction(action)
            action.deleteLater()
        self.clear()
        self.tag_actions = {}
        for tag in tags:
            key = f"  {tag.shortcut}" if tag.shortcut else ""
            action = QAction(colour_icon(tag.colour), f"{tag.label}{key}", self)
            action.setObjectName(f"tag_{tag.name}")
            action.setData(tag.name)
            tip = f"Tag the selection as {tag.label}"
            action.setToolTip(f"{tip} ({tag.shortcut})" if tag.shortcut else tip)
            action.setStatusTip(tip)
            if tag.shortcut:
                action.setShortcut(QKeySequence(tag.shortcut))
            action.triggered.connect(lambda _checked=False, n=tag.name: self.tagTriggered.emit(n))
            self.addAction(action)
            button = self.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(f"Tag as {tag.label}")
            self.tag_actions[tag.name] = action
        self.addSeparator()
        self.addAction(self._hint)
        return list(self.tag_actions.values())

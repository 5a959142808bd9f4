"""A table delegate that paints each cell from a picture of how Qt painted it before.

Qt's item delegate lays out and shapes every visible cell's text again on each repaint
(~30–60 µs a cell). A tagging key press inserts a row into the annotations list, and
every row below it moves and swaps its alternating colour: some 20 rows repaint, although
their content did not change. This delegate keeps a picture of each cell as Qt's own
delegate painted it (the row's alternating background, the style's selection and focus
marks, the icon, the elided text), keyed by what decides how it looks: the cell's content
(from the model, through ``content``), its size, its state (selected, focused, active …)
and whether it is an alternate row. A cell seen before is one ``drawImage``; a cell not
seen (or changed) is painted by Qt as before, into the picture (an image of the cell).

The pictures are dropped when the view's palette, font, style, layout direction or pixel
ratio changes; at most ``limit`` are kept (the least recently painted go first: the
default keeps both colours of some 90 rows, ~4 MB of text cells at most). A view setting
that changes how cells look without such an event (icon size, elide mode …) must call
:meth:`CachedCellDelegate.clear`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex

#: Events after which every picture may be wrong (colours, fonts, the style, direction).
_RESETS = frozenset(
    {
        QEvent.Type.PaletteChange,
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.LayoutDirectionChange,
        QEvent.Type.ApplicationPaletteChange,
        QEvent.Type.ApplicationFontChange,
        QEvent.Type.DevicePixelRatioChange,
        QEvent.Type.ScreenChangeInternal,
    }
)
_ACTIVE = QStyle.StateFlag.State_Active
_ENABLED = QStyle.StateFlag.State_Enabled
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_BASE = QPalette.ColorRole.Base
#: Scratch images kept (one per cell size: a column width and the row height).
_SCRATCH_SIZES = 8


class CachedCellDelegate(QStyledItemDelegate):
    """Paints cells from pictures of Qt's own painting, keyed by ``content(index)``
    (everything the model gives that shows: text, icon, font …; ``None``: do not cache)."""

    def __init__(
        self,
        view: QAbstractItemView,
        content: Callable[[Index], Hashable | None],
        limit: int = 192,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._content = content
        self._limit = limit
        self._pictures: dict[Hashable, QImage] = {}
        #: Images to paint a missing picture on, by (width, height, ratio): reused.
        self._scratch: dict[tuple[int, int, float], QImage] = {}
        #: The view's device pixel ratio (read again when it may have changed).
        self._ratio = view.devicePixelRatioF()
        view.installEventFilter(self)

    def clear(self) -> None:
        """Forget every picture (the next paint asks Qt for each cell again)."""
        self._pictures.clear()
        self._scratch.clear()

    def __len__(self) -> int:
        return len(self._pictures)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RESETS:
            self.clear()
            self._ratio = self._view.devicePixelRatioF()
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        content = self._content(index)
        if content is None:
            super().paint(painter, option, index)
            return
        # one call for the four (PySide6's stubs say ``object``)
        x, y, width, height = cast(tuple[int, int, int, int], option.rect.getRect())
        key = (content, width, height, option.state, option.features)
        pictures = self._pictures
        picture = pictures.pop(key, None)
        if picture is None:
            picture = self._picture(option, index, self._ratio)
            if len(pictures) >= self._limit:
                del pictures[next(iter(pictures))]  # the least recently painted
        pictures[key] = picture  # last: the most recently painted
        painter.drawImage(x, y, picture)

    def _picture(self, option: QStyleOptionViewItem, index: Index, ratio: float) -> QImage:
        """The cell as the view paints it on its background: the viewport's base colour,
        the row's panel (the alternating colour), then Qt's delegate — painted on a
        scratch image of the cell's size (its paint engine made once), then copied."""
        rect = option.rect
        size = (round(rect.width() * ratio), round(rect.height() * ratio), ratio)
        scratch = self._scratch.get(size)
        if scratch is None:
            if len(self._scratch) >= _SCRATCH_SIZES:
                self._scratch.clear()
            scratch = QImage(size[0], size[1], QImage.Format.Format_RGB32)
            scratch.setDevicePixelRatio(ratio)
            self._scratch[size] = scratch
        state = option.state
        group = (
            QPalette.ColorGroup.Disabled
            if not state & _ENABLED
            else QPalette.ColorGroup.Active
            if state & _ACTIVE
            else QPalette.ColorGroup.Inactive
        )
        scratch.fill(option.palette.color(group, _BASE))
        cell = QStyleOptionViewItem(option)
        cell.rect = QRect(0, 0, rect.width(), rect.height())
        painter = QPainter(scratch)
        try:
            view: Any = self._view
            view.style().drawPrimitive(_ROW_PANEL, cell, painter, view)
            super().paint(painter, cell, index)
        finally:
            painter.end()
        return scratch.copy()

"""Window sizes that fit the screen, with room left for the window manager's frame."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room a new window leaves on a small screen for the title bar and borders the window
#: manager adds (common title bars are 24–40 px high).
FRAME_ALLOWANCE = QSize(16, 48)


def fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, or less where the widget's screen is smaller (the size is
    the window's inside: the frame is not known before the window is shown)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry() if screen is not None else None
    if room is not None and room.width() > 0 and room.height() > 0:
        width = min(width, room.width() - FRAME_ALLOWANCE.width())
        height = min(height, room.height() - FRAME_ALLOWANCE.height())
    return QSize(width, height)


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to ``width`` × ``height``, or less on a smaller screen."""
    widget.resize(fitting_size(widget, width, height))

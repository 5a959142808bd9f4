"""The application icon, the bundled action icons and tag colour chips as QIcons."""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from clipper.resources import resource_path, resources_dir

APP_ICON_SVG = "icons/clipper.svg"
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def app_icon() -> QIcon:
    """Clipper's icon: the pre-rendered PNGs (crisp at small sizes) plus the SVG."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        png = resources_dir() / "icons" / "png" / f"clipper-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    icon.addFile(str(resource_path(APP_ICON_SVG)))
    return icon


def action_icon(name: str) -> QIcon:
    """A bundled action icon (``resources/icons/actions/<name>.svg``); empty if missing."""
    path = resources_dir() / "icons" / "actions" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


@lru_cache(maxsize=512)
def colour_icon(colour: str, size: int = 14) -> QIcon:
    """A rounded colour chip, drawn sharp at any device pixel ratio. Cached: tables ask
    for one per visible row on every repaint."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        pixmap = QPixmap(int(size * ratio), int(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colour)
        painter.setBrush(fill)
        painter.setPen(fill.darker(135))
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
        painter.end()
        icon.addPixmap(pixmap)
    return icon

"""The application icon and the bundled action icons as QIcons."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

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

"""Render the app icon SVG to the PNG sizes desktops and PyInstaller want.

Run from the repository root after editing ``resources/icons/clipper.svg``::

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

and commit the PNGs. ``tests/test_resources.py`` fails when they are stale.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "clipper.svg"
PNG_DIR = ROOT / "resources" / "icons" / "png"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    """Where the PNG of one size lives."""
    return PNG_DIR / f"clipper-{size}.png"


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn into a transparent ``size`` x ``size`` image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        target = png_path(size)
        if not render(SVG, size).save(str(target)):  # format from the suffix
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(f"{target.relative_to(ROOT)}  {size}x{size}  {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

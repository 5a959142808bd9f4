"""Bar charts drawn with Qt's own painter: on screen, to PNG (QImage) and to SVG
(QSvgGenerator, in PySide6-Essentials).

Why no charting library: measured on the project's 2-core machine (Python 3.11, PySide6
6.11), matplotlib adds 25 MB (+ numpy, Pillow, fontTools …: ~175 MB with its
dependencies) and 1.5–1.6 s to import with its Qt backend; pyqtgraph 4 MB + numpy
(~83 MB) and 1.1–1.3 s, and its plots look like a lab instrument (category axes need
custom code); QtCharts needs PySide6-Addons, 438 MB installed (0.2 s to import). The
statistics need horizontal bars with labels, which this module draws in ~150 lines with
no new dependency, no import cost, the app's fonts and the tags' colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QImageWriter,
    QPainter,
    QPaintEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Bars drawn at most (the rest are left out; the data table and CSV have all).
MAX_BARS = 30
BAR_COLOUR = QColor("#3a86ff")
_TEXT = QColor("#202020")
_GRID = QColor("#d0d0d0")
_BACKGROUND = QColor("#ffffff")


class BarChart(QWidget):
    """Horizontal bars: a label, a bar and its value per row, under a title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("barChart")
        self.setAccessibleName("Chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""
        self.bars: list[tuple[str, float]] = []
        self.colours: dict[str, str] = {}

    def set_data(
        self,
        title: str,
        bars: Sequence[tuple[str, float]],
        colours: dict[str, str] | None = None,
    ) -> None:
        self.title = title
        self.bars = list(bars[:MAX_BARS])
        self.colours = colours or {}
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 120 + 24 * max(len(self.bars), 3))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.draw(painter, QRectF(self.rect()))
        painter.end()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        """Paint the chart into ``area`` (screen, image or SVG alike)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, _BACKGROUND)
        font = QFont(self.font())
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPointSizeF(font.pointSizeF() * 1.2)
        metrics = QFontMetricsF(font)
        margin = 16.0
        painter.setPen(_TEXT)
        painter.setFont(title_font)
        title_height = QFontMetricsF(title_font).height() + 10
        painter.drawText(
            QRectF(
                area.left() + margin, area.top() + margin, area.width() - 2 * margin, title_height
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            self.title,
        )
        painter.setFont(font)
        if not self.bars:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "Nothing to count yet.")
            return
        top = area.top() + margin + title_height
        label_width = min(
            max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 8, area.width() * 0.35
        )
        value_width = max(metrics.horizontalAdvance(_number(v)) for _, v in self.bars) + 8
        left = area.left() + margin + label_width
        width = max(area.width() - 2 * margin - label_width - value_width, 10.0)
        row = min(max((area.bottom() - margin - top) / len(self.bars), metrics.height() + 2), 34.0)
        biggest = max((v for _, v in self.bars), default=0.0) or 1.0
        painter.setPen(_GRID)
        painter.drawLine(int(left), int(top), int(left), int(top + row * len(self.bars)))
        for n, (label, value) in enumerate(self.bars):
            y = top + n * row
            bar = QRectF(left, y + row * 0.15, width * max(value, 0.0) / biggest, row * 0.7)
            painter.fillRect(bar, QColor(self.colours.get(label, BAR_COLOUR.name())))
            painter.setPen(_TEXT)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                QRectF(area.left() + margin, y, label_width - 8, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            painter.drawText(
                QRectF(bar.right() + 4, y, value_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                _number(value),
            )

    def export_size(self) -> QSize:
        return QSize(800, int(110 + 26 * max(len(self.bars), 3)))

    def save_png(self, path: str | Path) -> None:
        """Write the chart as a PNG image (twice the pixels, for sharp print)."""
        size = self.export_size()
        image = QImage(size * 2, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(2.0)
        image.fill(_BACKGROUND)
        painter = QPainter(image)
        self.draw(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        writer = QImageWriter(str(path), QByteArray(b"png"))
        if not writer.write(image):
            raise OSError(f"could not write {path}: {writer.errorString()}")

    def save_svg(self, path: str | Path) -> None:
        """Write the chart as an SVG drawing."""
        size = self.export_size()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle(self.title)
        generator.setDescription("Clipper statistics")
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"could not write {path}")
        self.draw(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"

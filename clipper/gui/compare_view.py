"""The article text with several coders' annotations as stacked underlines in coder colours.

A :class:`CompareView` is an :class:`~clipper.gui.article_view.ArticleView` (same font,
zoom, measure, selection and UTF-16 handling through its position map) that paints one
underline lane per coder — lane 1 for the first coder, lane 2 for the second … — in that
coder's colour, under a light band in the tag's colour. The current unit gets a frame;
units already decided are drawn faded.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from clipper.adjudication import Unit
from clipper.gui.annotation_index import AnnotationIndex
from clipper.gui.article_view import ArticleView
from clipper.model import Annotation, Tag

#: Coder colours, in lane order (distinct from the built-in tags' colours).
CODER_COLOURS = ("#7b2cbf", "#e85d04", "#2b9348", "#0077b6", "#9d0208", "#6c757d")
#: The gold coder's lane colour (under the compared coders' lanes).
GOLD_COLOUR = "#b8860b"
_DECIDED_ALPHA = 0.35


def coder_colour(index: int) -> str:
    """The colour of the ``index``-th compared coder."""
    return CODER_COLOURS[index % len(CODER_COLOURS)]


class CompareView(ArticleView):
    """Read-only article text with each coder's annotations in their own underline lane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setAccessibleName("Article text with the coders' annotations")
        self._coders: tuple[str, ...] = ()
        self._decided: set[int] = set()
        self._gold: set[int] = set()
        self._current: Unit | None = None

    def show_units(
        self,
        text: str,
        units: Sequence[Unit],
        coders: Sequence[str],
        tags: Sequence[Tag],
        decided: Sequence[Unit] = (),
        gold: Sequence[Annotation] = (),
        *,
        keep_scroll: bool = False,
    ) -> None:
        """Show ``text`` with the annotations of ``units`` (coders in lane order) and the
        gold coder's (in the last lane)."""
        annotations = [a for u in units for a in u.annotations()] + list(gold)
        self._coders = tuple(coders)
        self._gold = {a.id for a in gold}
        self._decided = {a.id for u in decided for a in u.annotations()}
        if keep_scroll and text == self.text():
            scroll = self.verticalScrollBar().value()
            self._index = AnnotationIndex(annotations)
            self._set_tags(tags)
            self.verticalScrollBar().setValue(scroll)
            self.viewport().update()
            return
        self._current = None
        self.set_article(text, annotations, tags)

    def set_current(self, unit: Unit | None, *, scroll: bool = True) -> None:
        """Frame ``unit`` (and, once laid out, scroll it to the middle if out of view)."""
        self._current = unit
        if unit is not None and scroll:
            QTimer.singleShot(0, self, self._show_current)
        self.viewport().update()

    def _show_current(self) -> None:
        unit = self._current
        if unit is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(self.position_map().to_qt(min(unit.start, self.position_map().length)))
        if not self.viewport().rect().contains(self.cursorRect(cursor)):
            self.setTextCursor(cursor)
            self.centerCursor()

    def tooltip_at(self, pos: QPoint) -> str | None:
        found = super().tooltip_at(pos)
        if found is None:
            return None
        coders = sorted({a.coder for a in self.annotations_at(pos)})
        return f"{found}<br/><i>by {', '.join(coders)}</i>"

    # --------------------------------------------------------------- painting
    def _paint_highlights(self, event: QPaintEvent) -> None:
        blocks = self._visible_blocks()
        visible = self._visible_annotations(blocks)
        if not visible and self._current is None:
            return
        block_starts = [b[2] for b in blocks]
        dark = self._is_dark()
        to_qt = self.position_map().to_qt
        metrics = QFontMetricsF(self.font())
        thickness = max(1.5, round(metrics.height() / 11, 1))
        lane_step = thickness + 0.5
        gap = 0.5
        lane_of = {c: i for i, c in enumerate(self._coders)}

        def rects(start: int, end: int) -> list[tuple[QRectF, float]]:
            qs, qe = to_qt(start), to_qt(end)
            found: list[tuple[QRectF, float]] = []
            first = max(0, bisect_right(block_starts, qs) - 1)
            for block, origin, bpos, _ in blocks[first:]:
                if bpos >= qe:
                    break
                found.extend(self._span_rects(block, origin, qs, qe))
            return found

        painter = QPainter(self.viewport())
        try:
            painter.setClipRect(event.rect())
            painter.setPen(Qt.PenStyle.NoPen)
            underlines: list[tuple[QRectF, QColor]] = []
            for a in visible:
                fill, _line, _flash = self._colours(a.tag, dark)
                coder = a.coder if isinstance(a, Annotation) else ""  # always full here
                lane = lane_of.get(coder, len(lane_of))
                colour = QColor(coder_colour(lane))
                fill = QColor(fill)
                fill.setAlphaF(fill.alphaF() / 2)
                if a.id in self._gold:
                    lane, colour = len(self._coders), QColor(GOLD_COLOUR)
                    fill.setAlphaF(0)
                if a.id in self._decided:
                    colour.setAlphaF(_DECIDED_ALPHA)
                for rect, baseline in rects(a.start, a.end):
                    painter.fillRect(rect, fill)
                    y = baseline + gap + lane * lane_step
                    underlines.append((QRectF(rect.left(), y, rect.width(), thickness), colour))
            for rect, colour in underlines:
                painter.fillRect(rect, colour)
            if self._current is not None:  # a frame around the current unit's lines
                pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.5)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect, _baseline in rects(self._current.start, self._current.end):
                    painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
        finally:
            painter.end()


def annotation_unit(units: Sequence[Unit], annotation: Annotation | int) -> int | None:
    """The index of the unit holding an annotation (or its id), if any."""
    wanted = annotation if isinstance(annotation, int) else annotation.id
    for i, unit in enumerate(units):
        if any(a.id == wanted for a in unit.annotations()):
            return i
    return None

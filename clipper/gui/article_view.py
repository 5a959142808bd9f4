"""The article reading view: a read-only QPlainTextEdit that paints highlights itself.

Highlights are *not* stored in the document (no char formats, no ExtraSelections): the view
keeps the annotations in an :class:`~clipper.gui.annotation_index.AnnotationIndex` and, in
``paintEvent``, draws only the spans that intersect the visible blocks — translucent bands
under the text plus one coloured underline lane per overlap level, so overlapping tags all
stay visible. Opening a 5 MB article costs about what ``setPlainText`` costs, because
QPlainTextEdit lays blocks out lazily.

Every position that crosses the widget boundary is a code-point offset into the stored text;
conversion to Qt's UTF-16 positions happens only through :class:`PositionMap`.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Protocol, cast

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QPlainTextEdit, QToolTip, QWidget

from clipper.gui.annotation_index import AnnotationIndex, Item, Span
from clipper.gui.memory import release_free_memory
from clipper.gui.positions import PositionMap, qt_safe_text
from clipper.gui.viewports import viewport_of
from clipper.model import Annotation, Tag
from clipper.operations.review import PENDING, REJECTED
from clipper.spans import snap_to_words, trim_span
from clipper.store.annotation_pages import SpanRow

__all__ = ["ZOOM_STEPS", "ArticleView"]

#: Zoom levels in percent; ``zoomChanged`` emits one of these.
ZOOM_STEPS: tuple[int, ...] = (50, 60, 70, 80, 90, 100, 110, 125, 140, 160, 180, 200, 250, 300)
_BASE_POINT_SIZE = 12.0
_SERIF_FAMILIES = [
    "Source Serif 4",
    "Source Serif Pro",
    "Noto Serif",
    "Charter",
    "Georgia",
    "Cambria",
    "DejaVu Serif",
    "Liberation Serif",
    "Times New Roman",
    "serif",
]
#: Readable measure: at most about this many average characters per line.
_MAX_LINE_CHARS = 78
_MIN_SIDE_MARGIN = 16
_FALLBACK_COLOUR = "#888888"
_MAX_LANES = 6
#: Overlap widenings tried before a change repaints the whole viewport (see _update_span).
_MAX_WIDENINGS = 8
_FLASH_MS = 900
#: From this many annotations added at once, views rebuild instead of inserting each.
_BULK = 64
#: A pending suggestion's dashed outline: dash length and period in pixels.
_DASH_ON = 4
_DASH_PERIOD = 7
FIND_COUNT_LIMIT = 1000  # the find bar counts hits up to this many past the current one
#: After loading a text at least this long, give the freed temporaries back to the system.
_TRIM_AFTER_CHARS = 1_000_000


#: An article read from a source: the spans this far either side of the lines painted
#: are read with them (scrolling a few screens reads nothing more).
_BAND_MARGIN = 8_000


class SpanSource(Protocol):
    """Where the view reads an article's annotations a band at a time (the window's
    :class:`~clipper.gui.article_annotations.ArticleAnnotations`: the store)."""

    def spans(self, start: int, end: int) -> Sequence[SpanRow]:
        """The shown annotations intersecting code points ``start..end``."""
        ...

    def annotation(self, annotation_id: int) -> Annotation | None:
        """One annotation in full (tooltips, menus), ``None`` if there is none."""
        ...


def _shown(annotation: Item) -> bool:
    """Rejected suggestions stay in the database (never offered again) but are not drawn."""
    return annotation.status != REJECTED


def _x_of(line: QTextLine, position: int) -> float:
    """The x of a cursor position on a laid-out line (PySide6 returns ``(x, position)``)."""
    result = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)  # type: ignore[arg-type]


class ArticleView(QPlainTextEdit):
    """Read-only article text with painted, overlapping, clickable highlights."""

    #: An annotation was clicked (press and release without dragging).
    annotationClicked = Signal(int)
    #: The selection changed to a non-empty span (code points, trimmed/snapped).
    spanSelected = Signal(int, int)
    #: Zoom changed; the argument is the zoom level in percent (100 = default).
    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pointer_over_highlight = False
        #: Grow selections to whole words in :meth:`selected_span`.
        self.snap_to_words: bool = True
        self._text = ""
        self._map = PositionMap("")
        self._index = AnnotationIndex()
        #: Where annotations not read yet come from (``None``: all are in the index).
        self._source: SpanSource | None = None
        #: Code-point windows whose annotations are all in the index (sorted, disjoint).
        self._bands: list[tuple[int, int]] = []
        self._tags: dict[str, Tag] = {}
        self._colour_cache: dict[tuple[str, bool], tuple[QColor, QColor, QColor]] = {}
        self._dash_cache: dict[int, tuple[QBrush, QBrush]] = {}
        self._zoom_index = ZOOM_STEPS.index(100)
        self._press_pos: QPoint | None = None
        self._flash_id: int | None = None
        self._flash_strength = 0.0
        self._flash_anim = QVariantAnimation(self)
        self._flash_anim.setDuration(_FLASH_MS)
        self._flash_anim.setStartValue(1.0)
        self._flash_anim.setEndValue(0.0)
        self._flash_anim.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash_anim.valueChanged.connect(self._on_flash_value)
        self._flash_anim.finished.connect(self._on_flash_finished)

        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Always shown: a scroll bar that appears when a long text is loaded would narrow
        # the text and make Qt lay out every paragraph again (~9 MB and ~20 ms at 5 MB).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # the side margins (readable measure) share the text's background
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setCursorWidth(2)
        #: Kept: :meth:`viewport` returns this wrapper (see :mod:`clipper.gui.viewports`).
        self._viewport = viewport_of(self)
        self.viewport().setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.document().setDocumentMargin(12)
        self._apply_font()
        self.selectionChanged.connect(self._on_selection_changed)

    # ----------------------------------------------------------------- content
    def set_article(
        self, text: str, annotations: Sequence[Annotation] | SpanSource, tags: Sequence[Tag]
    ) -> None:
        """Show ``text`` (the stored article text) with its annotations; cursor at start.
        From a :class:`SpanSource`, only those of the lines painted are read (as they
        come into view)."""
        self._flash_anim.stop()
        self._flash_id = None
        self._text = text
        self._map = PositionMap(text)
        if isinstance(annotations, Sequence):
            self._source = None
            self._index = AnnotationIndex([a for a in annotations if _shown(a)])
        else:
            self._source = annotations
            self._index = AnnotationIndex()
            self._bands = []
        self._set_tags(tags)
        self._load_document(qt_safe_text(text, self._map.has_surrogates))
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self.viewport().update()
        if len(text) >= _TRIM_AFTER_CHARS:
            release_free_memory()  # the load's big temporaries, left as free heap pages

    def _load_document(self, text: str) -> None:
        doc = self.document()
        blocker = self.blockSignals(True)  # no selectionChanged noise while loading
        try:
            self.setPlainText(text)
        finally:
            self.blockSignals(blocker)
        if doc.characterCount() - 1 != self._map.qt_length:  # pragma: no cover - guard
            raise RuntimeError(
                "the Qt document does not have the stored text's UTF-16 length "
                f"({doc.characterCount() - 1} != {self._map.qt_length})"
            )

    def text(self) -> str:
        """The stored article text (never the widget's own copy)."""
        return self._text

    def position_map(self) -> PositionMap:
        """The code point <-> Qt position map of the current article."""
        return self._map

    def annotations(self) -> list[Annotation]:
        """All annotations shown, ordered by start (reads every one: for tests)."""
        self._read_spans(0, len(self._text) + 1)
        found = (self._full(a) for a in self._index.all())
        return [a for a in found if a is not None]

    # ------------------------------------------------------- reading by band
    def _read_spans(self, start: int, end: int) -> None:
        """Make sure the index holds every annotation intersecting ``start..end``."""
        source = self._source
        if source is None:
            return
        end = max(end, start + 1)
        bands = self._bands
        i = bisect_right(bands, (start, end)) - 1
        for band in bands[max(0, i) : i + 2]:
            if band[0] <= start and end <= band[1]:
                return
        lo = max(0, start - _BAND_MARGIN)
        hi = min(len(self._text) + 1, end + _BAND_MARGIN)
        self._index.add_new(map(Span._make, source.spans(lo, hi)))
        merged: list[tuple[int, int]] = []
        for a, b in sorted([*bands, (lo, hi)]):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        self._bands = merged

    def _full(self, item: Item) -> Annotation | None:
        """The full annotation of an index item (read from the source for a span)."""
        if isinstance(item, Annotation):
            return item
        return None if self._source is None else self._source.annotation(item.id)

    def _find(self, annotation_id: int) -> Item | None:
        """The shown annotation with this id, its band read first if need be."""
        found = self._index.get(annotation_id)
        if found is None and self._source is not None:
            full = self._source.annotation(annotation_id)
            if full is None or not _shown(full):
                return None
            self._read_spans(full.start, full.end)
            found = self._index.get(annotation_id)
        return found

    def _may_have_highlights(self) -> bool:
        return bool(len(self._index)) or self._source is not None

    def set_tags(self, tags: Sequence[Tag]) -> None:
        """Replace the tag palette (labels/colours) and repaint."""
        self._set_tags(tags)
        self.viewport().update()

    def _set_tags(self, tags: Sequence[Tag]) -> None:
        self._tags = {t.name: t for t in tags}
        self._colour_cache.clear()

    def add_annotation(self, annotation: Annotation) -> None:
        """Show one more annotation (or replace the one with the same id); a rejected
        suggestion is not shown."""
        old = self._index.get(annotation.id)
        if not _shown(annotation):
            self.remove_annotation(annotation.id)
            return
        self._index.add(annotation)
        if old is not None:
            self._update_span(old.start, old.end)
        self._update_span(annotation.start, annotation.end)

    def add_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Show several more annotations (a batch of suggestions): one index rebuild
        for a big batch instead of one insertion each."""
        if len(annotations) < _BULK:
            for a in annotations:
                self.add_annotation(a)
            return
        if self._source is not None:  # the store has them: read those of the lines painted
            self._read_again()
            return
        new = {a.id: a for a in annotations}
        kept = [a for a in self._index.all() if a.id not in new]
        self._index = AnnotationIndex(kept + [a for a in new.values() if _shown(a)])
        self.viewport().update()

    def remove_annotation(self, annotation_id: int) -> None:
        """Stop showing an annotation; unknown ids are ignored."""
        old = self._index.remove(annotation_id)
        if old is not None:
            self._update_span(old.start, old.end)

    def update_annotation(self, annotation: Annotation) -> None:
        """Replace an annotation (tag, note, status or span changed)."""
        self.add_annotation(annotation)

    def update_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Replace several annotations (e.g. every suggestion of a tag accepted): a big
        batch read from the store again (the lines painted) instead of one each."""
        if len(annotations) >= _BULK and self._source is not None:
            self._read_again()
            return
        if len(annotations) >= _BULK:
            self.add_annotations(annotations)
            return
        for a in annotations:
            self.update_annotation(a)

    def remove_annotations(self, annotation_ids: Sequence[int]) -> None:
        """Stop showing several annotations (e.g. a suggesting run undone): a big batch
        read from the store again (the lines painted) instead of one each."""
        if len(annotation_ids) >= _BULK and self._source is not None:
            self._read_again()
            return
        if len(annotation_ids) >= _BULK:
            gone = set(annotation_ids)
            self._index = AnnotationIndex([a for a in self._index.all() if a.id not in gone])
            self.viewport().update()
            return
        for annotation_id in annotation_ids:
            self.remove_annotation(annotation_id)

    def _read_again(self) -> None:
        """Forget the spans read: the store (which has every change committed) is asked
        again for those of the lines painted."""
        self._index = AnnotationIndex()
        self._bands = []
        self.viewport().update()

    def _update_span(self, start: int, end: int) -> None:
        """Schedule a repaint of the lines showing code points ``start..end`` — widened to
        the annotations overlapping them, transitively (their underline lanes may move) —
        instead of the whole viewport. A key press then repaints a band of lines."""
        lo, hi = start, end
        for _ in range(_MAX_WIDENINGS):
            self._read_spans(lo, hi)
            found = self._index.overlapping(lo, hi)
            new_lo = min([lo] + [a.start for a in found])
            new_hi = max([hi] + [a.end for a in found])
            if (new_lo, new_hi) == (lo, hi):
                break
            lo, hi = new_lo, new_hi
        else:  # a long chain of overlaps: repaint everything
            self.viewport().update()
            return
        cursor = QTextCursor(self.document())
        last = self.document().characterCount() - 1
        cursor.setPosition(min(self._map.to_qt(lo), last))
        top = self.cursorRect(cursor).top()
        cursor.setPosition(min(self._map.to_qt(hi), last))
        below = self.cursorRect(cursor)
        # the underline lanes hang below a line's text: one more line's height covers them
        bottom = below.bottom() + below.height()
        viewport = self.viewport()
        band = QRect(0, top, viewport.width(), bottom - top + 1).intersected(viewport.rect())
        if not band.isEmpty():
            viewport.update(band)

    def annotation(self, annotation_id: int) -> Annotation | None:
        """The shown annotation with this id, if any."""
        found = self._find(annotation_id)
        return None if found is None else self._full(found)

    # --------------------------------------------------------------- selection
    def selected_span(self) -> tuple[int, int] | None:
        """The selection as a code-point span, clamped, trimmed and (optionally) snapped.

        A selection edge inside a surrogate pair is widened to the whole character.
        Returns ``None`` when nothing but white space is selected.
        """
        cursor = self.textCursor()
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        if a == b:
            return None
        start = self._map.from_qt(a)
        end = self._map.from_qt(b)
        if self._map.to_qt(end) < b:
            end += 1
        if self.snap_to_words:
            start, end = snap_to_words(self._text, start, end)
        else:
            start, end = trim_span(self._text, start, end)
        if start >= end:
            return None
        return start, end

    def _show_snapped_selection(self) -> None:
        """Highlight the whole words a mouse selection snaps to, so that what is shown is
        what Ctrl+C copies and what a tag key tags; the drag's direction is kept."""
        span = self.selected_span()
        if span is None:
            return
        cursor = self.textCursor()
        start, end = self._map.to_qt(span[0]), self._map.to_qt(span[1])
        if (start, end) == (cursor.selectionStart(), cursor.selectionEnd()):
            return
        backward = cursor.position() < cursor.anchor()
        cursor.setPosition(end if backward else start)
        cursor.setPosition(start if backward else end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def select_span(self, start: int, end: int) -> None:
        """Select code points ``start..end`` and make the selection visible."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _on_selection_changed(self) -> None:
        if not self.textCursor().hasSelection():
            return
        span = self.selected_span()
        if span is not None:
            self.spanSelected.emit(span[0], span[1])

    def find_text(self, query: str, forward: bool = True) -> bool:
        """Find ``query`` (case-insensitive) from the cursor, wrapping; select the hit."""
        if not query:
            return False
        doc = self.document()
        flags = QTextDocument.FindFlag(0)
        if not forward:
            flags |= QTextDocument.FindFlag.FindBackward
        hit = doc.find(query, self.textCursor(), flags)
        if hit.isNull():
            wrap = QTextCursor(doc)
            wrap.movePosition(
                QTextCursor.MoveOperation.Start if forward else QTextCursor.MoveOperation.End
            )
            hit = doc.find(query, wrap, flags)
        if hit.isNull():
            return False
        self.setTextCursor(hit)
        self.ensureCursorVisible()
        return True

    def match_number(self, query: str, limit: int = FIND_COUNT_LIMIT) -> tuple[int, int, bool]:
        """Where the selected hit of ``query`` stands: (its number from 1, the number of
        hits, whether counting stopped at ``limit`` hits past it). (0, n, …) when the
        selection is not a hit."""
        if not query:
            return 0, 0, False
        doc = self.document()
        selected = self.textCursor().selectionStart()
        cursor = QTextCursor(doc)
        number = total = 0
        while True:
            cursor = doc.find(query, cursor)
            if cursor.isNull():
                return number, total, False
            total += 1
            if cursor.selectionStart() == selected:
                number = total
            elif total >= limit and cursor.selectionStart() > selected:
                return number, total, True

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy the stored text's slice (Qt's own copy would alter NBSP, separators …)."""
        mime = QMimeData()
        cursor = self.textCursor()
        if cursor.hasSelection():
            start, end = self._map.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())
            mime.setText(self._text[start:end])
        return mime

    # -------------------------------------------------------------- navigation
    def scroll_to_annotation(self, annotation_id: int) -> None:
        """Put the cursor at an annotation's start and centre it in the view."""
        a = self._find(annotation_id)
        if a is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(a.start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def flash_annotation(self, annotation_id: int) -> None:
        """Pulse an annotation's highlight briefly (after jumping to it)."""
        if self._find(annotation_id) is None:
            return
        self._flash_anim.stop()
        self._flash_id = annotation_id
        self._flash_strength = 1.0
        self._flash_anim.start()
        self.viewport().update()

    def _on_flash_value(self, value: object) -> None:
        self._flash_strength = float(value)  # type: ignore[arg-type]
        self.viewport().update()

    def _on_flash_finished(self) -> None:
        self._flash_id = None
        self._flash_strength = 0.0
        self.viewport().update()

    # -------------------------------------------------------------------- zoom
    @property
    def zoom_percent(self) -> int:
        return ZOOM_STEPS[self._zoom_index]

    def zoom_in(self) -> None:
        self._set_zoom_index(self._zoom_index + 1)

    def zoom_out(self) -> None:
        self._set_zoom_index(self._zoom_index - 1)

    def reset_zoom(self) -> None:
        self._set_zoom_index(ZOOM_STEPS.index(100))

    def set_zoom(self, percent: int) -> None:
        """Zoom to the step nearest ``percent``."""
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - percent))
        self._set_zoom_index(nearest)

    def _set_zoom_index(self, index: int) -> None:
        index = max(0, min(len(ZOOM_STEPS) - 1, index))
        if index == self._zoom_index:
            return
        top = self.cursorForPosition(QPoint(0, 0)).position()
        self._zoom_index = index
        self._apply_font()
        # keep the paragraph that was at the top in view
        block = self.document().findBlock(top)
        if block.isValid():
            self.verticalScrollBar().setValue(block.firstLineNumber())
        self.zoomChanged.emit(self.zoom_percent)

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setFamilies(_SERIF_FAMILIES)
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSizeF(_BASE_POINT_SIZE * self.zoom_percent / 100)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._update_margins()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy > 0:
                self.zoom_in()
            elif dy < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------------ layout
    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            # New margins first, so that the text keeps its width when the window does not
            # get narrower than the readable measure (no re-layout of every paragraph).
            self._update_margins()
        elif kind == QEvent.Type.KeyRelease and self._shift_released(event):
            # A Shift+arrow selection is done: snap it, as a mouse drag on release (not
            # while the keys extend it, which would fight them).
            handled = super().event(event)
            self._show_snapped_selection()
            return handled
        return super().event(event)

    def _shift_released(self, event: QEvent) -> bool:
        """Whether ``event`` (a key release) ends a keyboard selection to snap."""
        return (
            self.snap_to_words
            and cast(QKeyEvent, event).key() == Qt.Key.Key_Shift
            and self.textCursor().hasSelection()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def width_for_chars(self, chars: int) -> int:
        """The widget width that shows lines of *chars* average characters."""
        metrics = QFontMetricsF(self.font())
        text = round(metrics.averageCharWidth() * chars + 2 * self.document().documentMargin())
        chrome = 2 * _MIN_SIDE_MARGIN + self.verticalScrollBar().sizeHint().width()
        return text + chrome + 2 * self.frameWidth()

    def _update_margins(self) -> None:
        """Centre a column of readable width (about 78 characters) in the widget."""
        metrics = QFontMetricsF(self.font())
        measure = round(metrics.averageCharWidth() * _MAX_LINE_CHARS)
        spare = self.width() - self.verticalScrollBar().sizeHint().width() - measure
        left = max(_MIN_SIDE_MARGIN, spare // 2)
        right = max(_MIN_SIDE_MARGIN, spare - spare // 2)  # text width: exactly the measure
        margins = self.viewportMargins()
        if (margins.left(), margins.right()) != (left, right):
            self.setViewportMargins(left, 8, right, 8)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_cache.clear()
        super().changeEvent(event)

    # --------------------------------------------------------------- painting
    def _is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _colours(self, tag_name: str, dark: bool) -> tuple[QColor, QColor, QColor]:
        """(fill, underline, flash fill) for a tag on a light or dark background."""
        cached = self._colour_cache.get((tag_name, dark))
        if cached is not None:
            return cached
        tag = self._tags.get(tag_name)
        base = QColor(tag.colour if tag else _FALLBACK_COLOUR)
        if not base.isValid():
            base = QColor(_FALLBACK_COLOUR)
        if dark:
            line = base.lighter(135) if base.lightness() < 140 else QColor(base)
            fill = QColor(line)
            fill.setAlpha(95)
        else:
            line = base.darker(110) if base.lightness() > 170 else QColor(base)
            fill = QColor(base)
            fill.setAlpha(70)
        flash = QColor(line)
        flash.setAlpha(200)
        result = (fill, line, flash)
        self._colour_cache[(tag_name, dark)] = result
        return result

    def _visible_blocks(self) -> list[tuple[QTextBlock, QPointF, int, int]]:
        """Visible blocks: (block, top-left in viewport coordinates, first and end Qt position)."""
        blocks: list[tuple[QTextBlock, QPointF, int, int]] = []
        block = self.firstVisibleBlock()
        if not block.isValid():
            return blocks
        offset = self.contentOffset()
        height = self.viewport().height()
        # The blocks stack down from the first one, as Qt places them (it adds up their
        # heights too): one height each instead of a placement walked from the top.
        left = offset.x()
        top = self.blockBoundingGeometry(block).translated(offset).top()
        while block.isValid() and top <= height:
            below = top + self.blockBoundingRect(block).height()
            if block.isVisible():
                pos = block.position()
                blocks.append((block, QPointF(left, top), pos, pos + block.length()))
            top = below
            block = block.next()
        return blocks

    def _span_rects(
        self,
        block: QTextBlock,
        origin: QPointF,
        qs: int,
        qe: int,
        clip: tuple[float, float] | None = None,
    ) -> Iterator[tuple[QRectF, float]]:
        """Rectangles (and baselines) covering Qt positions ``qs..qe`` inside ``block``;
        with ``clip`` (top, bottom in viewport coordinates), only those of the lines that
        can paint there (a line's underlines hang below it: up to a line height)."""
        bpos = block.position()
        s = max(qs, bpos) - bpos
        e = min(qe, bpos + block.length() - 1) - bpos
        if e <= s:
            return
        layout = block.layout()
        count = layout.lineCount()
        first = layout.lineForTextPosition(s)  # the lines before it end before ``s``
        i = first.lineNumber() if first.isValid() else 0
        while i < count:
            line = layout.lineAt(i)
            i += 1
            ls = line.textStart()
            le = ls + line.textLength()
            if e <= ls:
                break
            if s >= le:
                continue
            top = origin.y() + line.y()
            if clip is not None:
                if top > clip[1]:
                    break
                if top + 2 * line.height() < clip[0]:
                    continue
            x1 = _x_of(line, max(s, ls))
            x2 = _x_of(line, min(e, le))
            if x2 < x1:
                x1, x2 = x2, x1
            yield (
                QRectF(origin.x() + x1, top, x2 - x1, line.height()),
                top + line.ascent(),
            )

    def _visible_annotations(
        self, blocks: list[tuple[QTextBlock, QPointF, int, int]]
    ) -> list[Item]:
        if not blocks or not self._may_have_highlights():
            return []
        first = blocks[0][0]
        last = blocks[-1][0]
        qa = first.position()
        qb = last.position() + last.length()
        start, end = self._map.from_qt(qa), self._map.from_qt(qb) + 1
        self._read_spans(start, end)
        return self._index.overlapping(start, end)

    @staticmethod
    def _lanes(annotations: list[Item]) -> dict[int, int]:
        """Greedy interval colouring: one underline lane per overlap level."""
        ends: list[int] = []
        lanes: dict[int, int] = {}
        for a in sorted(annotations, key=lambda a: (a.start, -a.end, a.id)):
            for lane, lane_end in enumerate(ends):
                if lane_end <= a.start:
                    ends[lane] = a.end
                    lanes[a.id] = lane
                    break
            else:
                lanes[a.id] = len(ends)
                ends.append(a.end)
        return lanes

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._may_have_highlights():
            self._paint_highlights(event)
        super().paintEvent(event)

    def _paint_highlights(self, event: QPaintEvent) -> None:
        blocks = self._visible_blocks()
        block_starts = [b[2] for b in blocks]
        visible = self._visible_annotations(blocks)
        if not visible:
            return
        lanes = self._lanes(visible)
        dark = self._is_dark()
        to_qt = self._map.to_qt
        metrics = QFontMetricsF(self.font())
        thickness = max(1.5, round(metrics.height() / 12, 1))
        lane_step = thickness + 1.0
        underline_gap = max(1.0, metrics.descent() * 0.3)
        painter = QPainter(self.viewport())
        try:
            painter.setClipRect(event.rect())
            painter.setPen(Qt.PenStyle.NoPen)
            underlines: list[tuple[QRectF, QColor]] = []
            # only what meets the repainted rectangle (a new highlight repaints a band)
            clip = event.rect()
            clip_top, clip_bottom = clip.top(), clip.bottom()
            shown = [b for b in blocks if b[1].y() <= clip_bottom]
            while shown and self.blockBoundingRect(shown[0][0]).height() + shown[0][1].y() < (
                clip_top
            ):
                shown.pop(0)
            if not shown:
                return
            painted_from, painted_to = shown[0][2], shown[-1][3]
            band = (float(clip_top), float(clip_bottom))
            outlines: list[tuple[QRectF, QColor]] = []
            for a in visible:
                qs, qe = to_qt(a.start), to_qt(a.end)
                if qe < painted_from or qs >= painted_to:
                    continue
                fill, line_colour, flash = self._colours(a.tag, dark)
                pending = a.status == PENDING
                flashing = a.id == self._flash_id and self._flash_strength > 0
                if flashing:
                    alpha = fill.alphaF() + (flash.alphaF() - fill.alphaF()) * self._flash_strength
                    fill = QColor(flash)
                    fill.setAlphaF(alpha * (0.5 if pending else 1.0))
                lane = min(lanes.get(a.id, 0), _MAX_LANES - 1)
                first = max(0, bisect_right(block_starts, qs) - 1)
                for block, origin, bpos, _ in blocks[first:]:
                    if bpos >= qe:
                        break
                    for rect, baseline in self._span_rects(block, origin, qs, qe, band):
                        if pending:  # a suggestion: dashed outline, no fill (unless flashing)
                            if flashing:
                                painter.fillRect(rect, fill)
                            d = lane * lane_step / 2
                            outlines.append((rect.adjusted(d, d, -d, -d), line_colour))
                            continue
                        painter.fillRect(rect, fill)
                        y = baseline + underline_gap + lane * lane_step
                        underlines.append(
                            (QRectF(rect.left(), y, rect.width(), thickness), line_colour)
                        )
            # underlines last, so no translucent band of an overlapping span dims them
            for rect, colour in underlines:
                painter.fillRect(rect, colour)
            if outlines:
                self._paint_outlines(painter, outlines, thickness)
        finally:
            painter.end()

    def _paint_outlines(
        self, painter: QPainter, outlines: list[tuple[QRectF, QColor]], thickness: float
    ) -> None:
        """Pending suggestions: a dashed rectangle in the tag's colour around each piece,
        filled with tiled dash brushes (a dashed QPen goes through Qt's stroker: ~10×
        slower with hundreds of suggestions in view)."""
        width = float(max(1, round(thickness)))
        for rect, colour in outlines:
            across, down = self._dash_brushes(colour)
            left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
            painter.fillRect(QRectF(left, top, rect.width(), width), across)
            painter.fillRect(QRectF(left, bottom - width, rect.width(), width), across)
            painter.fillRect(QRectF(left, top, width, rect.height()), down)
            painter.fillRect(QRectF(right - width, top, width, rect.height()), down)

    def _dash_brushes(self, colour: QColor) -> tuple[QBrush, QBrush]:
        """Horizontal and vertical dash brushes (4 on, 3 off) of a colour, cached."""
        key = colour.rgba()
        cached = self._dash_cache.get(key)
        if cached is None:
            brushes = []
            for size, dash in (((_DASH_PERIOD, 1), (0, 0, _DASH_ON, 1)),
                               ((1, _DASH_PERIOD), (0, 0, 1, _DASH_ON))):  # fmt: skip
                tile = QPixmap(*size)
                tile.fill(Qt.GlobalColor.transparent)
                tile_painter = QPainter(tile)
                tile_painter.fillRect(*dash, colour)
                tile_painter.end()
                brushes.append(QBrush(tile))
            cached = (brushes[0], brushes[1])
            self._dash_cache[key] = cached
        return cached

    def highlight_style(self, annotation_id: int) -> str | None:
        """How an annotation is drawn: "dashed" (a pending suggestion: outline, no fill),
        "filled" (accepted), ``None`` (not shown: unknown or rejected)."""
        a = self._find(annotation_id)
        if a is None:
            return None
        return "dashed" if a.status == PENDING else "filled"

    # ------------------------------------------------------------ hit testing
    def annotations_at(self, pos: QPoint) -> list[Annotation]:
        """Annotations whose painted band contains viewport point ``pos``, shortest first."""
        found = (self._full(a) for a in self._items_at(pos))
        return [a for a in found if a is not None]

    def _items_at(self, pos: QPoint) -> list[Item]:
        """:meth:`annotations_at` as index items (nothing read in full)."""
        if not self._may_have_highlights():
            return []
        cursor = self.cursorForPosition(pos)
        cp = self._map.from_qt(cursor.position())
        self._read_spans(max(0, cp - 1), cp + 1)
        candidates = self._index.overlapping(max(0, cp - 1), cp + 1)
        if not candidates:
            return []
        block = cursor.block()
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        point = QPointF(pos)
        if not geometry.contains(point):
            return []
        origin = geometry.topLeft()
        hits = []
        for a in candidates:
            qs, qe = self._map.to_qt(a.start), self._map.to_qt(a.end)
            if any(rect.contains(point) for rect, _ in self._span_rects(block, origin, qs, qe)):
                hits.append(a)
        hits.sort(key=lambda a: (a.end - a.start, a.start, a.id))
        return hits

    def tooltip_at(self, pos: QPoint) -> str | None:
        """Rich-text tooltip (tag labels and notes) for the highlights at ``pos``."""
        hits = self.annotations_at(pos)
        if not hits:
            return None
        rows = []
        for a in hits:
            tag = self._tags.get(a.tag)
            label = html.escape(tag.label if tag else a.tag)
            colour = html.escape(tag.colour if tag else _FALLBACK_COLOUR)
            row = f'<span style="color:{colour}">■</span> <b>{label}</b>'
            if a.note:
                row += f"<br/>&nbsp;&nbsp;{html.escape(a.note)}"
            rows.append(row)
        return "<br/>".join(rows)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press_pos = self._press_pos, None
        super().mouseReleaseEvent(event)
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if self.snap_to_words and self.textCursor().hasSelection():
            self._show_snapped_selection()
        pos = event.position().toPoint()
        if (pos - press).manhattanLength() >= QApplication.startDragDistance():
            return
        if self.textCursor().hasSelection():
            return
        hits = self._items_at(pos)
        if hits:
            self.annotationClicked.emit(hits[0].id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton and self._may_have_highlights():
            over = bool(self._items_at(event.position().toPoint()))
            if over != self._pointer_over_highlight:
                self._pointer_over_highlight = over
                shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
                self.viewport().setCursor(shape)

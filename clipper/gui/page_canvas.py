"""The scrolling page surface: PDF pages one under the other, highlights drawn as boxes.

It knows pages only as sizes, images (from :class:`~clipper.gui.page_cache.PageCache`)
and boxes in the stored layout's coordinates; the page pane tells it what to draw and
turns its clicks and dragged regions into text selections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from clipper.gui.page_cache import PageCache
from clipper.gui.page_render import Affine, FirstPage, RenderedPage
from clipper.layout import Box

#: Gap between pages and around them (pixels).
GAP = 10
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
#: A drag shorter than this (pixels) is a click.
CLICK_SLOP = 4
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

#: The pane's own keys (widget-local: they win over the window's while it has focus).
_KEYS = {
    Qt.Key.Key_PageDown: "next",
    Qt.Key.Key_PageUp: "previous",
    Qt.Key.Key_Plus: "in",
    Qt.Key.Key_Equal: "in",
    Qt.Key.Key_Minus: "out",
    Qt.Key.Key_W: "fit",
    Qt.Key.Key_Home: "first",
    Qt.Key.Key_End: "last",
}


@dataclass(frozen=True, slots=True)
class PageBox:
    """A box to draw on a page: layout coordinates, colour, and the annotation (if any)."""

    page: int  # 1-based, as in the layout
    box: Box
    colour: QColor
    annotation_id: int | None = None


def _apply(affine: Affine, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = affine
    return a * x + c * y + e, b * x + d * y + f


def _invert(affine: Affine) -> Affine:
    a, b, c, d, e, f = affine
    det = a * d - b * c or 1.0
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(ia * e + ic * f), -(ib * e + id_ * f))


class PageCanvas(QAbstractScrollArea):
    """Pages stacked vertically. Emits what the user clicked or dragged over."""

    #: An annotation box was clicked.
    annotationClicked = Signal(int)
    #: A region was dragged on a page: 1-based page, box in layout coordinates.
    regionSelected = Signal(int, object)
    #: The page mostly in view changed (0-based).
    currentPageChanged = Signal(int)
    zoomChanged = Signal()
    #: Pages to render next: ``[(index, scale)]``.
    renderWanted = Signal(object)

    def __init__(self, cache: PageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.setAccessibleName("PDF pages")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(False)
        self.cache = cache
        self.sizes: tuple[tuple[float, float], ...] = ()
        self.affines: dict[int, Affine] = {}
        self.fit_width = True
        self._zoom = 1.0
        self._tops: list[int] = []
        self._boxes: dict[int, list[PageBox]] = {}
        self._selection: list[PageBox] = []
        self._press: QPoint | None = None
        self._drag: QRect | None = None
        self._current = -1
        self.boxes_for_page: Callable[[int], Sequence[PageBox]] = lambda _page: ()
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().setSingleStep(30)
        # a scroll bar that comes and goes would change the fitted width (and re-render)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    # -- content --------------------------------------------------------------------------

    def set_pages(self, sizes: Sequence[tuple[float, float]]) -> None:
        self.sizes = tuple(sizes)
        self.affines = {}
        self._selection = []
        self._current = -1
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self._scrolled()

    def set_selection(self, boxes: Sequence[PageBox]) -> None:
        self._selection = list(boxes)
        self.viewport().update()

    def page_added(self, page: RenderedPage) -> None:
        """A page image arrived (already in the cache)."""
        self.affines[page.index] = page.affine
        self.viewport().update()

    def refresh_boxes(self) -> None:
        self.viewport().update()

    # -- geometry -------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """Logical pixels per point."""
        return self._zoom

    def render_scale(self) -> float:
        return round(self._zoom * self.devicePixelRatioF(), 3)

    def first_page(self) -> FirstPage:
        """How page 1 of the next document will be shown (see :class:`FirstPage`)."""
        width = self.viewport().width() - 2 * GAP if self.fit_width else None
        return FirstPage(width, self._zoom, self.devicePixelRatioF())

    def set_zoom(self, zoom: float) -> None:
        self.fit_width = False
        self._set_zoom(max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom)))

    def set_fit_width(self) -> None:
        self.fit_width = True
        self._relayout()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 1e-3), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        lower = [z for z in ZOOM_STEPS if z < self._zoom - 1e-3]
        self.set_zoom(lower[-1] if lower else ZOOM_STEPS[0])

    def _set_zoom(self, zoom: float) -> None:
        anchor = self._anchor()
        self._zoom = zoom
        self._relayout(anchor)

    def _anchor(self) -> tuple[int, float]:
        """The page at the top of the view and how far into it (share of its height)."""
        if not self.sizes or not self._tops:
            return 0, 0.0
        page = self.page_at_y(self.verticalScrollBar().value())
        height = self.sizes[page][1] * self._zoom or 1.0
        return page, (self.verticalScrollBar().value() - self._tops[page]) / height

    def _relayout(self, anchor: tuple[int, float] | None = None) -> None:
        if anchor is None:
            anchor = self._anchor()
        if self.fit_width and self.sizes:
            available = self.viewport().width() - 2 * GAP
            self._zoom = FirstPage(available, self._zoom, 1.0).scale(self.sizes)
        tops = []
        y = GAP
        for _, h in self.sizes:
            tops.append(y)
            y += int(h * self._zoom) + GAP
        self._tops = tops
        widest_px = int(max((w for w, _ in self.sizes), default=0) * self._zoom) + 2 * GAP
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, y - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        hbar = self.horizontalScrollBar()
        hbar.setRange(0, max(0, widest_px - self.viewport().width()))
        hbar.setPageStep(self.viewport().width())
        if self.sizes and anchor[0] < len(self._tops):
            page, share = anchor
            bar.setValue(self._tops[page] + int(share * self.sizes[page][1] * self._zoom))
        self.zoomChanged.emit()
        self._request()
        self.viewport().update()

    def page_rect(self, index: int) -> QRect:
        """Where page ``index`` is, in viewport pixels."""
        w, h = self.sizes[index]
        width, height = int(w * self._zoom), int(h * self._zoom)
        total = self.viewport().width()
        x = max(GAP, (total - width) // 2) - self.horizontalScrollBar().value()
        return QRect(x, self._tops[index] - self.verticalScrollBar().value(), width, height)

    def page_at_y(self, y: int) -> int:
        """The page at content height ``y`` (0-based)."""
        page = 0
        for index, top in enumerate(self._tops):
            if top - GAP > y:
                break
            page = index
        return page

    def visible_pages(self) -> list[int]:
        if not self.sizes:
            return []
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = self.page_at_y(top)
        pages = []
        for index in range(first, len(self.sizes)):
            if self._tops[index] > bottom:
                break
            pages.append(index)
        return pages

    def current_page(self) -> int:
        return max(0, self._current)

    def to_view(self, index: int, box: Box) -> QRectF:
        """A layout box on page ``index`` (0-based) in viewport pixels."""
        affine = self.affines.get(index, IDENTITY)
        rect = self.page_rect(index)
        x0, y0 = _apply(affine, box[0], box[1])
        x1, y1 = _apply(affine, box[2], box[3])
        z = self._zoom
        return QRectF(
            rect.x() + min(x0, x1) * z,
            rect.y() + min(y0, y1) * z,
            abs(x1 - x0) * z,
            abs(y1 - y0) * z,
        )

    def to_layout(self, index: int, rect: QRect) -> Box:
        """Viewport pixels on page ``index`` as a layout box."""
        inverse = _invert(self.affines.get(index, IDENTITY))
        page = self.page_rect(index)
        z = self._zoom or 1.0
        xa, ya = _apply(inverse, (rect.left() - page.x()) / z, (rect.top() - page.y()) / z)
        xb, yb = _apply(inverse, (rect.right() - page.x()) / z, (rect.bottom() - page.y()) / z)
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))

    def ensure_visible(self, index: int, box: Box | None = None) -> None:
        """Scroll so that page ``index`` (and ``box`` on it) is in view."""
        if not 0 <= index < len(self.sizes):
            return
        bar = self.verticalScrollBar()
        if box is None:
            bar.setValue(self._tops[index] - GAP)
            return
        rect = self.to_view(index, box)
        top = int(rect.top()) + bar.value()
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            bar.setValue(max(0, top - self.viewport().height() // 3))

    def go_to_page(self, index: int) -> None:
        self.ensure_visible(max(0, min(index, len(self.sizes) - 1)))

    # -- rendering ------------------------------------------------------------------------

    def _scrolled(self, _value: int = 0) -> None:
        visible = self.visible_pages()
        if visible:
            middle = self.verticalScrollBar().value() + self.viewport().height() // 3
            current = self.page_at_y(middle)
            if current != self._current:
                self._current = current
                self.currentPageChanged.emit(current)
        self._request()

    def _request(self) -> None:
        visible = self.visible_pages()
        if not visible:
            return
        scale = self.render_scale()
        around = [visible[-1] + 1, visible[0] - 1]
        wanted = [
            (index, scale)
            for index in [*visible, *around]
            if 0 <= index < len(self.sizes)
            and ((cached := self.cache.get(index)) is None or abs(cached.scale - scale) > 1e-3)
        ]
        if wanted:
            self.renderWanted.emit(wanted)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().dark())
        for index in self.visible_pages():
            rect = self.page_rect(index)
            cached = self.cache.get(index)
            painter.fillRect(rect, QColor("white"))
            if cached is not None:
                painter.setRenderHint(
                    QPainter.RenderHint.SmoothPixmapTransform,
                    abs(cached.scale - self.render_scale()) > 1e-3,
                )
                painter.drawImage(rect, cached.image)
            else:
                painter.setPen(QColor("#888888"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"Page {index + 1}")
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            for item in self.boxes_for_page(index + 1):
                fill = QColor(item.colour)
                fill.setAlpha(70)
                target = self.to_view(index, item.box)
                painter.fillRect(target, fill)
                painter.setPen(QPen(item.colour, 1))
                painter.drawRect(target)
            for item in self._selection:
                if item.page == index + 1:
                    fill = QColor(item.colour)
                    fill.setAlpha(90)
                    painter.fillRect(self.to_view(index, item.box), fill)
        if self._drag is not None:
            painter.setPen(QPen(self.palette().highlight().color(), 1, Qt.PenStyle.DashLine))
            painter.drawRect(self._drag)
        painter.end()

    # -- input ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def page_at(self, pos: QPoint) -> int | None:
        for index in self.visible_pages():
            if self.page_rect(index).contains(pos):
                return index
        return None

    def annotation_at(self, pos: QPoint) -> int | None:
        index = self.page_at(pos)
        if index is None:
            return None
        for item in reversed(self.boxes_for_page(index + 1)):
            if item.annotation_id is not None and self.to_view(index, item.box).adjusted(
                -2, -2, 2, 2
            ).contains(QPointF(pos)):
                return item.annotation_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._drag = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None:
            pos = event.position().toPoint()
            if (pos - self._press).manhattanLength() > CLICK_SLOP:
                self._drag = QRect(self._press, pos).normalized()
                self.viewport().update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drag = self._press, self._drag
        self._press = self._drag = None
        if event.button() == Qt.MouseButton.LeftButton and press is not None:
            if drag is None:
                annotation = self.annotation_at(press)
                if annotation is not None:
                    self.annotationClicked.emit(annotation)
            else:
                index = self.page_at(drag.center()) or self.page_at(press)
                if index is not None:
                    self.regionSelected.emit(index + 1, self.to_layout(index, drag))
            self.viewport().update()
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and event.key() in _KEYS
        ):
            event.accept()  # the pane's own keys win over the window's while it has focus
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = _KEYS.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
            return
        page = self.current_page()
        if action == "next":
            self.go_to_page(page + 1)
        elif action == "previous":
            top = self._tops[page] if self._tops else 0
            # at (or within a gap of) the page's top: the previous page; else this one's top
            self.go_to_page(page - 1 if self.verticalScrollBar().value() <= top else page)
        elif action == "first":
            self.go_to_page(0)
        elif action == "last":
            self.go_to_page(len(self.sizes) - 1)
        elif action == "in":
            self.zoom_in()
        elif action == "out":
            self.zoom_out()
        else:
            self.set_fit_width()
        event.accept()

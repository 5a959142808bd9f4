"""Renders PDF pages with pdfium in one background thread (pdfium is not thread-safe).

The UI thread asks for pages (:meth:`PageRenderer.want`); the newest wishes win, so
scrolling fast never builds a backlog. Each rendered page comes back on the UI thread
(:attr:`PageRenderer.rendered`) as a :class:`RenderedPage`: the image and the affine map
from the stored layout's coordinates to points of the displayed page.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from clipper.gui.memory import release_free_memory
from clipper.page_geometry import layout_to_pdf

if TYPE_CHECKING:  # pdfium is imported by the render thread, when a PDF is first shown
    import pypdfium2 as pdfium

log = logging.getLogger(__name__)

#: pdfium keeps what it parsed for every page rendered (about 0.3 MB a page): after this
#: many pages the document is opened afresh (a millisecond or two) and the freed heap
#: given back to the system; 300 pages then add ~12 MB instead of ~95 MB.
REOPEN_EVERY = 24

#: ``(a, b, c, d, e, f)``: ``u = a*x + c*y + e``, ``v = b*x + d*y + f``.
Affine = tuple[float, float, float, float, float, float]


@dataclass(frozen=True, slots=True)
class RenderedPage:
    generation: int
    #: 0-based page index.
    index: int
    #: Pixels per point the image was rendered at.
    scale: float
    image: QImage
    #: Layout coordinates -> points on the displayed page.
    affine: Affine


@dataclass(frozen=True, slots=True)
class OpenedDocument:
    generation: int
    #: Displayed size (points) of every page; empty with ``error`` set when it failed.
    sizes: tuple[tuple[float, float], ...]
    error: str = ""


@dataclass(frozen=True, slots=True)
class FirstPage:
    """How the pane will show pages: fit to ``width`` pixels, or at ``zoom``; ``ratio``:
    device pixels per pixel. Gives the scale the pane will ask page 1 at."""

    width: float | None
    zoom: float
    ratio: float

    def scale(self, sizes: Sequence[tuple[float, float]]) -> float:
        zoom = self.zoom
        if self.width is not None:
            widest = max(w for w, _ in sizes)
            zoom = max(0.1, self.width / widest) if widest > 0 else 1.0
        return round(round(zoom, 3) * self.ratio, 3)


class _Signals(QObject):
    opened = Signal(object)  # OpenedDocument
    rendered = Signal(object)  # RenderedPage


def _affine(page: pdfium.PdfPage, bitmap: pdfium.PdfBitmap, scale: float) -> Affine:
    """Map layout (pdfplumber) coordinates to displayed-page points, from three points."""
    converter = bitmap.get_posconv(page)
    rotation = page.get_rotation()
    mediabox = page.get_mediabox()

    def to_points(x: float, y: float) -> tuple[float, float]:
        px, py = layout_to_pdf(rotation, mediabox, x, y)
        u, v = converter.to_bitmap(px, py)
        return u / scale, v / scale

    o = to_points(0.0, 0.0)
    ex = to_points(1000.0, 0.0)
    ey = to_points(0.0, 1000.0)
    return (
        (ex[0] - o[0]) / 1000.0,
        (ex[1] - o[1]) / 1000.0,
        (ey[0] - o[0]) / 1000.0,
        (ey[1] - o[1]) / 1000.0,
        o[0],
        o[1],
    )


class PageRenderer:
    """The render thread of one page pane (a daemon thread: it never holds up quitting).

    Its signals are delivered on the thread that created it (the UI thread)."""

    def __init__(self) -> None:
        self._signals = _Signals()
        self.opened = self._signals.opened
        self.rendered = self._signals.rendered
        self._lock = threading.Condition()
        self._open: tuple[int, str | None, FirstPage | None] | None = None
        self._wanted: list[tuple[int, int, float]] = []
        self._stopping = False
        self._rendered = 0
        self._thread = threading.Thread(target=self._run, name="clipper-page-renderer", daemon=True)

    def start(self) -> None:
        if not self._thread.is_alive() and not self._stopping:
            self._thread.start()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    # -- UI thread ------------------------------------------------------------------------

    def open_document(
        self, generation: int, path: str | None, first: FirstPage | None = None
    ) -> None:
        """Open ``path`` (``None``: close) for requests tagged ``generation``; ``first``:
        render page 1 right away (before the UI asks), at the scale it will ask for."""
        with self._lock:
            self._open = (generation, path, first)
            self._wanted = []
            self._lock.notify()

    def want(self, generation: int, pages: Sequence[tuple[int, float]]) -> None:
        """Render these ``(index, scale)`` next, first first (replaces earlier wishes)."""
        with self._lock:
            self._wanted = [(generation, index, scale) for index, scale in pages]
            self._lock.notify()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread (closing the document) and wait for it up to ``timeout`` s."""
        with self._lock:
            self._stopping = True
            self._lock.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)

    # -- render thread --------------------------------------------------------------------

    def _run(self) -> None:
        document: pdfium.PdfDocument | None = None
        generation = -1
        path: str | None = None
        try:
            while True:
                with self._lock:
                    while not self._stopping and self._open is None and not self._wanted:
                        self._lock.wait()
                    if self._stopping:
                        return
                    opening, self._open = self._open, None
                    task = self._wanted.pop(0) if opening is None and self._wanted else None
                if opening is not None:
                    if document is not None:
                        document.close()
                        document = None
                        release_free_memory()
                    generation, path, first = opening
                    if path is not None:
                        document = self._open_document(generation, path, first)
                    continue
                if task is None or document is None or task[0] != generation:
                    continue
                self._render(document, *task)
                if self._rendered % REOPEN_EVERY == 0 and path is not None:
                    document.close()
                    release_free_memory()
                    import pypdfium2 as pdfium  # imported already: by _open_document

                    try:
                        document = pdfium.PdfDocument(path)
                    except pdfium.PdfiumError:  # the copy went away: no more pages
                        document = None
        except RuntimeError:  # the signals' object was deleted (the window closed)
            pass
        finally:
            if document is not None:
                document.close()

    def _open_document(
        self, generation: int, path: str, first: FirstPage | None
    ) -> pdfium.PdfDocument | None:
        import pypdfium2 as pdfium

        try:
            document = pdfium.PdfDocument(path)
            sizes = tuple(
                (float(w), float(h))
                for w, h in (document.get_page_size(i) for i in range(len(document)))
            )
        except pdfium.PdfiumError as exc:
            message = str(exc)
            if "password" in message.lower():
                message = "the PDF is encrypted: the page view cannot open it"
            self.opened.emit(OpenedDocument(generation, (), message))
            return None
        if first is not None and sizes:
            # page 1 arrives before the sizes: the UI finds it cached when it lays out
            self._render(document, generation, 0, first.scale(sizes))
        self.opened.emit(OpenedDocument(generation, sizes))
        return document

    def _render(
        self, document: pdfium.PdfDocument, generation: int, index: int, scale: float
    ) -> None:
        import pypdfium2 as pdfium

        try:
            page = document[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGBX8888,
                ).copy()  # own the pixels: the bitmap is freed below
                affine = _affine(page, bitmap, scale)
                bitmap.close()
            finally:
                page.close()
        except (pdfium.PdfiumError, IndexError, ValueError) as exc:
            log.warning("page %d could not be rendered: %s", index + 1, exc)
            return
        self.rendered.emit(RenderedPage(generation, index, scale, image, affine))
        self._rendered += 1

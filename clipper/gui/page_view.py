"""The page pane: a PDF article's pages beside its text, highlights on both (View › Page view, F9).

Opening an article copies its kept PDF (:mod:`clipper.store.source_files`) out of the
database once, in a background job, to a private temporary folder; pdfium renders it
there in its own thread (:mod:`.page_render`), pages are cached (:mod:`.page_cache`).
The annotations of each page drawn (read from the store as spans of that page's text, not
every annotation of the article) are boxes in their tag's colour from the stored character
boxes (rejected suggestions are not drawn, as in the text);
selecting text shows the selection on the page; clicking a highlight on the page or
dragging a region over words selects the same characters in the text.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clipper.gui.controller import Changes, Controller
from clipper.gui.page_cache import PageCache
from clipper.gui.page_canvas import PageBox, PageCanvas
from clipper.gui.page_render import OpenedDocument, PageRenderer, RenderedPage
from clipper.gui.workers import Job, JobContext, run_job
from clipper.layout import CharLayout
from clipper.model import SourceFileInfo
from clipper.page_geometry import PageMap

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

log = logging.getLogger("clipper.gui")

NOT_PDF = "The page view shows PDF articles. This article was not imported from a PDF."
NO_SOURCE = (
    "This article was imported before Clipper kept the PDF itself (or the file was too large "
    "to keep), so its pages cannot be shown. Import the PDF again to see them."
)
NO_ARTICLE = "Open a PDF article to see its pages."
SELECTION_COLOUR = QColor(60, 120, 230)
#: Kept PDFs up to this size are copied out of the database on the UI thread (a few ms);
#: larger ones in a background job.
COPY_HERE_BYTES = 8_000_000
#: Average characters a line the article text keeps beside the page (fewer broke words).
READABLE_TEXT_CHARS = 32
LONG_PAGE_LABEL = "Page 888 of 888 · 888%"


class PageView(QWidget):
    """Pages of the current PDF article with annotation and selection boxes."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.controller = controller
        self.cache = PageCache()
        self.canvas = PageCanvas(self.cache, self)
        self.canvas.boxes_for_page = self._boxes_for_page
        self.message = QLabel(NO_ARTICLE, self)
        self.message.setObjectName("pageViewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.canvas)

        #: The importer's warnings about this article (e.g. an untrustworthy reading order).
        self.warning = QLabel("", self)
        self.warning.setObjectName("pageViewWarning")
        self.warning.setWordWrap(True)
        self.warning.setMargin(6)
        self.warning.setStyleSheet("QLabel { background: #fff4c2; color: #4a3b00; }")
        self.warning.hide()
        self.page_label = QLabel("", self)
        self.page_label.setObjectName("pageNumber")
        bar = self.bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        self.buttons: list[QToolButton] = []
        for name, text, tip, slot in (
            ("pageZoomOut", "−", "Zoom out (-)", self.canvas.zoom_out),
            ("pageZoomIn", "+", "Zoom in (+)", self.canvas.zoom_in),
            (
                "pageFitWidth",
                "Fit width",
                "Fit the page to the pane's width (W)",
                self.canvas.set_fit_width,
            ),
        ):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons.append(button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.stack, 1)

        self.renderer = PageRenderer()
        self.renderer.opened.connect(self._opened)
        self.renderer.rendered.connect(self._rendered)
        self.canvas.renderWanted.connect(self._render_wanted)
        self.canvas.currentPageChanged.connect(self._update_page_label)
        self.canvas.zoomChanged.connect(lambda: self._update_page_label(self.canvas.current_page()))

        self.generation = 0
        self.article_id: int | None = None
        self.layout_map: PageMap | None = None
        self.selection: tuple[int, int] | None = None
        #: The annotation boxes of the pages drawn so far, by 1-based page.
        self._boxes: dict[int, list[PageBox]] = {}
        self._job: Job | None = None
        #: Private folder for the copied-out PDFs (removed when the pane goes).
        self.folder = Path(tempfile.mkdtemp(prefix="clipper-pages-"))
        #: The document being shown is open and its page sizes known.
        self.ready = False
        renderer, folder = self.renderer, self.folder

        def release() -> None:  # no reference to self: it runs when the pane is gone
            renderer.stop()
            shutil.rmtree(folder, ignore_errors=True)

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(release)
        self.destroyed.connect(release)

    # -- lifecycle ------------------------------------------------------------------------

    # -- what is shown --------------------------------------------------------------------

    def show_article(self) -> None:
        """Show the controller's current article (call when it changed or on showing)."""
        self.generation += 1
        self.ready = False
        self.cache.clear()
        self.selection = None
        self._boxes = {}
        self.canvas.set_pages(())
        self.page_label.setText("")
        self.warning.hide()
        article = self.controller.article
        self.article_id = article.id if article is not None else None
        if not self.isVisible():
            return
        if article is None:
            self._say(NO_ARTICLE)
            return
        layout = self.controller.session.get_layout(article.id)
        if article.source_kind != "pdf" or layout is None:
            self._say(NOT_PDF)
            return
        self.layout_map = PageMap(layout)
        info = self.controller.session.source_file_info(article.id)
        if info is None:
            self._say(NO_SOURCE)
            return
        if info.warnings:
            self.warning.setText("\n".join(info.warnings))
            self.warning.show()
        path = self.folder / f"{info.sha256}.pdf"
        self._say(f"Opening the pages of {info.name} …")
        if not path.exists() and info.size <= COPY_HERE_BYTES:
            # a few milliseconds: quicker than starting a job (a thread and a connection)
            with open(path.with_suffix(".part"), "wb") as stream:
                self.controller.session.copy_source_file(info.article_id, stream)
            path.with_suffix(".part").replace(path)
        if path.exists():
            self._open(path)
        else:
            self._copy_out(info, path)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _copy_out(self, info: SourceFileInfo, path: Path) -> None:
        generation = self.generation
        # one partial file per job: a second job for the same PDF must not collide
        partial = path.with_name(f"{path.stem}.{generation}.part")

        def copy(context: JobContext) -> SourceFileInfo | None:
            with open(partial, "wb") as stream:
                found = context.store.copy_source_file(info.article_id, stream)
            if found is not None:
                partial.replace(path)
            return found

        def done(found: object) -> None:
            if generation != self.generation:
                return
            if found is None:
                self._say(NO_SOURCE)
            else:
                self._open(path)

        def failed(error: BaseException) -> None:
            if generation == self.generation:
                self._say(f"The pages could not be prepared: {error}")

        self._job = run_job(
            self.controller.db_path, copy, parent=self, on_finished=done, on_failed=failed
        )

    def _open(self, path: Path) -> None:
        self.renderer.start()
        self.renderer.open_document(self.generation, str(path), self.canvas.first_page())

    def _opened(self, document: OpenedDocument) -> None:
        if document.generation != self.generation:
            return
        if document.error or not document.sizes:
            self._say(f"The pages cannot be shown: {document.error or 'the PDF has no pages'}")
            return
        self.stack.setCurrentWidget(self.canvas)
        self.ready = True
        self.canvas.set_pages(document.sizes)
        if self.selection is not None:
            self.show_span(*self.selection)

    def _render_wanted(self, pages: object) -> None:
        if self.ready:
            self.renderer.want(self.generation, pages)  # type: ignore[arg-type]

    def _rendered(self, page: RenderedPage) -> None:
        if page.generation != self.generation:
            return
        self.cache.put(page)
        self.canvas.page_added(page)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the bar with a long page label ("Page 888 of 888 · 888%"), so
        the pane needs no more room once a PDF shows (the text beside it is fitted to this)."""
        hint = super().minimumSizeHint()
        bar = self.bar.contentsMargins()
        width = bar.left() + bar.right() + self.bar.spacing() * len(self.buttons)
        width += sum(button.sizeHint().width() for button in self.buttons)
        width += self.page_label.fontMetrics().horizontalAdvance(LONG_PAGE_LABEL)
        return QSize(max(hint.width(), width), hint.height())

    def _update_page_label(self, index: int) -> None:
        if self.canvas.sizes:
            self.page_label.setText(
                f"Page {index + 1} of {len(self.canvas.sizes)} · {round(self.canvas.zoom * 100)}%"
            )

    # -- boxes ----------------------------------------------------------------------------

    @property
    def char_layout(self) -> CharLayout | None:
        return None if self.layout_map is None else self.layout_map.layout

    def annotations_changed(self) -> None:
        self._boxes = {}
        self.canvas.refresh_boxes()

    def _boxes_for_page(self, page: int) -> list[PageBox]:
        found = self._boxes.get(page)
        if found is None:
            found = self._boxes[page] = self._build_boxes(page)
        return found

    def _build_boxes(self, page: int) -> list[PageBox]:
        """The boxes of the annotations on 1-based ``page``, in text order: only those
        whose span meets the page's characters are read (from the store, as spans), and
        only their characters on it measured."""
        layout_map, article_id = self.layout_map, self.article_id
        if layout_map is None or article_id is None:
            return []
        span = layout_map.page_span(page)
        if span is None:
            return []
        lo, hi = span
        colours = {tag.name: QColor(tag.colour) for tag in self.controller.tags}
        boxes: list[PageBox] = []
        line_boxes = layout_map.layout.line_boxes
        for start, end, ident, tag, _status in self.controller.annotations.spans(lo, hi):
            colour = colours.get(tag, QColor("gray"))
            for on, box in line_boxes(max(start, lo), min(end, hi)):
                if on == page:
                    boxes.append(PageBox(page, box, colour, ident))
        return boxes

    def show_span(self, start: int, end: int) -> None:
        """Show text span ``start..end`` on the page (boxes) and scroll to it."""
        self.selection = (start, end)
        layout = self.char_layout
        if layout is None or not self.ready:
            return
        lines = layout.line_boxes(start, end)
        self.canvas.set_selection([PageBox(p, b, SELECTION_COLOUR) for p, b in lines])
        if lines:
            page, box = lines[0]
            self.canvas.ensure_visible(page - 1, box)

    def span_in_region(
        self, page: int, box: tuple[float, float, float, float]
    ) -> tuple[int, int] | None:
        return None if self.layout_map is None else self.layout_map.span_in_region(page, box)


def install(window: MainWindow) -> None:
    """Put a page pane beside the article text, toggled by View › Page view (F9)."""
    pane = PageView(window.controller, window.article_page)
    pane.hide()
    window.page_view = pane  # type: ignore[attr-defined]
    article_layout = window.article_page.layout()
    assert isinstance(article_layout, QVBoxLayout)
    index = article_layout.indexOf(window.view)
    article_layout.removeWidget(window.view)
    splitter = QSplitter(Qt.Orientation.Horizontal, window.article_page)
    splitter.setObjectName("textPageSplitter")
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(window.view)
    splitter.addWidget(pane)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    article_layout.insertWidget(index, splitter, 1)

    def toggled(on: bool) -> None:
        pane.setVisible(on)
        # The text beside the page keeps READABLE_TEXT_CHARS a line: the side panes make room.
        text_width = window.view.width_for_chars(READABLE_TEXT_CHARS)
        needed = text_width + splitter.handleWidth() + pane.minimumSizeHint().width()
        window.centre_min_width = needed if on else 0
        window.share_width()
        article_layout.activate()  # the text-page splitter gets its new width now
        if on:
            # Half each, the page no narrower than it can be (setSizes([1, 1]) left the
            # text a word wide beside it in a 1,024 px window), the text no narrower than
            # text_width while the page keeps its minimum.
            total = splitter.width() - splitter.handleWidth()
            page_min = pane.minimumSizeHint().width()
            page = min(max(total // 2, page_min), total)
            page = min(page, max(total - text_width, page_min))
            splitter.setSizes([max(total - page, 1), page])
            splitter.refresh()  # the pane's width is known before its first page is rendered
            pane.show_article()
        else:
            window.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def changed(changes: Changes) -> None:
        if not pane.isVisible():
            pane.article_id = None
            return
        if changes.database or changes.article:
            article = window.controller.article
            if article is None or article.id != pane.article_id or changes.database:
                pane.show_article()
                return
        if changes.added or changes.removed or changes.updated or changes.tags or changes.article:
            pane.annotations_changed()

    def annotation_clicked(annotation_id: int) -> None:
        annotation = window.controller.annotations.get(annotation_id)
        if annotation is not None:
            window.view.select_span(annotation.start, annotation.end)
            window.annotations.select_annotation(annotation_id)

    def region_selected(page: int, box: object) -> None:
        span = pane.span_in_region(page, box)  # type: ignore[arg-type]
        if span is None:
            window.show_message("No text in that region of the page.")
            return
        window.view.select_span(*span)

    action = window.actions_by_name["page_view"]
    action.toggled.connect(toggled)
    window.controller.changed.connect(changed)

    def span_selected(start: int, end: int) -> None:
        if pane.isVisible():
            pane.show_span(start, end)

    window.view.spanSelected.connect(span_selected)
    pane.canvas.annotationClicked.connect(annotation_clicked)
    pane.canvas.regionSelected.connect(region_selected)
    if action.isChecked():  # installed by the action's first toggle (see MainWindow)
        splitter.show()  # a widget added to a shown window is shown only by the event loop
        toggled(True)

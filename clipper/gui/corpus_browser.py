"""Corpus > Annotations across articles: every annotation with its context (KWIC),
filtered, sorted, opened at its span, exported.

The filtered, sorted ids come from one query in a :class:`~clipper.gui.workers.Job`; the
table is a paged model that reads the rows on screen (:data:`PAGE` at a time, with their
articles' texts for the context) when Qt first asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clipper.corpus import CorpusAnnotation
from clipper.corpus_query import DEFAULT_STATUSES, AnnotationFilter
from clipper.errors import ClipperError
from clipper.gui.kwic_view import cell, set_up_table
from clipper.gui.screen_fit import resize_to_fit
from clipper.gui.workers import Job, JobContext
from clipper.model import STATUSES, tag_labels
from clipper.operations import Session

#: Rows read at a time.
PAGE = 200
#: Pages kept in memory (a long scroll reads them again).
KEEP_PAGES = 40
DEBOUNCE_MS = 250
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex

#: (header, field, sort key or None); the KWIC columns come last.
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("Article", "title", "article"),
    ("Date", "published", "date"),
    ("Outlet", "outlet", "outlet"),
    ("Tag", "tag_label", "tag"),
    ("Coder", "coder", "coder"),
    ("Speaker", "speaker", "speaker"),
    ("Status", "status", "status"),
    ("Rating", "rating", "rating"),
    ("Left", "left", None),
    ("Span", "text", "text"),
    ("Right", "right", None),
)
LEFT, SPAN, RIGHT = 8, 9, 10
#: Widths of the columns before Right (which takes the rest): in the dialog's 1,200 px the
#: span is in view with some of its right context.
_WIDTHS = (170, 86, 100, 64, 64, 100, 76, 60, 190, 160)
_KWIC = {LEFT: "left", SPAN: "span", RIGHT: "right"}

PageLoader = Callable[[Sequence[int]], list[CorpusAnnotation]]


class CorpusAnnotationsModel(QAbstractTableModel):
    """Annotation ids in display order; rows read a page at a time by ``loader``."""

    #: The user asked for another order: (sort key, descending).
    sortRequested = Signal(str, bool)

    def __init__(self, loader: PageLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self.ids: list[int] = []
        self._pages: dict[int, dict[int, CorpusAnnotation]] = {}

    def set_ids(self, ids: list[int]) -> None:
        """Show ``ids``; when they continue the rows shown (the first page came first),
        the rows are appended, so the selection and the scroll position stay."""
        shown = len(self.ids)
        if shown and len(ids) >= shown and ids[:shown] == self.ids:
            if len(ids) > shown:
                for number in [n for n in self._pages if (n + 1) * PAGE > shown]:
                    del self._pages[number]  # a page read short: read it again
                self.beginInsertRows(_ROOT, shown, len(ids) - 1)
                self.ids = ids
                self.endInsertRows()
            return
        self.beginResetModel()
        self.ids = ids
        self._pages.clear()
        self.endResetModel()

    def set_loader(self, loader: PageLoader) -> None:
        self._loader = loader
        self._pages.clear()

    def row(self, row: int) -> CorpusAnnotation | None:
        """The annotation shown in ``row`` (read with its page if needed; ``None`` if it
        was deleted since the list was made)."""
        if not 0 <= row < len(self.ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) >= KEEP_PAGES:
                self._pages.pop(next(iter(self._pages)))
            wanted = self.ids[number * PAGE : (number + 1) * PAGE]
            page = {a.id: a for a in self._loader(wanted)}
            self._pages[number] = page
        return page.get(self.ids[row])

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        annotation = self.row(index.row())
        if annotation is None:
            shown = role == Qt.ItemDataRole.DisplayRole and index.column() == 0
            return "(deleted)" if shown else None
        column = index.column()
        value = getattr(annotation, COLUMNS[column][1]) or ""
        if column in _KWIC:
            return cell(_KWIC[column], str(value), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(value)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        self.sortRequested.emit(key or "article", order == Qt.SortOrder.DescendingOrder)


def _first_page(selected: AnnotationFilter, sort: str, descending: bool) -> Any:
    def run(context: JobContext) -> list[int]:
        session = Session(context.store)
        return session.corpus_annotation_ids(selected, sort=sort, descending=descending, limit=PAGE)

    return run


def _listing(selected: AnnotationFilter, sort: str, descending: bool) -> Any:
    def run(context: JobContext) -> tuple[list[int], list[int]]:
        session = Session(context.store)
        ids = session.corpus_annotation_ids(selected, sort=sort, descending=descending)
        return ids, session.corpus_article_ids(selected)

    return run


#: The Rating filter's item for "any rating".
ANY_RATING = "\x00rated"


def _choices(context: JobContext) -> dict[str, list[tuple[str, str]]]:
    """(shown, value) per filter: tags by their labels, the others as they are."""
    session = Session(context.store)
    choices = {k: [(v, v) for v in vs] for k, vs in session.corpus_filter_choices().items()}
    label = tag_labels(session.list_tags())
    choices["tags"] = [(label(name), name) for _, name in choices.get("tags", [])]
    choices["ratings"] = [(level.label, level.label) for level in session.rating_scale().levels]
    return choices


class AnnotationBrowser(QDialog):
    """Filters over a KWIC table of every annotation; Enter opens the span."""

    #: (article id, start, end) of the span to open.
    spanActivated = Signal(int, int, int)
    #: Export the listed rows: (article ids, tag names or empty for all, statuses or
    #: empty for any).
    exportRequested = Signal(list, list, list)

    def __init__(self, db_path: str, loader: PageLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationBrowser")
        self.setWindowTitle("Annotations across articles")
        self.setAccessibleName("Annotations across articles")
        resize_to_fit(self, 1200, 640)
        self._db_path = db_path
        self._sort = ("article", False)
        self._generation = 0
        self._jobs: set[Job] = set()
        self.article_ids: list[int] = []
        self._ready = False  # no listing until the widgets are all there
        self._pending_tag: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)

        self.tag_combo = self._combo("Tag")
        self.coder_combo = self._combo("Coder")
        self.outlet_combo = self._combo("Outlet")
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status")
        for status in STATUSES:
            self.status_combo.addItem(status.capitalize(), (status,))
        self.status_combo.addItem("Any", ())
        self.status_combo.setCurrentIndex(STATUSES.index(DEFAULT_STATUSES[0]))
        self.rating_combo = self._combo("Rating")
        self.rating_combo.addItem("Any rating", ANY_RATING)
        self.text_edit = self._edit("Text", "Part of the span")
        self.speaker_edit = self._edit("Speaker", "Part of the speaker's name")
        self.from_edit = self._edit("Published from", "YYYY[-MM[-DD]]")
        self.to_edit = self._edit("Published to", "YYYY[-MM[-DD]]")

        filters = QFormLayout()
        row1 = QHBoxLayout()
        widget: QWidget
        for label, widget in (
            ("&Tag", self.tag_combo),
            ("&Coder", self.coder_combo),
            ("&Outlet", self.outlet_combo),
            ("St&atus", self.status_combo),
            ("&Rating", self.rating_combo),
        ):
            row1.addWidget(_buddy(label, widget, self))
            row1.addWidget(widget, 1)
        row2 = QHBoxLayout()
        for label, widget in (
            ("Te&xt", self.text_edit),
            ("S&peaker", self.speaker_edit),
            ("&From", self.from_edit),
            ("T&o", self.to_edit),
        ):
            row2.addWidget(_buddy(label, widget, self))
            row2.addWidget(widget, 1)
        filters.addRow(row1)
        filters.addRow(row2)

        self.model = CorpusAnnotationsModel(loader, self)
        self.model.sortRequested.connect(self._sort_by)
        self.table = QTableView(self)
        self.table.setObjectName("annotationBrowserTable")
        self.table.setAccessibleName("Annotations")
        self.table.setModel(self.model)
        set_up_table(self.table, LEFT, SPAN, RIGHT)
        for column, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._activated)

        self.status = QLabel("", self)
        self.status.setObjectName("annotationBrowserStatus")
        self.export_button = QPushButton("&Export these…", self)
        self.export_button.setToolTip(
            "Export the annotations of the listed rows' articles and tags (any format)"
        )
        self.export_button.setAutoDefault(False)  # Enter in the table opens the span
        self.export_button.clicked.connect(self._export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        combos = (
            self.tag_combo,
            self.coder_combo,
            self.outlet_combo,
            self.status_combo,
            self.rating_combo,
        )
        for combo in combos:
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.text_edit, self.speaker_edit, self.from_edit, self.to_edit):
            edit.textChanged.connect(lambda _t: self._timer.start())
        self._load_choices()
        self._ready = True
        self.reload()

    # -- building ---------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem("All", None)
        return combo

    def _edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        return edit

    def _load_choices(self) -> None:
        job = Job(self._db_path, _choices, self)
        self._jobs.add(job)
        job.finished.connect(lambda choices, j=job: self._fill_choices(j, choices))
        job.failed.connect(lambda _error, j=job: self._jobs.discard(j))
        job.start()

    def set_tag(self, tag: str) -> None:
        """Show only ``tag``'s annotations (once the tags are loaded, if they are not yet)."""
        index = self.tag_combo.findData(tag)
        if index >= 0:
            self.tag_combo.setCurrentIndex(index)
        else:
            self._pending_tag = tag

    def _fill_choices(self, job: Job, choices: dict[str, list[tuple[str, str]]]) -> None:
        self._jobs.discard(job)
        for combo, key in (
            (self.tag_combo, "tags"),
            (self.coder_combo, "coders"),
            (self.outlet_combo, "outlets"),
            (self.rating_combo, "ratings"),
        ):
            combo.blockSignals(True)
            for shown, value in choices.get(key, []):
                combo.addItem(shown, value)
            combo.blockSignals(False)
        if self._pending_tag is not None:
            tag, self._pending_tag = self._pending_tag, None
            self.set_tag(tag)

    # -- listing ----------------------------------------------------------------------------

    def current_filter(self) -> AnnotationFilter:
        def one(combo: QComboBox) -> tuple[str, ...]:
            value = combo.currentData()
            return () if value is None else (str(value),)

        rating = self.rating_combo.currentData()
        return AnnotationFilter(
            ratings=() if rating in (None, ANY_RATING) else (str(rating),),
            rated=rating == ANY_RATING,
            tags=one(self.tag_combo),
            coders=one(self.coder_combo),
            outlets=one(self.outlet_combo),
            statuses=tuple(self.status_combo.currentData()),
            text=self.text_edit.text().strip() or None,
            speaker=self.speaker_edit.text().strip() or None,
            date_from=self.from_edit.text().strip() or None,
            date_to=self.to_edit.text().strip() or None,
        )

    def busy(self) -> bool:
        return any(job.is_running() for job in self._jobs)

    def reload(self) -> None:
        """List the annotations the filters cover, in the chosen order: the first page,
        then the whole list (each in a worker; the whole list only once the first page is
        shown, so the two never compete for the cores)."""
        if not self._ready:
            return
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self.status.setText("Listing…")
        selected = self.current_filter()
        sort = self._sort
        first = Job(self._db_path, _first_page(selected, *sort), self)
        self._jobs.add(first)
        first.failed.connect(lambda error, g=generation, j=first: self._failed(g, j, error))
        first.finished.connect(
            lambda ids, g=generation, j=first: self._first_rows(g, j, ids, selected, sort)
        )
        first.start()

    def _first_rows(
        self,
        generation: int,
        job: Job,
        ids: list[int],
        selected: AnnotationFilter,
        sort: tuple[str, bool],
    ) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation != self._generation:
            return  # a newer listing started
        whole = Job(self._db_path, _listing(selected, *sort), self)
        self._jobs.add(whole)
        whole.failed.connect(lambda error, g=generation, j=whole: self._failed(g, j, error))
        whole.finished.connect(lambda found, g=generation, j=whole: self._listed(g, j, found))
        whole.start()
        self.model.set_ids(ids)
        if ids:
            self.table.selectRow(0)

    def set_database(self, db_path: str, loader: PageLoader) -> None:
        self._db_path = db_path
        self.model.set_loader(loader)
        self.reload()

    def _sort_by(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.reload()

    def _listed(self, generation: int, job: Job, found: tuple[list[int], list[int]]) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation != self._generation:
            return
        ids, self.article_ids = found
        self.model.set_ids(ids)
        articles = len(self.article_ids)
        self.status.setText(
            f"{len(ids):,} annotation{'' if len(ids) == 1 else 's'} in {articles:,} "
            f"article{'' if articles == 1 else 's'}."
        )
        self.export_button.setEnabled(bool(ids))
        if ids and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _failed(self, generation: int, job: Job, error: object) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation == self._generation:
            self.model.set_ids([])
            self.status.setText(error.message if isinstance(error, ClipperError) else str(error))

    def _activated(self, index: QModelIndex) -> None:
        annotation = self.model.row(index.row())
        if annotation is not None:
            self.spanActivated.emit(annotation.article_id, annotation.start, annotation.end)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)

    def _export(self) -> None:
        shown = self.current_filter()
        self.exportRequested.emit(list(self.article_ids), list(shown.tags), list(shown.statuses))

    def closeEvent(self, event: Any) -> None:
        for job in list(self._jobs):
            job.cancel()
        super().closeEvent(event)


def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    # Never narrower than its text: a crowded row squeezes the fields, not their names.
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
    return label

"""The library: every article with title, outlet, date and per-tag counts; search and filter.

A paged :class:`LibraryModel`: one query returns the ids of the articles shown, in display
order (searched, filtered and sorted in SQL), and only the rows on screen are read, a page at
a time. A large library is queried by a background thread (:class:`LibraryLoader`), so
typing in the search box never waits for SQLite; the latest query wins.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clipper.gui.icons import colour_icon
from clipper.model import ArticleSummary, Tag
from clipper.store import Store
from clipper.store.library_queries import SORT_KEYS, LibraryQuery

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_FIXED_COLUMNS = ("Title", "Outlet", "Date")
OUTLET_COLUMN = 1
#: The Title column keeps this many average characters before the Outlet column shows
#: (a title stays readable).
READABLE_TITLE_CHARS = 26
#: In a narrow pane (a 1024 px screen's default layout) the title gives way to the count
#: columns down to this many average characters; below it the columns scroll instead.
LEAST_TITLE_CHARS = 16
#: Rows read at a time when the table shows a row not read yet.
PAGE = 128
#: Libraries up to this size are queried on the UI thread (a few milliseconds); larger
#: ones by the background thread.
SYNC_LIMIT = 3000
#: Summaries kept in memory at most (the pages around what was shown lately).
_CACHE_LIMIT = 40 * PAGE

_ANSWERED_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole.value,
        Qt.ItemDataRole.ToolTipRole.value,
        Qt.ItemDataRole.TextAlignmentRole.value,
        ID_ROLE,
        SORT_ROLE,
    )
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
Fetch = Callable[[Sequence[int]], list[ArticleSummary]]


class LibrarySource(Protocol):
    """What the library reads: a :class:`~clipper.store.Store` (or a session over one)."""

    @property
    def path(self) -> str: ...

    def library_ids(self, query: LibraryQuery, *, limit: int | None = None) -> list[int]: ...

    def article_summaries(self, ids: Sequence[int]) -> list[ArticleSummary]: ...

    def count_articles(self) -> int: ...


def _missing(article_id: int) -> ArticleSummary:
    """A row whose article was deleted since the ids were read (until the next reload)."""
    return ArticleSummary(article_id, "", None, None, None, "", "", 0, {})


class LibraryModel(QAbstractTableModel):
    """Rows: article ids in display order, each read (a page at a time) when shown;
    columns: title, outlet, date, one count per tag. Sorting asks for a new query
    (:attr:`sortRequested`): the order comes from SQL."""

    sortRequested = Signal()
    #: The tag columns changed (the pane sizes them).
    columnsChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        #: While only the first page of ids is read: the number of rows, and how to read
        #: all the ids (see :meth:`set_first_page`).
        self._rows: int | None = None
        self._read_all: Callable[[], list[int]] | None = None
        #: The row :meth:`row_of` found last (checked before searching).
        self._row_hint = 0
        self.tags: list[Tag] = []
        self._cache: dict[int, ArticleSummary] = {}
        self._fetch: Fetch = lambda _ids: []
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_fetch(self, fetch: Fetch) -> None:
        """Where rows are read from (``Store.article_summaries`` of the window's store)."""
        self._fetch = fetch
        self._cache.clear()

    def set_tags(self, tags: Sequence[Tag]) -> None:
        if [(t.name, t.label, t.colour) for t in tags] == [
            (t.name, t.label, t.colour) for t in self.tags
        ]:
            return
        self.beginResetModel()
        self.tags = list(tags)
        self.endResetModel()
        self.columnsChanged.emit()

    @property
    def ids(self) -> list[int]:
        """Every row's article id, in display order (read now if only the first page is)."""
        if self._read_all is not None:
            self.complete(self._read_all())
        return self._ids

    def first_id(self) -> int | None:
        """The first row's article id (``None``: no rows)."""
        return self._ids[0] if self._ids else None

    def is_partial(self) -> bool:
        """Are only the first page's ids read (the rest to come, see :meth:`complete`)?"""
        return self._read_all is not None

    def set_ids(self, ids: list[int]) -> None:
        """Show these articles (rows are read again: titles or counts may have changed)."""
        self.beginResetModel()
        self._ids = ids
        self._rows = None
        self._read_all = None
        self._cache.clear()
        self.endResetModel()

    def set_first_page(self, ids: list[int], rows: int, read_all: Callable[[], list[int]]) -> None:
        """Show ``rows`` rows of which only the first ids (``ids``) are read: the table shows
        the same rows and scroll bar as with all of them; :meth:`complete` gives the rest
        (``read_all`` reads them at once if anything needs a row not read yet)."""
        self.set_ids(ids)
        if rows > len(ids):
            self._rows, self._read_all = rows, read_all

    def complete(self, ids: list[int]) -> bool:
        """All the ids of a :meth:`set_first_page` query: nothing changes on screen if they
        begin with the page shown (else the rows are shown again: returns false)."""
        if self._read_all is None:
            return True
        page, rows = self._ids, self._rows
        self._read_all, self._rows = None, None
        if len(ids) == rows and ids[: len(page)] == page:
            self._ids = ids
            return True
        self.set_ids(ids)  # the library changed in between
        return False

    def clear(self) -> None:
        self.set_ids([])

    def row_of(self, article_id: int) -> int | None:
        # The row found last first (the open article's: each tagging key press asks for
        # it), else list.index, in C (~0.3 ms at 50,000 rows): cheaper than a dict built
        # per query.
        hint = self._row_hint
        if hint < len(self._ids) and self._ids[hint] == article_id:
            return hint
        try:
            row = self._ids.index(article_id)
        except ValueError:
            if self._read_all is None:
                return None
            try:  # not in the first page: read them all
                row = self.ids.index(article_id)
            except ValueError:
                return None
        self._row_hint = row
        return row

    def summary(self, row: int) -> ArticleSummary:
        """The row's article (read with its page if not read yet)."""
        ids = self._ids if row < len(self._ids) else self.ids
        if row >= len(ids):
            return _missing(0)
        article_id = ids[row]
        found = self._cache.get(article_id)
        if found is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache.clear()
            first = row - row % PAGE
            for summary in self._fetch(ids[first : first + PAGE]):
                self._cache[summary.id] = summary
            found = self._cache.setdefault(article_id, _missing(article_id))
        return found

    def sort_key(self) -> str | None:
        """The sort as a :class:`LibraryQuery` sort key (``None``: newest first)."""
        column = self.sort_column
        if column < 0 or column >= self.columnCount():
            return None
        if column < len(_FIXED_COLUMNS):
            return SORT_KEYS[column]
        return "tag:" + self.tags[column - len(_FIXED_COLUMNS)].name

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's header click: remember the sort and ask the pane for the rows in that order."""
        if (column, order) == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = column, order
        self.sortRequested.emit()

    def known_counts(self, article_id: int) -> dict[str, int] | None:
        """An article's tag counts if its row was read (and kept up to date) already."""
        found = self._cache.get(article_id)
        if found is None or not found.imported_at:  # not read, or deleted since
            return None
        return dict(found.counts)

    def update_counts(self, article_id: int, counts: dict[str, int]) -> None:
        """One article's tag counts changed: update its row only."""
        row = self.row_of(article_id)
        if row is None:
            return
        old = self._cache.get(article_id)
        if old is not None:
            self._cache[article_id] = ArticleSummary(
                old.id,
                old.title,
                old.outlet,
                old.author,
                old.published,
                old.source_kind,
                old.imported_at,
                old.length,
                dict(counts),
            )
            # Only the cells of the tags whose count changed (one, after a key press):
            # Qt repaints just those, not the row.
            for column, tag in enumerate(self.tags, start=len(_FIXED_COLUMNS)):
                if old.counts.get(tag.name, 0) != counts.get(tag.name, 0):
                    cell = self.index(row, column)
                    self.dataChanged.emit(cell, cell)
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        if (self.sort_key() or "").startswith("tag:"):
            self.sortRequested.emit()  # sorted by a count: the row may move

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        return len(self._ids) if self._rows is None else self._rows

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_FIXED_COLUMNS) + len(self.tags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every visible cell on each repaint: roles not answered
        # here (fonts, colours, size hints …) return at once.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        if role == ID_ROLE:
            row = index.row()
            ids = self._ids if row < len(self._ids) else self.ids
            return ids[row] if row < len(ids) else None
        summary = self.summary(index.row())
        column = index.column()
        if column >= len(_FIXED_COLUMNS):
            n = summary.counts.get(self.tags[column - len(_FIXED_COLUMNS)].name, 0)
            if role == Qt.ItemDataRole.DisplayRole:
                return str(n) if n else ""
            if role == SORT_ROLE:
                return n
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                tag = self.tags[column - len(_FIXED_COLUMNS)]
                return f"{n} × {tag.label}"
            return None
        value = (summary.title, summary.outlet or "", summary.published or "")[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == SORT_ROLE:
            # Undated articles sort together, before dated ones, in import order.
            return value if value or column != 2 else f" {summary.imported_at}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and not summary.published:
            return f"imported {summary.imported_at[:10]} (no publication date)"
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            by = f"\nby {summary.author}" if summary.author else ""
            source = " · ".join(v for v in (summary.outlet, summary.published) if v)
            where = f"\n{source}" if source else ""
            return (
                f"{summary.title}{by}{where}\n{summary.length:,} characters, "
                f"{summary.annotation_count} annotations"
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(_FIXED_COLUMNS):
            return _FIXED_COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole else None
        if section - len(_FIXED_COLUMNS) >= len(self.tags):
            return None
        tag = self.tags[section - len(_FIXED_COLUMNS)]
        if role == Qt.ItemDataRole.DecorationRole:
            return colour_icon(tag.colour, 12)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Number of {tag.label} annotations"
        return None


class LibraryLoader(QObject):
    """Runs library queries on a background thread with its own connection; only the
    newest request waiting is run, and :attr:`loaded` carries its generation number so
    the pane can drop an answer to a query it no longer shows. :meth:`stop` ends it (the
    application quitting does: it interrupts the query running, it does not wait for it)."""

    loaded = Signal(int, object, int)  # generation, ids, total
    failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests: queue.Queue[tuple[int, str, LibraryQuery] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._reading: Store | None = None  # the thread's store while a query runs
        self._stopped = False

    def request(self, generation: int, db_path: str, query: LibraryQuery) -> None:
        if self._stopped:
            return
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="clipper-library", args=(self.requests,), daemon=True
            )
            self._thread.start()
        self.requests.put((generation, db_path, query))

    def stop(self) -> None:
        """End the thread: requests waiting are dropped, the query running is interrupted
        (a read: nothing is lost), and nothing more is reported."""
        with self._lock:
            self._stopped = True
            if self._reading is not None:
                self._reading.interrupt()
        self.requests.put(None)

    def _run(self, requests: queue.Queue[tuple[int, str, LibraryQuery] | None]) -> None:
        while True:
            item = requests.get()
            while item is not None:  # only the newest request counts
                try:
                    item = requests.get_nowait()
                except queue.Empty:
                    break
            if item is None or self._stopped:
                return
            generation, db_path, query = item
            try:
                with Store(db_path, create=False) as store:
                    with self._lock:
                        if self._stopped:
                            return
                        self._reading = store
                    try:
                        ids = store.library_ids(query)
                        total = store.count_articles()
                    finally:
                        with self._lock:
                            self._reading = None
            except Exception as exc:
                if self._stopped:
                    return
                message = getattr(exc, "message", None) or str(exc)
                try:
                    self.failed.emit(generation, message)
                except RuntimeError:  # the pane is gone
                    return
                continue
            if self._stopped:
                return
            try:
                self.loaded.emit(generation, ids, total)
            except RuntimeError:
                return


class LibraryPane(QWidget):
    """Search box, tag filter and the article table. Emits :attr:`articleActivated`."""

    articleActivated = Signal(int)
    queryChanged = Signal()
    #: Delete pressed in the list: the window asks whether to delete the article (the
    #: annotation selected in the other pane is not what the user is looking at).
    deleteRequested = Signal()
    #: The rows of the latest query are shown (at once for a small library, later for a
    #: large one).
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPane")
        self.model = LibraryModel(self)
        #: The model the table shows (the order comes from SQL: no sort proxy).
        self.proxy = self.model
        self.model.sortRequested.connect(self.reload)
        self.model.columnsChanged.connect(self._columns_changed)
        self._store: LibrarySource | None = None
        self._loader = LibraryLoader(self)
        self._loader.loaded.connect(self._loaded)
        self._loader.failed.connect(self._failed)
        requests = self._loader.requests
        self.destroyed.connect(lambda: requests.put(None))  # ends the loader's thread
        app = QCoreApplication.instance()
        if app is not None:  # quitting does not wait for a library read
            app.aboutToQuit.connect(self._loader.stop)
        self._generation = 0
        self._loading = False
        self._total = 0
        self._current: int | None = None
        self._sized_columns = -1
        #: The next large load shows the first page at once (the window's first picture).
        self._first_page_next = False
        #: The generation whose remaining ids are asked for after the first paint.
        self._rest_generation: int | None = None

        title = QLabel("Library", self)
        title.setObjectName("paneTitle")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("paneCount")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search articles  (Ctrl+L)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Show articles with tag")
        self.tag_filter.setToolTip("Show only articles with annotations of this tag")

        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # rows, not cells: Tab leaves the list
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.queryChanged)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._search_now)
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.queryChanged.emit())

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.tag_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self._selecting = False
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        #: The Title column takes the room the other columns leave (at least
        #: READABLE_TITLE_CHARS wide), until the user drags its edge.
        self._title_fits = True
        self._fitting = False
        self.min_title_width = metrics.averageCharWidth() * READABLE_TITLE_CHARS
        self.least_title_width = metrics.averageCharWidth() * LEAST_TITLE_CHARS
        self._old_default_title = metrics.horizontalAdvance("M") * 18
        self._outlet_width = metrics.horizontalAdvance("Wikinews") + 16
        self.set_column_widths(
            [
                0,  # fits the room
                metrics.horizontalAdvance("Wikinews") + 16,
                metrics.horizontalAdvance("0000-00-00") + 8,
            ]
        )
        header.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)

    def _search_now(self) -> None:
        self._timer.stop()
        self.queryChanged.emit()
        if self.model.rowCount():
            self.table.setFocus()

    def search_text(self) -> str:
        return self.search.text().strip()

    def tag_filter_value(self) -> str | None:
        value = self.tag_filter.currentData()
        return str(value) if value else None

    def set_tags(self, tags: Sequence[Tag]) -> None:
        current = self.tag_filter_value()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for tag in tags:
            self.tag_filter.addItem(colour_icon(tag.colour), tag.label, tag.name)
        found = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(found, 0))
        self.tag_filter.blockSignals(False)

    def set_store(self, store: LibrarySource) -> None:
        """Read the library from ``store`` (the window's; the background thread opens its
        own read connection to the same file, ``store.path``)."""
        self._store = store
        self.model.set_fetch(store.article_summaries)
        self._total = store.count_articles()
        self._first_page_next = True

    def query(self) -> LibraryQuery:
        """What the search box, the tag filter and the sorted column ask for."""
        tag = self.tag_filter_value()
        descending = self.model.sort_order == Qt.SortOrder.DescendingOrder
        return LibraryQuery(
            search=self.search_text() or None,
            tags=(tag,) if tag else (),
            sort=self.model.sort_key(),
            descending=descending,
        )

    def reload(self, current: int | bool | None = False) -> None:
        """Run the query again: on the UI thread for a small library, else in the
        background (the rows shown stay until the answer comes; the latest query wins).
        ``current``: the article to select once the rows are shown (default: the same)."""
        if current is not False:
            self._current = current if isinstance(current, int) else None
        store = self._store
        if store is None:
            return
        self._generation += 1
        self._rest_generation = None
        query = self.query()
        if self._total <= SYNC_LIMIT or store.path == ":memory:":
            self._total = store.count_articles()
            self._show(store.library_ids(query))
            return
        first_page, self._first_page_next = self._first_page_next, False
        if first_page and query == LibraryQuery():
            self._show_first_page(store, query)
            return
        self._loading = True
        self._loader.request(self._generation, store.path, query)

    def _show_first_page(self, store: LibrarySource, query: LibraryQuery) -> None:
        """A new library's unfiltered rows (as many as its articles): the first page's ids
        now, for the first picture; the rest are read by the background thread once the
        pane has painted (or at once, here, if something needs a row not read yet)."""
        generation = self._generation

        def read_all() -> list[int]:
            self._rest_generation = None
            self._generation += 1  # an answer from the background thread comes too late
            return store.library_ids(query)

        ids = store.library_ids(query, limit=PAGE)
        self._loading = False
        self.model.set_first_page(ids, self._total, read_all)
        if self.model.is_partial():
            self._rest_generation = generation
            self.update()  # painted soon: then the rest is asked for
        self._shown(len(ids) if not self.model.is_partial() else self._total)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._rest_generation is not None:
            # The first picture is being painted: the remaining ids, in the background,
            # once it is on screen (from the event loop, after the paint).
            QTimer.singleShot(0, self._request_rest)

    def _request_rest(self) -> None:
        generation, self._rest_generation = self._rest_generation, None
        if generation is not None and self._store is not None and self.model.is_partial():
            self._loader.request(generation, self._store.path, self.query())

    def is_loading(self) -> bool:
        """Is a background query running whose rows are not shown yet?"""
        return self._loading

    def _loaded(self, generation: int, ids: list[int], total: int) -> None:
        if generation != self._generation:
            return  # an older query: a newer one is running
        self._total = total
        if self.model.is_partial():  # the rest of the first page's query
            if not self.model.complete(ids):
                self._shown(len(ids))
            return
        self._show(ids)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._loading = False
            self.count_label.setText("?")
            self.count_label.setToolTip(f"The library could not be read: {message}")

    def _show(self, ids: list[int]) -> None:
        self._loading = False
        self.model.set_ids(ids)
        self._shown(len(ids))

    def _shown(self, shown: int) -> None:
        """The rows are shown: count, columns, selection."""
        self._size_count_columns()
        total = self._total
        self.count_label.setToolTip("")
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total}")
        self.select_article(self._current)
        self.loaded.emit()

    def set_library_tags(self, tags: Sequence[Tag]) -> None:
        """The tags whose counts are columns."""
        self.model.set_tags(tags)

    def _columns_changed(self) -> None:
        self._sized_columns = -1
        self._size_count_columns()

    def _size_count_columns(self) -> None:
        """Narrow fixed count columns (set again only when the columns changed: each
        change lays the table out again)."""
        columns = self.model.columnCount()
        if columns == self._sized_columns:
            return
        self._sized_columns = columns
        header = self.table.horizontalHeader()
        # Three digits (an article with hundreds of figures shows its count; a count of
        # thousands is in the tooltip).
        metrics = self.table.fontMetrics()
        count_width = metrics.horizontalAdvance("000") + 8
        self._fitting = True
        for column in range(len(_FIXED_COLUMNS), columns):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, count_width)
        self._fitting = False
        self.fit_title()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit_title()
        elif watched is self.table and kind in (
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyPress,
        ):
            plain = Qt.KeyboardModifier.NoModifier
            if (
                isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete
                and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == plain
            ):
                # The list takes Delete (not Edit › Delete annotation's shortcut).
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.deleteRequested.emit()
                return True
        return super().eventFilter(watched, event)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if column == 0:
            self._title_fits = False  # the user dragged the Title column's edge
            if self.table.isColumnHidden(OUTLET_COLUMN):
                self._fitting = True
                self.table.setColumnHidden(OUTLET_COLUMN, False)
                header = self.table.horizontalHeader()
                header.resizeSection(OUTLET_COLUMN, self._outlet_width)
                self._fitting = False
        else:
            self.fit_title()  # another column dragged: the title takes what is left

    def fit_title(self) -> None:
        """While the Title column fits: give it the room the other columns leave, never
        less than :attr:`least_title_width`; the Outlet column shows only when the title
        keeps :attr:`min_title_width` beside it (the outlet is in the title's tooltip
        either way)."""
        if not self._title_fits:
            return
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        others = sum(
            header.sectionSize(c) for c in range(2, header.count()) if not header.isSectionHidden(c)
        )
        if not header.isSectionHidden(OUTLET_COLUMN):
            self._outlet_width = header.sectionSize(OUTLET_COLUMN)  # 0 while hidden
        outlet = self._outlet_width
        show_outlet = room - others - outlet >= self.min_title_width
        self._fitting = True
        try:
            if self.table.isColumnHidden(OUTLET_COLUMN) == show_outlet:
                self.table.setColumnHidden(OUTLET_COLUMN, not show_outlet)
                if show_outlet:
                    header.resizeSection(OUTLET_COLUMN, outlet)
            width = max(room - others - (outlet if show_outlet else 0), self.least_title_width)
            if width != header.sectionSize(0):
                header.resizeSection(0, width)
        finally:
            self._fitting = False

    def column_widths(self) -> list[int]:
        """Widths of the Title, Outlet and Date columns (the user may drag them); the
        Title's is 0 while it fits the room the others leave."""
        header = self.table.horizontalHeader()
        widths = [header.sectionSize(column) for column in range(len(_FIXED_COLUMNS))]
        if header.isSectionHidden(OUTLET_COLUMN):
            widths[OUTLET_COLUMN] = self._outlet_width
        return [0, *widths[1:]] if self._title_fits else widths

    def set_column_widths(self, widths: Sequence[int]) -> None:
        """Set the fixed columns' widths (fixed once, never resized to contents: cheap). A
        Title width of 0 (or the old default, 18 Ms, saved before it fitted) fits the room."""
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for column, width in enumerate(widths[: len(_FIXED_COLUMNS)]):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                if column == 0:
                    self._title_fits = int(width) in (0, self._old_default_title)
                    if self._title_fits:
                        continue
                    self.table.setColumnHidden(OUTLET_COLUMN, False)
                width = max(int(width), header.minimumSectionSize())
                if column == OUTLET_COLUMN:
                    self._outlet_width = width  # kept while the column is hidden
                header.resizeSection(column, width)
        finally:
            self._fitting = False
        self.fit_title()

    def select_article(self, article_id: int | None) -> None:
        """Highlight a row without emitting :attr:`articleActivated`."""
        self._current = article_id
        self._selecting = True
        try:
            row = None if article_id is None else self.model.row_of(article_id)
            if row is None:
                self.table.selectionModel().clearSelection()
                return
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._selecting = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.articleActivated.emit(int(current.data(ID_ROLE)))

    def selected_article_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(ID_ROLE)) for index in rows]

    def visible_article_ids(self) -> list[int]:
        """Article ids in the order shown (for next/previous article)."""
        return list(self.model.ids)

    def first_article_id(self) -> int | None:
        """The first article shown (asked of the store if a background query is running)."""
        if self._loading and self._store is not None:
            first = self._store.library_ids(self.query(), limit=1)
            return first[0] if first else None
        return self.model.first_id()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

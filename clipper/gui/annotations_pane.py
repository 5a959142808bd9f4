"""The current article's annotations in text order, with a tag filter and a note editor.

:class:`AnnotationsModel` keeps rows sorted by (start, end, id) and inserts, removes and
updates single rows (fast with thousands of annotations). The pane turns user actions
into signals; the main window turns those into undoable commands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QIdentityProxyModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clipper.gui.annotation_rows import ListRows, RowSource, row_key
from clipper.gui.cell_cache import CachedCellDelegate
from clipper.gui.icons import colour_icon
from clipper.gui.insert_table import InsertRepaintTable
from clipper.gui.shortcuts import ACTIONS
from clipper.gui.status_counts import SteadyLabel
from clipper.gui.viewports import viewport_of
from clipper.model import (
    DEFAULT_CODER,
    FIGURE_UNIT,
    FIGURE_VALUE,
    QUOTE_SPEAKER,
    RATING,
    Annotation,
    Tag,
)
from clipper.operations.factcheck import CLAIM_TAG
from clipper.operations.review import PENDING, REJECTED, review_keys

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2
_COLUMNS = ("Tag", "Text", "Note", "Coder", "Rating", "Score")
NOTE_COLUMN = 2
CODER_COLUMN = 3
#: A claim's rating (shown when an annotation here is a claim or has a rating).
RATING_COLUMN = 4
#: A pending suggestion's score (shown while the article has suggestions to review;
#: :data:`UNSCORED` until a suggesting run gave the score). Pending rows are in italics.
SUGGESTED_COLUMN = 5
#: The Score of a suggestion stored without one in memory (e.g. by ``clipper suggest
#: --store``): fits the narrow column ("pending" showed as "pen…").
UNSCORED = "–"
_NO_SCORE = " (no score yet: Annotate › Suggest for this article scores it)"
#: The Note column's width when it appears, and the room the Text column keeps beside it:
#: a pane narrower than that (1024 px wide windows, a Score column) leaves the Note out.
NOTE_WIDTH = 90
MIN_TEXT_WIDTH = 120
#: The Coder column's width (shown by the same rule as the Note column, before it).
CODER_WIDTH = 80
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ANSWERED_ROLES = frozenset(
    {
        _DISPLAY,
        _DECORATION,
        _TOOLTIP,
        _FONT,
        int(Qt.ItemDataRole.AccessibleTextRole.value),
        int(ID_ROLE),
        int(TAG_ROLE),
    }
)
NOTE_SAVE_DELAY_MS = 600
#: From this many rows added at once, the list is rebuilt instead of inserting each.
BULK_ROWS = 64
#: The pane reads its rows this many at a time, when Qt first asks for one of them.
PAGE_ROWS = 64
#: Pages kept in memory (a scroll through 50,000 rows does not keep them all).
_PAGES_KEPT = 64
#: The data fields under the note editor (key → placeholder; short enough to be read
#: whole in the pane at a 1024 px screen's default layout).
ATTRIBUTE_FIELDS: dict[str, str] = {
    FIGURE_VALUE: "A number, e.g. 4.5",
    FIGURE_UNIT: "USD, percent, people …",
    QUOTE_SPEAKER: "Who said it",
}
#: The longer hint of a data field (its tooltip).
ATTRIBUTE_HINTS: dict[str, str] = {
    FIGURE_VALUE: "The figure's value as a number, in digits: e.g. 53000000000 or 4.5",
    FIGURE_UNIT: "What is counted or measured: USD, percent, people …",
    QUOTE_SPEAKER: "Who said it, as the text names them",
}

Index = QModelIndex | QPersistentModelIndex
_FONTS: list[QFont] = []  # the italic font of pending rows, made on first use


def _italic() -> QFont:
    if not _FONTS:
        font = QFont()
        font.setItalic(True)
        _FONTS.append(font)
    return _FONTS[0]


_ROOT = QModelIndex()


def _is_rated(a: Annotation) -> bool:
    return RATING in a.attributes


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AnnotationsModel(QAbstractTableModel):
    """Rows: one article's annotations in text order, read a page at a time from a
    :class:`~clipper.gui.annotation_rows.RowSource` (the store in the window) and filtered
    by tag there: the model knows its row count and reads only the rows Qt asks for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: RowSource = ListRows()
        #: Only this tag's rows (``None``: every tag).
        self.tag_filter: str | None = None
        self._count = 0
        #: Rows read so far, by page number.
        self._pages: dict[int, list[Annotation]] = {}
        self.tags: dict[str, Tag] = {}
        #: How many rows each coder has (kept up to date row by row: no query, no scan).
        self.coders: Counter[str] = Counter()
        #: How many rows are rated (the Rating column shows when there is one).
        self.rated = 0
        #: Pending suggestions' scores by annotation id (from the suggesting run).
        self.scores: dict[int, float] = {}
        #: How many rows are pending suggestions (the Suggested column shows when any).
        self.pending = 0
        #: How many rows have a note (the Note column shows when any: room for the text);
        #: may stand for "some" (see :meth:`RowSource.summary`).
        self.notes = 0
        #: Rows of every tag (the count label's total).
        self.total = 0

    @property
    def rows(self) -> list[Annotation]:
        """Every row shown (reads them all: for tests and small lists)."""
        return self.source.page(0, self._count, self.tag_filter) if self._count else []

    def annotation(self, row: int) -> Annotation | None:
        """The annotation on ``row`` (its page read if not yet); ``None`` past the end."""
        number = row // PAGE_ROWS
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) >= _PAGES_KEPT:
                self._pages = {}
            page = self.source.page(number * PAGE_ROWS, PAGE_ROWS, self.tag_filter)
            self._pages[number] = page
        offset = row - number * PAGE_ROWS
        if offset >= len(page):  # the store changed under us (another program): reread
            self._pages.clear()
            page = self.source.page(number * PAGE_ROWS, PAGE_ROWS, self.tag_filter)
            self._pages[number] = page
            if offset >= len(page):
                return None
        return page[offset]

    def set_tags(self, tags: Sequence[Tag]) -> None:
        self.tags = {t.name: t for t in tags}
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 0))

    def set_scores(self, scores: dict[int, float]) -> None:
        """Scores of pending suggestions (shown in the Tag column)."""
        self.scores.update(scores)
        if self._count:
            last = self._count - 1
            self.dataChanged.emit(
                self.index(0, SUGGESTED_COLUMN), self.index(last, SUGGESTED_COLUMN)
            )

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Show these annotations (held in memory)."""
        self.set_source(ListRows(annotations))

    def set_source(self, source: RowSource) -> None:
        """Show the rows of ``source`` (nothing read but counts until Qt asks for rows)."""
        self.beginResetModel()
        self.source = source
        self._pages = {}
        self.total = self._summarise()
        self._count = self.total if self.tag_filter is None else source.count(self.tag_filter)
        self.endResetModel()

    def _summarise(self) -> int:
        """Take the optional columns' counts from the source; returns the rows listed."""
        summary = self.source.summary()
        self.coders = Counter(summary.coders)
        self.rated = summary.rated
        self.pending = summary.pending
        self.notes = summary.notes
        return summary.shown

    def set_tag_filter(self, tag: str | None) -> None:
        """Show only ``tag``'s rows (``None``: all), filtered by the source."""
        if tag == self.tag_filter:
            return
        self.beginResetModel()
        self.tag_filter = tag
        self._pages = {}
        self._count = self.total if tag is None else self.source.count(tag)
        self.endResetModel()

    def row_of(self, annotation_id: int) -> int | None:
        """The row showing this annotation (``None``: not listed, or filtered out)."""
        for number, page in self._pages.items():
            for i, a in enumerate(page):
                if a.id == annotation_id:
                    return number * PAGE_ROWS + i
        found = self.source.find(annotation_id)
        if found is None or (self.tag_filter is not None and found.tag != self.tag_filter):
            return None
        row = self.source.rank(row_key(found), self.tag_filter)
        return row if row < self._count else None

    def reload(self) -> None:
        """Count and read the rows again (after changes this model cannot place)."""
        self.set_source(self.source)

    def _recount(self) -> tuple[int, int]:
        """Rows shown and rows of every tag, as the source has them now."""
        shown = self.source.count(self.tag_filter)
        return shown, (shown if self.tag_filter is None else self.source.count())

    def add(self, annotation: Annotation) -> int:
        """Insert (or replace) a row; a rejected suggestion is removed instead (-1).
        Returns the row (-1: not shown, e.g. filtered out)."""
        if annotation.status == REJECTED:
            self.remove(annotation)
            return -1
        old = self._cached(annotation.id)
        if old is not None:
            self._replace(old, annotation)
            return self.row_of(annotation.id) or -1
        self.source.changed((), (annotation,))
        shown, total = self._recount()
        if shown == self._count:  # listed already (or filtered out)
            self.total = total
            self._count_change(None, annotation)
            row = self.row_of(annotation.id)
            if row is not None:
                self._pages = {}
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(_COLUMNS) - 1))
            return -1 if row is None else row
        if shown != self._count + 1:
            self.reload()
            return self.row_of(annotation.id) or -1
        row = min(self.source.rank(row_key(annotation), self.tag_filter), self._count)
        self.beginInsertRows(QModelIndex(), row, row)
        self.total = total
        self._count = shown
        self._shift_pages(row, annotation)
        self._count_change(None, annotation)
        self.endInsertRows()
        return row

    def remove(self, annotation: Annotation) -> None:
        old = self._cached(annotation.id) or annotation
        self.source.changed((old,), ())
        shown, total = self._recount()
        if shown == self._count:  # not shown here (filtered out, rejected)
            if total != self.total:
                self.total = total
                self._count_change(old, None)
            return
        if shown != self._count - 1:
            self.reload()
            return
        row = min(self.source.rank(row_key(old), self.tag_filter), self._count - 1)
        self.beginRemoveRows(QModelIndex(), row, row)
        self.total = total
        self._count = shown
        self._shift_pages(row, None)
        self._count_change(old, None)
        self.endRemoveRows()

    def update(self, annotation: Annotation) -> None:
        old = self._cached(annotation.id)
        if old is None:  # not read (not on screen): what it was is unknown here
            self.source.changed((), (annotation,))
            if self._recount() != (self._count, self.total):
                self.reload()  # it left the rows shown (or came in): count them again
                return
            self._pages = {}
            self._summarise()
            if self._count:
                last = self._count - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last, len(_COLUMNS) - 1))
            return
        self._replace(old, annotation)

    def _replace(self, old: Annotation, new: Annotation) -> None:
        """A shown annotation changed (tag, note, status or attributes)."""
        if new.status == REJECTED or (self.tag_filter is not None and old.tag != new.tag):
            self.remove(old)  # leaves the list (rejected, or another tag than the filter's)
            if new.status != REJECTED:
                self.add(new)
            return
        if row_key(old) != row_key(new):  # moved: read again
            self.source.changed((old,), (new,))
            self.reload()
            return
        self.source.changed((old,), (new,))
        self._count_change(old, new)
        row = None
        for number, page in self._pages.items():
            for i, a in enumerate(page):
                if a.id == new.id:
                    page[i] = new
                    row = number * PAGE_ROWS + i
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(_COLUMNS) - 1))

    def _shift_pages(self, row: int, inserted: Annotation | None) -> None:
        """Keep the pages read in step with a row inserted at (or, ``inserted`` None,
        removed from) ``row``: pages before it stay, its page takes the change, the rows
        after it move one place across the pages read next to it; a page not read stops
        the move and the pages beyond it are dropped (read again when shown). A key press
        that adds a row so reads nothing back from the store."""
        number, offset = divmod(row, PAGE_ROWS)
        kept = {n: page for n, page in self._pages.items() if n < number}
        page = self._pages.get(number)
        if page is not None and offset < len(page) + (inserted is not None):
            page = list(page)
            if inserted is not None:
                page.insert(offset, inserted)
            elif offset < len(page):
                del page[offset]
            while True:
                following = self._pages.get(number + 1)
                if inserted is not None and len(page) > PAGE_ROWS:
                    carried = page.pop()  # the row pushed onto the next page
                    if following is not None:
                        following = [carried, *following]
                elif inserted is None and len(page) < PAGE_ROWS and following is not None:
                    following = list(following)
                    page.append(following.pop(0))  # the row pulled from the next page
                elif inserted is None and len(page) < PAGE_ROWS and self._has_rows_after(number):
                    break  # the next page was not read: this one is short, drop it
                kept[number] = page
                if following is None:
                    break
                number, page = number + 1, following
        self._pages = kept

    def _has_rows_after(self, number: int) -> bool:
        """Are there rows after page ``number`` (as counted now)?"""
        return (number + 1) * PAGE_ROWS < self._count

    def _cached(self, annotation_id: int) -> Annotation | None:
        for page in self._pages.values():
            for a in page:
                if a.id == annotation_id:
                    return a
        return None

    def _count_change(self, old: Annotation | None, new: Annotation | None) -> None:
        if old is not None:
            self.coders[old.coder] -= 1
            if self.coders[old.coder] <= 0:
                del self.coders[old.coder]
            self.rated -= _is_rated(old)
            self.pending -= old.status == PENDING
            if old.note and self.notes <= 1:
                self.notes = 0  # maybe the last one: asked below
        if new is not None:
            self.coders[new.coder] += 1
            self.rated += _is_rated(new)
            self.pending += new.status == PENDING
            self.notes += bool(new.note)
        if old is not None and old.note and not self.notes and self.source.has_notes():
            self.notes = 1

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each repaint: roles this model
        # does not answer (fonts, colours, size hints …) return at once.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        a = self.annotation(index.row())
        if a is None:
            return None
        if role == ID_ROLE:
            return a.id
        if role == TAG_ROLE:
            return a.tag
        column = index.column()
        if role == _FONT:  # a pending suggestion: in italics
            return _italic() if self._italic(a, column) else None
        if role == _DECORATION:
            colour = self._chip(a, column)
            return None if colour is None else colour_icon(colour)
        if role == _DISPLAY:
            return self._display(a, column)
        if role == _TOOLTIP:
            where = f" (page {a.page})" if a.page else ""
            note = f"\n\nNote: {a.note}" if a.note else ""
            data = "".join(f"\n{k}: {v}" for k, v in a.attributes.items())
            state = ""
            if a.status == PENDING:
                unscored = a.id not in self.scores
                state = "\n\nSuggested, waiting for review" + (_NO_SCORE if unscored else "")
            return f"{a.text}\n\n{a.start}–{a.end}{where}, by {a.coder}{data}{note}{state}"
        tag = self.tags.get(a.tag)  # AccessibleTextRole
        suggested = " (suggestion)" if a.status == PENDING else ""
        return f"{tag.label if tag else a.tag}{suggested}: {a.text}"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    # What a cell shows (data() answers the roles with these; cell_content() is all of it).

    def _display(self, a: Annotation, column: int) -> str:
        if column == 0:
            tag = self.tags.get(a.tag)
            return tag.label if tag else a.tag
        if column == SUGGESTED_COLUMN:
            if a.status != PENDING:
                return ""
            score = self.scores.get(a.id)
            return UNSCORED if score is None else f"{score:.2f}"
        if column == CODER_COLUMN:
            return a.coder
        if column == RATING_COLUMN:
            return str(a.attributes.get(RATING, ""))
        return _one_line(a.text if column == 1 else a.note)

    def _chip(self, a: Annotation, column: int) -> str | None:
        """The colour of the tag's chip (column 0 only)."""
        if column != 0:
            return None
        tag = self.tags.get(a.tag)
        return tag.colour if tag else "#888888"

    @staticmethod
    def _italic(a: Annotation, column: int) -> bool:
        return a.status == PENDING and column in (0, 1)

    def cell_content(self, row: int, column: int) -> tuple[str, str | None, bool] | None:
        """Everything a cell shows (text, chip colour, italics): equal contents paint
        alike (:class:`~clipper.gui.cell_cache.CachedCellDelegate`). ``None``: no row."""
        a = self.annotation(row) if 0 <= row < self._count else None
        if a is None:
            return None
        return (self._display(a, column), self._chip(a, column), self._italic(a, column))


class _NoteEditor(QPlainTextEdit):
    """Saves when focus leaves (the pane also saves after a pause in typing).

    Undo and redo keys are left to the window's undo stack (one undo history for the
    whole window: the typing is saved, then undone as one step, and redo brings it back).
    """

    focusLost = Signal()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(e, QKeyEvent)
            if _is_undo_key(e):
                e.ignore()  # not ours: the window's Undo/Redo shortcut fires
                return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if _is_undo_key(e):  # undo/redo disabled in the window: do nothing here either
            e.ignore()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class _AttributeEdit(QLineEdit):
    """A data field (value, unit, speaker). Typing not saved yet is undone in the field,
    as in any text field; once saved (Enter, leaving the field) or untouched, the Undo and
    Redo keys go to the window's undo stack, which undoes the saved value (a field's own
    history is empty after it shows a stored value, so Ctrl+Z would do nothing)."""

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and not self.isModified():
            assert isinstance(e, QKeyEvent)
            if _is_undo_key(e):
                e.ignore()  # not ours: the window's Undo/Redo shortcut fires
                return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if not self.isModified() and _is_undo_key(e):  # undo disabled in the window
            e.ignore()
            return
        super().keyPressEvent(e)


def _is_undo_key(e: QKeyEvent) -> bool:
    """The window's Undo/Redo keys (from :data:`~clipper.gui.shortcuts.ACTIONS`) or the
    platform's standard ones."""
    return (
        e.keyCombination().toCombined() in _UNDO_REDO_KEYS
        or e.matches(QKeySequence.StandardKey.Undo)
        or e.matches(QKeySequence.StandardKey.Redo)
    )


_UNDO_REDO_KEYS = frozenset(
    QKeySequence(key)[0].toCombined()  # type: ignore[index]  # PySide6's stubs lack __getitem__
    for spec in ACTIONS
    if spec.name in ("undo", "redo")
    for key in spec.keys
)


class AnnotationsPane(QWidget):
    """Lists annotations; edits tags and notes; emits requests for the window to carry out."""

    annotationActivated = Signal(int)
    deleteRequested = Signal(list)  # annotation ids
    tagChangeRequested = Signal(int, str)
    noteEdited = Signal(int, str, int)  # annotation id, note, editing session
    rateRequested = Signal(int)  # a claim's annotation id (double-click, context menu)
    #: The context menu's Accept/Reject on selected suggestions: "accepted" or "rejected".
    decideRequested = Signal(str)
    #: A value typed in a data field (value, unit, speaker): annotation id, key, text.
    attributeEdited = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationsPane")
        self.model = AnnotationsModel(self)
        # The model filters by tag itself (in SQL): the view's proxy maps rows 1:1.
        self.proxy = QIdentityProxyModel(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel("Annotations", self)
        title.setObjectName("paneTitle")
        self.count_label = SteadyLabel(self)
        self.count_label.setObjectName("paneCount")
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Show annotations with tag")
        self.tag_filter.currentIndexChanged.connect(self._filter_changed)

        self.table = InsertRepaintTable(self)
        self.table.setObjectName("annotationsTable")
        self.table.setAccessibleName("Annotations of this article")
        self.table.setModel(self.proxy)
        # Rows moved by an insert repaint from pictures of their cells (see cell_cache).
        self.delegate = CachedCellDelegate(
            self.table, lambda index: self.model.cell_content(index.row(), index.column())
        )
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # rows, not cells: Tab leaves the list
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)  # see set_tags
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NOTE_COLUMN, NOTE_WIDTH)
        self.table.setColumnHidden(NOTE_COLUMN, True)
        header.setSectionResizeMode(CODER_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CODER_COLUMN, CODER_WIDTH)
        header.setSectionResizeMode(RATING_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(RATING_COLUMN, 90)
        self.table.setColumnHidden(RATING_COLUMN, True)
        header.setSectionResizeMode(SUGGESTED_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SUGGESTED_COLUMN, 48)
        header.moveSection(SUGGESTED_COLUMN, 1)  # shown next to the tag (model order kept)
        self.table.setColumnHidden(SUGGESTED_COLUMN, True)
        #: Who codes now: the Coder column shows when anyone else has annotations here.
        self.coder = DEFAULT_CODER
        self.table.setColumnHidden(CODER_COLUMN, True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.installEventFilter(self)
        self._table_viewport = viewport_of(self.table)  # kept (see clipper.gui.viewports)
        self._table_viewport.installEventFilter(self)

        self.editor_box = QWidget(self)
        self.tag_combo = QComboBox(self.editor_box)
        self.tag_combo.setAccessibleName("Tag of the selected annotation")
        self.tag_combo.activated.connect(self._tag_combo_chosen)
        self.note_label = QLabel("&Note", self.editor_box)
        self.note = _NoteEditor(self.editor_box)
        self.note.setObjectName("noteEditor")
        self.note.setAccessibleName("Note on the selected annotation")
        self.note.setPlaceholderText("A note on this annotation (saved as you type)")
        self.note.setTabChangesFocus(True)
        self.note_label.setBuddy(self.note)
        self.note.textChanged.connect(self._note_typed)
        self.note.focusLost.connect(self.save_note)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_note)
        self._editing: Annotation | None = None
        self._session = 0
        self._loading = False

        editor_top = QHBoxLayout()
        editor_top.setContentsMargins(0, 0, 0, 0)
        editor_top.addWidget(self.note_label)
        editor_top.addStretch(1)
        editor_top.addWidget(self.tag_combo)
        self.attribute_form = QFormLayout()
        self.attribute_form.setContentsMargins(0, 0, 0, 0)
        #: The data fields (a figure's value and unit, a quote's speaker), by key.
        self.attribute_edits: dict[str, QLineEdit] = {}
        for key in ATTRIBUTE_FIELDS:
            edit = _AttributeEdit(self.editor_box)
            edit.setObjectName(f"attribute_{key}")
            edit.setAccessibleName(f"{key.capitalize()} of the selected annotation")
            edit.setPlaceholderText(ATTRIBUTE_FIELDS[key])
            edit.setToolTip(ATTRIBUTE_HINTS[key])
            edit.editingFinished.connect(lambda k=key: self._attribute_typed(k))
            self.attribute_form.addRow(f"{key.capitalize()}:", edit)
            self.attribute_edits[key] = edit
        # Tab goes down the editor as it is laid out: tag, the data fields, then the note
        # (the note was made first, so Qt's default order put the fields after it).
        chain = [self.tag_combo, *self.attribute_edits.values(), self.note]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        editor_layout = QVBoxLayout(self.editor_box)
        editor_layout.setContentsMargins(0, 4, 0, 0)
        editor_layout.addLayout(editor_top)
        editor_layout.addLayout(self.attribute_form)
        editor_layout.addWidget(self.note)

        list_box = QWidget(self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.tag_filter)
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(6)
        list_layout.addLayout(top)
        list_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("annotationsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(self.editor_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(self.splitter)
        self._show_editor_for(None)

    # -- content ------------------------------------------------------------------------

    def set_tags(self, tags: Sequence[Tag]) -> None:
        self.model.set_tags(tags)
        # The Tag column fits the longest label once per tag change (never per row: cheap).
        metrics = self.table.fontMetrics()
        longest = max([metrics.horizontalAdvance(t.label) for t in tags] + [0])
        icon = 14  # colour_icon's default size
        self.table.horizontalHeader().resizeSection(0, longest + icon + 24)
        current = self.tag_filter.currentData()
        for combo, first in ((self.tag_filter, "All tags"), (self.tag_combo, None)):
            combo.blockSignals(True)
            combo.clear()
            if first:
                combo.addItem(first, None)
            for tag in tags:
                combo.addItem(colour_icon(tag.colour), tag.label, tag.name)
            combo.blockSignals(False)
        found = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(found, 0))
        self._show_editor_for(self._editing)

    def set_annotations(
        self, annotations: Sequence[Annotation], keep_selection: bool = False
    ) -> None:
        """Show another list. ``keep_selection`` (a reload of the same article): the
        selected annotation stays selected and a focused note editor keeps its focus."""
        self.save_note()
        keep_id = self._editing.id if keep_selection and self._editing is not None else None
        had_focus = self.note.hasFocus()
        position = self.note.textCursor().position()
        self.model.set_annotations(annotations)
        self._shown(keep_id, had_focus, position)

    def set_source(self, source: RowSource, keep_selection: bool = False) -> None:
        """Show the rows of ``source`` (read as they come into view); ``keep_selection``
        as for :meth:`set_annotations`."""
        self.save_note()
        keep_id = self._editing.id if keep_selection and self._editing is not None else None
        had_focus = self.note.hasFocus()
        position = self.note.textCursor().position()
        self.model.set_source(source)
        self._shown(keep_id, had_focus, position)

    def _shown(self, keep_id: int | None, had_focus: bool, position: int) -> None:
        """After a new list: the editor empty, or the kept annotation selected again."""
        self._show_editor_for(None)
        self._update_count()
        if keep_id is None or self.model.row_of(keep_id) is None:
            return
        self.select_annotation(keep_id)
        if had_focus:
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
            cursor = self.note.textCursor()
            cursor.setPosition(min(position, len(self.note.toPlainText())))
            self.note.setTextCursor(cursor)

    def add(self, annotation: Annotation, select: bool = False) -> None:
        self.model.add(annotation)
        self._update_count()
        if select:
            self.select_annotation(annotation.id)
        else:
            self._keep_current()

    def _keep_current(self) -> None:
        """After the model counted its rows again (a reset), the annotation being edited
        is the current row again (without scrolling)."""
        if self._editing is None or self.table.currentIndex().isValid():
            return
        row = self.model.row_of(self._editing.id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.mapFromSource(self.model.index(row, 0)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def add_many(self, annotations: Sequence[Annotation]) -> None:
        """Add several rows (a batch of suggestions): a big batch resets the list once,
        keeping the selection, instead of inserting row by row."""
        if len(annotations) < BULK_ROWS:
            for a in annotations:
                self.add(a)
            return
        keep_id = self._editing.id if self._editing is not None else None
        self.model.source.changed((), annotations)
        self.model.reload()
        self._update_count()
        if keep_id is not None and self.model.row_of(keep_id) is not None:
            self.select_annotation(keep_id)

    def remove_many(self, annotations: Sequence[Annotation]) -> None:
        """Remove several rows (e.g. a suggesting run undone): a big batch recounts and
        rereads the list once instead of row by row."""
        if len(annotations) < BULK_ROWS:
            for a in annotations:
                self.remove(a)
            return
        if self._editing is not None and any(a.id == self._editing.id for a in annotations):
            self._timer.stop()
            self._show_editor_for(None)
        self.model.source.changed(annotations, ())
        self.model.reload()
        self._update_count()
        self._keep_current()

    def update_many(self, annotations: Sequence[Annotation]) -> None:
        """Replace several rows (e.g. every suggestion of a tag accepted): a big batch
        recounts and rereads the list once, keeping the selection, instead of row by row."""
        if len(annotations) < BULK_ROWS:
            for a in annotations:
                self.update(a)
            return
        editing = self._editing
        self.model.source.changed((), annotations)
        self.model.reload()
        self._update_count()
        if editing is None:
            return
        now = next((a for a in annotations if a.id == editing.id), None)
        if now is not None and now.status == REJECTED:
            self._timer.stop()
            self._show_editor_for(None)
            return
        if now is not None:
            pending = self._timer.isActive() or self.note.toPlainText() != editing.note
            self._editing = now
            if not (pending and self.note.hasFocus()):
                self._show_editor_for(now)
        self._keep_current()

    def remove(self, annotation: Annotation) -> None:
        if self._editing is not None and self._editing.id == annotation.id:
            self._timer.stop()
            self._show_editor_for(None)
        self.model.remove(annotation)
        self._update_count()
        self._keep_current()
        self._select_current()

    def _select_current(self) -> None:
        """After a row went (deleted, undone, decided elsewhere), Qt makes a neighbour
        current and the editor below shows it: select that row too, so the list shows
        which annotation the editor and Del act on."""
        current = self.table.currentIndex()
        selection = self.table.selectionModel()
        if current.isValid() and not selection.isRowSelected(current.row(), QModelIndex()):
            selection.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def update(self, annotation: Annotation) -> None:  # type: ignore[override]
        if annotation.status == REJECTED:  # a rejected suggestion leaves the list
            self.remove(annotation)
            return
        self.model.update(annotation)
        self._keep_current()
        self._update_count()  # a claim rated or re-tagged, a suggestion decided: columns
        if self._editing is not None and self._editing.id == annotation.id:
            pending = self._timer.isActive() or self.note.toPlainText() != self._editing.note
            self._editing = annotation
            if not (pending and self.note.hasFocus()):
                self._show_editor_for(annotation)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(str(total) if shown == total else f"{shown} of {total}")
        self._update_coder_column()

    def set_coder(self, name: str) -> None:
        """Who codes now (the Coder column hides when every annotation here is theirs)."""
        self.coder = name
        self._update_coder_column()

    def coder_column_shown(self) -> bool:
        return not self.table.isColumnHidden(CODER_COLUMN)

    def _update_coder_column(self) -> None:
        """Show the optional columns (Coder, Rating, Score, Note) only when they have
        something to show here, leaving the Text column the room."""
        # The Coder and Note columns show only beside a Text column of MIN_TEXT_WIDTH (the
        # coder and the note are in each row's tooltip); the Coder goes first.
        others = any(name != self.coder for name in self.model.coders)
        others = others and self._room_for(CODER_COLUMN)
        if others != self.coder_column_shown():
            self.table.setColumnHidden(CODER_COLUMN, not others)
        rated = self.model.rated > 0
        if rated != self.rating_column_shown():
            self.table.setColumnHidden(RATING_COLUMN, not rated)
        pending = self.model.pending > 0
        if pending == self.table.isColumnHidden(SUGGESTED_COLUMN):
            self.table.setColumnHidden(SUGGESTED_COLUMN, not pending)
        notes = self.model.notes > 0 and self._room_for(NOTE_COLUMN)
        if notes == self.table.isColumnHidden(NOTE_COLUMN):
            self.table.setColumnHidden(NOTE_COLUMN, not notes)

    def _room_for(self, column: int) -> bool:
        """Does the Text column keep :data:`MIN_TEXT_WIDTH` beside ``column`` (Coder or
        Note) at its usual width? (In a narrow pane the coder and the note are read in the
        row's tooltip, the note in the editor below; the Text column identifies a row.)
        The Note is reckoned after the Coder: its room is what the Coder leaves."""
        header = self.table.horizontalHeader()
        left_out = {1, column, NOTE_COLUMN}
        shown = (
            header.sectionSize(c)
            for c in range(self.model.columnCount())
            if c not in left_out and not self.table.isColumnHidden(c)
        )
        width = NOTE_WIDTH if column == NOTE_COLUMN else CODER_WIDTH
        return self.table.viewport().width() - sum(shown) - width >= MIN_TEXT_WIDTH

    def rating_column_shown(self) -> bool:
        return not self.table.isColumnHidden(RATING_COLUMN)

    # -- selection ----------------------------------------------------------------------

    def select_annotation(self, annotation_id: int) -> None:
        row = self.model.row_of(annotation_id)
        if row is None and self.model.tag_filter is not None:
            if self.model.source.find(annotation_id) is None:
                return
            self.tag_filter.setCurrentIndex(0)  # hidden by the tag filter: show all
            row = self.model.row_of(annotation_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def selected_annotations(self) -> list[Annotation]:
        rows = sorted(
            self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()
        )
        found = (self.model.annotation(r) for r in rows)
        return [a for a in found if a is not None]

    def current_annotation(self) -> Annotation | None:
        return self._editing

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.save_note()
        if not current.isValid():
            self._show_editor_for(None)
            return
        self._show_editor_for(self.model.annotation(self.proxy.mapToSource(current).row()))

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.annotationActivated.emit(int(index.data(ID_ROLE)))

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(TAG_ROLE) == CLAIM_TAG:
            self.rateRequested.emit(int(index.data(ID_ROLE)))

    def _filter_changed(self, _index: int) -> None:
        self.model.set_tag_filter(self.tag_filter.currentData())
        self._update_count()

    # -- note and tag editing -----------------------------------------------------------

    def _show_editor_for(self, annotation: Annotation | None) -> None:
        if annotation is None or self._editing is None or annotation.id != self._editing.id:
            self._session += 1
        self._editing = annotation
        self._loading = True
        try:
            self.editor_box.setEnabled(annotation is not None)
            text = annotation.note if annotation else ""
            if self.note.toPlainText() != text:
                self.note.setPlainText(text)
            index = self.tag_combo.findData(annotation.tag) if annotation else -1
            self.tag_combo.setCurrentIndex(index)
            self._show_attributes(annotation)
        finally:
            self._loading = False

    def _show_attributes(self, annotation: Annotation | None) -> None:
        """The data fields of this annotation's tag (or that it carries), filled in."""
        keys = review_keys(annotation) if annotation is not None else ()
        for key, edit in self.attribute_edits.items():
            shown = key in keys
            self.attribute_form.setRowVisible(edit, shown)
            if edit.hasFocus() and edit.isModified():
                continue  # being typed: kept until Enter or focus out
            value = annotation.attributes.get(key) if annotation is not None else None
            edit.setText("" if value is None else str(value))
            edit.setModified(False)

    def _attribute_typed(self, key: str) -> None:
        edit = self.attribute_edits[key]
        annotation = self._editing
        if self._loading or annotation is None or not edit.isModified():
            return
        edit.setModified(False)
        current = annotation.attributes.get(key)
        text = edit.text().strip()
        if text != ("" if current is None else str(current)):
            self.attributeEdited.emit(annotation.id, key, text)

    def attribute_text(self, key: str) -> str:
        return self.attribute_edits[key].text()

    def _note_typed(self) -> None:
        if not self._loading and self._editing is not None:
            self._timer.start()

    def save_note(self) -> None:
        """Save the note being typed now (also called on focus loss and before switching)."""
        self._timer.stop()
        annotation = self._editing
        if annotation is None or self._loading:
            return
        text = self.note.toPlainText()
        if text != annotation.note:
            self.noteEdited.emit(annotation.id, text, self._session)

    def has_pending_note(self) -> bool:
        """Is there typed text not saved yet?"""
        editing = self._editing
        return editing is not None and self.note.toPlainText() != editing.note

    def end_note_session(self) -> None:
        """Start a new undo step for the next typing (e.g. after the editor lost focus)."""
        self._session += 1

    def edit_note(self) -> None:
        if self._editing is None:
            rows = self.proxy.rowCount()
            if not rows:
                return
            self.table.selectRow(0)
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note.moveCursor(self.note.textCursor().MoveOperation.End)

    def _tag_combo_chosen(self, index: int) -> None:
        if self._editing is not None and index >= 0:
            name = self.tag_combo.itemData(index)
            if name and name != self._editing.tag:
                self.tagChangeRequested.emit(self._editing.id, str(name))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        annotation_id = int(index.data(ID_ROLE))
        clicked = self.model.annotation(self.proxy.mapToSource(index).row())
        if clicked is None:
            return
        menu = QMenu(self)
        if clicked.status == PENDING and all(
            a.status == PENDING for a in self.selected_annotations()
        ):  # as Enter and Backspace here
            for caption, key, status in (
                ("Accept suggestion", "Enter", "accepted"),
                ("Reject suggestion", "Backspace", "rejected"),
            ):
                decide = menu.addAction(f"{caption}\t{key}")
                decide.triggered.connect(lambda _c=False, s=status: self.decideRequested.emit(s))
            menu.addSeparator()
        change = menu.addMenu("Change tag to")
        current_tag = clicked.tag
        for tag in self.model.tags.values():
            action = change.addAction(colour_icon(tag.colour), tag.label)
            action.setEnabled(tag.name != current_tag)
            action.triggered.connect(
                lambda _c=False, n=tag.name: self.tagChangeRequested.emit(annotation_id, n)
            )
        menu.addAction("Edit note", self.edit_note)
        if current_tag == CLAIM_TAG:
            menu.addAction("Rate claim…", lambda: self.rateRequested.emit(annotation_id))
        menu.addSeparator()
        menu.addAction(
            "Delete", lambda: self.deleteRequested.emit([a.id for a in self.selected_annotations()])
        )
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table_viewport and event.type() == QEvent.Type.Resize:
            self._update_coder_column()  # the Note column may fit now, or no longer
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                ids = [a.id for a in self.selected_annotations()]
                if ids:
                    self.deleteRequested.emit(ids)
                return True
        return super().eventFilter(watched, event)

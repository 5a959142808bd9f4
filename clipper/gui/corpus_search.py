"""Corpus > Search all articles: hits as you type, in context; Enter opens the hit.

Each search runs in a :class:`~clipper.gui.workers.Job` (its own connection) after a
short pause in typing; a result that arrives after a newer search started is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from clipper.corpus import SearchHit
from clipper.errors import ClipperError
from clipper.gui.kwic_view import cell, set_up_table
from clipper.gui.screen_fit import resize_to_fit
from clipper.gui.workers import Job, JobContext
from clipper.operations import Session

#: Pause in typing before a search starts (ms).
DEBOUNCE_MS = 200
#: Hits listed at most (best articles first).
MAX_HITS = 500
_COLUMNS = ("Article", "Left", "Hit", "Right")
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
_KIND = {1: "left", 2: "span", 3: "right"}


class HitsModel(QAbstractTableModel):
    """Search hits: article title | left context | hit | right context."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        column = index.column()
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return hit.title
            return None
        value = {1: hit.left, 2: hit.text, 3: hit.right}[column]
        return cell(_KIND[column], value, role)


def _search(query: str) -> Any:
    def run(context: JobContext) -> list[SearchHit]:
        return Session(context.store).search_corpus(query, limit=MAX_HITS)

    return run


class CorpusSearchDialog(QDialog):
    """Type to search every article; Enter (or a double click) opens the chosen hit."""

    #: (article id, start, end) of the hit to open (code points).
    hitActivated = Signal(int, int, int)

    def __init__(self, db_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("corpusSearch")
        self.setWindowTitle("Search all articles")
        self.setAccessibleName("Search all articles")
        resize_to_fit(self, 980, 560)
        self._db_path = db_path
        self._generation = 0
        self._jobs: set[Job] = set()
        self.query = QLineEdit(self)
        self.query.setObjectName("corpusSearchQuery")
        self.query.setPlaceholderText('Words, "a phrase", prefix*, or symbols: £ € % 中文')
        self.query.setAccessibleName("Search text")
        self.query.setClearButtonEnabled(True)
        self.model = HitsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("corpusSearchHits")
        self.table.setAccessibleName("Search hits")
        self.table.setModel(self.model)
        set_up_table(self.table, 1, 2, 3)
        self.table.setColumnWidth(0, 200)
        self.status = QLabel("Type to search every article's text.", self)
        self.status.setObjectName("corpusSearchStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.open_current)
        self.table.activated.connect(lambda _index: self.open_current())
        self.query.installEventFilter(self)

    def set_database(self, db_path: str) -> None:
        self._db_path = db_path
        self.model.set_hits([])
        self.run_search()

    def busy(self) -> bool:
        """A search is running (tests wait for this to end)."""
        return any(job.is_running() for job in self._jobs)

    def run_search(self) -> None:
        """Search for the query now (in a worker)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.query.text()
        if not text.strip():
            self.model.set_hits([])
            self.status.setText("Type to search every article's text.")
            return
        self.status.setText("Searching…")
        job = Job(self._db_path, _search(text), self)
        self._jobs.add(job)
        job.finished.connect(lambda hits, g=generation, j=job: self._found(g, j, hits))
        job.failed.connect(lambda error, g=generation, j=job: self._failed(g, j, error))
        job.start()

    def _found(self, generation: int, job: Job, hits: list[SearchHit]) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation != self._generation:
            return  # a newer search has started
        self.model.set_hits(hits)
        articles = len({h.article_id for h in hits})
        more = " (the first ones)" if len(hits) >= MAX_HITS else ""
        self.status.setText(f"{_count(len(hits), 'hit')} in {_count(articles, 'article')}{more}.")
        if hits:
            self.table.selectRow(0)

    def _failed(self, generation: int, job: Job, error: object) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation == self._generation:
            self.model.set_hits([])
            message = error.message if isinstance(error, ClipperError) else str(error)
            self.status.setText(message)

    def open_current(self) -> None:
        """Open the selected hit (the first one if none is selected)."""
        if self._timer.isActive():  # Enter right after typing: search first
            self.run_search()
            return
        if not self.model.hits:
            return
        row = self.table.currentIndex().row()
        hit = self.model.hits[row if row >= 0 else 0]
        self.hitActivated.emit(hit.article_id, hit.start, hit.end)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Up/Down in the query field move through the hits.
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key()
            in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
        ):
            self.table.setFocus()
            self.table.keyPressEvent(event)
            self.query.setFocus()
            return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: Any) -> None:
        for job in list(self._jobs):
            job.cancel()
        super().closeEvent(event)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")

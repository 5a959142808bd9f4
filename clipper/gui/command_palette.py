"""View > Command palette (Ctrl+Shift+P): type to reach any action, tag or article.

Actions and tags match fuzzily (the typed letters in order: "expo" or "xpt" finds "Export
annotations"); articles match when every typed word is in the title (case ignored), so a
50,000-article library filters in a few milliseconds. The titles are read in a worker
when the palette opens. Enter runs the action, tags the selection or opens the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.gui.kwic_view import NAVIGATION_KEYS
from clipper.gui.workers import Job, JobContext
from clipper.operations import Session

#: Entries listed at most.
MAX_SHOWN = 200


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the palette can do: ``kind`` is ``action``, ``tag`` or ``article``."""

    kind: str
    key: str | int
    text: str
    detail: str = ""


def fuzzy_score(query: str, text: str) -> int | None:
    """Lower is better; ``None``: no match. Every word of ``query`` a substring of
    ``text`` (earlier is better), else its letters in order (a gap costs)."""
    words = query.casefold().split()
    folded = text.casefold()
    if not words:
        return 0
    positions = [folded.find(w) for w in words]
    if all(p >= 0 for p in positions):
        return sum(positions)
    letters = "".join(words)
    at = -1
    gaps = 0
    for letter in letters:
        found = folded.find(letter, at + 1)
        if found < 0:
            return None
        gaps += found - at - 1
        at = found
    return 1000 + gaps


def word_match(query: str, text: str) -> bool:
    folded = text.casefold()
    return all(w in folded for w in query.casefold().split())


def _titles(context: JobContext) -> dict[int, str]:
    return Session(context.store).article_titles()


class CommandPalette(QDialog):
    """A query field over a list of entries; Enter (or a click) chooses one."""

    chosen = Signal(object)  # an Entry

    def __init__(
        self, db_path: str, entries: Sequence[Entry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("commandPalette")
        self.setWindowTitle("Command palette")
        self.setAccessibleName("Command palette")
        self.resize(640, 420)
        self._fixed = list(entries)
        self._titles: dict[int, str] = {}
        self.query = QLineEdit(self)
        self.query.setObjectName("commandPaletteQuery")
        self.query.setPlaceholderText("Type an action, a tag or an article's title")
        self.query.setAccessibleName("Command")
        self.list = QListWidget(self)
        self.list.setObjectName("commandPaletteList")
        self.list.setAccessibleName("Matches")
        self.list.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        self.query.textChanged.connect(self.refilter)
        self.query.returnPressed.connect(self.choose_current)
        self.list.itemActivated.connect(lambda _item: self.choose_current())
        self.query.installEventFilter(self)
        self._job: Job | None = Job(db_path, _titles, self)
        self._job.finished.connect(self._got_titles)
        self._job.failed.connect(lambda _error: None)
        self._job.start()
        self.refilter()

    def busy(self) -> bool:
        return self._job is not None and self._job.is_running()

    def _got_titles(self, titles: dict[int, str]) -> None:
        self._titles = titles
        self._job = None
        self.refilter()

    def matches(self, query: str) -> list[Entry]:
        """What ``query`` finds: actions and tags (best first), then articles."""
        scored = [
            (score, n, e)
            for n, e in enumerate(self._fixed)
            if (score := fuzzy_score(query, e.text + " " + e.detail)) is not None
        ]
        found = [e for _s, _n, e in sorted(scored, key=lambda t: (t[0], t[1]))]
        if query.strip():
            for article_id, title in self._titles.items():
                if len(found) >= MAX_SHOWN:
                    break
                if word_match(query, title):
                    found.append(Entry("article", article_id, title, "Article"))
        return found[:MAX_SHOWN]

    def refilter(self) -> None:
        self.list.clear()
        for entry in self.matches(self.query.text()):
            label = f"{entry.text}    —  {entry.detail}" if entry.detail else entry.text
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def choose_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        entry = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        self.chosen.emit(entry)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in NAVIGATION_KEYS
        ):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        if self._job is not None:
            self._job.cancel()
        super().done(result)

"""The object that owns the Store for the window, and tells views what changed.

Anki style: every change goes through a method here, which writes to the store and then
emits one :attr:`Controller.changed` notification carrying a :class:`Changes` record;
each view reads it and decides what to redraw (a new annotation is added to the article
view incrementally, the library only updates one row's counts, and so on).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from clipper.errors import NotFound
from clipper.gui.workers import Job
from clipper.model import Annotation, Article, Tag
from clipper.store import Store

log = logging.getLogger("clipper.gui")


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed; views redraw what concerns them."""

    #: Another database was opened: everything is new.
    database: bool = False
    #: Tag definitions (labels, colours, keys) changed.
    tags: bool = False
    #: The set of articles or their metadata changed: reload the library list.
    library: bool = False
    #: Another article is shown (or the current one was reloaded): redraw it entirely.
    article: bool = False
    #: Annotations of the current article added, removed or changed (incremental).
    added: tuple[Annotation, ...] = ()
    removed: tuple[Annotation, ...] = ()
    updated: tuple[Annotation, ...] = ()
    #: The article whose per-tag counts changed (library row, status bar).
    counts_of: int | None = None


class Controller(QObject):
    """Owns the :class:`Store`, the current article and its annotations."""

    changed = Signal(object)  # Changes
    message = Signal(str)  # a short status-bar message

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.tags: list[Tag] = store.list_tags()
        self.article: Article | None = None
        self.annotations: dict[int, Annotation] = {}
        self._seen_version = store.data_version()
        self._seen_jobs = Job.own_activity()[1]
        self._pending_savers: list[Callable[[], None]] = []
        self._committing = False

    # -- edits still in a view ----------------------------------------------------------

    def add_pending_saver(self, save: Callable[[], None]) -> None:
        """Register a view's "save what the user is typing now" (e.g. the note editor,
        which otherwise saves after a pause). Called by :meth:`commit_pending_edits`."""
        self._pending_savers.append(save)

    def commit_pending_edits(self) -> None:
        """Save every edit still held by a view. Every path that changes what the views
        show (another article, a reload, another database, undo/redo, closing) calls this
        first, so a note typed a moment ago is never dropped."""
        if self._committing:
            return
        self._committing = True
        try:
            for save in self._pending_savers:
                save()
        finally:
            self._committing = False

    # -- database -----------------------------------------------------------------------

    @property
    def db_path(self) -> str:
        return self.store.path

    def open_database(self, path: str) -> None:
        """Switch to another database file (created if it does not exist)."""
        self.commit_pending_edits()
        new = Store(path)  # raises ClipperError for a file that is not a database
        old, self.store = self.store, new
        old.close()
        self.tags = new.list_tags()
        self.article = None
        self.annotations = {}
        self._seen_version = new.data_version()
        self._seen_jobs = Job.own_activity()[1]
        self.changed.emit(Changes(database=True, tags=True, library=True, article=True))

    def close(self) -> None:
        """Close the database (the window has committed pending edits on closing)."""
        self.store.close()

    def tag(self, name: str) -> Tag | None:
        return next((t for t in self.tags if t.name == name), None)

    def tag_for_key(self, key: str) -> Tag | None:
        return next((t for t in self.tags if t.shortcut and t.shortcut == key), None)

    # -- articles -----------------------------------------------------------------------

    def open_article(self, article_id: int | None) -> Article | None:
        """Show an article (``None``: none). Raises :class:`NotFound` for a bad id."""
        self.commit_pending_edits()
        if article_id is None:
            self.article = None
            self.annotations = {}
        else:
            article = self.store.get_article(article_id)
            self.annotations = {a.id: a for a in self.store.list_annotations(article_id)}
            self.article = article
        self.changed.emit(Changes(article=True, counts_of=article_id))
        return self.article

    @property
    def article_id(self) -> int | None:
        return None if self.article is None else self.article.id

    def sorted_annotations(self) -> list[Annotation]:
        return sorted(self.annotations.values(), key=lambda a: (a.start, a.end, a.id))

    def update_article(self, article_id: int, **fields: str | None) -> Article:
        article = self.store.update_article(article_id, **fields)
        if article_id == self.article_id:
            self.article = article
        self.changed.emit(Changes(library=True))
        return article

    def delete_article(self, article_id: int) -> None:
        self.commit_pending_edits()
        self.store.delete_article(article_id)
        if article_id == self.article_id:
            self.article = None
            self.annotations = {}
            self.changed.emit(Changes(library=True, article=True))
        else:
            self.changed.emit(Changes(library=True))

    def articles_imported(self, article_ids: list[int]) -> None:
        """Our import worker (another connection) added articles: reload everything (this
        also shows what another program wrote meanwhile), then show the last one."""
        self.refresh()
        if article_ids:
            self.open_article(article_ids[-1])

    # -- annotations (each one commits at once) -----------------------------------------

    def _show(self, article_id: int) -> None:
        """Make sure ``article_id`` is the shown article (undo may act on another one)."""
        if article_id != self.article_id:
            self.open_article(article_id)

    def add_annotation(
        self, article_id: int, start: int, end: int, tag: str, note: str = ""
    ) -> Annotation:
        annotation = self.store.add_annotation(article_id, start, end, tag, note)
        self._added(annotation)
        return annotation

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        self._show(annotation.article_id)
        restored = self.store.restore_annotation(annotation)
        self._added(restored)
        return restored

    def _added(self, annotation: Annotation) -> None:
        self._show(annotation.article_id)
        self.annotations[annotation.id] = annotation
        self.changed.emit(Changes(added=(annotation,), counts_of=annotation.article_id))

    def delete_annotation(self, annotation_id: int) -> Annotation:
        current = self.store.get_annotation(annotation_id)
        self._show(current.article_id)
        removed = self.store.delete_annotation(annotation_id)
        self.annotations.pop(annotation_id, None)
        self.changed.emit(Changes(removed=(removed,), counts_of=removed.article_id))
        return removed

    def update_annotation(
        self, annotation_id: int, *, tag: str | None = None, note: str | None = None
    ) -> Annotation:
        current = self.store.get_annotation(annotation_id)
        self._show(current.article_id)
        updated = self.store.update_annotation(annotation_id, tag=tag, note=note)
        self.annotations[annotation_id] = updated
        counts = updated.article_id if updated.tag != current.tag else None
        self.changed.emit(Changes(updated=(updated,), counts_of=counts))
        return updated

    # -- other writers ------------------------------------------------------------------

    def reload_tags(self) -> None:
        self.tags = self.store.list_tags()
        self.changed.emit(Changes(tags=True, library=True))

    def refresh(self) -> None:
        """Reload everything from the database (after changes by another program)."""
        self.commit_pending_edits()
        self._seen_version = self.store.data_version()
        self.tags = self.store.list_tags()
        article_id = self.article_id
        self.article = None
        self.annotations = {}
        if article_id is not None:
            try:
                self.article = self.store.get_article(article_id)
                self.annotations = {a.id: a for a in self.store.list_annotations(article_id)}
            except NotFound:
                self.message.emit(f"Article {article_id} was deleted by another program.")
        self.changed.emit(Changes(tags=True, library=True, article=True, counts_of=self.article_id))

    def changed_elsewhere(self) -> bool:
        """Has another connection committed since we last looked? (cheap)"""
        return self.store.data_version() != self._seen_version

    def refresh_if_changed_elsewhere(self) -> bool:
        """Reload if another connection committed since we last looked (a few
        microseconds when nothing changed: one ``PRAGMA data_version``).

        Returns ``True`` only for *another program's* change. Our own background jobs
        (imports) commit on their own connections: while one runs nothing is reloaded
        (it reports when it ends), and a change seen after one ran is reloaded quietly.
        """
        running, jobs = Job.own_activity()
        if running:
            return False
        if not self.changed_elsewhere():
            self._seen_jobs = jobs
            return False
        ours = jobs != self._seen_jobs
        self._seen_jobs = jobs
        log.info("database changed by another connection: refreshing")
        self.refresh()
        return not ours

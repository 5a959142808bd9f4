"""The object that owns the operations :class:`Session` for the window, and tells views
what changed.

Anki style: every change goes through a method here, which runs a core operation (the
session validates it, commits it in one transaction and records its undo step) and then
emits one :attr:`Controller.changed` notification carrying a :class:`Changes` record;
each view reads it and decides what to redraw (a new annotation is added to the article
view incrementally, the library only updates one row's counts, and so on). Undo and redo
are the session's core log (:class:`~clipper.operations.UndoLog`), not Qt's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from clipper.errors import ClipperError, NotFound
from clipper.fields import same_key
from clipper.gui.article_annotations import ArticleAnnotations
from clipper.gui.workers import Job
from clipper.model import Annotation, Article, AttributeValue, Tag
from clipper.operations import Changes as CoreChanges
from clipper.operations import Session, choose_coder
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
    #: Who codes new annotations changed (status bar, annotations' Coder column).
    coder: bool = False
    #: The article whose per-tag counts changed (library row, status bar).
    counts_of: int | None = None


class Controller(QObject):
    """Owns the :class:`Session`, the current article and its annotations."""

    changed = Signal(object)  # Changes
    message = Signal(str)  # a short status-bar message
    #: The undo log changed (a step done, undone, redone or dropped): labels to update.
    undoChanged = Signal()
    #: Our import worker added these articles (ids), after the views were reloaded.
    articlesImported = Signal(list)

    def __init__(
        self, store: Store, parent: QObject | None = None, *, coder: str | None = None
    ) -> None:
        super().__init__(parent)
        self.session = Session(store, coder=coder)
        self.tags: list[Tag] = store.list_tags()
        self.article: Article | None = None
        #: The shown article's annotations by id, read from the store on demand.
        self.annotations = ArticleAnnotations()
        self._seen_version = store.data_version()
        self._seen_jobs = Job.own_activity()[1]
        self._pending_savers: list[Callable[[], None]] = []
        self._committing = False

    @property
    def store(self) -> Store:
        """The session's store (for tests and background jobs; views use the session)."""
        return self.session.store

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
        return self.session.path

    def open_database(self, path: str) -> None:
        """Switch to another database file (created if it does not exist)."""
        self.commit_pending_edits()
        new = Store(path)  # raises ClipperError for a file that is not a database
        old, self.session = self.session, Session(new, coder=self.session.coder)
        old.close()
        self.tags = new.list_tags()
        self.article = None
        self.annotations = ArticleAnnotations()
        self._seen_version = new.data_version()
        self._seen_jobs = Job.own_activity()[1]
        self.changed.emit(Changes(database=True, tags=True, library=True, article=True))
        self.undoChanged.emit()

    @property
    def coder(self) -> str:
        """Who new annotations are tagged with."""
        return self.session.coder

    def set_coder(self, name: str) -> None:
        """Tag new annotations with ``name`` from now on (InvalidField if not a name)."""
        self.session.coder = choose_coder(name)
        self.message.emit(f"Coding as {self.session.coder}.")
        self.changed.emit(Changes(coder=True))

    def close(self) -> None:
        """Close the database (the window has committed pending edits on closing)."""
        self.session.close()

    def tag(self, name: str) -> Tag | None:
        return next((t for t in self.tags if t.name == name), None)

    def tag_for_key(self, key: str) -> Tag | None:
        """The tag whose key is ``key`` (``Q`` is the key ``q``, as for Qt's shortcuts)."""
        return next((t for t in self.tags if t.shortcut and same_key(t.shortcut, key)), None)

    # -- articles -----------------------------------------------------------------------

    def open_article(self, article_id: int | None) -> Article | None:
        """Show an article (``None``: none). Raises :class:`NotFound` for a bad id."""
        self.commit_pending_edits()
        if article_id is None:
            self.article = None
            self.annotations = ArticleAnnotations()
        else:
            article = self.session.get_article(article_id)
            self._load_annotations(article_id)
            self.article = article
        self.changed.emit(Changes(article=True, counts_of=article_id))
        return self.article

    @property
    def article_id(self) -> int | None:
        return None if self.article is None else self.article.id

    def _load_annotations(self, article_id: int) -> None:
        """Nothing is read yet: the views ask for what they show."""
        self.annotations = ArticleAnnotations(self.session, article_id)

    def sorted_annotations(self) -> list[Annotation]:
        """Every annotation of the shown article by (start, end, id) (reads them all the
        first time: for tests and small articles; the views ask for what they show)."""
        return self.annotations.in_text_order()

    def update_article(self, article_id: int, **fields: str | None) -> Article:
        """Edit an article's metadata (undoable)."""
        self._apply(self.session.edit_article(article_id, **fields))
        return self.session.get_article(article_id)

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its annotations (undoable)."""
        self.commit_pending_edits()
        self._apply(self.session.delete_article(article_id))

    def articles_imported(self, article_ids: list[int]) -> None:
        """Our import worker (another connection) added articles: reload everything (this
        also shows what another program wrote meanwhile), then show the last one."""
        self.refresh()
        if article_ids:
            self.open_article(article_ids[-1])
        self.articlesImported.emit(list(article_ids))

    def open_sample(self) -> Article:
        """The bundled sample clipping (imported on first use), shown."""
        from clipper.library import open_sample

        article = open_sample(self.session.store)
        self.changed.emit(Changes(library=True))
        self.open_article(article.id)
        return article

    # -- annotations (each one commits at once) -----------------------------------------

    def add_annotation(
        self, article_id: int, start: int, end: int, tag: str, note: str = ""
    ) -> Annotation:
        """The annotation made, or the waiting suggestion of that span and tag, accepted."""
        changes = self.session.add_annotation(article_id, start, end, tag, note)
        self._apply(changes)
        return (changes.annotations_added or changes.annotations_updated)[0]

    def delete_annotations(self, annotation_ids: Sequence[int]) -> None:
        self._apply(self.session.delete_annotations(annotation_ids))

    def update_annotation(
        self,
        annotation_id: int,
        *,
        tag: str | None = None,
        note: str | None = None,
        merge_key: Hashable | None = None,
    ) -> Annotation:
        """Change an annotation's tag and/or note (saves of one note editing session, with
        one ``merge_key``, undo as one step)."""
        self._apply(
            self.session.edit_annotation(annotation_id, tag=tag, note=note, merge_key=merge_key)
        )
        return self.session.get_annotation(annotation_id)

    def run(self, operation: Callable[[Session], CoreChanges]) -> CoreChanges:
        """Run a session operation of a feature module (e.g. adjudication) after saving
        what a view still holds, then tell the views what changed."""
        self.commit_pending_edits()
        changes = operation(self.session)
        self._apply(changes)
        return changes

    def rate_claim(
        self,
        annotation_id: int,
        attributes: Mapping[str, AttributeValue | None],
        *,
        supported_by: Sequence[int],
        contradicted_by: Sequence[int],
    ) -> Annotation:
        """Set a claim's verdict and exactly these evidence spans (one undoable step)."""
        self._apply(
            self.session.rate_claim(
                annotation_id,
                attributes,
                supported_by=supported_by,
                contradicted_by=contradicted_by,
                replace_evidence=True,
            )
        )
        return self.session.get_annotation(annotation_id)

    def show_stored(self, changes: CoreChanges) -> None:
        """A background job of ours stored annotations (e.g. suggestions) on its own
        connection, with no undo step here: show those of the current article (those of
        another article are left alone, never attached to the one shown)."""
        mine = self.article_id
        added = tuple(
            a
            for a in changes.annotations_added
            if a.article_id == mine and self.annotations.known(a.id) is None
        )
        if mine is None or not added:
            return
        self.changed.emit(self._annotations_changed(CoreChanges(annotations_added=added)))

    # -- tags -----------------------------------------------------------------------------

    def add_tag(self, name: str, label: str | None, colour: str, shortcut: str | None) -> Tag:
        self._apply(self.session.add_tag(name, label, colour, shortcut))
        return self.session.get_tag(name.strip().lower())

    def edit_tag(
        self,
        name: str,
        *,
        label: str | None = None,
        colour: str | None = None,
        shortcut: str | None = None,
    ) -> Tag:
        self._apply(self.session.edit_tag(name, label=label, colour=colour, shortcut=shortcut))
        return self.session.get_tag(name)

    def tag_usage(self, name: str) -> int:
        """How many annotations carry the tag ``name`` (in every article)."""
        return self.session.tag_counts().get(name, 0)

    def rename_tag(self, old: str, new: str) -> None:
        self._apply(self.session.rename_tag(old, new))

    def delete_tag(self, name: str, *, delete_annotations: bool = False) -> None:
        self._apply(self.session.delete_tag(name, delete_annotations=delete_annotations))

    def merge_tags(self, source: str, target: str) -> None:
        self._apply(self.session.merge_tags(source, target))

    # -- undo -----------------------------------------------------------------------------

    @property
    def undo_label(self) -> str:
        return self.session.undo_log.undo_label

    @property
    def redo_label(self) -> str:
        return self.session.undo_log.redo_label

    def undo(self) -> str | None:
        """Undo the last step; returns its label, or ``None`` if there was none or it no
        longer applies (then the step is dropped and the status bar says why)."""
        self.commit_pending_edits()  # a note being typed is saved first (and is that step)
        return self._step("undo", self.undo_label, self.session.undo)

    def redo(self) -> str | None:
        self.commit_pending_edits()
        return self._step("redo", self.redo_label, self.session.redo)

    def _step(self, verb: str, label: str, step: Callable[[], CoreChanges]) -> str | None:
        if not label:
            return None
        try:
            changes = step()
        except ClipperError as exc:
            self.message.emit(f"Cannot {verb} “{label}”: {exc.message}")
            self.undoChanged.emit()
            return None
        self._apply(changes)
        return label

    # -- turning a core change record into the views' -------------------------------------

    def _apply(self, changes: CoreChanges) -> None:
        """Update what the controller holds and tell the views (one ``changed``)."""
        if changes.everything:
            self.refresh()
            self.undoChanged.emit()
            return
        view = Changes()
        if changes.tags:
            self.tags = self.session.list_tags()
            view = Changes(tags=True, library=True)
        library = bool(changes.articles_added or changes.articles_removed)
        library = library or bool(changes.articles_updated)
        if self.article_id in changes.articles_removed:
            self.article, self.annotations = None, ArticleAnnotations()
            view = _joined(view, Changes(library=True, article=True))
        elif self.article is not None and self.article.id in changes.articles_updated:
            self.article = self.session.get_article(self.article.id)
        if changes.articles_added:
            self.changed.emit(_joined(view, Changes(library=True)))
            self.open_article(changes.articles_added[-1])  # an undone delete: show it back
            self.undoChanged.emit()
            return
        touched = {
            a.article_id
            for a in (
                changes.annotations_added
                + changes.annotations_removed
                + changes.annotations_updated
            )
        }
        if len(touched) == 1 and self.article_id not in touched and not changes.tags:
            # An undo acting on another article: show that one (reloaded).
            if view != Changes() or library:
                self.changed.emit(_joined(view, Changes(library=library)))
            self.open_article(next(iter(touched)))
            self.undoChanged.emit()
            return
        if self.article_id in touched:
            view = _joined(view, self._annotations_changed(changes))
        library = library or bool(touched - {self.article_id})  # other rows' counts
        if library:
            view = _joined(view, Changes(library=True))
        if view != Changes():
            self.changed.emit(view)
        self.undoChanged.emit()

    def _annotations_changed(self, changes: CoreChanges) -> Changes:
        """Apply the current article's annotation changes; the views' incremental record."""
        mine = self.article_id

        def here(annotations: tuple[Annotation, ...]) -> tuple[Annotation, ...]:
            return tuple(a for a in annotations if a.article_id == mine)

        removed = here(changes.annotations_removed)
        added = here(changes.annotations_added)
        updated = here(changes.annotations_updated)
        counts = bool(added or removed)
        for a in removed:
            self.annotations.pop(a.id, None)
        for a in added:
            self.annotations[a.id] = a
        for a in updated:
            old = self.annotations.known(a.id)  # as read before (the store has the new)
            counts = counts or old is None or (old.tag, old.status) != (a.tag, a.status)
            self.annotations[a.id] = a
        return Changes(
            added=added, removed=removed, updated=updated, counts_of=mine if counts else None
        )

    # -- other writers ------------------------------------------------------------------

    def reload_tags(self) -> None:
        self.tags = self.session.list_tags()
        self.changed.emit(Changes(tags=True, library=True))

    def refresh(self) -> None:
        """Reload everything from the database (after changes by another program)."""
        self.commit_pending_edits()
        self._seen_version = self.session.data_version()
        self.tags = self.session.list_tags()
        article_id = self.article_id
        self.article = None
        self.annotations = ArticleAnnotations()
        if article_id is not None:
            try:
                self.article = self.session.get_article(article_id)
                self._load_annotations(article_id)
            except NotFound:
                self.message.emit(f"Article {article_id} was deleted by another program.")
        self.changed.emit(Changes(tags=True, library=True, article=True, counts_of=self.article_id))

    def changed_elsewhere(self) -> bool:
        """Has another connection committed since we last looked? (cheap)"""
        return self.session.data_version() != self._seen_version

    def refresh_if_changed_elsewhere(self) -> bool:
        """Reload if another connection committed since we last looked (a few
        microseconds when nothing changed: one ``PRAGMA data_version``).

        Returns ``True`` only for *another program's* change. Our own background jobs
        (importing, suggesting, merging, syncing…: every :class:`Job`) commit on their own
        connections: while one runs nothing is reloaded, and a change seen after one ran
        is the app's own: each job shows what it wrote when it ends, so the article is not
        reloaded (only the library's counts are). A change another program made while our
        job ran shows with the next change seen, or F5.
        """
        running, jobs = Job.own_activity()
        if running:
            return False
        if not self.changed_elsewhere():
            self._seen_jobs = jobs
            return False
        ours = jobs != self._seen_jobs
        self._seen_jobs = jobs
        if ours:
            log.info("database changed by a job of ours: no reload")
            self._seen_version = self.session.data_version()
            self.changed.emit(Changes(library=True))
            return False
        log.info("database changed by another connection: refreshing")
        self.refresh()
        return True


def _joined(a: Changes, b: Changes) -> Changes:
    """Both view records in one (flags or'ed, annotation tuples joined)."""
    return Changes(
        database=a.database or b.database,
        tags=a.tags or b.tags,
        library=a.library or b.library,
        article=a.article or b.article,
        added=a.added + b.added,
        removed=a.removed + b.removed,
        updated=a.updated + b.updated,
        counts_of=a.counts_of if a.counts_of is not None else b.counts_of,
    )

"""The one object front ends hold: a store, the current coder and the undo log.

Every change is a method here: it validates (through the store's rules), runs in one
transaction, records an undo step and returns a :class:`Changes` record. Reads are plain
delegations, so that a front end never needs the :class:`~clipper.store.Store` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from clipper.errors import ClipperError, NotFound
from clipper.layout import CharLayout
from clipper.model import (
    DEFAULT_CODER,
    Annotation,
    Article,
    ArticleSummary,
    AttributeValue,
    Coder,
    Relation,
    Tag,
)
from clipper.operations.changes import NO_CHANGES, Changes
from clipper.operations.merge import MergeReport, merge_export
from clipper.operations.undo import DEFAULT_LIMIT, Step, UndoLog
from clipper.progress import CancelCheck, ProgressCallback
from clipper.quoting import quote
from clipper.store import Store

#: Article fields an edit may change.
EDITABLE_ARTICLE_FIELDS = ("title", "outlet", "author", "published", "url", "language")


def _preview(text: str) -> str:
    return quote(text, 30)


def _moved(annotation: Annotation) -> ClipperError:
    return NotFound(f"{_preview(annotation.text)} was deleted or changed by another program")


class Session:
    """Operations on one database, with undo/redo (see :mod:`clipper.operations`)."""

    def __init__(
        self, store: Store, *, coder: str | None = None, undo_limit: int = DEFAULT_LIMIT
    ) -> None:
        self.store = store
        self.coder = coder or DEFAULT_CODER
        self.undo_log = UndoLog(undo_limit)

    # -- plumbing -----------------------------------------------------------------------

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """One transaction around several store calls (all or nothing)."""
        with self.store.transaction():
            yield

    def _record(
        self,
        label: str,
        undo: Callable[[], Changes],
        redo: Callable[[], Changes],
        merge_key: Hashable | None = None,
    ) -> None:
        self.undo_log.push(Step(label, self._atomically(undo), self._atomically(redo), merge_key))

    def _atomically(self, action: Callable[[], Changes]) -> Callable[[], Changes]:
        def run() -> Changes:
            with self._atomic():
                return action()

        return run

    def undo(self) -> Changes:
        """Undo the last step (see :class:`UndoLog`)."""
        return self.undo_log.undo()

    def redo(self) -> Changes:
        return self.undo_log.redo()

    def _tag_label(self, name: str) -> str:
        try:
            return self.store.get_tag(name).label
        except ClipperError:
            return name

    def _current(self, annotation: Annotation) -> Annotation:
        """The stored annotation that ``annotation`` was (same id and identity), or an
        error saying it is gone (another program deleted it; its id may be reused)."""
        try:
            found = self.store.get_annotation(annotation.id)
        except NotFound:
            raise _moved(annotation) from None
        if (found.article_id, found.start, found.end) != (
            annotation.article_id,
            annotation.start,
            annotation.end,
        ):
            raise _moved(annotation)
        return found

    def _snapshot(self, ids: Sequence[int]) -> list[Annotation]:
        return [self.store.get_annotation(i) for i in ids]

    def _restore(self, snapshot: Sequence[Annotation]) -> list[Annotation]:
        """Put back annotations (under their ids when free); one transaction."""
        with self._atomic():
            return [self.store.restore_annotation(a) for a in snapshot]

    def _delete(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """Delete these annotations (checked to be the same ones); one transaction."""
        with self._atomic():
            for a in annotations:
                self._current(a)
            ids = [a.id for a in annotations]
            snapshot = self._snapshot(ids)
            for i in ids:
                self.store.delete_annotation(i)
        return snapshot

    # -- reads --------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return self.store.path

    def data_version(self) -> int:
        return self.store.data_version()

    def get_article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    def article_exists(self, article_id: int) -> bool:
        return self.store.article_exists(article_id)

    def count_articles(self) -> int:
        return self.store.count_articles()

    def list_articles(
        self, *, search: str | None = None, tags: Sequence[str] | None = None
    ) -> list[ArticleSummary]:
        return self.store.list_articles(search=search, tags=tags)

    def get_layout(self, article_id: int) -> CharLayout | None:
        return self.store.get_layout(article_id)

    def get_annotation(self, annotation_id: int) -> Annotation:
        return self.store.get_annotation(annotation_id)

    def list_annotations(
        self,
        article_id: int | None = None,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
    ) -> list[Annotation]:
        return self.store.list_annotations(article_id, tags=tags, coders=coders)

    def list_relations(
        self, article_id: int | None = None, *, annotation_id: int | None = None
    ) -> list[Relation]:
        return self.store.list_relations(article_id, annotation_id=annotation_id)

    def list_coders(self) -> list[Coder]:
        return self.store.list_coders()

    def tag_counts(self, article_id: int | None = None) -> dict[str, int]:
        return self.store.tag_counts(article_id)

    def list_tags(self) -> list[Tag]:
        return self.store.list_tags()

    def get_tag(self, name: str) -> Tag:
        return self.store.get_tag(name)

    # -- annotations ----------------------------------------------------------------------

    def add_annotation(
        self,
        article_id: int,
        start: int,
        end: int,
        tag: str,
        note: str = "",
        *,
        coder: str | None = None,
        status: str = "accepted",
        attributes: Mapping[str, AttributeValue] | None = None,
    ) -> Changes:
        """Tag ``start..end`` of an article for ``coder`` (default: the session's coder);
        ``changes.annotations_added[0]`` is the new annotation. Undo deletes it, redo puts
        it back."""
        added = self.store.add_annotation(
            article_id,
            start,
            end,
            tag,
            note,
            coder=coder or self.coder,
            status=status,
            attributes=attributes,
        )
        state = [added]

        def undo() -> Changes:
            (removed,) = self._delete(state)
            state[:] = [removed]
            return Changes(annotations_removed=(removed,))

        def redo() -> Changes:
            state[:] = self._restore(state)
            return Changes(annotations_added=tuple(state))

        self._record(f"Tag {_preview(added.text)} as {self._tag_label(tag)}", undo, redo)
        return Changes(annotations_added=(added,))

    def delete_annotations(self, ids: Sequence[int]) -> Changes:
        """Delete annotations in one transaction; undo brings them all back."""
        if not ids:
            return NO_CHANGES
        with self._atomic():
            state = self._delete(self._snapshot(list(dict.fromkeys(ids))))

        def undo() -> Changes:
            state[:] = self._restore(state)
            return Changes(annotations_added=tuple(state))

        def redo() -> Changes:
            state[:] = self._delete(state)
            return Changes(annotations_removed=tuple(state))

        label = (
            f"Delete {_preview(state[0].text)}"
            if len(state) == 1
            else f"Delete {len(state)} annotations"
        )
        removed = tuple(state)
        self._record(label, undo, redo)
        return Changes(annotations_removed=removed)

    def edit_annotation(
        self,
        annotation_id: int,
        *,
        tag: str | None = None,
        note: str | None = None,
        status: str | None = None,
        attributes: Mapping[str, AttributeValue | None] | None = None,
        merge_key: Hashable | None = None,
    ) -> Changes:
        """Change an annotation's tag, note, status and/or attributes (a ``None`` value
        removes the key). Edits with the same ``merge_key`` in a row (the saves of one
        note editing session) undo as one step."""
        with self._atomic():
            before = self.store.get_annotation(annotation_id)
            after = self.store.update_annotation(annotation_id, tag=tag, note=note, status=status)
            if attributes:
                after = self.store.set_attributes(annotation_id, attributes)
        if after == before:
            return NO_CHANGES

        def put(values: Annotation) -> Callable[[], Changes]:
            def apply() -> Changes:
                current = self._current(values)
                updated = self.store.update_annotation(
                    current.id, tag=values.tag, note=values.note, status=values.status
                )
                wanted: dict[str, AttributeValue | None] = dict.fromkeys(current.attributes)
                wanted.update(values.attributes)
                if wanted:
                    updated = self.store.set_attributes(current.id, wanted)
                return Changes(annotations_updated=(updated,))

            return apply

        if after.tag != before.tag:
            label = f"Change {_preview(before.text)} to {self._tag_label(after.tag)}"
        elif after.note != before.note:
            label = f"Edit the note on {_preview(before.text)}"
        else:
            label = f"Edit {_preview(before.text)}"
        key = None if merge_key is None else ("edit_annotation", annotation_id, merge_key)
        self._record(label, put(before), put(after), key)
        return Changes(annotations_updated=(after,))

    # -- relations and coders ---------------------------------------------------------------

    def add_relation(self, from_id: int, to_id: int, type: str) -> Changes:
        """Link two annotations (``type`` e.g. ``said_by``); undo removes the link."""
        relation = self.store.add_relation(from_id, to_id, type)

        def undo() -> Changes:
            self.store.delete_relation(relation.id)
            return Changes(relations=True)

        def redo() -> Changes:
            self.store.add_relation(from_id, to_id, type, uuid=relation.uuid)
            return Changes(relations=True)

        self._record(f"Relate {from_id} to {to_id} ({type})", undo, redo)
        return Changes(relations=True)

    def delete_relation(self, relation_id: int) -> Changes:
        """Remove a link between annotations."""
        self.store.delete_relation(relation_id)
        return Changes(relations=True)

    def add_coder(self, name: str) -> Changes:
        """Add a coder (an existing name: nothing changes)."""
        self.store.add_coder(name)
        return Changes(coders=True)

    # -- articles -------------------------------------------------------------------------

    def edit_article(self, article_id: int, **fields: str | None) -> Changes:
        """Edit an article's metadata (title, outlet, author, published, url, language)."""
        with self._atomic():
            before = self.store.get_article(article_id)
            after = self.store.update_article(article_id, **fields)
        if after == before:
            return NO_CHANGES
        names = [n for n in EDITABLE_ARTICLE_FIELDS if getattr(before, n) != getattr(after, n)]

        def put(values: Article) -> Callable[[], Changes]:
            def apply() -> Changes:
                current = self.store.get_article(article_id)
                if current.content_hash != values.content_hash:
                    raise NotFound(f"“{values.title}” was deleted by another program")
                self.store.update_article(article_id, **{n: getattr(values, n) for n in names})
                return Changes(articles_updated=(article_id,))

            return apply

        self._record(f"Edit the properties of {_preview(before.title)}", put(before), put(after))
        return Changes(articles_updated=(article_id,))

    def delete_article(self, article_id: int) -> Changes:
        """Remove an article with its annotations and layout."""
        self.store.delete_article(article_id)
        return Changes(articles_removed=(article_id,))

    # -- tags -----------------------------------------------------------------------------

    def add_tag(
        self,
        name: str,
        label: str | None = None,
        colour: str = "#8e7dbe",
        shortcut: str | None = None,
    ) -> Changes:
        """Define a new tag (not undoable until the store can delete tags)."""
        self.store.add_tag(name, label, colour, shortcut)
        return Changes(tags=True)

    def edit_tag(
        self,
        name: str,
        *,
        label: str | None = None,
        colour: str | None = None,
        shortcut: str | None = None,
    ) -> Changes:
        """Change a tag's label, colour or key (``shortcut=""`` removes the key)."""
        with self._atomic():
            before = self.store.get_tag(name)
            after = self.store.update_tag(name, label=label, colour=colour, shortcut=shortcut)
        if after == before:
            return NO_CHANGES

        def put(values: Tag) -> Callable[[], Changes]:
            def apply() -> Changes:
                self.store.update_tag(
                    name, label=values.label, colour=values.colour, shortcut=values.shortcut or ""
                )
                return Changes(tags=True)

            return apply

        self._record(f"Edit the tag {before.label}", put(before), put(after))
        return Changes(tags=True)

    def rename_tag(self, old: str, new: str) -> Changes:
        """Give a user tag a new name; its annotations follow. Undo renames it back."""
        new = new.strip().lower()
        self.store.rename_tag(old, new)

        def rename(a: str, b: str) -> Callable[[], Changes]:
            def apply() -> Changes:
                self.store.rename_tag(a, b)
                return Changes(tags=True, everything=True)

            return apply

        self._record(f"Rename the tag {old} to {new}", rename(new, old), rename(old, new))
        return Changes(tags=True, everything=True)

    def delete_tag(self, name: str, *, delete_annotations: bool = False) -> Changes:
        """Delete a user tag; one in use only with ``delete_annotations`` (its annotations
        go too, in the same transaction). Undo brings the tag and annotations back."""
        tag = self.store.get_tag(name)
        with self._atomic():
            removed: list[Annotation] = []
            if delete_annotations:
                removed = self._delete(self.store.list_annotations(tags=[name]))
            self.store.delete_tag(name)
        state = removed

        def undo() -> Changes:
            self.store.add_tag(tag.name, tag.label, tag.colour, tag.shortcut)
            state[:] = [self.store.restore_annotation(a) for a in state]
            return Changes(tags=True, everything=True)

        def redo() -> Changes:
            state[:] = self._delete(state)
            self.store.delete_tag(name)
            return Changes(tags=True, everything=True)

        self._record(f"Delete the tag {tag.label}", undo, redo)
        return Changes(annotations_removed=tuple(removed), tags=True, everything=True)

    def merge_tags(self, source: str, target: str) -> Changes:
        """Move ``source``'s annotations to ``target`` and delete ``source`` (where
        ``target`` already tags the same span for the same coder, the ``source`` one is
        dropped). Undo brings ``source`` and its annotations back."""
        tag = self.store.get_tag(source)
        with self._atomic():
            moved = [a.id for a in self.store.list_annotations(tags=[source])]
            dropped = self.store.merge_tags(source, target)
        dropped_ids = {a.id for a in dropped}
        moved = [i for i in moved if i not in dropped_ids]

        def undo() -> Changes:
            self.store.add_tag(tag.name, tag.label, tag.colour, tag.shortcut)
            for i in moved:
                self.store.update_annotation(i, tag=source)
            for a in dropped:
                self.store.restore_annotation(a)
            return Changes(tags=True, everything=True)

        def redo() -> Changes:
            self.store.merge_tags(source, target)
            return Changes(tags=True, everything=True)

        self._record(f"Merge the tag {tag.label} into {target}", undo, redo)
        return Changes(annotations_removed=tuple(dropped), tags=True, everything=True)

    # -- bulk -----------------------------------------------------------------------------

    def import_annotations(
        self,
        path: str | Path,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> MergeReport:
        """Merge a Clipper JSON export (all or nothing; ``report.changes``: everything).
        Not undoable: earlier steps stay, each checks that its rows are still there."""
        return merge_export(self.store, path, progress=progress, cancel=cancel)

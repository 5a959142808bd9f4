"""The one object front ends hold: a store, the current coder and the undo log.

Every change is a method here: it validates (through the store's rules), runs in one
transaction, records an undo step and returns a :class:`Changes` record. Reads are plain
delegations, so that a front end never needs the :class:`~clipper.store.Store` itself.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from clipper.errors import ClipperError, NotFound
from clipper.fields import ARTICLE_FIELDS, coder_name_problem
from clipper.layout import CharLayout
from clipper.model import (
    DEFAULT_CODER,
    Annotation,
    AnnotationsSnapshot,
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

#: The environment variable that names the coder (after ``--coder``, before settings).
CODER_VARIABLE = "CLIPPER_CODER"

#: Article fields an edit may change.
EDITABLE_ARTICLE_FIELDS = ARTICLE_FIELDS


def _preview(text: str) -> str:
    return quote(text, 30)


def _moved(annotation: Annotation) -> ClipperError:
    return NotFound(f"{_preview(annotation.text)} was deleted or changed by another program")


def choose_coder(given: str | None = None, setting: str | None = None) -> str:
    """The coder of a session: ``given`` (``--coder``), else ``$CLIPPER_CODER``, else the
    app's setting, else :data:`~clipper.model.DEFAULT_CODER`; refused if not a valid name."""
    for name in (given, os.environ.get(CODER_VARIABLE), setting):
        if name is not None and name.strip():
            problem = coder_name_problem(name.strip())
            if problem is not None:
                raise ClipperError(problem)
            return name.strip()
    return DEFAULT_CODER


_STATUS_VERBS = {"accepted": "Accept", "rejected": "Reject", "pending": "Mark pending"}


def _same_content(a: Annotation, b: Annotation) -> bool:
    return (a.tag, a.note, a.status, dict(a.attributes)) == (
        b.tag,
        b.note,
        b.status,
        dict(b.attributes),
    )


def _attributes_to(values: Annotation, other: Annotation) -> dict[str, AttributeValue | None]:
    """What to set so that an annotation with ``other``'s attributes gets ``values``'."""
    wanted: dict[str, AttributeValue | None] = {k: None for k in other.attributes}
    wanted.update(values.attributes)
    return wanted


class Session:
    """Operations on one database, with undo/redo (see :mod:`clipper.operations`)."""

    def __init__(
        self, store: Store, *, coder: str | None = None, undo_limit: int = DEFAULT_LIMIT
    ) -> None:
        self.store = store
        #: The coder of new annotations (see :func:`choose_coder`).
        self.coder = choose_coder(coder)
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
        """The stored annotation that ``annotation`` is (by identity: a row id may have
        been reused), or an error saying it is gone (another program deleted it)."""
        try:
            found = self.store.get_annotation(annotation.id)
        except NotFound:
            raise _moved(annotation) from None
        if found.uuid != annotation.uuid:
            raise _moved(annotation)
        return found

    def _current_all(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """:meth:`_current` of many at once (two queries)."""
        found = {a.id: a for a in self.store.get_annotations([a.id for a in annotations])}
        for a in annotations:
            if a.id not in found or found[a.id].uuid != a.uuid:
                raise _moved(a)
        return [found[a.id] for a in annotations]

    def _snapshot(self, annotations: Sequence[Annotation]) -> AnnotationsSnapshot:
        """These annotations as stored now (checked to be the same ones), with every
        relation that has one of them at either end (deleting them deletes those)."""
        snapshot = self.store.snapshot_annotations([a.id for a in annotations])
        found = {a.id: a for a in snapshot.annotations}
        for a in annotations:
            if a.id not in found or found[a.id].uuid != a.uuid:
                raise _moved(a)
        return snapshot

    def _restore(self, snapshot: AnnotationsSnapshot) -> AnnotationsSnapshot:
        """Put back annotations (under their ids and identities; a new id if another
        program's annotation took the old one) and their relations; one transaction.
        Returns the snapshot with the annotations as they are back."""
        restored = self.store.restore_annotations(snapshot)
        return dataclasses.replace(snapshot, annotations=tuple(restored))

    def _relation_ends_exist(self, from_id: int, to_id: int) -> bool:
        try:
            self.store.get_annotation(from_id)
            self.store.get_annotation(to_id)
        except NotFound:
            return False
        return True

    def _delete(self, annotations: Sequence[Annotation]) -> AnnotationsSnapshot:
        """Delete these annotations (checked to be the same ones); one transaction."""
        with self._atomic():
            snapshot = self._snapshot(annotations)
            self.store.delete_annotations([a.id for a in snapshot.annotations])
        return snapshot

    # -- reads --------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return self.store.path

    def close(self) -> None:
        """Close the database (the undo log goes with it)."""
        self.undo_log.clear()
        self.store.close()

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

    def iter_annotations(
        self,
        article_id: int | None = None,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
    ) -> Iterator[Annotation]:
        """:meth:`list_annotations` as the rows arrive (constant memory)."""
        return self.store.iter_annotations(article_id, tags=tags, coders=coders)

    def tag_counts(self, article_id: int | None = None) -> dict[str, int]:
        return self.store.tag_counts(article_id)

    def list_tags(self) -> list[Tag]:
        return self.store.list_tags()

    def list_relations(
        self, article_id: int | None = None, *, annotation_id: int | None = None
    ) -> list[Relation]:
        return self.store.list_relations(article_id, annotation_id=annotation_id)

    def list_coders(self) -> list[Coder]:
        return self.store.list_coders()

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
        origin: str = "manual",
        origin_detail: str | None = None,
        status: str = "accepted",
        attributes: Mapping[str, AttributeValue] | None = None,
    ) -> Changes:
        """Tag ``start..end`` of an article (by the session's coder unless ``coder``);
        ``changes.annotations_added[0]`` is the new annotation. Undo deletes it, redo puts
        it back (same id and identity)."""
        added = self.store.add_annotation(
            article_id,
            start,
            end,
            tag,
            note,
            coder=coder or self.coder,
            origin=origin,
            origin_detail=origin_detail,
            status=status,
            attributes=attributes,
        )
        state = AnnotationsSnapshot((added,))

        def undo() -> Changes:
            nonlocal state
            state = self._delete(state.annotations)
            return Changes(annotations_removed=state.annotations, relations=bool(state.relations))

        def redo() -> Changes:
            nonlocal state
            state = self._restore(state)
            return Changes(annotations_added=state.annotations, relations=bool(state.relations))

        self._record(f"Tag {_preview(added.text)} as {self._tag_label(tag)}", undo, redo)
        return Changes(annotations_added=(added,))

    def delete_annotations(self, ids: Sequence[int]) -> Changes:
        """Delete annotations (and their relations) in one transaction; undo brings them
        all back."""
        if not ids:
            return NO_CHANGES
        with self._atomic():
            found = self.store.get_annotations(dict.fromkeys(ids))
            missing = set(ids) - {a.id for a in found}
            if missing:
                raise NotFound(f"there is no annotation {min(missing)}")
            state = self._delete(found)

        def undo() -> Changes:
            nonlocal state
            state = self._restore(state)
            return Changes(annotations_added=state.annotations, relations=bool(state.relations))

        def redo() -> Changes:
            nonlocal state
            state = self._delete(state.annotations)
            return Changes(annotations_removed=state.annotations, relations=bool(state.relations))

        first = state.annotations
        label = (
            f"Delete {_preview(first[0].text)}"
            if len(first) == 1
            else f"Delete {len(first)} annotations"
        )
        self._record(label, undo, redo)
        return Changes(annotations_removed=first, relations=bool(state.relations))

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
        deletes the key), in one transaction. Edits with the same ``merge_key`` in a row
        (the saves of one note editing session) undo as one step."""
        with self._atomic():
            before = self.store.get_annotation(annotation_id)
            self.store.update_annotation(annotation_id, tag=tag, note=note, status=status)
            if attributes:
                self.store.set_attributes(annotation_id, attributes)
            after = self.store.get_annotation(annotation_id)
        if _same_content(after, before):
            return NO_CHANGES

        def put(values: Annotation, other: Annotation) -> Callable[[], Changes]:
            def apply() -> Changes:
                current = self._current(values)
                self.store.update_annotation(
                    current.id, tag=values.tag, note=values.note, status=values.status
                )
                self.store.set_attributes(current.id, _attributes_to(values, other))
                return Changes(annotations_updated=(self.store.get_annotation(current.id),))

            return apply

        if after.tag != before.tag:
            label = f"Change {_preview(before.text)} to {self._tag_label(after.tag)}"
        elif after.note != before.note:
            label = f"Edit the note on {_preview(before.text)}"
        elif after.status != before.status:
            label = f"{_STATUS_VERBS[after.status]} {_preview(before.text)}"
        else:
            label = f"Edit the attributes of {_preview(before.text)}"
        key = None if merge_key is None else ("edit_annotation", annotation_id, merge_key)
        self._record(label, put(before, after), put(after, before), key)
        return Changes(annotations_updated=(after,))

    def set_status(self, ids: Sequence[int], status: str) -> Changes:
        """Accept, reject or mark pending several annotations: one transaction, one step."""
        if not ids:
            return NO_CHANGES
        with self._atomic():
            before = self.store.get_annotations(dict.fromkeys(ids))
            missing = set(ids) - {a.id for a in before}
            if missing:
                raise NotFound(f"there is no annotation {min(missing)}")
            after = tuple(self.store.set_statuses({a.id: status for a in before}))

        def put(values: Sequence[Annotation]) -> Callable[[], Changes]:
            def apply() -> Changes:
                current = self._current_all(values)
                statuses = {c.id: v.status for c, v in zip(current, values, strict=True)}
                return Changes(annotations_updated=tuple(self.store.set_statuses(statuses)))

            return apply

        verb = _STATUS_VERBS[status]
        label = (
            f"{verb} {_preview(before[0].text)}"
            if len(before) == 1
            else f"{verb} {len(before)} annotations"
        )
        self._record(label, put(before), put(after))
        return Changes(annotations_updated=after)

    # -- relations ------------------------------------------------------------------------

    def add_relation(self, from_id: int, to_id: int, type: str) -> Changes:
        """Link two annotations (e.g. a quote ``said_by`` a person);
        ``changes.relations_added[0]`` is the relation."""
        relation = self.store.add_relation(from_id, to_id, type)
        texts = [_preview(self.store.get_annotation(i).text) for i in (from_id, to_id)]

        def undo() -> Changes:
            return Changes(relations=True, relations_removed=(self._drop_relation(relation),))

        def redo() -> Changes:
            return Changes(relations=True, relations_added=(self._put_relation(relation),))

        self._record(f"Link {texts[0]} {type} {texts[1]}", undo, redo)
        return Changes(relations=True, relations_added=(relation,))

    def delete_relation(self, relation_id: int) -> Changes:
        relation = self.store.delete_relation(relation_id)

        def undo() -> Changes:
            return Changes(relations=True, relations_added=(self._put_relation(relation),))

        def redo() -> Changes:
            return Changes(relations=True, relations_removed=(self._drop_relation(relation),))

        self._record(f"Remove the {relation.type} link", undo, redo)
        return Changes(relations=True, relations_removed=(relation,))

    def _drop_relation(self, relation: Relation) -> Relation:
        try:
            current = self.store.get_relation(relation.id)
        except NotFound:
            current = None
        if current is None or current.uuid != relation.uuid:
            raise NotFound(f"the {relation.type} link was deleted by another program")
        return self.store.delete_relation(relation.id)

    def _put_relation(self, relation: Relation) -> Relation:
        if not self._relation_ends_exist(relation.from_id, relation.to_id):
            raise NotFound(f"an annotation of the {relation.type} link was deleted")
        return self.store.add_relation(
            relation.from_id, relation.to_id, relation.type, uuid=relation.uuid
        )

    # -- coders ---------------------------------------------------------------------------

    def add_coder(self, name: str) -> Changes:
        """Add a coder (nothing if the name exists). Not undoable: a coder without
        annotations changes nothing a user sees."""
        known = {c.name for c in self.store.list_coders()}
        coder = self.store.add_coder(name)
        return Changes(coders=coder.name not in known)

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
                if current.uuid != values.uuid:
                    raise NotFound(f"“{values.title}” was deleted by another program")
                self.store.update_article(article_id, **{n: getattr(values, n) for n in names})
                return Changes(articles_updated=(article_id,))

            return apply

        self._record(f"Edit the properties of {_preview(before.title)}", put(before), put(after))
        return Changes(articles_updated=(article_id,))

    def delete_article(self, article_id: int) -> Changes:
        """Delete an article with its annotations, relations and layout; undo puts it all
        back (same id and identities) from a snapshot."""
        with self._atomic():
            snapshot = self.store.snapshot_article(article_id)
            self.store.delete_article(article_id)
        current = [article_id]

        def undo() -> Changes:
            current[0] = self.store.restore_article(snapshot).id
            return Changes(articles_added=(current[0],))

        def redo() -> Changes:
            article = self.store.get_article(current[0])
            if article.uuid != snapshot.article.uuid:
                raise NotFound(f"“{snapshot.article.title}” was deleted by another program")
            self.store.delete_article(current[0])
            return Changes(articles_removed=(current[0],))

        self._record(f"Delete the article {_preview(snapshot.article.title)}", undo, redo)
        return Changes(articles_removed=(article_id,))

    # -- tags -----------------------------------------------------------------------------

    def add_tag(
        self,
        name: str,
        label: str | None = None,
        colour: str = "#8e7dbe",
        shortcut: str | None = None,
    ) -> Changes:
        """Define a new tag; undo removes it (if no annotation uses it by then)."""
        tag = self.store.add_tag(name, label, colour, shortcut)

        def undo() -> Changes:
            self.store.delete_tag(tag.name)
            return Changes(tags=True)

        def redo() -> Changes:
            self.store.restore_tag(tag)
            return Changes(tags=True)

        self._record(f"Add the tag {tag.label}", undo, redo)
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
        """Rename a user tag (its annotations follow, its identity stays)."""
        with self._atomic():
            renamed = self.store.rename_tag(old, new)
            ids = [a.id for a in self.store.list_annotations(tags=[renamed.name])]

        def rename(a: str, b: str) -> Callable[[], Changes]:
            def apply() -> Changes:
                self.store.rename_tag(a, b)
                return Changes(tags=True, annotations_updated=tuple(self._existing(ids)))

            return apply

        self._record(
            f"Rename the tag {renamed.label}", rename(renamed.name, old), rename(old, renamed.name)
        )
        return Changes(tags=True, annotations_updated=tuple(self._existing(ids)))

    def _existing(self, ids: Sequence[int]) -> list[Annotation]:
        return self.store.get_annotations(ids)

    def delete_tag(self, name: str, *, delete_annotations: bool = False) -> Changes:
        """Delete a user tag. One in use is refused unless ``delete_annotations`` (then
        its annotations go too, in the same transaction); undo brings all back."""
        with self._atomic():
            tag = self.store.get_tag(name)
            used = self.store.list_annotations(tags=[name]) if delete_annotations else []
            snapshot = self._delete(used) if used else AnnotationsSnapshot(())
            self.store.delete_tag(name)

        def undo() -> Changes:
            nonlocal snapshot
            self.store.restore_tag(tag)
            snapshot = self._restore(snapshot)
            return Changes(tags=True, annotations_added=snapshot.annotations)

        def redo() -> Changes:
            nonlocal snapshot
            if snapshot.annotations:
                snapshot = self._delete(snapshot.annotations)
            self.store.delete_tag(name)
            return Changes(tags=True, annotations_removed=snapshot.annotations)

        self._record(f"Delete the tag {tag.label}", undo, redo)
        return Changes(tags=True, annotations_removed=snapshot.annotations)

    def merge_tags(self, source: str, target: str) -> Changes:
        """Give ``source``'s annotations the tag ``target`` and delete ``source`` (an
        annotation ``target`` already has the span of, by the same coder, is dropped); one
        transaction, one undo step that brings both tags and every annotation back."""
        with self._atomic():
            tags = {t.name: t for t in self.store.list_tags()}
            moved = self.store.list_annotations(tags=[source])
            snapshot = self._snapshot(moved)
            dropped = self.store.merge_tags(source, target)
            after = self._existing([a.id for a in moved])

        def undo() -> Changes:
            nonlocal snapshot
            self.store.restore_tag(tags[source])
            gone = self._stored(snapshot.annotations)
            self.store.delete_annotations([a.id for a in gone])
            snapshot = self._restore(snapshot)
            return Changes(
                tags=True,
                relations=bool(snapshot.relations),
                annotations_removed=tuple(gone),
                annotations_added=snapshot.annotations,
            )

        def redo() -> Changes:
            nonlocal snapshot
            snapshot = self._snapshot(snapshot.annotations)
            dropped_again = self.store.merge_tags(source, target)
            return Changes(
                tags=True,
                annotations_removed=tuple(dropped_again),
                annotations_updated=tuple(self._existing([a.id for a in snapshot.annotations])),
            )

        label = f"Merge {tags[source].label} into {tags[target].label}"
        self._record(label, undo, redo)
        return Changes(
            tags=True, annotations_removed=tuple(dropped), annotations_updated=tuple(after)
        )

    def _stored(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """Those of ``annotations`` still stored (by identity), as they are now."""
        found = {a.id: a for a in self.store.get_annotations([a.id for a in annotations])}
        return [found[a.id] for a in annotations if a.id in found and found[a.id].uuid == a.uuid]

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

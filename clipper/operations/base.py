"""The base of a session: its store, coder and undo log, and what every operation uses
(one transaction, recording an undo step, checking that rows are still the same ones,
snapshots of annotations)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager

from clipper.errors import ClipperError, InvalidField, NotFound
from clipper.fields import ARTICLE_FIELDS, coder_name_problem
from clipper.model import (
    DEFAULT_CODER,
    Annotation,
    AnnotationsSnapshot,
)
from clipper.operations.changes import Changes
from clipper.operations.undo import DEFAULT_LIMIT, Step, UndoLog
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
                raise InvalidField(problem)
            return name.strip()
    return DEFAULT_CODER


class SessionBase:
    """A store, the coder of new annotations and the undo log."""

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

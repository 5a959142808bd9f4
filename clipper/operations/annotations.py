"""Operations on annotations: add, edit, delete, statuses in bulk, relations, coders."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence

from clipper.errors import NotFound
from clipper.model import (
    Annotation,
    AnnotationsSnapshot,
    AttributeValue,
    Relation,
)
from clipper.operations.base import SessionBase, _preview
from clipper.operations.changes import NO_CHANGES, Changes
from clipper.verdicts import SCALE_SETTING, check_verdict, scale_from_setting, touches_verdict

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


class AnnotationOperations(SessionBase):
    """Undoable changes to annotations and their relations."""

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
        it back (same id and identity).

        A coder's tag (manual, accepted) on exactly the span and tag of a suggestion that
        waits for a decision (any coder's) accepts that suggestion instead of adding a
        duplicate: ``changes.annotations_updated[0]`` is the suggestion, accepted (origin
        and attributes kept, ``note`` and ``attributes`` given added); one undo step."""
        by_coder = origin == "manual" and status == "accepted"
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
            unless_waiting=by_coder,
        )
        if by_coder and added.status != status:  # a waiting suggestion: accept it
            return self.edit_annotation(
                added.id, note=note or None, status=status, attributes=attributes
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
        if attributes and touches_verdict(attributes):  # the fact-check rules, one place
            scale = scale_from_setting(self.store.get_setting(SCALE_SETTING))
            attributes = check_verdict(attributes, scale)
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
        elif after.status != before.status:  # what the person did, even with a note
            label = f"{_STATUS_VERBS[after.status]} {_preview(before.text)}"
        elif after.note != before.note:
            label = f"Edit the note on {_preview(before.text)}"
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

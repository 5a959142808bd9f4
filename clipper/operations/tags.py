"""Operations on tags: add, edit, rename, delete (with its annotations) and merge."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from clipper.model import (
    Annotation,
    AnnotationsSnapshot,
    Tag,
)
from clipper.operations.base import SessionBase
from clipper.operations.changes import NO_CHANGES, Changes


class TagOperations(SessionBase):
    """Undoable changes to the set of tags."""

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

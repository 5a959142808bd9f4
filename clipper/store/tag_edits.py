"""Renaming, deleting and merging tags (the ``tags`` table and the annotations using them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clipper.errors import ClipperError
from clipper.fields import tag_name_problem
from clipper.model import Annotation, Tag
from clipper.store.annotations import AnnotationStore


class TagEditStore(AnnotationStore):
    """Tag rename, delete and merge; each one transaction."""

    if TYPE_CHECKING:

        def list_tags(self) -> list[Tag]: ...

    def rename_tag(self, old: str, new: str) -> None:
        """Give a tag a new name; its annotations follow (the uuid stays)."""
        tag = self.get_tag(old)
        new = new.strip().lower()
        problem = tag_name_problem(new)
        if problem is not None:
            raise ClipperError(problem)
        if tag.builtin:
            raise ClipperError(f"the tag {old!r} is built in; it cannot be renamed")
        if new == old:
            return
        if any(t.name == new for t in self.list_tags()):
            raise ClipperError(f"the tag {new!r} exists already; merge the tags instead")
        with self._write():  # annotations.tag follows: ON UPDATE CASCADE
            self.db.execute("UPDATE tags SET name = ? WHERE name = ?", [new, old])

    def delete_tag(self, name: str) -> None:
        """Delete an unused user tag (delete or merge its annotations first)."""
        tag = self.get_tag(name)
        if tag.builtin:
            raise ClipperError(f"the tag {name!r} is built in; it cannot be deleted")
        used = self.tag_counts().get(name, 0)
        if used:
            raise ClipperError(
                f"the tag {name!r} is used by {used} annotation(s); delete them with the "
                "tag, or merge the tag into another"
            )
        with self._write():
            self.db.execute("DELETE FROM tags WHERE name = ?", [name])

    def merge_tags(self, source: str, target: str) -> list[Annotation]:
        """Move ``source``'s annotations to ``target`` and delete ``source``; an annotation
        whose span ``target`` already has (same coder) is dropped and returned."""
        tag = self.get_tag(source)
        self.get_tag(target)
        if source == target:
            raise ClipperError("a tag cannot be merged into itself")
        if tag.builtin:
            raise ClipperError(f"the tag {source!r} is built in; it cannot be merged away")
        clash = (
            "SELECT s.id FROM annotations s JOIN annotations t ON t.article_id = s.article_id "
            'AND t.start = s.start AND t."end" = s."end" AND t.coder_id = s.coder_id '
            "AND t.tag = ? WHERE s.tag = ?"
        )
        dropped_ids = [int(r[0]) for r in self.db.execute(clash, [target, source])]
        dropped = self._annotations_by_ids(dropped_ids)
        with self._write():
            self.db.conn.executemany(
                "DELETE FROM annotations WHERE id = ?", [(i,) for i in dropped_ids]
            )
            self.db.execute("UPDATE annotations SET tag = ? WHERE tag = ?", [target, source])
            self.db.execute("DELETE FROM tags WHERE name = ?", [source])
        return dropped

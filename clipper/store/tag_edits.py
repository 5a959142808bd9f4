"""Renaming, deleting and merging tags (the ``tags`` table and the annotations using them)."""

from __future__ import annotations

import json

from clipper.errors import ClipperError
from clipper.fields import new_tag_name_problem
from clipper.model import Annotation, Tag
from clipper.store.annotations import AnnotationStore
from clipper.store.clock import now


class TagEditStore(AnnotationStore):
    """Changes to the set of tags that touch annotations too."""

    def rename_tag(self, old: str, new: str) -> Tag:
        """Give a user tag a new name; its annotations follow, its identity (uuid) stays.
        Built-in tags keep their names (change their label instead)."""
        tag = self.get_tag(old)
        new = new.strip().lower()
        if new == old:
            return tag
        problem = new_tag_name_problem(new)
        if problem is not None:
            raise ClipperError(problem)
        if tag.builtin:
            raise ClipperError(f"the built-in tag {old!r} keeps its name; change its label instead")
        if self._tag_exists(new):
            raise ClipperError(f"the tag {new!r} exists already; merge the two tags instead")
        with self._write():  # annotations follow (ON UPDATE CASCADE)
            self.db.execute("UPDATE tags SET name = ? WHERE name = ?", [new, old])
        return self.get_tag(new)

    def delete_tag(self, name: str) -> Tag:
        """Remove a user tag that no annotation uses; returns it. A tag in use is refused:
        delete or merge its annotations first."""
        tag = self.get_tag(name)
        if tag.builtin:
            raise ClipperError(f"the built-in tag {name!r} cannot be deleted")
        used = self._tag_use(name)
        if used:
            raise ClipperError(
                f"the tag {name!r} is used by {used} annotation{'s' if used != 1 else ''}; "
                "delete them or merge the tag into another first"
            )
        with self._write():
            self.db.execute("DELETE FROM tags WHERE name = ?", [name])
        return tag

    def merge_tags(self, source: str, target: str) -> list[Annotation]:
        """Move every annotation of the user tag ``source`` to ``target`` and delete
        ``source``, in one transaction. Where ``target`` already tags the same span by the
        same coder, the ``source`` annotation is dropped (with its attributes and
        relations): returns those dropped."""
        tag = self.get_tag(source)
        self.get_tag(target)
        if source == target:
            raise ClipperError(f"a tag cannot be merged into itself ({source!r})")
        if tag.builtin:
            raise ClipperError(f"the built-in tag {source!r} cannot be merged away")
        duplicates = (
            "SELECT s.id FROM annotations s JOIN annotations t ON t.article_id = s.article_id "
            'AND t.start = s.start AND t."end" = s."end" AND t.coder_id = s.coder_id '
            "AND t.tag = ? WHERE s.tag = ?"
        )
        with self._write():
            ids = [int(r[0]) for r in self.db.execute(duplicates, [target, source])]
            dropped = self._annotations_by_ids(ids)
            self.db.execute(
                "DELETE FROM annotations WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(ids)],
            )
            self.db.execute(
                "UPDATE annotations SET tag = ?, updated_at = ? WHERE tag = ?",
                [target, now(), source],
            )
            self.db.execute("DELETE FROM tags WHERE name = ?", [source])
        return dropped

    def restore_tag(self, tag: Tag) -> Tag:
        """Define a deleted user tag again as it was (name, label, colour, position,
        identity; its key unless another tag took it meanwhile). Used by undo."""
        if self._tag_exists(tag.name):
            raise ClipperError(f"the tag {tag.name!r} exists already")
        shortcut = tag.shortcut
        if (
            shortcut is not None
            and self.db.execute("SELECT 1 FROM tags WHERE shortcut = ?", [shortcut]).fetchone()
        ):
            shortcut = None
        with self._write():
            self.db.execute(
                "INSERT INTO tags (name, label, colour, shortcut, position, builtin, uuid) "
                "VALUES (?, ?, ?, ?, ?, 0, ?)",
                [tag.name, tag.label, tag.colour, shortcut, tag.position, tag.uuid],
            )
        return self.get_tag(tag.name)

    def _tag_exists(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM tags WHERE name = ?", [name]).fetchone() is not None

    def _tag_use(self, name: str) -> int:
        row = self.db.execute("SELECT count(*) FROM annotations WHERE tag = ?", [name]).fetchone()
        return int(row[0])

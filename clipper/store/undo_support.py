"""Tag rename/delete/merge and article snapshots: what undo of those operations needs.

A snapshot is everything a deletion removes (the article row with its identity, its PDF
layout, its annotations with their attributes, their relations); restoring it puts all of
it back in one transaction, under the same ids and identities where they are free.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clipper.errors import ClipperError, DuplicateArticle, NotFound
from clipper.fields import tag_name_problem
from clipper.model import Annotation, Article, Relation, Tag
from clipper.store.base import StoreBase

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass(frozen=True, slots=True)
class ArticleSnapshot:
    """An article as stored, with everything that hangs on it."""

    row: tuple[tuple[str, Any], ...]  # column name → value, every column of ``articles``
    layout: bytes | None
    annotations: tuple[Annotation, ...]
    relations: tuple[Relation, ...]

    @property
    def article_id(self) -> int:
        return int(dict(self.row)["id"])

    @property
    def uuid(self) -> str:
        return str(dict(self.row)["uuid"])

    @property
    def title(self) -> str:
        return str(dict(self.row)["title"])


class UndoSupportStore(StoreBase):
    """Tag administration and article snapshots (mixed into :class:`Store`)."""

    if TYPE_CHECKING:

        def list_tags(self) -> list[Tag]: ...

        def get_article(self, article_id: int) -> Article: ...

        def list_annotations(
            self,
            article_id: int | None = None,
            *,
            tags: Sequence[str] | None = None,
            coders: Sequence[str] | None = None,
        ) -> list[Annotation]: ...

        def list_relations(
            self, article_id: int | None = None, *, annotation_id: int | None = None
        ) -> list[Relation]: ...

        def _reinsert(self, annotation: Annotation) -> int: ...

        def add_relation(
            self, from_id: int, to_id: int, type: str, *, uuid: str | None = None
        ) -> Relation: ...

    # -- tags ---------------------------------------------------------------------------

    def _user_tag(self, name: str, doing: str) -> Tag:
        tag = self.get_tag(name)
        if tag.builtin:
            raise ClipperError(f"{tag.label} is a built-in tag: it cannot be {doing}")
        return tag

    def rename_tag(self, old: str, new: str) -> Tag:
        """Give a tag another name (its annotations follow; its identity stays)."""
        self._user_tag(old, "renamed")
        new = new.strip().lower()
        problem = tag_name_problem(new)
        if problem is not None:
            raise ClipperError(problem)
        if any(t.name == new for t in self.list_tags()):
            raise ClipperError(f"the tag {new!r} exists already")
        with self._write():  # annotations.tag follows (ON UPDATE CASCADE)
            self.db.execute("UPDATE tags SET name = ? WHERE name = ?", [new, old])
        return self.get_tag(new)

    def delete_tag(self, name: str) -> Tag:
        """Remove an unused user tag; returns it (for undo). A tag in use is refused: its
        annotations must be deleted or merged into another tag first."""
        tag = self._user_tag(name, "deleted")
        used = self.db.execute("SELECT count(*) FROM annotations WHERE tag = ?", [name]).fetchone()
        if used[0]:
            raise ClipperError(
                f"the tag {name!r} is used by {used[0]} annotation{'s' if used[0] != 1 else ''}: "
                "delete them with it, or merge the tag into another one"
            )
        with self._write():
            self.db.execute("DELETE FROM tags WHERE name = ?", [name])
        return tag

    def restore_tag(self, tag: Tag) -> Tag:
        """Define a deleted tag again as it was (identity, position, key if still free)."""
        tags = self.list_tags()
        if any(t.name == tag.name for t in tags):
            raise ClipperError(f"the tag {tag.name!r} exists already")
        shortcut = tag.shortcut
        if shortcut is not None and any(t.shortcut == shortcut for t in tags):
            shortcut = None
        with self._write():
            self.db.execute(
                "INSERT INTO tags (name, label, colour, shortcut, position, builtin, uuid) "
                "VALUES (?, ?, ?, ?, ?, 0, ?)",
                [tag.name, tag.label, tag.colour, shortcut, tag.position, tag.uuid],
            )
        return self.get_tag(tag.name)

    def merge_tags(self, source: str, target: str) -> list[Annotation]:
        """Give ``source``'s annotations the tag ``target`` and delete ``source``. Where
        ``target`` already tags the same span by the same coder, the ``source`` annotation
        is dropped; returns the dropped ones (as they were)."""
        self._user_tag(source, "merged away")
        self.get_tag(target)
        if source == target:
            raise ClipperError("a tag cannot be merged into itself")
        clash = (
            "SELECT n.id FROM annotations n JOIN annotations t ON t.article_id = n.article_id "
            'AND t.start = n.start AND t."end" = n."end" AND t.coder_id = n.coder_id '
            "AND t.tag = ? WHERE n.tag = ?"
        )
        dropped_ids = [int(r[0]) for r in self.db.execute(clash, [target, source])]
        dropped = [self.get_annotation(i) for i in dropped_ids]
        with self._write():
            self.db.conn.executemany(
                "DELETE FROM annotations WHERE id = ?", [(i,) for i in dropped_ids]
            )
            self.db.execute(
                "UPDATE annotations SET tag = ? WHERE tag = ?",
                [target, source],
            )
            self.db.execute("DELETE FROM tags WHERE name = ?", [source])
        return dropped

    # -- articles -------------------------------------------------------------------------

    def snapshot_article(self, article_id: int) -> ArticleSnapshot:
        """Everything deleting the article removes (read in one transaction)."""
        with self._write():
            cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id])
            values = cursor.fetchone()
            if values is None:
                raise NotFound(f"there is no article {article_id}")
            row = tuple(zip([d[0] for d in cursor.description], values, strict=True))
            layout = self.db.execute(
                "SELECT data FROM article_layouts WHERE article_id = ?", [article_id]
            ).fetchone()
            annotations = tuple(self.list_annotations(article_id))
            relations = tuple(self.list_relations(article_id))
        return ArticleSnapshot(row, None if layout is None else layout[0], annotations, relations)

    def restore_article(self, snapshot: ArticleSnapshot) -> Article:
        """Put a deleted article back with all it had, in one transaction: under its id
        when free (else a new one), always with its identity. Refused if an article with
        its identity exists (it was never deleted, or was restored already)."""
        if self.db.execute("SELECT 1 FROM articles WHERE uuid = ?", [snapshot.uuid]).fetchone():
            raise DuplicateArticle(
                f"“{snapshot.title}” is in the database already", snapshot.article_id
            )
        row = dict(snapshot.row)
        if self.db.execute("SELECT 1 FROM articles WHERE id = ?", [row["id"]]).fetchone():
            del row["id"]  # row ids are reused: another article has this one
        with self._write():
            cursor = self.db.execute(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            article_id = int(row["id"]) if "id" in row else int(cursor.lastrowid or 0)
            if snapshot.layout is not None:
                self.db.execute(
                    "INSERT INTO article_layouts (article_id, data) VALUES (?, ?)",
                    [article_id, snapshot.layout],
                )
            self._layout_cache.pop(article_id, None)
            new_ids = {
                a.id: self._reinsert(dataclasses.replace(a, article_id=article_id))
                for a in snapshot.annotations
            }
            self._relink(snapshot.relations, new_ids)
        return self.get_article(article_id)

    def _relink(self, relations: Iterable[Relation], new_ids: dict[int, int]) -> None:
        for r in relations:
            self.add_relation(
                new_ids.get(r.from_id, r.from_id),
                new_ids.get(r.to_id, r.to_id),
                r.type,
                uuid=r.uuid,
            )

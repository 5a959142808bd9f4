"""Snapshots of articles and annotations, and putting them back (what undo is made of).

A snapshot holds the rows as stored, with their identities (uuids); restoring re-inserts
them under the same ids when those are free (row ids are reused, so another program may
have taken one: then under new ids), in one transaction.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from types import MappingProxyType

from clipper.errors import ClipperError
from clipper.model import Annotation, AnnotationsSnapshot, Article, ArticleSnapshot, Relation
from clipper.store.annotations import AnnotationStore
from clipper.store.base import ARTICLE_FIELDS
from clipper.store.fetched_pages import FetchedPageStore
from clipper.store.relations import RelationStore
from clipper.store.source_files import SourceFileStore

#: What a restore writes: the stored fields (with ``length``); ``id`` only when free.
_ARTICLE_ROW = tuple(name for name in ARTICLE_FIELDS if name != "id")


class SnapshotStore(AnnotationStore, RelationStore, FetchedPageStore, SourceFileStore):
    """Taking and restoring snapshots."""

    def snapshot_annotations(self, annotation_ids: Iterable[int]) -> AnnotationsSnapshot:
        """The stored annotations among ``annotation_ids`` with everything that goes when
        they are deleted (attributes, relations touching them)."""
        annotations = self._annotations_by_ids(annotation_ids)
        ids = json.dumps([a.id for a in annotations])
        relations = [
            Relation(id=r[0], uuid=r[1], from_id=r[2], to_id=r[3], type=r[4], created_at=r[5])
            for r in self.db.execute(
                "SELECT id, uuid, from_id, to_id, type, created_at FROM relations "
                "WHERE from_id IN (SELECT value FROM json_each(?)) "
                "OR to_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                [ids, ids],
            )
        ]
        return self._snapshot(annotations, relations)

    def _snapshot(
        self, annotations: list[Annotation], relations: list[Relation]
    ) -> AnnotationsSnapshot:
        ends = sorted({r.from_id for r in relations} | {r.to_id for r in relations})
        rows = self.db.execute(
            "SELECT id, uuid FROM annotations WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ends)],
        )
        return AnnotationsSnapshot(
            tuple(annotations), tuple(relations), MappingProxyType(dict(rows.fetchall()))
        )

    def restore_annotations(self, snapshot: AnnotationsSnapshot) -> list[Annotation]:
        """Put deleted annotations back with their attributes and relations, all or
        nothing. Raises :class:`~clipper.errors.DuplicateAnnotation` if one of them is
        there again (the same span, tag and coder, or the same identity)."""
        with self._write():
            ids = [self._reinsert(a) for a in snapshot.annotations]
            self._reinsert_relations(snapshot)
        return self._annotations_by_ids(ids)

    def snapshot_article(self, article_id: int) -> ArticleSnapshot:
        """An article with its layout, annotations (with attributes) and relations."""
        article = self.get_article(article_id)
        row = self.db.execute(
            "SELECT data FROM article_layouts WHERE article_id = ?", [article_id]
        ).fetchone()
        annotations = self.list_annotations(article_id)
        relations = self.list_relations(article_id)
        return ArticleSnapshot(
            article,
            None if row is None else bytes(row[0]),
            self._snapshot(annotations, relations),
            fetched=self.get_fetched_page(article_id),
            source=self._source_file_bytes(article_id),
        )

    def restore_article(self, snapshot: ArticleSnapshot) -> Article:
        """Put a deleted article back, with its layout, annotations and relations, in one
        transaction (under its old id if free). Refused if the article is there already."""
        article = snapshot.article
        if self.db.execute("SELECT 1 FROM articles WHERE uuid = ?", [article.uuid]).fetchone():
            raise ClipperError(f"the article {article.title!r} is in the database already")
        row = {name: getattr(article, name, None) for name in _ARTICLE_ROW}
        row["length"] = len(article.text)
        if not self.article_exists(article.id):
            row = {"id": article.id, **row}
        with self._write():
            cursor = self.db.execute(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            article_id = article.id if "id" in row else int(cursor.lastrowid or 0)
            if snapshot.layout is not None:
                self.db.execute(
                    "INSERT INTO article_layouts (article_id, data) VALUES (?, ?)",
                    [article_id, snapshot.layout],
                )
            if snapshot.source is not None:
                self._restore_source_file(article_id, snapshot.source)
            self._layout_cache.pop(article_id, None)
            if snapshot.fetched is not None:
                self.add_fetched_page(article_id, snapshot.fetched)
            for annotation in snapshot.annotations.annotations:
                self._reinsert(dataclasses.replace(annotation, article_id=article_id))
            self._reinsert_relations(snapshot.annotations)
        return self.get_article(article_id)

    def _reinsert_relations(self, snapshot: AnnotationsSnapshot) -> None:
        """Put back the snapshot's relations whose two ends exist (found by identity);
        one that is there again is left as it is. Call inside a write."""
        for relation in snapshot.relations:
            ends = [snapshot.ends.get(relation.from_id), snapshot.ends.get(relation.to_id)]
            from_id, to_id = (self._annotation_id_of(u) if u else None for u in ends)
            if from_id is None or to_id is None:
                continue  # the other end was deleted meanwhile
            if self.db.execute(
                "SELECT 1 FROM relations WHERE uuid = ? "
                "OR (from_id = ? AND to_id = ? AND type = ?)",
                [relation.uuid, from_id, to_id, relation.type],
            ).fetchone():
                continue
            id_free = not self.db.execute(
                "SELECT 1 FROM relations WHERE id = ?", [relation.id]
            ).fetchone()
            self.db.execute(
                "INSERT INTO relations (id, uuid, from_id, to_id, type, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    relation.id if id_free else None,
                    relation.uuid,
                    from_id,
                    to_id,
                    relation.type,
                    relation.created_at,
                ],
            )

"""Team work: reading a whole database as a merge source, finding what a merge matches, and
the accepted spans agreement is computed on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from clipper.model import Annotation, ImportedArticle, MergedAnnotation
from clipper.store.attached_merge import AttachedMergeStore

#: The status agreement counts.
_ACCEPTED = "accepted"

#: A text for agreement: ``(article id, length, [(coder, tag, start, end), …])``.
CodedRows = tuple[int, int, list[tuple[str, str, int, int]]]


_ARTICLES_SQL = (
    "SELECT a.id, a.uuid, a.title, a.text, a.outlet, a.author, a.published, a.url, "
    "a.source_name, a.source_kind, a.language, l.data FROM articles a "
    "LEFT JOIN article_layouts l ON l.article_id = a.id ORDER BY a.id"
)


def _imported(row: Sequence[Any]) -> ImportedArticle:
    """An article row of :data:`_ARTICLES_SQL` as a merge takes it."""
    return ImportedArticle(
        text=row[3],
        title=row[2],
        source_name=row[8] or "",
        source_kind=row[9],
        outlet=row[4],
        author=row[5],
        published=row[6],
        url=row[7],
        language=row[10],
        layout=row[11],
    )


class TeamStore(AttachedMergeStore):
    """Reads for merging databases and for agreement."""

    # -- merge ------------------------------------------------------------------------------

    def find_article_by_uuid(self, uuid: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE uuid = ?", [uuid]).fetchone()
        return None if row is None else int(row[0])

    def annotations_by_uuid(self, uuids: Iterable[str]) -> dict[str, Annotation]:
        """The stored annotations among those identities (two queries however many)."""
        ids = [
            int(r[0])
            for r in self.db.execute(
                "SELECT id FROM annotations WHERE uuid IN (SELECT value FROM json_each(?))",
                [json.dumps(list(uuids))],
            )
        ]
        return {a.uuid: a for a in self._annotations_by_ids(ids)} if ids else {}

    def iter_merge_article_heads(self) -> Iterator[tuple[ImportedArticle, str, int]]:
        """Every article (in id order) with its identity and id, without annotations (for
        :meth:`~clipper.store.attached_merge.AttachedMergeStore.merge_attached`)."""
        for row in self.db.conn.execute(_ARTICLES_SQL):
            yield _imported(row), row[1], int(row[0])

    def iter_merge_articles(
        self,
    ) -> Iterator[tuple[ImportedArticle, str, list[MergedAnnotation]]]:
        """Every article (in id order) with its identity and its annotations as a merge
        takes them (:data:`~clipper.model.MergedAnnotation`, with attributes and the
        relations they start), read as they are taken: the same data the JSON reader
        yields, so one merge stores both."""
        attributes: dict[int, dict[str, Any]] = {}
        for annotation_id, key, value in self.db.execute(
            "SELECT annotation_id, key, value FROM annotation_attributes"
        ):
            attributes.setdefault(annotation_id, {})[key] = value
        relations: dict[int, list[tuple[str, str, str | None]]] = {}
        for from_id, kind, to_uuid, uuid in self.db.execute(
            "SELECT r.from_id, r.type, t.uuid, r.uuid FROM relations r "
            "JOIN annotations t ON t.id = r.to_id ORDER BY r.id"
        ):
            relations.setdefault(from_id, []).append((kind, to_uuid, uuid))
        articles = self.db.conn.execute(_ARTICLES_SQL)
        annotations = self.db.conn.execute(
            'SELECT n.article_id, n.id, n.start, n."end", n.tag, n.text, n.note, n.created_at, '
            "n.updated_at, n.page, n.uuid, c.name, n.origin, n.origin_detail, n.status "
            "FROM annotations n JOIN coders c ON c.id = n.coder_id "
            "ORDER BY n.article_id, n.id"
        )
        pending = annotations.fetchone()
        for row in articles:
            article_id = row[0]
            imported = _imported(row)
            rows: list[MergedAnnotation] = []
            while pending is not None and pending[0] <= article_id:
                if pending[0] == article_id:
                    ident = pending[1]
                    rows.append(
                        (
                            *pending[2:],
                            attributes.get(ident),
                            relations.get(ident),
                        )
                    )
                pending = annotations.fetchone()
            yield imported, row[1], rows

    # -- agreement --------------------------------------------------------------------------

    def coders_with_accepted(self) -> list[str]:
        """The names of the coders with accepted annotations, by name."""
        return [
            str(r[0])
            for r in self.db.execute(
                "SELECT name FROM coders c WHERE EXISTS (SELECT 1 FROM annotations n "
                "WHERE n.coder_id = c.id AND n.status = ?) ORDER BY name",
                [_ACCEPTED],
            )
        ]

    def articles_with_accepted(self) -> list[tuple[int, str]]:
        """``(id, title)`` of the articles with accepted annotations (by anyone), by id."""
        rows = self.db.execute(
            "SELECT a.id, a.title FROM articles a WHERE EXISTS (SELECT 1 FROM annotations n "
            "WHERE n.status = ? AND n.article_id = a.id) ORDER BY a.id",
            [_ACCEPTED],
        )
        return [(int(i), str(title or "")) for i, title in rows]

    def articles_coded_by_all(self, coders: Sequence[str]) -> list[int]:
        """Articles in which every one of ``coders`` has an accepted annotation."""
        rows = self.db.execute(
            "SELECT n.article_id FROM annotations n JOIN coders c ON c.id = n.coder_id "
            "WHERE n.status = ? AND c.name IN (SELECT value FROM json_each(?)) "
            "GROUP BY n.article_id HAVING count(DISTINCT n.coder_id) = ? ORDER BY n.article_id",
            [_ACCEPTED, json.dumps(list(coders)), len(set(coders))],
        )
        return [int(r[0]) for r in rows]

    def existing_article_ids(self, article_ids: Sequence[int]) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(list(article_ids))],
        )
        return [int(r[0]) for r in rows]

    def iter_coded_rows(
        self, article_ids: Sequence[int], coders: Sequence[str], tags: Sequence[str]
    ) -> Iterator[CodedRows]:
        """For each of ``article_ids`` (in order): its length and the accepted spans of
        ``coders`` in ``tags``."""
        ids = json.dumps(list(article_ids))
        spans = self.db.conn.execute(
            'SELECT n.article_id, c.name, n.tag, n.start, n."end" FROM annotations n '
            "JOIN coders c ON c.id = n.coder_id WHERE n.status = ? "
            "AND n.article_id IN (SELECT value FROM json_each(?)) "
            "AND c.name IN (SELECT value FROM json_each(?)) "
            "AND n.tag IN (SELECT value FROM json_each(?)) ORDER BY n.article_id",
            [_ACCEPTED, ids, json.dumps(list(coders)), json.dumps(list(tags))],
        )
        lengths = self.db.conn.execute(
            "SELECT id, length FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
            "ORDER BY id",
            [ids],
        )
        pending = spans.fetchone()
        for article_id, length in lengths:
            found: list[tuple[str, str, int, int]] = []
            while pending is not None and pending[0] <= article_id:
                if pending[0] == article_id:
                    found.append(pending[1:])
                pending = spans.fetchone()
            yield int(article_id), int(length), found

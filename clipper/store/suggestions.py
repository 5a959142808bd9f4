"""What assisted tagging learns from a database: the coder's decisions on annotations."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence

from clipper.errors import InvalidField, NotFound
from clipper.fields import relation_type_problem
from clipper.model import FIGURE_UNIT, AttributeValue, new_uuids
from clipper.spans import validate_span
from clipper.store.annotations import AnnotationStore, _check_origin_status
from clipper.store.clock import now

#: ``(article_id, start, end, tag, text, status, origin, unit or None)``
LearningRow = tuple[int, int, int, str, str, str, str, str | None]
#: A suggestion to store: ``(start, end, tag, attributes, target span or None, relation
#: type or None)`` (see :meth:`SuggestionStore.add_suggested_annotations`).
SuggestedRow = tuple[
    int, int, str, Mapping[str, AttributeValue], tuple[int, int] | None, str | None
]


class SuggestionStore(AnnotationStore):
    """Reads for learning and the bulk store of suggestions (no table of its own: rejected
    suggestions are annotation rows)."""

    def iter_learning_rows(self) -> Iterator[LearningRow]:
        """Every accepted person annotation, every rejected annotation and every accepted
        suggestion, with a figure's unit; by article and offset."""
        cursor = self.db.execute(
            'SELECT a.article_id, a.start, a."end", a.tag, a.text, a.status, a.origin, '
            "(SELECT value FROM annotation_attributes t WHERE t.annotation_id = a.id "
            "AND t.key = ?) FROM annotations a "
            "WHERE (a.tag = 'person' AND a.status = 'accepted') OR a.status = 'rejected' "
            "OR (a.origin = 'suggested' AND a.status = 'accepted') "
            'ORDER BY a.article_id, a.start, a."end"',
            [FIGURE_UNIT],
        )
        for row in cursor:
            unit = row[7]
            yield (
                int(row[0]), int(row[1]), int(row[2]), str(row[3]), str(row[4]),
                str(row[5]), str(row[6]), None if unit is None else str(unit),
            )  # fmt: skip

    def annotated_spans(self, article_id: int) -> set[tuple[int, int, str]]:
        """``(start, end, tag)`` of every annotation of an article (any coder or status)."""
        return {
            (int(s), int(e), str(t))
            for s, e, t in self.db.execute(
                'SELECT start, "end", tag FROM annotations WHERE article_id = ?', [article_id]
            )
        }

    def add_suggested_annotations(
        self,
        article_id: int,
        rows: Sequence[SuggestedRow],
        *,
        coder: str | None = None,
        origin_detail: str | None = None,
        status: str = "pending",
    ) -> list[int]:
        """Store many suggestions of an article at once (origin "suggested"), in one
        transaction, all or nothing: the article's text is read once, every row is checked
        before anything is written, and rows whose span carries their tag already (any
        coder or status; a rejected suggestion is never offered again) or that repeat an
        earlier row are skipped. A row's ``target`` is the span of a person mention its
        ``relation`` (``said_by``, ``same_as``, ...) points to: a person annotation of the
        article (a stored one that is not rejected, accepted first, else one added here).
        Returns the ids of the annotations added, in the rows' order."""
        _check_origin_status("suggested", status)
        with self._write():
            found = self.db.execute(
                "SELECT length, text FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            if found is None:
                raise NotFound(f"there is no article {article_id}")
            length, text = int(found[0]), str(found[1])
            existing = self.annotated_spans(article_id)
            wanted: list[SuggestedRow] = []
            for row in rows:
                key = (row[0], row[1], row[2])
                if key not in existing:
                    existing.add(key)
                    wanted.append(row)
            self._check_suggested(length, wanted)
            if not wanted:
                return []
            layout = self.get_layout(article_id)
            coder_id = self._coder_id(coder)
            stamp = now()
            uuids = new_uuids(len(wanted))
            self.db.conn.executemany(
                'INSERT INTO annotations (article_id, start, "end", tag, text, note, '
                "created_at, updated_at, page, uuid, coder_id, origin, origin_detail, status) "
                f"VALUES ({int(article_id)}, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, 'suggested', ?, ?)",
                [
                    (
                        start,
                        end,
                        tag,
                        text[start:end],
                        stamp,
                        stamp,
                        None if layout is None else layout.first_page(start, end),
                        uuid,
                        coder_id,
                        origin_detail,
                        status,
                    )
                    for (start, end, tag, _a, _t, _r), uuid in zip(wanted, uuids, strict=True)
                ],
            )
            by_uuid = dict(
                self.db.execute(
                    "SELECT uuid, id FROM annotations "
                    "WHERE uuid IN (SELECT value FROM json_each(?))",
                    [json.dumps(uuids)],
                ).fetchall()
            )
            ids = [int(by_uuid[u]) for u in uuids]
            values = [
                (ident, key, value)
                for row, ident in zip(wanted, ids, strict=True)
                for key, value in row[3].items()
                if value is not None
            ]
            if values:
                # The sync log has each new annotation already (its insert trigger): one
                # more entry per attribute of it would say nothing new (see 0011_sync).
                quiet = self.db.execute("INSERT INTO sync_applying (busy) VALUES (1)").lastrowid
                self.db.conn.executemany(
                    "INSERT INTO annotation_attributes (annotation_id, key, value) "
                    "VALUES (?, ?, ?)",
                    values,
                )
                self.db.execute("DELETE FROM sync_applying WHERE rowid = ?", [quiet])
            self._link_suggested(article_id, wanted, ids, stamp)
        return ids

    def _check_suggested(self, length: int, rows: Sequence[SuggestedRow]) -> None:
        """Refuse (before any write) a bad span, tag, attribute or relation type."""
        tags: set[str] = set()
        kinds: set[str] = set()
        for start, end, tag, attributes, _target, relation in rows:
            validate_span(length, start, end)
            tags.add(tag)
            if attributes:
                self._check_attributes(attributes)
            if relation is not None:
                kinds.add(relation)
        for tag in tags:
            self._check_tag(tag)
        for kind in kinds:
            problem = relation_type_problem(kind)
            if problem is not None:
                raise InvalidField(problem)

    def _link_suggested(
        self, article_id: int, rows: Sequence[SuggestedRow], ids: Sequence[int], stamp: str
    ) -> None:
        """The relations of suggestions just added to the person annotations they name."""
        if not any(row[5] is not None and row[4] is not None for row in rows):
            return
        people: dict[tuple[int, int], int] = {}
        for ident, start, end, status in self.db.execute(
            # "+tag": by the article's span index (the tag index would read every person
            # annotation of the database)
            'SELECT id, start, "end", status FROM annotations WHERE article_id = ? '
            "AND +tag = 'person' AND status <> 'rejected' ORDER BY id",
            [article_id],
        ):
            if (start, end) not in people or status == "accepted":
                people[(int(start), int(end))] = int(ident)
        links = []
        for (_s, _e, _tag, _a, target, relation), ident in zip(rows, ids, strict=True):
            if target is None or relation is None:
                continue
            to_id = people.get(target)
            if to_id is not None and to_id != ident:
                links.append((ident, to_id, relation, stamp))
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO relations (uuid, from_id, to_id, type, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(u, *link) for u, link in zip(new_uuids(len(links)), links, strict=True)],
        )

    def tag_status_counts(self, article_id: int) -> dict[tuple[str, str], int]:
        """How many annotations of an article each ``(tag, status)`` has (one query)."""
        return {
            (str(tag), str(status)): int(n)
            for tag, status, n in self.db.execute(
                "SELECT tag, status, count(*) FROM annotations WHERE article_id = ? "
                "GROUP BY tag, status",
                [article_id],
            )
        }

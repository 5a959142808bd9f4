"""One article's pending suggestions read one at a time, for reviewing them in a window.

Reviewing must not read every annotation of an article with thousands of suggestions:
the next (previous) pending suggestion after a place in the text, its number among them,
the spans a suggesting run's scores are matched to, and accepting every pending
suggestion of a tag are one query each on the ``annotations_status_span`` index
(status, article, start, end, tag, coder, and the row id: no annotation row is read to
find or count them). Text order is (start, end, id), as everywhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from typing import Any

from clipper.model import STATUSES
from clipper.store.annotations import AnnotationStore, _check_origin_status
from clipper.store.clock import now
from clipper.store.failures import database_error

__all__ = ["PendingSpan", "ReviewQueryStore", "SpanKey"]

_PENDING = STATUSES[0]
#: ``(start, end, id)``: an annotation's place in text order.
SpanKey = tuple[int, int, int]
#: ``(id, start, end, tag)`` of a pending suggestion.
PendingSpan = tuple[int, int, int, str]


class ReviewQueryStore(AnnotationStore):
    """Reads and one bulk write over one article's pending suggestions."""

    def _review_rows(self, sql: str, params: list[Any]) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc

    def pending_beyond(
        self,
        article_id: int,
        key: SpanKey | None,
        *,
        forward: bool,
        other_than_tag: str | None = None,
        excluding: Collection[int] = (),
    ) -> int | None:
        """The id of the first pending suggestion after ``key`` in text order (``forward``)
        or the last one before it; ``key=None``: the first (last) of all. ``other_than_tag``
        leaves out that tag's, ``excluding`` those ids. ``None`` when there is none."""
        where = f"status = '{_PENDING}' AND article_id = ?"
        params: list[Any] = [article_id]
        if key is not None:
            where += f' AND (start, "end", id) {">" if forward else "<"} (?, ?, ?)'
            params.extend(key)
        if other_than_tag is not None:
            where += " AND tag <> ?"
            params.append(other_than_tag)
        if excluding:
            where += " AND id NOT IN (SELECT value FROM json_each(?))"
            params.append("[" + ",".join(str(int(i)) for i in excluding) + "]")
        order = 'start, "end", id' if forward else 'start DESC, "end" DESC, id DESC'
        found = self._review_rows(
            f"SELECT id FROM annotations WHERE {where} ORDER BY {order} LIMIT 1", params
        )
        return int(found[0][0]) if found else None

    def pending_rank(self, article_id: int, key: SpanKey) -> int:
        """How many pending suggestions of the article come before ``key`` in text order."""
        return int(
            self._review_rows(
                f"SELECT count(*) FROM annotations WHERE status = '{_PENDING}' "
                'AND article_id = ? AND (start, "end", id) < (?, ?, ?)',
                [article_id, *key],
            )[0][0]
        )

    def pending_spans(self, article_id: int) -> list[PendingSpan]:
        """``(id, start, end, tag)`` of every pending suggestion of the article (plain
        tuples from the index: what a suggesting run's scores are matched to)."""
        return self._review_rows(
            f'SELECT id, start, "end", tag FROM annotations WHERE status = '
            f"'{_PENDING}' AND article_id = ?",
            [article_id],
        )

    def decide_pending_of_tag(self, article_id: int, tag: str, status: str) -> list[int]:
        """Give every pending suggestion of ``tag`` in the article ``status`` (one
        statement, one transaction); returns their ids in text order."""
        _check_origin_status("suggested", status)
        with self._write():
            ids = [
                int(r[0])
                for r in self._review_rows(
                    "SELECT id FROM annotations WHERE status = ? AND article_id = ? "
                    'AND tag = ? ORDER BY start, "end", id',
                    [_PENDING, article_id, tag],
                )
            ]
            self.set_status_of(ids, status)
        return ids

    def set_status_of(self, ids: Iterable[int], status: str) -> None:
        """Give the annotations ``ids`` ``status`` in one statement (ids that name no
        annotation are skipped; those that have it already are left as they are)."""
        _check_origin_status("suggested", status)
        with self._write(single_statement=True):
            self.db.execute(
                "UPDATE annotations SET status = ?, updated_at = ? WHERE status <> ? "
                "AND id IN (SELECT value FROM json_each(?))",
                [status, now(), status, "[" + ",".join(str(int(i)) for i in ids) + "]"],
            )

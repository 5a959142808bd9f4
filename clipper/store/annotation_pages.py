"""One article's annotations read a part at a time, for a window that shows only some.

Opening an article with 50,000 annotations must not read them all: the article view
asks for the spans of the lines on screen (:meth:`AnnotationPageStore.annotation_spans`,
plain tuples, no per-row objects) and the rest in chunks while idle
(:meth:`~AnnotationPageStore.annotation_spans_after`); the annotations pane asks for its
row count and the rows of a page (:meth:`~AnnotationPageStore.annotation_page`), filtered
by tag in SQL, and :meth:`~AnnotationPageStore.annotation_summary` gives the counts its
optional columns depend on. Rejected suggestions are never listed (they stay stored).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from clipper.model import RATING, STATUSES, Annotation
from clipper.store.annotations import AnnotationStore
from clipper.store.failures import database_error

__all__ = ["AnnotationPageStore", "AnnotationSummary", "SpanRow"]

#: ``(start, end, id, tag, status)`` of an annotation: what highlighting needs.
SpanRow = tuple[int, int, int, str, str]

_REJECTED = STATUSES[2]
_PENDING = STATUSES[0]
_SPAN_COLUMNS = 'start, "end", id, tag, status'
_SHOWN = f"article_id = ? AND status <> '{_REJECTED}'"


@dataclass(frozen=True, slots=True)
class AnnotationSummary:
    """Counts over one article's annotations (rejected suggestions apart)."""

    #: Every annotation, rejected suggestions included.
    stored: int = 0
    #: Those listed (not rejected).
    shown: int = 0
    pending: int = 0
    #: Listed annotations with a note (1 stands for "some": see ``has_notes``).
    notes: int = 0
    #: Listed annotations with a rating attribute.
    rated: int = 0
    #: Listed annotations per coder name.
    coders: Counter[str] = field(default_factory=Counter)


class AnnotationPageStore(AnnotationStore):
    """Reads of one article's annotations by text window, by page and in aggregate."""

    def _rows(self, sql: str, params: list[Any]) -> list[Any]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc

    def annotation_spans(self, article_id: int, start: int, end: int) -> list[SpanRow]:
        """``(start, end, id, tag, status)`` of the listed annotations intersecting code
        points ``start..end`` (end-exclusive), by (start, end, id)."""
        return self._rows(
            f"SELECT {_SPAN_COLUMNS} FROM annotations "
            f"WHERE article_id = ? AND start < ? AND \"end\" > ? AND status <> '{_REJECTED}' "
            'ORDER BY start, "end", id',
            [article_id, max(end, start + 1), start],
        )

    def annotation_spans_after(
        self, article_id: int, after: tuple[int, int, int] | None, limit: int
    ) -> list[SpanRow]:
        """The next ``limit`` listed annotations' spans after the key ``(start, end, id)``
        (from the first if ``None``), by that key: a long listing read in chunks."""
        key = after if after is not None else (-1, -1, -1)
        return self._rows(
            f"SELECT {_SPAN_COLUMNS} FROM annotations WHERE {_SHOWN} "
            'AND (start, "end", id) > (?, ?, ?) ORDER BY start, "end", id LIMIT ?',
            [article_id, *key, limit],
        )

    def count_listed_annotations(self, article_id: int, tag: str | None = None) -> int:
        """How many annotations of the article are listed (not rejected), of ``tag``."""
        if tag is None:  # two index counts in one statement (a tagging key press asks)
            return self._count(
                "SELECT (SELECT count(*) FROM annotations WHERE article_id = ?) - "
                "(SELECT count(*) FROM annotations WHERE status = ? AND article_id = ?)",
                article_id,
                _REJECTED,
                article_id,
            )
        return self._count(
            f"SELECT count(*) FROM annotations WHERE {_SHOWN} AND tag = ?", article_id, tag
        )

    def annotation_page(
        self, article_id: int, offset: int, limit: int, tag: str | None = None
    ) -> list[Annotation]:
        """Rows ``offset .. offset + limit`` of the listed annotations (of ``tag``) in text
        order (start, end, id), as full annotations. A page in the second half is counted
        from the end (SQLite steps over the rows before an OFFSET one by one)."""
        where, params = self._listed(article_id, tag)
        total = self.count_listed_annotations(article_id, tag) if offset >= limit else None
        if total is not None and offset * 2 > total:
            from_end = max(0, total - offset - limit)
            take = min(limit, total - offset)
            sql = (
                f"SELECT id FROM annotations WHERE {where} "
                'ORDER BY start DESC, "end" DESC, id DESC LIMIT ? OFFSET ?'
            )
            ids = [int(r[0]) for r in self._rows(sql, [*params, max(take, 0), from_end])][::-1]
        else:
            sql = (
                f'SELECT id FROM annotations WHERE {where} ORDER BY start, "end", id '
                "LIMIT ? OFFSET ?"
            )
            ids = [int(r[0]) for r in self._rows(sql, [*params, limit, offset])]
        found = {a.id: a for a in self._annotations_by_ids(ids)}
        return [found[i] for i in ids if i in found]

    def annotation_rank(
        self, article_id: int, key: tuple[int, int, int], tag: str | None = None
    ) -> int:
        """How many listed annotations (of ``tag``) come before the key ``(start, end, id)``
        in text order: the row an annotation with that key has (or would have)."""
        # One statement: whether any suggestion was rejected picks the count (its own
        # subquery, so the usual one without rejections stays on the index).
        before = 'AND (start, "end", id) < (?, ?, ?)'
        of_tag, tags = ("AND tag = ?", [tag]) if tag is not None else ("", [])
        return self._count(
            f"SELECT CASE WHEN EXISTS (SELECT 1 FROM annotations WHERE status = ? "
            f"AND article_id = ?) THEN (SELECT count(*) FROM annotations WHERE {_SHOWN} "
            f"{of_tag} {before}) ELSE (SELECT count(*) FROM annotations "
            f"WHERE article_id = ? {of_tag} {before}) END",
            _REJECTED,
            article_id,
            article_id,
            *tags,
            *key,
            article_id,
            *tags,
            *key,
        )

    def annotation_summary(self, article_id: int) -> AnnotationSummary:
        """Counts of the article's annotations from indexes, without reading the rows:
        ``notes`` is 1 when any listed annotation has a note (see :meth:`has_notes`)."""
        stored = self._count("SELECT count(*) FROM annotations WHERE article_id = ?", article_id)
        by_status = dict(
            self._rows(
                "SELECT status, count(*) FROM annotations WHERE status IN (?, ?) "
                "AND article_id = ? GROUP BY status",
                [_PENDING, _REJECTED, article_id],
            )
        )
        rated = self._count(
            "SELECT count(*) FROM annotation_attributes t JOIN annotations n "
            f"ON n.id = t.annotation_id WHERE t.key = ? AND n.article_id = ? "
            f"AND n.status <> '{_REJECTED}'",
            RATING,
            article_id,
        )
        names = self._coder_names()
        rejected = int(by_status.get(_REJECTED, 0))
        present = self._rows(
            "SELECT DISTINCT coder_id FROM annotations WHERE article_id = ?", [article_id]
        )
        coders: Counter[str] = Counter()
        if len(present) == 1 and not rejected:  # the usual case: no count per coder needed
            coders[names[int(present[0][0])]] = stored
        elif present:
            for sql in (
                "SELECT coder_id, count(*) FROM annotations WHERE article_id = ? GROUP BY coder_id",
                "SELECT coder_id, -count(*) FROM annotations WHERE status = ? "
                "AND article_id = ? GROUP BY coder_id",
            ):
                params: list[Any] = [article_id] if sql.count("?") == 1 else [_REJECTED, article_id]
                for coder_id, n in self._rows(sql, params):
                    coders[names[int(coder_id)]] += int(n)
        return AnnotationSummary(
            stored,
            stored - rejected,
            int(by_status.get(_PENDING, 0)),
            int(self.has_notes(article_id)),
            rated,
            +coders,
        )

    def coder_counts(self, article_id: int, status: str) -> Counter[str]:
        """How many of the article's annotations with ``status`` each coder has (from an
        index, no row read)."""
        names = self._coder_names()
        return Counter(
            {
                names[int(coder_id)]: int(n)
                for coder_id, n in self._rows(
                    "SELECT coder_id, count(*) FROM annotations WHERE status = ? "
                    "AND article_id = ? GROUP BY coder_id",
                    [status, article_id],
                )
            }
        )

    def count_with_status(self, article_id: int, status: str) -> int:
        """How many of the article's annotations have ``status`` (from an index)."""
        return self._count(
            "SELECT count(*) FROM annotations WHERE status = ? AND article_id = ?",
            status,
            article_id,
        )

    def has_notes(self, article_id: int) -> bool:
        """Does any listed annotation of the article have a note?"""
        return bool(
            self._count(
                f"SELECT EXISTS (SELECT 1 FROM annotations WHERE {_SHOWN} AND note <> '')",
                article_id,
            )
        )

    def _count(self, sql: str, *params: Any) -> int:
        return int(self._rows(sql, list(params))[0][0])

    def annotation_ids(self, article_id: int) -> set[int]:
        """The ids of every annotation of the article (rejected ones included)."""
        return {
            int(r[0])
            for r in self._rows("SELECT id FROM annotations WHERE article_id = ?", [article_id])
        }

    def _listed(self, article_id: int, tag: str | None) -> tuple[str, list[Any]]:
        """The condition for the listed rows (of ``tag``). Without rejected suggestions
        (the usual case) it names only indexed columns: no row is read to test it."""
        rejected = self.count_with_status(article_id, _REJECTED)
        shown = _SHOWN if rejected else "article_id = ?"
        if tag is None:
            return shown, [article_id]
        return f"{shown} AND tag = ?", [article_id, tag]

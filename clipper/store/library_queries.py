"""The library's queries: article ids in display order, and summaries of a page of ids.

A large library is shown by a paged model: one query returns only the ids, in the order
shown (searched, filtered and sorted in SQL), and the rows on screen are read a page at a
time. Tag counts come from one grouped query, not a JSON value decoded per row. Counts,
count sorts and the tag filter take accepted annotations only (made by hand, or accepted
suggestions): a suggestion waiting for review, or rejected, is not coded yet.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clipper.model import ArticleSummary

#: The library's sortable columns: the fixed ones, or ``"tag:<name>"`` for a count column.
SORT_KEYS = ("title", "outlet", "date")
#: Ties and the unsorted library: newest import first.
_DEFAULT_ORDER = "a.imported_at DESC, a.id DESC"
_SUMMARY_COLUMNS = "id, title, outlet, author, published, source_kind, imported_at, length"
#: SQLite's limit on ``?`` parameters is 32,766 (since 3.32); stay well below it.
_CHUNK = 900


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """What the library shows: a full-text search, a tag filter and a sort column."""

    search: str | None = None
    #: Articles with an annotation of any of these tags (empty: every article).
    tags: tuple[str, ...] = ()
    #: ``None`` (newest first), one of :data:`SORT_KEYS`, or ``"tag:<name>"``.
    sort: str | None = None
    descending: bool = False


def _order_by(query: LibraryQuery, params: list[Any]) -> str:
    direction = "DESC" if query.descending else "ASC"
    if query.sort is None:
        return _DEFAULT_ORDER
    if query.sort == "title":
        key = "a.title COLLATE NOCASE"
    elif query.sort == "outlet":
        key = "coalesce(outlet, '') COLLATE NOCASE"
    elif query.sort == "date":
        # Undated articles sort together, before dated ones, in import order.
        key = "coalesce(nullif(published, ''), ' ' || imported_at) COLLATE NOCASE"
    elif query.sort.startswith("tag:"):
        key = (
            "(SELECT count(*) FROM annotations n WHERE n.status = 'accepted' "
            "AND n.article_id = a.id AND n.tag = ?)"
        )
        params.append(query.sort[4:])
    else:
        raise ValueError(f"unknown library sort {query.sort!r}")
    return f"{key} {direction}, {_DEFAULT_ORDER}"


def article_ids(
    conn: sqlite3.Connection,
    fts_query: str | None,
    query: LibraryQuery,
    limit: int | None = None,
    condition: tuple[str, list[Any]] | None = None,
) -> list[int]:
    """Ids of the articles ``query`` shows, in its order (``fts_query``: the search,
    already quoted for FTS5; ``condition``: instead, an SQL condition on ``a``)."""
    where: list[str] = []
    params: list[Any] = []
    if condition is not None:
        where.append(condition[0])
        params.extend(condition[1])
    if fts_query:
        where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query)
    if query.tags:
        where.append(
            "EXISTS (SELECT 1 FROM annotations n WHERE n.status = 'accepted' "
            f"AND n.article_id = a.id AND n.tag IN ({', '.join('?' * len(query.tags))}))"
        )
        params.extend(query.tags)
    sql = "SELECT a.id FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY " + _order_by(query, params)
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in conn.execute(sql, params)]


def summaries(conn: sqlite3.Connection, ids: Sequence[int]) -> list[ArticleSummary]:
    """The library rows of ``ids`` (in that order; ids that no longer exist are left out)."""
    found: dict[int, ArticleSummary] = {}
    for first in range(0, len(ids), _CHUNK):
        chunk = list(ids[first : first + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        counts: dict[int, dict[str, int]] = {}
        for article_id, tag, n in conn.execute(
            "SELECT article_id, tag, count(*) FROM annotations WHERE status = 'accepted' "
            f"AND article_id IN ({marks}) GROUP BY article_id, tag",
            chunk,
        ):
            counts.setdefault(article_id, {})[tag] = n
        for aid, title, outlet, author, published, kind, imported_at, length in conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
        ):
            found[aid] = ArticleSummary(
                aid,
                title,
                outlet,
                author,
                published,
                kind,
                imported_at,
                length,
                counts.get(aid, {}),
            )
    return [found[i] for i in ids if i in found]

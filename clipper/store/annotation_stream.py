"""Annotations read one at a time (``clipper annotations --json`` over a million rows
in constant memory)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from clipper.model import Annotation
from clipper.store.failures import database_error

_COLUMNS = 'id, article_id, start, "end", tag, text, note, created_at, updated_at, page'


def iter_annotations(
    path: str, conn: sqlite3.Connection, article_id: int | None, tags: Sequence[str] | None
) -> Iterator[Annotation]:
    """Annotations in text order (by article, start, end), as the rows arrive. An SQLite
    failure while iterating comes out as a DatabaseError."""
    where: list[str] = []
    params: list[Any] = []
    if article_id is not None:
        where.append("article_id = ?")
        params.append(article_id)
    if tags:
        where.append(f"tag IN ({', '.join('?' * len(tags))})")
        params.extend(tags)
    sql = (
        f"SELECT {_COLUMNS} FROM annotations"
        + (" WHERE " + " AND ".join(where) if where else "")
        + ' ORDER BY article_id, start, "end", id'
    )
    tags_seen: dict[str, str] = {}
    try:
        for ident, article, start, end, tag, text, note, created, updated, page in conn.execute(
            sql, params
        ):
            yield Annotation(
                ident,
                article,
                start,
                end,
                tags_seen.setdefault(tag, tag),
                text,
                note,
                created,
                created if updated == created else updated,
                page,
            )
    except sqlite3.Error as exc:
        raise database_error(path, exc) from exc

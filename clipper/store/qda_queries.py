"""Streaming queries behind the REFI-QDA (``.qdpx``) export.

Articles are read one at a time (their text goes into the archive), annotations in batches
in text order, so an export of 100,000 annotations runs in flat memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clipper.store.database import Store
from clipper.store.export_queries import BATCH, ORDER, Selection, _where

#: ``(id, uuid, title, text, imported_at, outlet, author, published, url, language)``
QdaArticle = tuple[
    int, str, str, str, str, str | None, str | None, str | None, str | None, str | None
]

#: ``(article_id, uuid, start, end, tag uuid, text, note, created_at, updated_at,
#: coder uuid, attributes JSON object or None)``
QdaAnnotation = tuple[int, str, int, int, str, str, str, str, str, str, str | None]

#: ``(relation uuid, type, from annotation uuid, to annotation uuid, created_at)``
QdaRelation = tuple[str, str, str, str, str]


def qda_article(store: Store, article_id: int) -> QdaArticle:
    """One article's identity, title, text, import time and metadata."""
    row = store.db.execute(
        "SELECT id, uuid, title, text, imported_at, outlet, author, published, url, language "
        "FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    return tuple(row)


def _accepted(selection: Selection) -> tuple[str, list[Any]]:
    """The WHERE clause of a selection, narrowed to accepted annotations: REFI-QDA has no
    status, so a pending or rejected suggestion would become a coding like any other."""
    where, params = _where(selection)
    clause = " WHERE n.status = 'accepted'"
    return (where.replace(" WHERE ", clause + " AND ", 1) if where else clause), params


def count_qda_annotations(store: Store, selection: Selection) -> int:
    """How many annotations a REFI-QDA export of ``selection`` holds."""
    where, params = _accepted(selection)
    return int(store.db.execute(f"SELECT count(*) FROM annotations n{where}", params).fetchone()[0])


def _has_rows(store: Store, table: str) -> bool:
    return bool(store.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0])


def iter_qda_annotations(store: Store, selection: Selection) -> Iterator[list[QdaAnnotation]]:
    """Batches of the selected accepted annotations in text order (article by article),
    with the identities of their tag and coder and their attributes as a JSON object
    (``None`` when the annotation has none)."""
    where, params = _accepted(selection)
    attributes = (
        "nullif((SELECT json_group_object(a.key, a.value) FROM annotation_attributes a "
        "WHERE a.annotation_id = n.id), '{}')"
        if _has_rows(store, "annotation_attributes")
        else "NULL"
    )
    cursor = store.db.execute(
        'SELECT n.article_id, n.uuid, n.start, n."end", t.uuid, n.text, n.note, n.created_at, '
        f"n.updated_at, c.uuid, {attributes} FROM annotations n "
        "JOIN tags t ON t.name = n.tag JOIN coders c ON c.id = n.coder_id"
        f"{where} ORDER BY {ORDER}",
        params,
    )
    while batch := cursor.fetchmany(BATCH):
        yield batch


def qda_relations(store: Store, selection: Selection) -> list[QdaRelation]:
    """The relations whose two ends are both among the exported annotations."""
    if not _has_rows(store, "relations"):
        return []
    where, params = _accepted(selection)
    inner = f"SELECT n.id FROM annotations n{where}"
    rows = store.db.execute(
        "SELECT r.uuid, r.type, f.uuid, t.uuid, r.created_at FROM relations r "
        "JOIN annotations f ON f.id = r.from_id JOIN annotations t ON t.id = r.to_id "
        f"WHERE r.from_id IN ({inner}) AND r.to_id IN ({inner}) ORDER BY r.id",
        params + params,
    ).fetchall()
    return [tuple(r) for r in rows]

"""Streaming queries behind the JSON Lines and W3C Web Annotation exporters.

Like :mod:`clipper.store.export_queries`: SQLite renders each annotation's JSON and the
rows are fetched as bytes in batches, so a million annotations stream in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from clipper.interchange import JSONL_ARTICLE_MEMBERS
from clipper.store.database import Store
from clipper.store.export_queries import (
    _ATTRIBUTES_JSON,
    _JSON_MEMBERS,
    _RELATIONS_JSON,
    BATCH,
    ORDER,
    Selection,
    _any,
    _where,
)

_ARTICLE_LINE = (
    "SELECT json_object('type', 'article', 'id', id, 'uuid', uuid, 'content_hash', "
    "content_hash, 'title', title, 'outlet', outlet, 'author', author, 'published', "
    "published, 'url', url, 'language', language, 'source_name', source_name, "
    "'source_kind', source_kind, 'imported_at', imported_at, 'text', text) || char(10) "
    "FROM articles WHERE id = ?"
)


def jsonl_article_line(store: Store, article_id: int) -> bytes:
    """One article's JSON Lines line (``"type": "article"``, metadata and text), UTF-8
    (also while :func:`iter_jsonl_annotation_batches` has the connection give bytes)."""
    value = store.db.execute(_ARTICLE_LINE, [article_id]).fetchone()[0]
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def _annotation_object(store: Store) -> str:
    """SQL for an annotation's JSON members (without braces), attributes and relations
    included (looked up only when the database has any)."""
    members = ", ".join(f"'{c.json}', {c.sql}" for c in _JSON_MEMBERS)
    attributes = _ATTRIBUTES_JSON if _any(store, "annotation_attributes") else "'{}'"
    relations = _RELATIONS_JSON if _any(store, "relations") else "'[]'"
    return (
        f"substr(rtrim(json_object({members}), '}}'), 2) || ',\"attributes\":' || "
        f"{attributes} || ',\"relations\":' || {relations}"
    )


def iter_jsonl_annotation_batches(
    store: Store, selection: Selection
) -> Iterator[list[tuple[int, bytes]]]:
    """Batches of ``(article_id, line)``: each annotation's finished JSON Lines line
    (``"type": "annotation"``, its members, then its article's
    :data:`~clipper.interchange.JSONL_ARTICLE_MEMBERS`), UTF-8, in text order."""
    where, params = _where(selection)
    article = ", ".join(f"'{name}', {column}" for name, column in JSONL_ARTICLE_MEMBERS)
    sql = (
        f"WITH p AS MATERIALIZED (SELECT id, substr(json_object({article}), 2) AS meta "
        "FROM articles) "
        f'SELECT n.article_id, \'{{"type":"annotation",\' || {_annotation_object(store)} '
        "|| ',' || p.meta || char(10) "
        f"FROM annotations n JOIN p ON p.id = n.article_id "
        f"JOIN coders c ON c.id = n.coder_id{where} ORDER BY {ORDER}"
    )
    conn = store.db.conn
    conn.text_factory = bytes
    try:
        cursor = conn.execute(sql, params)
        while batch := cursor.fetchmany(BATCH):
            yield batch
    finally:
        conn.text_factory = str

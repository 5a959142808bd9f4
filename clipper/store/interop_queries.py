"""Streaming queries behind the JSON Lines and W3C Web Annotation exporters.

Like :mod:`clipper.store.export_queries`: SQLite renders each annotation's JSON and the
rows are fetched as bytes in batches, so a million annotations stream in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from clipper.interchange import JSONL_ARTICLE_MEMBERS, W3C_ATTRIBUTES_FORMAT, W3C_CONTEXT
from clipper.store.database import Store
from clipper.store.export_queries import (
    _ATTRIBUTES_JSON,
    _FETCHED_JSON,
    _JSON_MEMBERS,
    BATCH,
    ORDER,
    Selection,
    _any,
    _where,
    relations_json,
    target_statuses,
)

_ARTICLE_LINE = (
    "SELECT json_object('type', 'article', 'id', id, 'uuid', uuid, 'content_hash', "
    "content_hash, 'title', title, 'outlet', outlet, 'author', author, 'published', "
    "published, 'url', url, 'language', language, 'source_name', source_name, "
    "'source_kind', source_kind, 'imported_at', imported_at, 'text', text) "
    "FROM articles WHERE id = ?"
)


def jsonl_article_line(store: Store, article_id: int) -> bytes:
    """One article's JSON Lines line (``"type": "article"``, metadata and text; a URL
    clipping's provenance as ``"fetched"``, as in Clipper JSON), UTF-8 (also while
    :func:`iter_jsonl_annotation_batches` has the connection give bytes)."""
    value = store.db.execute(_ARTICLE_LINE, [article_id]).fetchone()[0]
    line = value if isinstance(value, bytes) else str(value).encode("utf-8")
    fetched = store.db.execute(_FETCHED_JSON, [article_id]).fetchone()
    if fetched is not None:
        page = fetched[0] if isinstance(fetched[0], bytes) else str(fetched[0]).encode("utf-8")
        line = line[:-1] + b',"fetched":' + page + b"}"
    return line + b"\n"


def _annotation_object(store: Store, selection: Selection) -> str:
    """SQL for an annotation's JSON object without its closing brace: ``"type":
    "annotation"``, its members, attributes and relations (looked up only when the
    database has any)."""
    members = ", ".join(f"'{c.json}', {c.sql}" for c in _JSON_MEMBERS)
    attributes = _ATTRIBUTES_JSON if _any(store, "annotation_attributes") else "'{}'"
    relations = relations_json(selection) if _any(store, "relations") else "'[]'"
    return (
        f"rtrim(json_object('type', 'annotation', {members}), '}}') || ',\"attributes\":' || "
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
        f"SELECT n.article_id, {_annotation_object(store, selection)} "
        "|| ',' || p.meta || char(10) "
        f"FROM annotations n JOIN p ON p.id = n.article_id "
        f"JOIN coders c ON c.id = n.coder_id{where} ORDER BY {ORDER}"
    )
    yield from _byte_batches(store, sql, params)


def _byte_batches(store: Store, sql: str, params: Sequence[Any]) -> Iterator[list[Any]]:
    """The query's rows in batches, text as UTF-8 bytes (written out without decoding)."""
    conn = store.db.conn
    conn.text_factory = bytes
    try:
        cursor = conn.execute(sql, params)
        while batch := cursor.fetchmany(BATCH):
            yield batch
    finally:
        conn.text_factory = str


def article_text(store: Store, article_id: int) -> str:
    """An article's text (also while a batch iterator has the connection give bytes)."""
    value = store.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


_W3C_ATTRIBUTES = (
    "coalesce((SELECT ',' || json_object('type', 'TextualBody', 'purpose', 'describing', "
    f"'format', '{W3C_ATTRIBUTES_FORMAT}', 'value', '' || json_group_object(a.key, a.value)) "
    "FROM annotation_attributes a WHERE a.annotation_id = n.id HAVING count(*) > 0), '')"
)


def _w3c_relations(selection: Selection) -> str:
    return (
        "coalesce((SELECT group_concat(',' || json_object('id', 'urn:uuid:' || r.uuid, "
        "'type', 'SpecificResource', 'purpose', 'linking', 'source', 'urn:uuid:' || t.uuid, "
        "'clipper:relation', r.type), '') FROM relations r JOIN annotations t ON t.id = r.to_id "
        f"WHERE r.from_id = n.id{target_statuses(selection)}), '')"
    )


def _format(parts: list[str | tuple[str]]) -> str:
    """SQL that renders literal JSON (``str``) and SQL values (``(expression,)``) as one
    string in a single ``format()`` call (``||`` would copy the growing string each time)."""
    pattern = "".join(
        p.replace("%", "%%").replace("'", "''") if isinstance(p, str) else "%s" for p in parts
    )
    values = ", ".join(p[0] for p in parts if isinstance(p, tuple))
    return f"format('{pattern}', {values})"


def iter_w3c_annotation_batches(
    store: Store, selection: Selection
) -> Iterator[list[tuple[int, int, int, bytes]]]:
    """Batches of ``(article_id, start, end, head)`` in text order: ``head`` is the
    annotation's W3C JSON-LD (UTF-8) up to the TextQuoteSelector's ``"prefix":`` — the
    caller adds the prefix and suffix from the article text, then ``}]}}``.

    The members: ``@context``, ``id`` (``urn:uuid:``), ``type``, ``motivation``,
    ``created``, ``modified``, ``creator`` (the coder), ``clipper:status``,
    ``clipper:origin``, ``clipper:originDetail``, ``body`` (the tag, the note, the
    attributes, the relations) and ``target`` (the article by content hash, its URL as
    ``via``, a TextPositionSelector in code points and a TextQuoteSelector).
    """
    where, params = _where(selection)
    attributes = _W3C_ATTRIBUTES if _any(store, "annotation_attributes") else "''"
    relations = _w3c_relations(selection) if _any(store, "relations") else "''"
    # What repeats is rendered once: per coder (creator), per tag (its body) and per
    # article (the target up to the positions). Per annotation, literal JSON is joined
    # with its values: uuid, status and origin need no escaping (a UUID; CHECK-ed words).
    coders = (
        "SELECT id, json_object('id', 'urn:uuid:' || uuid, 'type', 'Person', 'name', name) "
        "AS creator FROM coders"
    )
    tags = (
        "SELECT name, json_object('type', 'TextualBody', 'purpose', 'tagging', 'value', name) "
        "AS body FROM tags"
    )
    articles = (
        'SELECT id, \',"target":{"type":"SpecificResource","source":\' || '
        "json_quote('urn:sha256:' || content_hash) || "
        "iif(url IS NOT NULL AND url <> '', ',\"via\":' || json_quote(url), '') || "
        '\',"selector":[{"type":"TextPositionSelector","start":\' AS target '
        "FROM articles"
    )
    note = (
        "iif(n.note <> '', ',' || json_object('type', 'TextualBody', 'purpose', 'commenting', "
        "'format', 'text/plain', 'value', n.note), '')"
    )
    head = _format(
        [
            f'{{"@context":"{W3C_CONTEXT}","id":"urn:uuid:',
            ("n.uuid",),
            '","type":"Annotation","motivation":"tagging","created":',
            ("json_quote(n.created_at)",),
            ',"modified":',
            ("json_quote(n.updated_at)",),
            ',"creator":',
            ("cr.creator",),
            ',"clipper:status":"',
            ("n.status",),
            '","clipper:origin":"',
            ("n.origin",),
            '","clipper:originDetail":',
            ("json_quote(n.origin_detail)",),
            ',"body":[',
            (
                "coalesce(tg.body, json_object('type', 'TextualBody', 'purpose', 'tagging', "
                "'value', n.tag))",
            ),
            (note,),
            (attributes,),
            (relations,),
            "]",
            ("p.target",),
            ("n.start",),
            ',"end":',
            ('n."end"',),
            '},{"type":"TextQuoteSelector","exact":',
            ("json_quote(n.text)",),
            ',"prefix":',
        ]
    )
    sql = (
        f"WITH p AS MATERIALIZED ({articles}), cr AS MATERIALIZED ({coders}), "
        f"tg AS MATERIALIZED ({tags}) "
        f'SELECT n.article_id, n.start, n."end", {head} '
        "FROM annotations n JOIN p ON p.id = n.article_id "
        f"JOIN cr ON cr.id = n.coder_id LEFT JOIN tg ON tg.name = n.tag{where} ORDER BY {ORDER}"
    )
    yield from _byte_batches(store, sql, params)

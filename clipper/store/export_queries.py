"""Streaming queries behind the exporters.

Rows are formatted by SQLite itself (CSV lines, ``json_object`` strings) and fetched in
batches, so an export of a million annotations runs in constant memory at close to the
speed of the ``sqlite3`` command-line tool.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from clipper.store.database import Store

BATCH = 10_000

CSV_COLUMNS = (
    "annotation_id",
    "article_id",
    "article_title",
    "outlet",
    "author",
    "published",
    "url",
    "tag",
    "start",
    "end",
    "text",
    "note",
    "created_at",
    "updated_at",
    "page",
)

#: Text order everywhere; matches the ``annotations_span`` index, so no sort is needed.
ORDER = 'n.article_id, n.start, n."end", n.tag'


@dataclass(frozen=True, slots=True)
class Selection:
    """Which annotations to export: ``None`` means no restriction."""

    article_ids: Sequence[int] | None = None
    tags: Sequence[str] | None = None


def _where(selection: Selection) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if selection.article_ids is not None:
        clauses.append("n.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(selection.article_ids)))
    if selection.tags is not None:
        clauses.append("n.tag IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(selection.tags)))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _csv_cell(expr: str, *, escape: bool, nullable: bool = False) -> str:
    """SQL that renders ``expr`` as one quoted CSV cell (formula-escaped if asked)."""
    body = f"replace({expr}, '\"', '\"\"')"
    if escape:
        body = (
            f"CASE WHEN substr(ltrim({expr}, ''''), 1, 1) IN ('=', '+', '-', '@', char(9), "
            f"char(13)) THEN '''' ELSE '' END || {body}"
        )
    cell = f"'\"' || {body} || '\"'"
    return f"coalesce({cell}, '')" if nullable else cell


def csv_select(selection: Selection, *, escape_formulas: bool) -> tuple[str, list[Any]]:
    """The SELECT producing one finished CSV line (with CRLF) per annotation."""
    e = escape_formulas
    cells = [
        "n.id",
        "n.article_id",
        _csv_cell("a.title", escape=e),
        _csv_cell("a.outlet", escape=e, nullable=True),
        _csv_cell("a.author", escape=e, nullable=True),
        "coalesce(a.published, '')",
        _csv_cell("a.url", escape=e, nullable=True),
        _csv_cell("n.tag", escape=e),
        "n.start",
        'n."end"',
        _csv_cell("n.text", escape=e),
        _csv_cell("n.note", escape=e),
        "n.created_at",
        "n.updated_at",
        "coalesce(n.page, '')",
    ]
    where, params = _where(selection)
    sql = (
        "SELECT " + " || ',' || ".join(cells) + " || char(13, 10) "
        "FROM annotations n JOIN articles a ON a.id = n.article_id"
        f"{where} ORDER BY {ORDER}"
    )
    return sql, params


def count_annotations(store: Store, selection: Selection) -> int:
    where, params = _where(selection)
    row = store.db.execute(f"SELECT count(*) FROM annotations n{where}", params).fetchone()
    return int(row[0])


def iter_csv_batches(
    store: Store, selection: Selection, *, escape_formulas: bool
) -> Iterator[list[str]]:
    """Batches of finished CSV lines."""
    sql, params = csv_select(selection, escape_formulas=escape_formulas)
    cursor = store.db.execute(sql, params)
    while batch := cursor.fetchmany(BATCH):
        yield [row[0] for row in batch]


def selected_article_ids(store: Store, selection: Selection) -> list[int]:
    """Articles an export covers: the chosen ones, those with matching tags, or all."""
    if selection.article_ids is not None:
        rows = store.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(list(selection.article_ids))],
        )
    elif selection.tags is not None:
        rows = store.db.execute(
            "SELECT id FROM articles a WHERE EXISTS (SELECT 1 FROM annotations n "
            "WHERE n.article_id = a.id AND n.tag IN (SELECT value FROM json_each(?))) ORDER BY id",
            [json.dumps(list(selection.tags))],
        )
    else:
        rows = store.db.execute("SELECT id FROM articles ORDER BY id")
    return [int(r[0]) for r in rows]


_ARTICLE_JSON = (
    "SELECT json_object('id', id, 'title', title, 'outlet', outlet, 'author', author, "
    "'published', published, 'url', url, 'source_name', source_name, "
    "'source_kind', source_kind, 'language', language, 'imported_at', imported_at, "
    "'content_hash', content_hash, 'text', text) FROM articles WHERE id = ?"
)


def article_json(store: Store, article_id: int) -> str:
    """One article's metadata and text as a JSON object string."""
    return str(store.db.execute(_ARTICLE_JSON, [article_id]).fetchone()[0])


def iter_annotation_json_batches(
    store: Store, selection: Selection
) -> Iterator[list[tuple[int, str]]]:
    """Batches of ``(article_id, annotation JSON object string)`` in text order."""
    where, params = _where(selection)
    cursor = store.db.execute(
        "SELECT n.article_id, json_object('id', n.id, 'start', n.start, 'end', n.\"end\", "
        "'tag', n.tag, 'text', n.text, 'note', n.note, 'created_at', n.created_at, "
        "'updated_at', n.updated_at, 'page', n.page) "
        f"FROM annotations n{where} ORDER BY {ORDER}",
        params,
    )
    while batch := cursor.fetchmany(BATCH):
        yield batch

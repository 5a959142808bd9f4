"""Streaming queries behind the exporters.

Rows are formatted by SQLite itself (CSV lines, ``json_object`` strings) and fetched in
batches, so an export of a million annotations runs in constant memory at close to the
speed of the ``sqlite3`` command-line tool.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from clipper.formulas import FORMULA_STARTS
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


#: Code points of the characters that make a spreadsheet cell a formula.
_TRIGGERS = ", ".join(str(ord(c)) for c in FORMULA_STARTS)


def _safe_range(char: str) -> str:
    """``lo AND hi``: the widest run of code points around ``char`` with no trigger and
    no apostrophe in it (a cheap first test for the usual cells: letters, digits)."""
    stops = sorted({ord(c) for c in FORMULA_STARTS + "'"})
    low = max(s for s in stops if s < ord(char)) + 1
    high = min(s for s in stops if s > ord(char)) - 1
    return f"{low} AND {high}"


_USUAL = f"BETWEEN {_safe_range('a')} OR unicode(%s) BETWEEN {_safe_range('0')}"


def _formula_guard(expr: str) -> str:
    """SQL giving ``'`` when ``expr`` would run as a spreadsheet formula, else ``''``.

    The SQL form of :func:`clipper.formulas.protect`: a cell is guarded when it starts
    with a trigger, possibly after apostrophes, so the guard can always be undone.
    ``unicode(x)`` is the first character's code point: far cheaper than string functions.
    """
    usual = _USUAL % expr
    return (
        f"iif(unicode({expr}) {usual}, '', iif(unicode({expr}) IN ({_TRIGGERS}) OR "
        f"(unicode({expr}) = 39 AND unicode(ltrim({expr}, '''')) IN ({_TRIGGERS})), '''', ''))"
    )


def _csv_cell(expr: str, *, escape: bool) -> str:
    """SQL that renders ``expr`` as one quoted CSV cell (formula-guarded if asked);
    NULL becomes an empty cell."""
    guard = f"{_formula_guard(expr)} || " if escape else ""
    cell = f"""'"' || {guard}replace({expr}, '"', '""') || '"'"""
    return f"coalesce({cell}, '')"


def csv_select(selection: Selection, *, escape_formulas: bool) -> tuple[str, list[Any]]:
    """The SELECT giving one finished CSV line (CRLF-terminated) per annotation.

    Every cell that can hold text is quoted (so no value can end a cell or a row) and,
    with ``escape_formulas``, formula-guarded; the numeric cells are rendered as integers.
    SQLite renders each line in one ``format()`` call (``%w`` doubles double quotes, as
    CSV needs); the article cells are rendered once per article in a materialised CTE,
    because reading them per row would walk past each article's text every time.
    """
    e = escape_formulas
    article_cells = " || ',' || ".join(
        [
            "format('%d', id)",
            *(_csv_cell(c, escape=e) for c in ("title", "outlet", "author", "published", "url")),
        ]
    )

    def cell(column: str) -> str:  # a guard argument ("%s") and the value ("%w")
        return f"{_formula_guard(column) if e else repr('')}, {column}"

    line = (
        """format('%d,%s,"%s%w",%d,%d,"%s%w","%s%w","%s%w","%s%w",%s' || char(13, 10), """
        f'n.id, p.cells, {cell("n.tag")}, n.start, n."end", {cell("n.text")}, '
        f"{cell('n.note')}, {cell('n.created_at')}, {cell('n.updated_at')}, "
        "iif(typeof(n.page) = 'integer', n.page, ''))"
    )
    where, params = _where(selection)
    sql = (
        f"WITH p AS MATERIALIZED (SELECT id, {article_cells} AS cells FROM articles) "
        f"SELECT {line} FROM annotations n JOIN p ON p.id = n.article_id"
        f"{where} ORDER BY {ORDER}"
    )
    return sql, params


def iter_csv_chunks(
    store: Store, selection: Selection, *, escape_formulas: bool
) -> Generator[tuple[bytes, int], None, None]:
    """Batches of finished CSV lines as UTF-8 bytes, with their row counts, in text order.

    Rows are fetched as bytes (``text_factory``), so the lines SQLite renders go to the
    file without being decoded into Python strings and encoded again.
    """
    sql, params = csv_select(selection, escape_formulas=escape_formulas)
    conn = store.db.conn
    conn.text_factory = bytes
    try:
        cursor = conn.execute(sql, params)
        while batch := cursor.fetchmany(BATCH):
            yield b"".join([row[0] for row in batch]), len(batch)
    finally:
        conn.text_factory = str


def count_annotations(store: Store, selection: Selection) -> int:
    where, params = _where(selection)
    row = store.db.execute(f"SELECT count(*) FROM annotations n{where}", params).fetchone()
    return int(row[0])


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
) -> Iterator[list[tuple[int, int, int, str]]]:
    """Batches of ``(article_id, start, end, annotation JSON object string)`` in text order."""
    where, params = _where(selection)
    cursor = store.db.execute(
        'SELECT n.article_id, n.start, n."end", '
        "json_object('id', n.id, 'start', n.start, 'end', n.\"end\", "
        "'tag', n.tag, 'text', n.text, 'note', n.note, 'created_at', n.created_at, "
        "'updated_at', n.updated_at, 'page', n.page) "
        f"FROM annotations n{where} ORDER BY {ORDER}",
        params,
    )
    while batch := cursor.fetchmany(BATCH):
        yield batch

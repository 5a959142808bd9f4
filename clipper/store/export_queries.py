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
from clipper.model import STATUSES
from clipper.store.database import Store

#: Rows per fetch. Small on purpose: a batch's rendered lines (~250 KB) stay in the CPU's
#: cache while they are joined and written; 10,000-row batches (7-9 MB, several copies)
#: made the JSON Lines export cost 1.8x the CPU of 256-row ones (bench_interop.py).
BATCH = 256


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the CSV export (and, where ``json`` names it, a member of each
    annotation in the JSON export): the one definition behind the SQL, the header and the
    documentation test.

    ``sql`` reads ``n`` (the annotation), ``c`` (its coder) or, for ``article`` columns,
    the ``articles`` row. ``kind``: ``int`` (a number), ``page`` (a number or empty),
    ``text`` (quoted and formula-guarded), ``word`` (quoted; never a formula: uuids,
    statuses).
    """

    name: str
    sql: str
    kind: str
    doc: str
    article: bool = False
    json: str | None = None
    csv: bool = True


#: Every export column, in CSV order; one column per attribute key in use follows them.
COLUMNS = (
    Column("annotation_id", "n.id", "int", "the annotation's id in this database", json="id"),
    Column("article_id", "id", "int", "the article's id", article=True),
    Column("article_title", "title", "text", "the article's title", article=True),
    Column("outlet", "outlet", "text", "where it was published", article=True),
    Column("author", "author", "text", "who wrote it", article=True),
    Column("published", "published", "text", "publication date (YYYY[-MM[-DD]])", article=True),
    Column("url", "url", "text", "the article's address", article=True),
    Column("tag", "n.tag", "text", "the tag's name", json="tag"),
    Column("start", "n.start", "int", "first character (code points, 0-based)", json="start"),
    Column("end", 'n."end"', "int", "end of the span (exclusive)", json="end"),
    Column("text", "n.text", "text", "the tagged text, exactly as stored", json="text"),
    Column("note", "n.note", "text", "the annotation's note", json="note"),
    Column("created_at", "n.created_at", "text", "when it was made (UTC)", json="created_at"),
    Column("updated_at", "n.updated_at", "text", "when it last changed", json="updated_at"),
    Column("page", "n.page", "page", "PDF page of its first character (else empty)", json="page"),
    Column("uuid", "n.uuid", "word", "the annotation's identity everywhere", json="uuid"),
    Column("coder", "c.name", "text", "who made it", json="coder"),
    Column("origin", "n.origin", "word", "manual, imported or suggested", json="origin", csv=False),
    Column(
        "origin_detail",
        "n.origin_detail",
        "text",
        "the suggesting engine and version",
        json="origin_detail",
        csv=False,
    ),
    Column("status", "n.status", "word", "pending, accepted or rejected", json="status"),
)

#: The CSV header's fixed columns (attribute columns follow, see :func:`csv_header`).
CSV_COLUMNS = tuple(c.name for c in COLUMNS if c.csv)

#: Text order everywhere; matches the ``annotations_span`` index, so no sort is needed.
ORDER = 'n.article_id, n.start, n."end", n.tag'


@dataclass(frozen=True, slots=True)
class Selection:
    """Which annotations to export: ``None`` means no restriction.

    ``statuses``: only annotations with one of these statuses (``()`` or ``None``: any).
    :func:`clipper.exporters.export_to_stream` first replaces ``None`` with the format's
    default (:func:`clipper.exporters.registry.export_statuses`), so the queries here only
    ever see a decided choice.
    """

    article_ids: Sequence[int] | None = None
    tags: Sequence[str] | None = None
    statuses: Sequence[str] | None = None


def _where(selection: Selection) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if selection.article_ids is not None:
        clauses.append("n.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(selection.article_ids)))
    if selection.tags is not None:
        clauses.append("n.tag IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(selection.tags)))
    if selection.statuses:
        clauses.append("n.status IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(selection.statuses)))
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


def attribute_keys(store: Store, selection: Selection) -> list[str]:
    """The attribute keys the selected annotations use, sorted (one CSV column each)."""
    where, params = _where(selection)
    sql = (
        "SELECT DISTINCT a.key FROM annotation_attributes a"
        + (f" JOIN annotations n ON n.id = a.annotation_id{where}" if where else "")
        + " ORDER BY a.key"
    )
    return [str(r[0]) for r in store.db.execute(sql, params)]


def csv_header(keys: Sequence[str]) -> list[str]:
    """The CSV header: the fixed columns, then one per attribute key (a key named like a
    fixed column gets an ``attribute_`` prefix, so no two columns share a name)."""
    return [*CSV_COLUMNS, *(f"attribute_{k}" if k in CSV_COLUMNS else k for k in keys)]


def _attribute_cell(escape: bool) -> str:
    """SQL rendering one attribute's value (``a.value``) as a CSV cell: numbers bare,
    text quoted (and guarded)."""
    guard = f"{_formula_guard('a.value')} || " if escape else ""
    return (
        "CASE typeof(a.value) WHEN 'integer' THEN format('%d', a.value) "
        "WHEN 'real' THEN CAST(a.value AS TEXT) "
        f"""ELSE '"' || {guard}replace(a.value, '"', '""') || '"' END"""
    )


def csv_select(
    selection: Selection, *, escape_formulas: bool, keys: Sequence[str] = ()
) -> tuple[str, list[Any]]:
    """The SELECT giving one finished CSV line (CRLF-terminated) per annotation, with the
    columns of :data:`COLUMNS` and one per attribute key in ``keys``.

    Every cell that can hold text is quoted (so no value can end a cell or a row) and,
    with ``escape_formulas``, formula-guarded; the numeric cells are rendered as integers.
    SQLite renders each line in one ``format()`` call (``%w`` doubles double quotes, as
    CSV needs); the article cells are rendered once per article in a materialised CTE,
    because reading them per row would walk past each article's text every time.
    """
    e = escape_formulas
    article_cells = " || ',' || ".join(
        f"format('%d', {c.sql})" if c.kind == "int" else _csv_cell(c.sql, escape=e)
        for c in COLUMNS
        if c.csv and c.article
    )
    pattern: list[str] = []
    args: list[str] = []
    for column in COLUMNS:
        if not column.csv:
            continue
        if column.article:
            if "p.cells" not in args:
                pattern.append("%s")
                args.append("p.cells")
        elif column.kind == "int":
            pattern.append("%d")
            args.append(column.sql)
        elif column.kind == "page":
            pattern.append("%s")
            args.append(f"iif(typeof({column.sql}) = 'integer', {column.sql}, '')")
        elif column.kind == "word":
            pattern.append('"%w"')
            args.append(column.sql)
        else:  # a guard argument ("%s") and the value ("%w")
            pattern.append('"%s%w"')
            args.append(f"{_formula_guard(column.sql) if e else repr('')}, {column.sql}")
    params: list[Any] = []
    for key in keys:
        pattern.append("%s")
        args.append(
            f"coalesce((SELECT {_attribute_cell(e)} FROM annotation_attributes a "
            "WHERE a.annotation_id = n.id AND a.key = ?), '')"
        )
        params.append(key)
    line = f"format('{','.join(pattern)}' || char(13, 10), {', '.join(args)})"
    where, where_params = _where(selection)
    sql = (
        f"WITH p AS MATERIALIZED (SELECT id, {article_cells} AS cells FROM articles) "
        f"SELECT {line} FROM annotations n JOIN p ON p.id = n.article_id "
        f"JOIN coders c ON c.id = n.coder_id{where} ORDER BY {ORDER}"
    )
    return sql, params + where_params


def iter_csv_chunks(
    store: Store, selection: Selection, *, escape_formulas: bool, keys: Sequence[str] = ()
) -> Generator[tuple[bytes, int], None, None]:
    """Batches of finished CSV lines as UTF-8 bytes, with their row counts, in text order
    (``keys``: the attribute columns, see :func:`attribute_keys`).

    Rows are fetched as bytes (``text_factory``), so the lines SQLite renders go to the
    file without being decoded into Python strings and encoded again.
    """
    sql, params = csv_select(selection, escape_formulas=escape_formulas, keys=keys)
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


def count_by_tag_and_status(store: Store, selection: Selection) -> dict[tuple[str, str], int]:
    """``(tag, status) -> count`` of the annotations ``selection`` covers (the Export
    dialog sums these for the tags and statuses ticked, without asking the database again)."""
    where, params = _where(selection)
    rows = store.db.execute(
        f"SELECT n.tag, n.status, count(*) FROM annotations n{where} GROUP BY n.tag, n.status",
        params,
    )
    return {(str(tag), str(status)): int(k) for tag, status, k in rows}


def selected_article_ids(store: Store, selection: Selection) -> list[int]:
    """Articles an export covers: the chosen ones, those with matching tags, or all."""
    if selection.article_ids is not None:
        rows = store.db.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(list(selection.article_ids))],
        )
    elif selection.tags is not None:
        statuses, status_params = _status_condition(selection)
        rows = store.db.execute(
            "SELECT id FROM articles a WHERE EXISTS (SELECT 1 FROM annotations n "
            "WHERE n.article_id = a.id AND n.tag IN (SELECT value FROM json_each(?))"
            f"{statuses}) ORDER BY id",
            [json.dumps(list(selection.tags)), *status_params],
        )
    else:
        rows = store.db.execute("SELECT id FROM articles ORDER BY id")
    return [int(r[0]) for r in rows]


_ARTICLE_JSON = (
    "SELECT json_object('id', id, 'uuid', uuid, 'title', title, 'outlet', outlet, "
    "'author', author, "
    "'published', published, 'url', url, 'source_name', source_name, "
    "'source_kind', source_kind, 'language', language, 'imported_at', imported_at, "
    "'content_hash', content_hash, 'text', text) FROM articles WHERE id = ?"
)
#: A URL clipping's provenance (``"fetched"``: the page as fetched, without its HTML).
_FETCHED_JSON = (
    "SELECT json_object('requested_url', requested_url, 'final_url', final_url, "
    "'status', status, 'redirects', json(redirects), 'fetched_at', fetched_at, "
    "'content_type', content_type, 'charset', charset, 'html_bytes', html_bytes, "
    "'html_sha256', html_sha256) FROM fetched_pages WHERE article_id = ?"
)


def article_json(store: Store, article_id: int) -> bytes:
    """One article's metadata and text as a JSON object, UTF-8 (also while
    :func:`iter_annotation_json_batches` has the connection give bytes); a URL clipping's
    has its provenance as ``"fetched"`` too."""
    article = _utf8(store.db.execute(_ARTICLE_JSON, [article_id]).fetchone()[0])
    fetched = store.db.execute(_FETCHED_JSON, [article_id]).fetchone()
    if fetched is None:
        return article
    return article[:-1] + b',"fetched":' + _utf8(fetched[0]) + b"}"


def _utf8(value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


#: An annotation's attributes as a JSON object, and the relations it starts as a list of
#: ``{"type", "to": uuid, "uuid"}`` (the ``to`` end by identity, so a merge can find it).
_ATTRIBUTES_JSON = (
    "coalesce((SELECT json_group_object(a.key, a.value) FROM annotation_attributes a "
    "WHERE a.annotation_id = n.id), '{}')"
)


def relations_json(selection: Selection) -> str:
    """SQL for the relations ``n`` starts, as a JSON list (see :func:`target_statuses`)."""
    return (
        "coalesce((SELECT json_group_array(json_object('type', r.type, 'to', t.uuid, "
        "'uuid', r.uuid)) FROM relations r JOIN annotations t ON t.id = r.to_id "
        f"WHERE r.from_id = n.id{target_statuses(selection)}), '[]')"
    )


def target_statuses(selection: Selection) -> str:
    """``AND t.status IN (…)``: a relation is written only when the annotation it links
    to is (a link to a left-out suggestion would point at nothing). The statuses are
    checked words, written as SQL literals so the fragment needs no parameters."""
    if not selection.statuses:
        return ""
    words = ", ".join(f"'{s}'" for s in STATUSES if s in selection.statuses)
    return f" AND t.status IN ({words or 'NULL'})"


_JSON_MEMBERS = [c for c in COLUMNS if c.json]
# The object is closed after "attributes" and "relations" are spliced in (cheaper than
# json_object parsing them again per row), so the last member must be a string that
# cannot end in "}".
assert _JSON_MEMBERS[-1].kind == "word"


def _any(store: Store, table: str) -> bool:
    return bool(store.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0])


#: An article with more matching annotations than this is read row by row: a grouped
#: article is one string in memory (~0.5 KB per annotation).
GROUPED_MAX = 2_000


def _annotation_json_sql(store: Store, selection: Selection) -> str:
    """SQL for one annotation's JSON object (``n`` and its coder ``c``): the
    :data:`COLUMNS` with a ``json`` name, then ``attributes`` and ``relations`` (looked
    up only when the database has any)."""
    members = ", ".join(f"'{c.json}', {c.sql}" for c in _JSON_MEMBERS)
    attributes = _ATTRIBUTES_JSON if _any(store, "annotation_attributes") else "'{}'"
    relations = relations_json(selection) if _any(store, "relations") else "'[]'"
    return (
        f"rtrim(json_object({members}), '}}') || ',\"attributes\":' || {attributes} || "
        f"',\"relations\":' || {relations} || '}}'"
    )


def _status_condition(selection: Selection) -> tuple[str, list[Any]]:
    if not selection.statuses:
        return "", []
    return " AND n.status IN (SELECT value FROM json_each(?))", [
        json.dumps(list(selection.statuses))
    ]


def _tag_condition(selection: Selection) -> tuple[str, list[Any]]:
    """The ``AND …`` narrowing one article's annotations to the selection's tags and
    statuses."""
    statuses, status_params = _status_condition(selection)
    if selection.tags is None:
        return statuses, status_params
    return " AND n.tag IN (SELECT value FROM json_each(?))" + statuses, [
        json.dumps(list(selection.tags)),
        *status_params,
    ]


def iter_json_articles(
    store: Store, selection: Selection
) -> Iterator[tuple[int, int, bytes | None]]:
    """``(article_id, count, annotations)`` for each selected article (see
    :func:`selected_article_ids`) in id order: its ``count`` matching annotations' JSON
    objects in text order joined by commas, UTF-8 (rendered and joined by SQLite: one row
    per article) — or ``None`` when they are to be read with
    :func:`iter_article_annotation_json` (over :data:`GROUPED_MAX` of them, or a PDF's,
    whose annotations get their boxes). Rows come as bytes while this runs."""
    tags, tag_params = _tag_condition(selection)
    obj = _annotation_json_sql(store, selection)
    articles, params = "", []
    if selection.article_ids is not None:
        articles = " WHERE a.id IN (SELECT value FROM json_each(?))"
        params = [json.dumps(list(selection.article_ids))]
    sql = (
        "SELECT s.aid, s.k, CASE WHEN s.k BETWEEN 1 AND ? AND NOT EXISTS (SELECT 1 FROM "
        "article_layouts l WHERE l.article_id = s.aid) THEN (SELECT group_concat(x, ',') FROM "
        f"(SELECT {obj} AS x FROM annotations n JOIN coders c ON c.id = n.coder_id "
        f'WHERE n.article_id = s.aid{tags} ORDER BY n.start, n."end", n.tag)) '
        "WHEN s.k = 0 THEN '' END FROM (SELECT a.id AS aid, (SELECT count(*) FROM annotations n "
        f"WHERE n.article_id = a.id{tags}) AS k FROM articles a{articles} ORDER BY a.id) s"
        + (" WHERE s.k > 0" if selection.tags is not None and selection.article_ids is None else "")
    )
    conn = store.db.conn
    conn.text_factory = bytes
    try:
        # One article (up to GROUPED_MAX annotations) at a time: never a batch of them.
        yield from conn.execute(sql, [GROUPED_MAX, *tag_params, *tag_params, *params])
    finally:
        conn.text_factory = str


def iter_article_annotation_json(
    store: Store, article_id: int, selection: Selection
) -> Iterator[list[tuple[int, int, bytes]]]:
    """Batches of ``(start, end, annotation JSON object)`` of one article's annotations
    matching ``selection``'s tags and statuses, in text order (bytes: call it inside
    :func:`iter_json_articles`)."""
    tags, tag_params = _tag_condition(selection)
    rows = store.db.conn.execute(
        f'SELECT n.start, n."end", {_annotation_json_sql(store, selection)} FROM annotations n '
        f"JOIN coders c ON c.id = n.coder_id WHERE n.article_id = ?{tags} "
        'ORDER BY n.start, n."end", n.tag',
        [article_id, *tag_params],
    )
    while batch := rows.fetchmany(BATCH):
        yield batch

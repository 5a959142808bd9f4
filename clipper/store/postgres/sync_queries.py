"""The team server's side of a sync: the push and pull SQL (PostgreSQL, psycopg 3).

A push is ONE server transaction: coders, tags, articles, then annotations (attributes
as jsonb, uploaded with COPY) and relations are upserted by uuid, deletions become
tombstones (``deleted = true``). Row-level security decides what the login may write; the
push only sends what the login's role may write (others' annotations, articles for a
coder) and counts the rest as skipped. An upsert that changes nothing writes nothing (no
new version).

A pull is ONE repeatable-read transaction: it reads rows whose ``version`` is above the
cursor OR whose writing transaction may still have been running at the last pull
(``writer_xid >= pulled_xmin``), and returns the new cursor: the highest version read and
``pg_snapshot_xmin`` of its own snapshot. Why nothing is skipped: a row not visible to
this pull's snapshot was written by a transaction still running at that moment, whose
id is at least the snapshot's xmin (or, if it began writing later, above it), so the next
pull reads it by ``writer_xid`` whatever its version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clipper.store.sync import (
    ANNOTATION_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_METADATA,
    ARTICLE_STAMP_COLUMNS,
    ASSIGNMENT_COLUMNS,
    RELATION_COLUMNS,
    TAG_COLUMNS,
    TAG_STAMP_COLUMNS,
    Conflict,
    Cursor,
    LocalChanges,
    PulledRows,
    Row,
    later_wins,
)

if TYPE_CHECKING:
    import psycopg

#: How the server's timestamps are read: the local text form (UTC, milliseconds).
TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'


@dataclass(frozen=True, slots=True)
class Login:
    """Who the connection is on the server and what its role may write."""

    user: str
    coder_uuid: str | None
    coder_name: str | None
    write_tags: bool
    write_articles: bool
    write_coders: bool
    #: May write every coder's annotations (a lead); else only its own coder's.
    write_all: bool


@dataclass(slots=True)
class Pushed:
    """What a push sent."""

    rows: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    #: The push transaction's id (its rows need not be pulled back).
    xid: int = 0

    def skip(self, why: str, count: int) -> None:
        if count:
            self.skipped[why] = self.skipped.get(why, 0) + count


def _q(name: str) -> str:
    return '"end"' if name == "end" else name


class _Columns:
    """Column types of the synced tables (read once per connection), to read timestamps
    and uuids in the local text forms whatever the server schema's exact types."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.types: dict[tuple[str, str], str] = {
            (str(t), str(c)): str(d)
            for t, c, d in conn.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            )
        }

    def has(self, table: str, column: str) -> bool:
        return (table, column) in self.types

    def read(self, table: str, column: str, alias: str = "") -> str:
        kind = self.types.get((table, column), "text")
        ref = f"{alias}.{_q(column)}" if alias else _q(column)
        if not self.has(table, column):
            return "NULL"
        if kind.startswith("timestamp"):
            return f"to_char({ref} AT TIME ZONE 'UTC', '{TIME_FORMAT}')"
        if kind in ("uuid", "jsonb", "json", "date"):
            return f"{ref}::text"
        return ref

    def select(self, table: str, columns: Sequence[str]) -> str:
        return ", ".join(self.read(table, c) for c in columns)


def _number(conn: psycopg.Connection[Any], sql: str) -> int:
    row = conn.execute(sql).fetchone()
    return 0 if row is None else int(row[0])


def login(conn: psycopg.Connection[Any]) -> Login:
    """Who we are on the server (a ``coders`` row whose ``login`` is ``current_user``)."""
    user, tags, articles, coders = conn.execute(
        "SELECT current_user, has_table_privilege('tags', 'INSERT'), "
        "has_table_privilege('articles', 'INSERT') AND has_table_privilege('articles', 'UPDATE'), "
        "has_table_privilege('coders', 'INSERT')"
    ).fetchone() or ("", False, False, False)
    lead = conn.execute("SELECT clipper_my_role() = 'lead'").fetchone()
    me = conn.execute("SELECT uuid::text, name FROM coders WHERE login = current_user").fetchone()
    return Login(
        user=str(user),
        coder_uuid=None if me is None else str(me[0]),
        coder_name=None if me is None else str(me[1]),
        write_tags=bool(tags),
        write_articles=bool(articles),
        write_coders=bool(coders),
        write_all=bool(lead and lead[0]),
    )


def install_sync_support(conn: psycopg.Connection[Any]) -> None:
    """Server migration ``0003_sync``: who edited a tag or an article's metadata last and
    when (the conflict rule's inputs), and an index on ``writer_xid`` for the pulls."""
    conn.execute(
        "ALTER TABLE tags ADD COLUMN IF NOT EXISTS updated_at timestamptz, "
        "ADD COLUMN IF NOT EXISTS updated_by text"
    )
    conn.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS metadata_updated_by text")
    for table in ("tags", "articles", "annotations", "relations", "assignments"):
        conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_writer ON {table} (writer_xid)")


# -- push ----------------------------------------------------------------------------------


def push(
    conn: psycopg.Connection[Any],
    changes: LocalChanges,
    who: Login,
    cursor: Cursor,
    me: str,
    *,
    checkpoint: Callable[[], object] | None = None,
) -> Pushed:
    """Send ``changes`` in one transaction (committed when this returns). ``me``: the
    local coder name (ties of the conflict rule); ``checkpoint`` is called before the
    commit (it may raise to roll everything back)."""
    out = Pushed()
    columns = _Columns(conn)
    with conn.transaction():
        out.xid = _number(conn, "SELECT pg_current_xact_id()::text")
        if changes.coders and who.write_coders:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO coders (uuid, name, role, created_at) "
                    "VALUES (%s, %s, 'coder', now()) ON CONFLICT DO NOTHING",
                    changes.coders,
                )
        _push_tags(conn, columns, changes, who, cursor, me, out)
        _push_articles(conn, columns, changes, who, cursor, me, out)
        _push_annotations(conn, changes, who, out)
        _push_relations(conn, changes, who, out)
        if checkpoint is not None:
            checkpoint()
    return out


def _tombstone(
    conn: psycopg.Connection[Any], table: str, uuids: Sequence[str], out: Pushed
) -> None:
    if uuids:
        cur = conn.execute(
            f"UPDATE {table} SET deleted = true WHERE uuid = ANY(%s::uuid[]) AND NOT deleted",
            [list(uuids)],
        )
        out.rows += max(cur.rowcount, 0)


def _push_tags(
    conn: psycopg.Connection[Any],
    columns: _Columns,
    changes: LocalChanges,
    who: Login,
    cursor: Cursor,
    me: str,
    out: Pushed,
) -> None:
    gone = changes.deleted.get("tag", [])
    if not who.write_tags:
        out.skip("tags (your role cannot change them)", len(changes.tags) + len(gone))
        return
    stamped = columns.has("tags", "updated_at")
    server = _server_rows(conn, columns, "tags", TAG_COLUMNS, [r[0] for r in changes.tags])
    for row in changes.tags:
        at = changes.tag_times.get(row[0], "")
        theirs = server.get(row[0])
        if theirs is not None:
            if tuple(theirs["values"][1:6]) == tuple(row[1:6]) and not theirs["deleted"]:
                out.unchanged += 1
                continue
            if theirs["version"] > cursor.pulled_version:
                mine, their = (at, me), (theirs["at"] or "", theirs["by"] or "")
                kept = "local" if later_wins(mine, their) else "server"
                out.conflicts.append(Conflict("tag", row[0], row[1], kept, mine, their))
                if kept == "server":
                    continue
        taken = conn.execute(
            "SELECT 1 FROM tags WHERE name = %s AND uuid <> %s AND NOT deleted", [row[1], row[0]]
        ).fetchone()
        if taken is not None:
            out.skip("tags whose name another tag has on the server", 1)
            continue
        sets = "name = excluded.name, label = excluded.label, colour = excluded.colour, "
        sets += "shortcut = excluded.shortcut, deleted = false"
        extra = ", updated_at = excluded.updated_at, updated_by = excluded.updated_by"
        conn.execute(
            f"INSERT INTO tags ({', '.join(TAG_COLUMNS)}, deleted"
            f"{', updated_at, updated_by' if stamped else ''}) VALUES "
            f"({', '.join(['%s'] * len(TAG_COLUMNS))}, false{', %s, %s' if stamped else ''}) "
            f"ON CONFLICT (uuid) DO UPDATE SET {sets}{extra if stamped else ''}",
            [*row[:6], bool(row[6]), *([at or None, me] if stamped else [])],
        )
        out.rows += 1
    _tombstone(conn, "tags", gone, out)


def _server_rows(
    conn: psycopg.Connection[Any],
    columns: _Columns,
    table: str,
    names: Sequence[str],
    uuids: Sequence[str],
) -> dict[str, dict[str, Any]]:
    """The server's rows among ``uuids`` (locked until the push commits)."""
    if not uuids:
        return {}
    stamps = TAG_STAMP_COLUMNS if table == "tags" else ARTICLE_STAMP_COLUMNS
    found: dict[str, dict[str, Any]] = {}
    for row in conn.execute(
        f"SELECT {columns.select(table, names)}, {columns.select(table, stamps)}, deleted, "
        f"version FROM {table} WHERE uuid = ANY(%s::uuid[]) FOR UPDATE",
        [list(uuids)],
    ):
        width = len(names)
        found[str(row[0])] = {
            "values": row[:width],
            "at": row[width],
            "by": row[width + 1],
            "deleted": row[width + 2],
            "version": int(row[width + 3]),
        }
    return found


def _push_articles(
    conn: psycopg.Connection[Any],
    columns: _Columns,
    changes: LocalChanges,
    who: Login,
    cursor: Cursor,
    me: str,
    out: Pushed,
) -> None:
    gone = changes.deleted.get("article", [])
    if not who.write_articles:
        out.skip("articles (your role cannot change them)", len(changes.articles) + len(gone))
        return
    by = columns.has("articles", "metadata_updated_by")
    server = _server_rows(
        conn, columns, "articles", ("uuid", *ARTICLE_METADATA), [r[0] for r in changes.articles]
    )
    meta_at = [ARTICLE_COLUMNS.index(n) for n in ARTICLE_METADATA]
    new: list[Row] = []
    for row in changes.articles:
        uuid, at = (
            row[0],
            changes.article_times.get(row[0]) or row[ARTICLE_COLUMNS.index("imported_at")],
        )
        values = tuple(row[i] for i in meta_at)
        theirs = server.get(uuid)
        if theirs is None:
            new.append((*row, at, me))
            continue
        if tuple(theirs["values"][1:]) == values and not theirs["deleted"]:
            out.unchanged += 1
            continue
        if theirs["version"] > cursor.pulled_version:
            mine, their = (at, me), (theirs["at"] or "", theirs["by"] or "")
            kept = "local" if later_wins(mine, their) else "server"
            out.conflicts.append(Conflict("article", uuid, str(row[1]), kept, mine, their))
            if kept == "server":
                continue
        sets = ", ".join(f"{n} = %s" for n in ARTICLE_METADATA)
        conn.execute(
            f"UPDATE articles SET {sets}, deleted = false, metadata_updated_at = %s"
            f"{', metadata_updated_by = %s' if by else ''} WHERE uuid = %s",
            [*values, at, *([me] if by else []), uuid],
        )
        out.rows += 1
    if new:
        names = [*ARTICLE_COLUMNS, "metadata_updated_at", *(["metadata_updated_by"] if by else [])]
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO articles ({', '.join(names)}) VALUES "
                f"({', '.join(['%s'] * len(names))}) ON CONFLICT (uuid) DO NOTHING",
                [r[: len(names)] for r in new],
            )
        out.rows += len(new)
    _tombstone(conn, "articles", gone, out)


def _allowed(who: Login, coder_uuid: str) -> bool:
    return who.write_all or coder_uuid == who.coder_uuid


def _on_server(conn: psycopg.Connection[Any], table: str, uuids: set[str]) -> set[str]:
    if not uuids:
        return set()
    return {
        str(r[0])
        for r in conn.execute(
            f"SELECT uuid::text FROM {table} WHERE uuid = ANY(%s::uuid[]) AND NOT deleted",
            [sorted(uuids)],
        )
    }


def _push_annotations(
    conn: psycopg.Connection[Any], changes: LocalChanges, who: Login, out: Pushed
) -> None:
    mine = [r for r in changes.annotations if _allowed(who, r[2])]
    out.skip(
        "annotations of other coders (they push their own)", len(changes.annotations) - len(mine)
    )
    articles = _on_server(conn, "articles", {r[1] for r in mine})
    rows = [r for r in mine if r[1] in articles]
    out.skip("annotations of articles the server does not have", len(mine) - len(rows))
    if rows:
        names = ", ".join(_q(c) for c in ANNOTATION_COLUMNS)
        conn.execute(
            f"CREATE TEMP TABLE push_annotations ON COMMIT DROP AS SELECT {names} "
            "FROM annotations WITH NO DATA"
        )
        with conn.cursor().copy(f"COPY push_annotations ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        updated = ", ".join(
            f"{_q(c)} = excluded.{_q(c)}" for c in ANNOTATION_COLUMNS if c != "uuid"
        )
        cur = conn.execute(
            f"INSERT INTO annotations ({names}, deleted) SELECT {names}, false "
            f"FROM push_annotations ON CONFLICT (uuid) DO UPDATE SET {updated}, deleted = false "
            f"WHERE ({', '.join('annotations.' + _q(c) for c in ANNOTATION_COLUMNS)}, "
            "annotations.deleted) IS DISTINCT FROM "
            f"({', '.join('excluded.' + _q(c) for c in ANNOTATION_COLUMNS)}, false)"
        )
        changed = max(cur.rowcount, 0)
        out.rows += changed
        out.unchanged += len(rows) - changed
    _tombstone(conn, "annotations", changes.deleted.get("annotation", []), out)


def _push_relations(
    conn: psycopg.Connection[Any], changes: LocalChanges, who: Login, out: Pushed
) -> None:
    mine = [r for r in changes.relations if _allowed(who, r[4])]
    out.skip("relations of other coders", len(changes.relations) - len(mine))
    present = _on_server(conn, "annotations", {r[1] for r in mine} | {r[2] for r in mine})
    rows = [r for r in mine if r[1] in present and r[2] in present]
    out.skip("relations whose annotations the server does not have", len(mine) - len(rows))
    if rows:
        # one statement (row security's subqueries are planned once, not once a row)
        names = ", ".join(RELATION_COLUMNS)
        conn.execute(
            f"CREATE TEMP TABLE push_relations ON COMMIT DROP AS SELECT {names} "
            "FROM relations WITH NO DATA"
        )
        with conn.cursor().copy(f"COPY push_relations ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur = conn.execute(
            f"INSERT INTO relations ({names}, deleted) SELECT {names}, false FROM push_relations "
            "ON CONFLICT (uuid) DO UPDATE SET deleted = false WHERE relations.deleted"
        )
        out.rows += max(cur.rowcount, 0)
        out.unchanged += len(rows) - max(cur.rowcount, 0)
    _tombstone(conn, "relations", changes.deleted.get("relation", []), out)


# -- pull ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Pulled:
    rows: PulledRows
    version: int
    xmin: int


def pull(conn: psycopg.Connection[Any], cursor: Cursor, *, own_xid: int = 0) -> Pulled:
    """Rows changed since ``cursor`` (see the module's docstring), read in one snapshot.
    ``own_xid``: a push transaction whose rows this database has already."""
    columns = _Columns(conn)
    rows = PulledRows()
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        xmin = _number(conn, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
        changed = "(version > %(version)s OR writer_xid >= %(xmin)s::text::xid8)"
        if own_xid:
            changed += " AND writer_xid <> %(own)s::text::xid8"
        params = {
            "version": cursor.pulled_version,
            "xmin": str(cursor.pulled_xmin),
            "own": str(own_xid),
        }
        top = cursor.pulled_version

        def read(
            table: str, names: Sequence[str], where: str = changed, args: Any = params
        ) -> list[Row]:
            nonlocal top
            found = list(
                conn.execute(
                    f"SELECT {columns.select(table, names)}, deleted, version FROM {table} "
                    f"WHERE {where} ORDER BY version",
                    args,
                )
            )
            if found:
                top = max(top, max(int(r[-1]) for r in found))
            if own_xid and where is changed:  # our own rows count for the cursor too
                mine = conn.execute(
                    f"SELECT max(version) FROM {table} WHERE writer_xid = %(own)s::text::xid8",
                    params,
                ).fetchone()
                if mine is not None and mine[0] is not None:
                    top = max(top, int(mine[0]))
            return [r[:-1] for r in found]

        rows.coders = [
            (str(u), str(n)) for u, n in conn.execute("SELECT uuid::text, name FROM coders")
        ]
        rows.tags = read("tags", (*TAG_COLUMNS, *TAG_STAMP_COLUMNS))
        article_names = (*ARTICLE_COLUMNS, *ARTICLE_STAMP_COLUMNS)
        rows.articles = read("articles", article_names)
        rows.annotations = read("annotations", ANNOTATION_COLUMNS)
        rows.relations = read("relations", RELATION_COLUMNS)
        rows.assignments = read("assignments", ASSIGNMENT_COLUMNS)
        # Rows older than the cursor that this login may read only now: articles newly
        # assigned to it, and the annotations of articles the lead has opened.
        pulled = {r[0] for r in rows.articles}
        wanted = sorted({r[0] for r in rows.assignments if not r[-1]} - pulled)
        if wanted:
            rows.articles += read("articles", article_names, "uuid = ANY(%s::uuid[])", [wanted])
        if columns.has("articles", "opened") and cursor.pulled_version:
            opened = [r[0] for r in rows.articles if not r[-1]]
            if opened:
                now_open = "article_uuid = ANY(%s::uuid[]) AND article_uuid IN " + (
                    "(SELECT uuid FROM articles WHERE opened)"
                )
                known = {r[0] for r in rows.annotations}
                rows.annotations += [
                    r
                    for r in read("annotations", ANNOTATION_COLUMNS, now_open, [opened])
                    if r[0] not in known
                ]
    return Pulled(rows, top, xmin)

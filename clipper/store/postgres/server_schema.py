"""The team server's schema: versioned migrations, recorded in ``clipper_server_migrations``.

Like the local database's (:mod:`clipper.store.schema`), migrations are appended, never
edited: each runs once, in one transaction with its record, under an advisory lock (two
``clipper server init`` at once wait for each other). The tables live in schema ``public`` of
the database given; ids are the local UUIDs. Every synced table has ``version`` (from ONE
sequence, ``clipper_version_seq``) and ``writer_xid`` (the writing transaction), both set by a
trigger on every insert and update whatever the client sends, and ``deleted`` tombstones:
a pull asks for ``version > cursor`` (indexed). Roles and row-level security are
:mod:`.roles`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clipper.errors import ServerSchemaMismatch

from . import roles, sync_queries

if TYPE_CHECKING:
    import psycopg

#: Taken while migrating (``pg_advisory_xact_lock``): "clipper" in ASCII.
_MIGRATION_LOCK = 0x636C6970706572

MIGRATIONS_TABLE = "clipper_server_migrations"
#: The tables a sync pushes and pulls (each with version, writer_xid and the trigger).
SYNCED_TABLES = ("coders", "tags", "articles", "annotations", "relations", "assignments")

_TABLES = """
CREATE SEQUENCE clipper_version_seq;

-- Sets version and writer_xid on every insert and update, whatever the client sent.
-- SECURITY DEFINER: coders need no right on the sequence (they cannot burn or reset it).
CREATE FUNCTION clipper_stamp_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    NEW.version := nextval('public.clipper_version_seq');
    NEW.writer_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

CREATE TABLE coders (
    uuid uuid PRIMARY KEY,
    name text NOT NULL UNIQUE,
    login text UNIQUE,
    role text NOT NULL DEFAULT 'coder' CHECK (role IN ('coder', 'lead', 'analyst')),
    created_at timestamptz NOT NULL DEFAULT now(),
    version bigint NOT NULL DEFAULT 0,
    writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE tags (
    uuid uuid PRIMARY KEY,
    name text NOT NULL,
    label text,
    colour text,
    shortcut text,
    position integer NOT NULL DEFAULT 0,
    builtin boolean NOT NULL DEFAULT false,
    version bigint NOT NULL DEFAULT 0,
    writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted boolean NOT NULL DEFAULT false
);
-- A deleted tag's name may be used again: unique among live tags only.
CREATE UNIQUE INDEX tags_live_name ON tags (name) WHERE NOT deleted;

CREATE TABLE articles (
    uuid uuid PRIMARY KEY,
    title text,
    text text NOT NULL,
    length integer NOT NULL CHECK (length >= 0),
    outlet text,
    author text,
    published text,
    url text,
    source_name text,
    source_kind text,
    language text,
    imported_at timestamptz,
    content_hash text,
    metadata_updated_at timestamptz,
    opened boolean NOT NULL DEFAULT false,  -- the lead lifted blind coding
    version bigint NOT NULL DEFAULT 0,
    writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX articles_by_content_hash ON articles (content_hash);

CREATE TABLE annotations (
    uuid uuid PRIMARY KEY,
    article_uuid uuid NOT NULL REFERENCES articles (uuid),
    coder_uuid uuid NOT NULL REFERENCES coders (uuid),
    start integer NOT NULL,
    "end" integer NOT NULL,
    tag text NOT NULL,
    text text,
    note text,
    origin text,
    origin_detail text,
    status text,
    page integer,
    created_at timestamptz,
    updated_at timestamptz,
    attributes jsonb NOT NULL DEFAULT '{}',
    version bigint NOT NULL DEFAULT 0,
    writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted boolean NOT NULL DEFAULT false,
    CHECK (0 <= start AND start <= "end")
);
CREATE INDEX annotations_by_article ON annotations (article_uuid);
CREATE INDEX annotations_by_coder ON annotations (coder_uuid, article_uuid);

CREATE TABLE relations (
    uuid uuid PRIMARY KEY,
    from_uuid uuid NOT NULL REFERENCES annotations (uuid),
    to_uuid uuid NOT NULL REFERENCES annotations (uuid),
    type text NOT NULL,
    coder_uuid uuid NOT NULL REFERENCES coders (uuid),  -- the from-annotation's coder
    created_at timestamptz,
    version bigint NOT NULL DEFAULT 0,
    writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX relations_by_from ON relations (from_uuid);
CREATE INDEX relations_by_to ON relations (to_uuid);

CREATE TABLE assignments (
    article_uuid uuid NOT NULL REFERENCES articles (uuid),
    coder_uuid uuid NOT NULL REFERENCES coders (uuid),
    assigned_by text NOT NULL DEFAULT current_user,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    done_at timestamptz,
    version bigint NOT NULL DEFAULT 0,
    writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (article_uuid, coder_uuid)
);
CREATE INDEX assignments_by_coder ON assignments (coder_uuid);
"""


def _versioned(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_version BEFORE INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION clipper_stamp_version();
CREATE INDEX {table}_by_version ON {table} (version);
"""


def _tables(conn: psycopg.Connection[Any]) -> None:
    conn.execute(_TABLES)
    for table in SYNCED_TABLES:
        conn.execute(_versioned(table))


#: (name, step) in order; a step runs in the migrating transaction. Append only.
MIGRATIONS: list[tuple[str, Callable[[psycopg.Connection[Any]], None]]] = [
    ("0001_tables", _tables),
    ("0002_roles_and_row_security", roles.install_security),
    ("0003_sync", sync_queries.install_sync_support),  # teamsync
]
SERVER_MIGRATION_NAMES = [name for name, _ in MIGRATIONS]
#: The schema version this Clipper writes and expects (the number of migrations).
SERVER_SCHEMA_VERSION = len(MIGRATIONS)


def applied_migrations(conn: psycopg.Connection[Any]) -> list[str] | None:
    """The names of the migrations applied (``None``: no Clipper schema in this database)."""
    row = conn.execute("SELECT to_regclass(%s)", (f"public.{MIGRATIONS_TABLE}",)).fetchone()
    if row is None or row[0] is None:
        return None
    rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY name").fetchall()
    return [name for (name,) in rows]


def migrate(conn: psycopg.Connection[Any], *, upto: int | None = None) -> list[str]:
    """Create or upgrade the schema (the first ``upto`` migrations; all by default) in one
    transaction; the names applied now (``[]``: it was up to date). Refuses a database that
    a newer Clipper set up."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
            "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = set(applied_migrations(conn) or [])
        _refuse_newer(done)
        applied = []
        for name, step in MIGRATIONS[:upto]:
            if name in done:
                continue
            step(conn)
            conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s)", (name,))
            applied.append(name)
    return applied


def _refuse_newer(done: set[str]) -> None:
    unknown = sorted(done - set(SERVER_MIGRATION_NAMES))
    if unknown:
        raise ServerSchemaMismatch(
            f"the team database was set up by a newer version of Clipper (it has {unknown[-1]}); "
            "update Clipper on this computer"
        )


def check_schema(conn: psycopg.Connection[Any]) -> None:
    """Refuse, in words, a database without the Clipper schema, or with an older or newer
    one than this Clipper's (:class:`ServerSchemaMismatch`)."""
    done = applied_migrations(conn)
    if not done:
        raise ServerSchemaMismatch(
            "this database has no Clipper team schema yet; the team's administrator sets it "
            "up with: clipper server init URL"
        )
    _refuse_newer(set(done))
    missing = [name for name in SERVER_MIGRATION_NAMES if name not in done]
    if missing:
        raise ServerSchemaMismatch(
            "the team database was set up by an older version of Clipper; the team's "
            "administrator upgrades it with: clipper server init URL"
        )

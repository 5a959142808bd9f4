"""clipper server init on a real PostgreSQL: migrations recorded, idempotent, upgrades an
older schema, refuses a newer one; versions from the trigger; forced row-level security."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from server_rows import add_annotation, add_article

from clipper.errors import ServerSchemaMismatch
from clipper.operations import team_server
from clipper.store.postgres import server_schema
from clipper.store.postgres.server_schema import SERVER_MIGRATION_NAMES, SYNCED_TABLES

pytestmark = pytest.mark.postgres


def _policies(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT tablename, policyname FROM pg_policies ORDER BY 1, 2"
        ).fetchall()


def test_init_records_every_migration(pg_url: str) -> None:
    report = team_server.init_server(pg_url)
    assert report.applied == SERVER_MIGRATION_NAMES == report.schema
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT name, applied_at IS NOT NULL FROM clipper_server_migrations ORDER BY name"
        ).fetchall()
    assert rows == [(name, True) for name in SERVER_MIGRATION_NAMES]


def test_init_twice_is_a_no_op(pg_url: str) -> None:
    team_server.init_server(pg_url)
    with psycopg.connect(pg_url) as conn:
        article = add_article(conn)
    policies = _policies(pg_url)
    again = team_server.init_server(pg_url)
    assert again.applied == [] and again.schema == SERVER_MIGRATION_NAMES
    assert _policies(pg_url) == policies
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT uuid::text FROM articles").fetchall() == [(article,)]
        assert conn.execute("SELECT count(*) FROM clipper_server_migrations").fetchone() == (
            len(SERVER_MIGRATION_NAMES),
        )


def test_init_upgrades_an_older_schema_and_keeps_its_rows(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        assert server_schema.migrate(conn, upto=1) == SERVER_MIGRATION_NAMES[:1]
        article = add_article(conn)
    with pytest.raises(ServerSchemaMismatch, match="older version"):
        team_server.server_status(pg_url)
    assert team_server.init_server(pg_url).applied == SERVER_MIGRATION_NAMES[1:]
    status = team_server.server_status(pg_url)
    assert status.articles == 1 and status.schema == SERVER_MIGRATION_NAMES
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT uuid::text FROM articles").fetchall() == [(article,)]


def test_a_schema_from_a_newer_clipper_is_refused(pg_url: str) -> None:
    team_server.init_server(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO clipper_server_migrations (name) VALUES ('9999_future')")
    with pytest.raises(ServerSchemaMismatch, match="newer version of Clipper"):
        team_server.init_server(pg_url)
    with pytest.raises(ServerSchemaMismatch, match="newer version of Clipper"):
        team_server.server_status(pg_url)


def test_a_database_without_the_schema_says_to_run_init(pg_url: str) -> None:
    with pytest.raises(ServerSchemaMismatch, match="clipper server init"):
        team_server.server_status(pg_url)


def test_every_table_has_row_security_enabled_and_forced(pg_url: str) -> None:
    team_server.init_server(pg_url)
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname"
        ).fetchall()
    tables = {*SYNCED_TABLES, "clipper_server_migrations"}
    assert {name for name, _, _ in rows} == tables
    assert all(enabled and forced for _, enabled, forced in rows)


def test_every_write_gets_a_higher_version_from_the_trigger(pg_url: str) -> None:
    team_server.init_server(pg_url)
    coder = team_server.add_server_coder(pg_url, "versioned coder")
    seen: list[int] = []
    with psycopg.connect(pg_url) as conn:
        version_of = "SELECT version, writer_xid::text FROM {} WHERE uuid = %s"
        article = add_article(conn)
        conn.commit()
        seen.append(conn.execute(version_of.format("articles"), (article,)).fetchone()[0])
        annotation = add_annotation(conn, article, coder.uuid)
        xid = conn.execute("SELECT pg_current_xact_id()::text").fetchone()[0]
        row = conn.execute(version_of.format("annotations"), (annotation,)).fetchone()
        assert row[1] == xid  # the writing transaction
        seen.append(row[0])
        conn.commit()
        # The client cannot choose its version or writer.
        conn.execute(
            "UPDATE annotations SET note = 'n', version = 1, writer_xid = '1' WHERE uuid = %s",
            (annotation,),
        )
        seen.append(conn.execute(version_of.format("annotations"), (annotation,)).fetchone()[0])
        conn.execute("UPDATE articles SET title = 'new' WHERE uuid = %s", (article,))
        seen.append(conn.execute(version_of.format("articles"), (article,)).fetchone()[0])
        conn.execute(
            "INSERT INTO tags (uuid, name, version) VALUES (gen_random_uuid(), 'figure', 1)"
        )
        seen.append(conn.execute("SELECT version FROM tags").fetchone()[0])
    assert seen == sorted(seen) and len(set(seen)) == len(seen) and seen[0] > 0
    assert seen[2] > 1 and seen[-1] > 1


def test_a_pull_by_version_uses_an_index(pg_url: str) -> None:
    team_server.init_server(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("SET enable_seqscan = off")
        for table in SYNCED_TABLES:
            plan = conn.execute(
                f"EXPLAIN SELECT * FROM {table} WHERE version > 10 ORDER BY version"
            ).fetchall()
            assert any(f"{table}_by_version" in line for (line,) in plan), (table, plan)


def test_deleted_tags_free_their_name(pg_url: str) -> None:
    team_server.init_server(pg_url)
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO tags (uuid, name) VALUES (gen_random_uuid(), 'quote')")
        with pytest.raises(psycopg.errors.UniqueViolation), conn.transaction():
            conn.execute("INSERT INTO tags (uuid, name) VALUES (gen_random_uuid(), 'quote')")
        conn.execute("UPDATE tags SET deleted = true")
        conn.execute("INSERT INTO tags (uuid, name) VALUES (gen_random_uuid(), 'quote')")


def test_two_inits_at_once_apply_each_migration_once(pg_url: str) -> None:
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(team_server.init_server, [pg_url, pg_url]))
    applied = sorted((r.applied for r in reports), key=len)
    assert applied == [[], SERVER_MIGRATION_NAMES]

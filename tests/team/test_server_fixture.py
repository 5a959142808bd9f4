"""The test server itself: it runs, answers on its socket only, and makes databases."""

from __future__ import annotations

import pytest
from postgres_harness import PostgresServer

pytestmark = pytest.mark.postgres


def test_each_database_is_new_and_reached_over_the_socket(postgres_server: PostgresServer) -> None:
    import psycopg

    first, second = postgres_server.new_database(), postgres_server.new_database()
    assert first != second
    with psycopg.connect(first) as conn:
        conn.execute("CREATE TABLE t (x int)")
        row = conn.execute(
            "SELECT current_setting('listen_addresses'), inet_server_addr() IS NULL"
        ).fetchone()
        assert row == ("", True)  # no TCP port; this connection is a unix socket
    with psycopg.connect(second) as conn:
        assert conn.execute("SELECT to_regclass('t')").fetchone() == (None,)


def test_as_role_connects_as_that_login(postgres_server: PostgresServer) -> None:
    import psycopg

    url = postgres_server.new_database()
    postgres_server.run_sql("CREATE ROLE fixture_someone LOGIN")
    with psycopg.connect(postgres_server.as_role(url, "fixture_someone")) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("fixture_someone",)

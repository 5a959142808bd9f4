"""Fixtures of the team-server tests: ``postgres_server`` (one real PostgreSQL for the
session; see :mod:`postgres_harness` for how it starts, also as root) and ``pg_url`` (a fresh
database per test). Mark tests that use them ``@pytest.mark.postgres``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from postgres_harness import PostgresServer, postgres_bindir, start_server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL for the whole session (see the module's docstring)."""
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin, no pg_ctl on PATH): "
            "apt-get install postgresql"
        )
    server = start_server(bindir)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.socket_dir, ignore_errors=True)


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """A fresh database for one test (the administrator's URL)."""
    return postgres_server.new_database()

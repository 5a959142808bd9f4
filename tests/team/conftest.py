"""Fixtures of the team-server tests: ``postgres_server`` (one real PostgreSQL for the
session; see :mod:`postgres_harness` for how it starts, also as root) and ``pg_url`` (a fresh
database per test). Mark tests that use them ``@pytest.mark.postgres``. ``window``: the real
main window on alice's database, for the team GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from postgres_harness import PostgresServer, postgres_bindir, start_server

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clipper.gui.main_window import MainWindow


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


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """A fresh database for one test (the administrator's URL)."""
    return postgres_server.new_database()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The real main window on alice's database (the team GUI tests)."""
    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings
    from clipper.gui.workers import Job

    w = create_main_window(tmp_path / "alice.db", settings=Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert Job.shutdown_all(10_000)
    w.close()
    w.controller.close()

"""Connecting to the team server: logins made by add-coder, passwords, TLS preference, and
errors in words (missing driver, unreachable server, refused login)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from postgres_harness import PASSWORD_GROUP, PostgresServer

from clipper.errors import NotFound, ServerAuthFailed, ServerUnreachable
from clipper.operations import team_server
from clipper.store.postgres.connection import connect, describe

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).parents[2]


def _login(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def test_add_coder_makes_a_login_that_can_connect(
    pg_url: str, postgres_server: PostgresServer
) -> None:
    team_server.init_server(pg_url)
    login = _login("carol")
    coder = team_server.add_server_coder(pg_url, "Carol", login=login)
    assert (coder.login, coder.role) == (login, "coder")
    with connect(postgres_server.as_role(pg_url, login)) as conn:
        row = conn.execute("SELECT current_user, clipper_my_role(), clipper_my_coder()::text")
        assert row.fetchone() == (login, "coder", coder.uuid)
        groups = conn.execute(
            "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = current_user"
        ).fetchall()
        assert groups == [("clipper_coder",)]
    # Changing the role moves the login to the other group.
    assert team_server.add_server_coder(pg_url, "Carol", role="lead", login=login).role == "lead"
    with connect(postgres_server.as_role(pg_url, login)) as conn:
        assert conn.execute("SELECT clipper_my_role()").fetchone() == ("lead",)
        assert conn.execute("SELECT pg_has_role('clipper_coder', 'MEMBER')").fetchone() == (False,)


def test_a_password_login_is_checked_by_the_server(
    pg_url: str, postgres_server: PostgresServer
) -> None:
    team_server.init_server(pg_url)
    login = _login("dora")
    team_server.add_server_coder(pg_url, "Dora", login=login, password="s3cret wörd")
    postgres_server.run_sql(f"GRANT {PASSWORD_GROUP} TO {login}")  # this login: passwords
    with connect(postgres_server.as_role(pg_url, login, "s3cret wörd")) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (login,)
    with psycopg.connect(pg_url) as admin:
        verifier = admin.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (login,)
        ).fetchone()
    assert verifier is not None and verifier[0].startswith("SCRAM-SHA-256$")
    assert "s3cret" not in verifier[0]
    for wrong in ("nope", ""):
        with pytest.raises(ServerAuthFailed, match="refused the login") as caught:
            connect(postgres_server.as_role(pg_url, login, wrong))
        assert "nope" not in caught.value.message


def test_an_unreachable_server_is_said_in_words() -> None:
    with tempfile.TemporaryDirectory() as empty:  # a socket folder with no server
        url = f"postgresql://someone@{empty.replace('/', '%2F')}/team"
        with pytest.raises(ServerUnreachable, match="cannot reach the team server") as caught:
            team_server.server_status(url)
    assert empty in caught.value.message and "PostgreSQL is running" in caught.value.message


def test_a_missing_database_is_said_in_words(postgres_server: PostgresServer) -> None:
    with pytest.raises(NotFound, match="does not exist"):
        team_server.init_server(postgres_server.url("no_such_database"))


def test_tls_is_preferred_unless_the_url_says(pg_url: str) -> None:
    def sslmode(url: str) -> str:
        with connect(url) as conn:
            options = {o.keyword: o.val for o in conn.pgconn.info}
            return (options[b"sslmode"] or b"").decode()

    assert sslmode(pg_url) == "prefer"
    assert sslmode(pg_url + "?sslmode=disable") == "disable"


def test_messages_never_show_the_password() -> None:
    assert describe("postgresql://ann:hunter2@db.example.org:5433/team") == (
        "ann@db.example.org:5433/team"
    )


def _cli_without_psycopg(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a Python where psycopg cannot be imported (as if it were not installed)."""
    code = (
        "import sys; sys.modules['psycopg'] = None; "
        "from clipper.cli import main; main(sys.argv[1:])"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_without_psycopg_the_server_commands_say_how_to_install_it() -> None:
    result = _cli_without_psycopg("server", "status", "postgresql:///team")
    assert result.returncode == 1
    assert 'pip install "clipper[team]"' in result.stderr and "Traceback" not in result.stderr
    as_json = _cli_without_psycopg("server", "init", "postgresql:///team", "--json")
    assert as_json.returncode != 0


def test_clipper_works_without_psycopg(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Sales rose 12% on Tuesday.", encoding="utf-8")
    result = _cli_without_psycopg("--db", str(tmp_path / "c.db"), "import", str(text))
    assert result.returncode == 0, result.stderr
    listed = _cli_without_psycopg("--db", str(tmp_path / "c.db"), "articles")
    assert listed.returncode == 0 and "Sales rose" in listed.stdout, listed.stderr
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, clipper.cli, clipper.operations.team_server; "
            "print('psycopg' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    assert imported.stdout.strip() == "False"


def test_without_keyring_no_password_is_kept_anywhere(tmp_path: Path) -> None:
    """Clipper writes no password file; without the keyring package it keeps nothing."""
    code = (
        "import sys; sys.modules['keyring'] = None; "
        "from clipper.store.postgres.connection import remember_password, keyring_password; "
        "url = 'postgresql://ann@db.example.org/team'; "
        "print(remember_password(url, 'pw'), keyring_password(url))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=True,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.stdout.split() == ["False", "None"]
    assert list(tmp_path.iterdir()) == []

"""clipper server … on a real PostgreSQL: the commands a lead types to set up a team."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from click.testing import CliRunner
from postgres_harness import PASSWORD_GROUP, PostgresServer
from server_rows import add_article

from clipper.cli import cli
from clipper.store.postgres.server_schema import SERVER_MIGRATION_NAMES

pytestmark = pytest.mark.postgres


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_lead_sets_up_a_team_from_the_command_line(
    pg_url: str, postgres_server: PostgresServer
) -> None:
    code, out, _ = run("server", "init", pg_url)
    assert code == 0 and ", ".join(SERVER_MIGRATION_NAMES) in out
    code, out, _ = run("server", "init", pg_url)
    assert code == 0 and "up to date" in out

    suffix = uuid.uuid4().hex[:8]
    lead, alice = f"lena_{suffix}", f"alice_{suffix}"
    code, out, _ = run("server", "add-coder", pg_url, "Lena", "--role", "lead", "--login", lead)
    assert code == 0 and out.split("\t")[:3] == ["Lena", lead, "lead"]
    code, out, err = run(
        "server",
        "add-coder",
        pg_url,
        "Alice",
        "--login",
        alice,
        "--password-prompt",
        stdin="pässword\npässword\n",
    )
    assert code == 0, err
    assert out.strip().splitlines()[-1].split("\t")[:3] == ["Alice", alice, "coder"]
    postgres_server.run_sql(f"GRANT {PASSWORD_GROUP} TO {alice}")
    with psycopg.connect(postgres_server.as_role(pg_url, alice, "pässword")) as conn:
        assert conn.execute("SELECT clipper_my_role()").fetchone() == ("coder",)

    with psycopg.connect(pg_url) as conn:
        articles = [add_article(conn) for _ in range(3)]
    lead_url = postgres_server.as_role(pg_url, lead)
    code, out, _ = run("server", "assign", lead_url, "--coder", "Alice", articles[0])
    assert code == 0 and out.strip() == "assigned 1 article to Alice"
    code, out, _ = run("server", "assign", lead_url, "--coder", alice, "--all-unassigned")
    assert code == 0 and out.strip() == "assigned 2 articles to " + alice
    code, out, _ = run("server", "open", lead_url, *articles[:2])
    assert code == 0 and out.strip() == "opened 2 articles"

    code, out, _ = run("server", "status", lead_url)
    assert code == 0 and "articles 3 (opened 2, unassigned 0)" in out
    assert "Alice\tcoder\t3\t0\t0\t0" in out.splitlines()
    code, out, _ = run("server", "status", lead_url, "--json")
    record = json.loads(out)
    assert record["schema"] == SERVER_MIGRATION_NAMES and record["articles"] == 3
    alice_row = next(c for c in record["coders"] if c["name"] == "Alice")
    assert alice_row == {
        "name": "Alice",
        "login": alice,
        "role": "coder",
        "assigned": 3,
        "annotated": 0,
        "done": 0,
        "annotations": 0,
    }


def test_refusals_are_clear_and_change_nothing(
    pg_url: str, postgres_server: PostgresServer
) -> None:
    run("server", "init", pg_url)
    coder = f"bob_{uuid.uuid4().hex[:8]}"
    run("server", "add-coder", pg_url, "Bob", "--login", coder)
    with psycopg.connect(pg_url) as conn:
        article = add_article(conn)
    code, _, err = run("server", "assign", pg_url, "--coder", "Bob")
    assert code != 0 and "--all-unassigned" in err
    missing = str(uuid.uuid4())
    code, _, err = run("server", "assign", pg_url, "--coder", "Bob", article, missing)
    assert code == 1 and f"no article {missing}" in err
    code, _, err = run("server", "assign", pg_url, "--coder", "Nobody", article)
    assert code == 1 and "no coder 'Nobody'" in err
    code, _, err = run("server", "assign", pg_url, "--coder", "Bob", "not-a-uuid")
    assert code == 1 and "not an article UUID" in err
    code, _, err = run("server", "add-coder", pg_url, "Eve", "--login", "Bad Login")
    assert code == 1 and "not a login name" in err
    # A coder may not assign or open: the server says no.
    as_bob = postgres_server.as_role(pg_url, coder)
    code, _, err = run("server", "open", as_bob, article)
    assert code == 1 and "refused this for your login" in err, err
    code, _, err = run("server", "assign", as_bob, "--coder", "Bob", article)
    assert code == 1 and "refused this for your login" in err, err
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM assignments").fetchone() == (0,)
        assert conn.execute("SELECT opened FROM articles").fetchone() == (False,)


def test_an_unreachable_server_from_the_command_line(tmp_path: object) -> None:
    url = f"postgresql://x@{str(tmp_path).replace('/', '%2F')}/team"
    code, _, err = run("server", "status", url)
    assert code == 1 and err.startswith("clipper: error: cannot reach the team server")
    code, _, err = run("server", "status", url, "--json")
    assert code == 1 and json.loads(err)["error"] == "server_unreachable"
    code, _, err = run("server", "init", "not a url at all")
    assert code == 1 and "not a PostgreSQL address" in err

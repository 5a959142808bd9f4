"""Roles and row-level security, enforced by PostgreSQL: tested by connecting AS each role
and writing raw SQL (what a modified client could send)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from postgres_harness import PostgresServer
from server_rows import Team, add_annotation, add_article, make_team

from clipper.errors import ServerPermissionDenied
from clipper.operations import team_server
from clipper.store.postgres import assignments

pytestmark = pytest.mark.postgres

Refused = psycopg.errors.InsufficientPrivilege  # SQLSTATE 42501: privileges and RLS


@pytest.fixture
def team(postgres_server: PostgresServer) -> Team:
    return make_team(postgres_server)


@pytest.fixture
def as_alice(team: Team) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(team.alice, autocommit=True) as conn:
        yield conn


def _annotation(team: Team, annotation: str) -> tuple[Any, ...]:
    with psycopg.connect(team.admin) as conn:
        row = conn.execute(
            'SELECT coder_uuid::text, start, "end", note, deleted FROM annotations WHERE uuid = %s',
            (annotation,),
        ).fetchone()
    assert row is not None
    return tuple(row)


def _visible(conn: psycopg.Connection[Any], table: str = "annotations") -> set[str]:
    return {r[0] for r in conn.execute(f"SELECT uuid::text FROM {table}").fetchall()}


def test_a_coder_writes_their_own_annotations(team: Team, as_alice: Any) -> None:
    own = team.annotations[(0, "alice")]
    as_alice.execute("UPDATE annotations SET note = 'mine', deleted = true WHERE uuid = %s", (own,))
    assert _annotation(team, own)[3:] == ("mine", True)
    new = add_annotation(as_alice, team.articles[1], team.alice_uuid, 6, 10)
    assert _annotation(team, new)[0] == team.alice_uuid


def test_a_coder_cannot_insert_an_annotation_as_another_coder(team: Team, as_alice: Any) -> None:
    with pytest.raises(Refused, match="row-level security"):
        add_annotation(as_alice, team.articles[0], team.bob_uuid)
    with psycopg.connect(team.admin) as conn:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (4,)


def test_a_coder_cannot_change_another_coders_annotation(team: Team, as_alice: Any) -> None:
    theirs = team.annotations[(0, "bob")]
    before = _annotation(team, theirs)
    team_server.open_articles(team.lead, [team.articles[0]])  # now visible to alice
    assert theirs in _visible(as_alice)
    cursor = as_alice.execute("UPDATE annotations SET note = 'hijacked' WHERE uuid = %s", (theirs,))
    assert cursor.rowcount == 0  # the server does not let her reach the row
    cursor = as_alice.execute(
        "UPDATE annotations SET deleted = true WHERE coder_uuid = %s", (team.bob_uuid,)
    )
    assert cursor.rowcount == 0
    # An upsert over bob's row is refused outright.
    with pytest.raises(Refused, match="row-level security"):
        as_alice.execute(
            'INSERT INTO annotations (uuid, article_uuid, coder_uuid, start, "end", tag) '
            "VALUES (%s, %s, %s, 0, 1, 'x') ON CONFLICT (uuid) DO UPDATE SET note = 'hijacked'",
            (theirs, team.articles[0], team.alice_uuid),
        )
    # Handing her own annotation to bob is refused too.
    with pytest.raises(Refused, match="row-level security"):
        as_alice.execute(
            "UPDATE annotations SET coder_uuid = %s WHERE uuid = %s",
            (team.bob_uuid, team.annotations[(0, "alice")]),
        )
    assert _annotation(team, theirs)[:4] == before[:4]
    assert _annotation(team, theirs)[4] is False


def test_nobody_but_the_lead_deletes_rows(team: Team, as_alice: Any) -> None:
    own = team.annotations[(0, "alice")]
    for table in ("annotations", "articles", "relations", "assignments", "tags", "coders"):
        with pytest.raises(Refused, match="permission denied"):
            as_alice.execute(f"DELETE FROM {table}")
    with pytest.raises(Refused, match="permission denied"):
        as_alice.execute("TRUNCATE annotations")
    assert _annotation(team, own)[0] == team.alice_uuid
    with psycopg.connect(team.analyst, autocommit=True) as conn, pytest.raises(Refused):
        conn.execute("DELETE FROM annotations")
    with psycopg.connect(team.lead) as conn:
        assert conn.execute("DELETE FROM annotations WHERE uuid = %s", (own,)).rowcount == 1


def test_a_coder_cannot_write_articles_tags_or_coders(team: Team, as_alice: Any) -> None:
    with pytest.raises(Refused):
        add_article(as_alice)
    with pytest.raises(Refused):
        as_alice.execute("INSERT INTO tags (uuid, name) VALUES (gen_random_uuid(), 'mine')")
    with pytest.raises(Refused):
        as_alice.execute("UPDATE articles SET opened = true")
    with pytest.raises(Refused):
        as_alice.execute("UPDATE coders SET role = 'lead'")
    with pytest.raises(Refused):
        as_alice.execute("UPDATE clipper_server_migrations SET name = 'x'")


def test_an_analyst_reads_everything_and_writes_nothing(team: Team) -> None:
    with psycopg.connect(team.analyst, autocommit=True) as conn:
        assert _visible(conn) == set(team.annotations.values())
        assert len(_visible(conn, "articles")) == 2
        with pytest.raises(Refused):
            add_annotation(conn, team.articles[0], team.alice_uuid)
        with pytest.raises(Refused):
            conn.execute("UPDATE annotations SET note = 'x'")
        with pytest.raises(Refused):
            add_article(conn)
        with pytest.raises(Refused):
            conn.execute("UPDATE assignments SET done_at = now()")
    with pytest.raises(ServerPermissionDenied):
        team_server.open_articles(team.analyst, [team.articles[0]])


def test_blind_coding_until_the_lead_opens_an_article(team: Team, as_alice: Any) -> None:
    own = {team.annotations[(0, "alice")], team.annotations[(1, "alice")]}
    bobs = team.annotations[(0, "bob")]
    assert _visible(as_alice) == own
    old_version = _version(team, bobs)
    assert team_server.open_articles(team.lead, [team.articles[0]]) == 1
    assert _visible(as_alice) == own | {bobs}  # not bob's on the other article
    # Opening bumps their versions, so an incremental pull brings them.
    assert _version(team, bobs) > old_version
    assert team_server.open_articles(team.lead, [team.articles[0]]) == 0


def _version(team: Team, annotation: str) -> int:
    with psycopg.connect(team.admin) as conn:
        row = conn.execute("SELECT version FROM annotations WHERE uuid = %s", (annotation,))
        return int(row.fetchone()[0])  # type: ignore[index]


def test_relations_belong_to_the_from_annotations_coder(team: Team, as_alice: Any) -> None:
    mine, theirs = team.annotations[(0, "alice")], team.annotations[(0, "bob")]
    relation = (
        "INSERT INTO relations (uuid, from_uuid, to_uuid, type, coder_uuid) "
        "VALUES (%s, %s, %s, 'supports', %s)"
    )
    as_alice.execute(relation, (str(uuid.uuid4()), mine, theirs, team.alice_uuid))
    with pytest.raises(Refused):  # from bob's annotation, even claiming to be hers
        as_alice.execute(relation, (str(uuid.uuid4()), theirs, mine, team.alice_uuid))
    with pytest.raises(Refused):
        as_alice.execute(relation, (str(uuid.uuid4()), theirs, mine, team.bob_uuid))
    with psycopg.connect(team.bob, autocommit=True) as conn:
        assert _visible(conn, "relations") == set()  # blind: alice's relation is hidden
        conn.execute(relation, (str(uuid.uuid4()), theirs, mine, team.bob_uuid))
    assert len(_visible(as_alice, "relations")) == 1


def test_the_lead_assigns_coders_mark_done_and_see_only_their_own(team: Team) -> None:
    alice, bob = team.names["alice"], team.names["bob"]
    assert team_server.assign_articles(team.lead, alice, [team.articles[0]]) == 1
    assert team_server.assign_articles(team.lead, alice, [team.articles[0]]) == 0
    assert team_server.assign_articles(team.lead, bob, all_unassigned=True) == 1
    assert team_server.assign_articles(team.lead, bob, all_unassigned=True) == 0
    with pytest.raises(ServerPermissionDenied, match="refused"):
        team_server.assign_articles(team.alice, alice, [team.articles[1]])
    with psycopg.connect(team.alice, autocommit=True) as conn:
        rows = conn.execute("SELECT article_uuid::text, coder_uuid::text FROM assignments")
        assert rows.fetchall() == [(team.articles[0], team.alice_uuid)]
        assert assignments.mark_done(conn, team.articles[0])
        assert not assignments.mark_done(conn, team.articles[1])  # bob's, not hers
        with pytest.raises(Refused):  # only done_at is hers to change
            conn.execute("UPDATE assignments SET coder_uuid = %s", (team.bob_uuid,))
    status = {c.name: c for c in team_server.server_status(team.lead).coders}
    assert (status[alice].assigned, status[alice].annotated, status[alice].done) == (1, 1, 1)
    assert (status[bob].assigned, status[bob].annotated, status[bob].done) == (1, 1, 0)
    assert status[alice].annotations == 2
    # A coder's status shows what she may see: her own assignments.
    mine = {c.name: c for c in team_server.server_status(team.alice).coders}
    assert mine[alice].assigned == 1 and mine[bob].assigned == 0


def test_a_login_that_is_no_coder_here_sees_nothing(
    team: Team, postgres_server: PostgresServer
) -> None:
    """Group roles are cluster-wide: a coder of another team database has no rights here."""
    other = postgres_server.new_database()
    team_server.init_server(other)
    stranger = team_server.add_server_coder(other, f"stranger {uuid.uuid4().hex[:8]}")
    with psycopg.connect(postgres_server.as_role(team.admin, stranger.login or "")) as conn:
        for table in ("articles", "annotations", "tags", "assignments"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        with pytest.raises(Refused):
            add_annotation(conn, team.articles[0], stranger.uuid)

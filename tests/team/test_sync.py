"""Syncing local databases through a real PostgreSQL team server (in-process syncs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_harness import PostgresServer
from sync_helpers import annotation_rows, article, make_team, relation_rows, run_sync

from clipper.operations.team_server import assign_articles, open_articles
from clipper.store import Store

pytestmark = pytest.mark.postgres


def _lead_with_articles(db: Path, url: str, count: int = 2) -> list[str]:
    with Store(db) as store:
        uuids = [store.add_article(article(n)).uuid for n in range(count)]
    report = run_sync(db, url)
    assert report.pushed >= count
    return uuids


def test_round_trip_keeps_uuids_coders_attributes_relations(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "alice", "bob")
    lead, alice, bob = tmp_path / "lead.db", tmp_path / "alice.db", tmp_path / "bob.db"
    uuids = _lead_with_articles(lead, team.lead)

    first = run_sync(alice, team.coders["alice"])
    assert first.pulled >= 2 and first.conflicts == []
    with Store(alice) as store:
        article_id = store.find_article_by_uuid(uuids[0])
        assert article_id is not None
        quote = store.add_annotation(article_id, 0, 10, "quote", "a note", coder="alice")
        person = store.add_annotation(article_id, 11, 20, "person", coder="alice")
        store.set_attributes(quote.id, {"speaker": "Ann", "confidence": 3})
        store.add_relation(quote.id, person.id, "said_by")
    pushed = run_sync(alice, team.coders["alice"])
    assert pushed.pushed == 3  # two annotations, one relation
    expected = annotation_rows(alice)

    # Blind coding: bob does not receive alice's annotations until the lead opens the article.
    run_sync(bob, team.coders["bob"])
    assert annotation_rows(bob) == set()
    open_articles(team.lead, [uuids[0]])
    run_sync(bob, team.coders["bob"])
    assert annotation_rows(bob) == expected
    assert relation_rows(bob) == relation_rows(alice) and len(relation_rows(bob)) == 1

    run_sync(lead, team.lead)
    assert annotation_rows(lead) == expected
    assert relation_rows(lead) == relation_rows(alice)
    with Store(lead) as store:
        assert store.get_coder("alice").uuid == Store(alice).get_coder("alice").uuid


def test_sync_again_changes_nothing(postgres_server: PostgresServer, tmp_path: Path) -> None:
    team = make_team(postgres_server, "alice")
    lead, alice = tmp_path / "lead.db", tmp_path / "alice.db"
    uuids = _lead_with_articles(lead, team.lead)
    run_sync(alice, team.coders["alice"])
    with Store(alice) as store:
        article_id = store.find_article_by_uuid(uuids[1])
        assert article_id is not None
        store.add_annotation(article_id, 0, 5, "figure", coder="alice")
    run_sync(alice, team.coders["alice"])
    before = annotation_rows(alice)
    again = run_sync(alice, team.coders["alice"])
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, [])
    assert annotation_rows(alice) == before
    lead_again = run_sync(lead, team.lead)
    assert lead_again.pulled == 1
    assert run_sync(lead, team.lead).pulled == 0


def test_deletions_propagate_as_tombstones(postgres_server: PostgresServer, tmp_path: Path) -> None:
    team = make_team(postgres_server, "alice")
    lead, alice = tmp_path / "lead.db", tmp_path / "alice.db"
    uuids = _lead_with_articles(lead, team.lead, 3)
    run_sync(alice, team.coders["alice"])
    with Store(alice) as store:
        article_id = store.find_article_by_uuid(uuids[0])
        assert article_id is not None
        kept = store.add_annotation(article_id, 0, 5, "figure", coder="alice")
        gone = store.add_annotation(article_id, 6, 12, "quote", coder="alice")
    run_sync(alice, team.coders["alice"])
    run_sync(lead, team.lead)
    assert {r[0] for r in annotation_rows(lead)} == {kept.uuid, gone.uuid}
    with Store(alice) as store:
        store.delete_annotation(gone.id)
    assert run_sync(alice, team.coders["alice"]).pushed == 1
    run_sync(lead, team.lead)
    assert {r[0] for r in annotation_rows(lead)} == {kept.uuid}
    # the lead deletes an article: it goes from the coder's database, annotations too
    with Store(lead) as store:
        article_id = store.find_article_by_uuid(uuids[0])
        assert article_id is not None
        store.delete_article(article_id)
    run_sync(lead, team.lead)
    run_sync(alice, team.coders["alice"])
    with Store(alice) as store:
        assert store.find_article_by_uuid(uuids[0]) is None
        assert store.count_articles() == 2
    assert annotation_rows(alice) == set()


def test_metadata_conflict_later_edit_wins_and_is_reported(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "carol")
    first, second = tmp_path / "lead1.db", tmp_path / "lead2.db"
    uuids = _lead_with_articles(first, team.lead, 1)
    run_sync(second, team.lead, coder="zed")
    with Store(second) as store:
        ident = store.find_article_by_uuid(uuids[0])
        assert ident is not None
        store.update_article(ident, title="Second's title")
    with Store(first) as store:
        ident = store.find_article_by_uuid(uuids[0])
        assert ident is not None
        store.update_article(ident, title="First's title (later)")
    early = run_sync(second, team.lead, coder="zed")
    assert early.conflicts == []
    late = run_sync(first, team.lead, coder="amy")
    assert [(c.entity, c.kept) for c in late.conflicts] == [("article", "local")]
    assert "First's title" in late.conflicts[0].describe() or late.conflicts[0].name
    back = run_sync(second, team.lead, coder="zed")
    assert back.conflicts == []
    with Store(second) as store:
        ident = store.find_article_by_uuid(uuids[0])
        assert ident is not None
        assert store.get_article(ident).title == "First's title (later)"


def test_assignments_are_pulled_with_progress(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "alice", "bob")
    lead, alice = tmp_path / "lead.db", tmp_path / "alice.db"
    uuids = _lead_with_articles(lead, team.lead, 3)
    assign_articles(team.lead, "alice", uuids[:2])
    assign_articles(team.lead, "bob", uuids[2:])
    run_sync(alice, team.coders["alice"])
    with Store(alice) as store:
        mine = store.list_assignments("alice")
        assert sorted(a.article_uuid for a in mine) == sorted(uuids[:2])
        assert store.list_assignments() == mine  # bob's are not alice's to see
        ident = store.find_article_by_uuid(uuids[0])
        assert ident is not None
        store.add_annotation(ident, 0, 5, "figure", coder="alice")
        progress = {a.article_uuid: a.annotations for a in store.list_assignments("alice")}
    assert progress == {uuids[0]: 1, uuids[1]: 0}


def test_the_leads_tags_reach_the_coders(postgres_server: PostgresServer, tmp_path: Path) -> None:
    team = make_team(postgres_server, "alice")
    lead, alice = tmp_path / "lead.db", tmp_path / "alice.db"
    with Store(lead) as store:
        store.add_tag("money", "Money", "#00aa00", "m")
    _lead_with_articles(lead, team.lead, 1)
    run_sync(alice, team.coders["alice"])
    with Store(alice) as store:
        assert (store.get_tag("money").label, store.get_tag("money").shortcut) == ("Money", "m")
        # a coder's own tag edit stays local and is said to be
        store.update_tag("money", label="Cash")
    report = run_sync(alice, team.coders["alice"])
    assert report.skipped == {"tags (your role cannot change them)": 1}
    with Store(lead) as store:
        store.update_tag("money", colour="#ff0000")
    run_sync(lead, team.lead)
    later = run_sync(alice, team.coders["alice"])
    assert [c.entity for c in later.conflicts] == ["tag"]
    assert later.conflicts[0].kept == "server"  # the lead's edit is the later one
    with Store(alice) as store:
        assert (store.get_tag("money").label, store.get_tag("money").colour) == (
            "Money",
            "#ff0000",
        )
    assert run_sync(alice, team.coders["alice"]).conflicts == []  # reported once

"""100,000 annotations through the team server (slow)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from postgres_harness import PostgresServer
from sync_helpers import article, bulk_annotate, make_team, run_sync

from clipper.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_100000_annotations_are_synced_whole(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "alice")
    lead, alice, fresh = tmp_path / "lead.db", tmp_path / "alice.db", tmp_path / "fresh.db"
    with Store(lead) as store, store.transaction():
        for n in range(500):
            store.add_article(article(n, words=400))
    run_sync(lead, team.lead)
    run_sync(alice, team.coders["alice"])
    made = bulk_annotate(alice, "alice", 200)
    assert len(made) == 100_000
    assert run_sync(alice, team.coders["alice"]).pushed == 100_000
    with psycopg.connect(team.lead) as conn:
        assert conn.execute(
            "SELECT count(*), count(DISTINCT uuid), count(*) FILTER (WHERE attributes <> '{}') "
            "FROM annotations"
        ).fetchone() == (100_000, 100_000, 10_000)
    assert run_sync(fresh, team.lead).pulled >= 100_000
    with Store(fresh) as store:
        assert {r[0] for r in store.db.execute("SELECT uuid FROM annotations")} == made
        assert store.db.execute("SELECT count(*) FROM annotation_attributes").fetchone() == (
            10_000,
        )
    again = run_sync(fresh, team.lead)
    assert (again.pushed, again.pulled) == (0, 0)

"""The local side of team sync (no server needed): the change log triggers, pulls that are
not logged, cursors, and what a push reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clipper.errors import DatabaseError
from clipper.model import ImportedArticle, coder_uuid, new_uuid
from clipper.operations.sync import server_key
from clipper.store import Store
from clipper.store.sync import PulledRows, later_wins


def _article(store: Store, n: int = 0) -> int:
    imported = ImportedArticle(
        text=f"Some text number {n} for the log.",
        title=f"T{n}",
        source_name="t.txt",
        source_kind="text",
    )
    return store.add_article(imported).id


def _log(store: Store) -> list[tuple[str, str]]:
    return [
        (r[0], r[1]) for r in store.db.execute("SELECT entity, uuid FROM sync_log ORDER BY seq")
    ]


def test_every_kind_of_change_is_logged(tmp_path: Path) -> None:
    store_tag_uuid = ""
    with Store(tmp_path / "a.db") as store:
        start = len(_log(store))
        article_id = _article(store)
        article_uuid = store.get_article(article_id).uuid
        one = store.add_annotation(article_id, 0, 4, "figure", coder="alice")
        two = store.add_annotation(article_id, 5, 9, "quote", coder="alice")
        store.set_attributes(one.id, {"unit": "%"})
        relation = store.add_relation(two.id, one.id, "said_by")
        store.update_article(article_id, title="New title")
        store.update_tag("figure", label="Number")
        store_tag_uuid = store.get_tag("figure").uuid
        store.delete_annotation(two.id)
        logged = _log(store)[start:]
    assert logged[:3] == [
        ("article", article_uuid),
        ("annotation", one.uuid),
        ("annotation", two.uuid),
    ]
    after = logged[3:]
    assert after.count(("annotation", one.uuid)) >= 1  # its attribute
    assert ("relation", relation.uuid) in after
    assert ("article", article_uuid) in after  # the title
    assert ("tag", store_tag_uuid) in after
    assert after[-2:] == [("relation", relation.uuid), ("annotation", two.uuid)] or after[-1] == (
        "annotation",
        two.uuid,
    )


def test_a_pull_is_not_logged_and_stores_its_cursor_in_the_same_transaction(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "a.db") as store:
        article_id = _article(store)
        article_uuid = store.get_article(article_id).uuid
        before = _log(store)
        rows = PulledRows(
            coders=[(coder_uuid("bob"), "bob")],
            annotations=[
                (
                    new_uuid(),
                    article_uuid,
                    coder_uuid("bob"),
                    0,
                    4,
                    "figure",
                    "Some",
                    "",
                    "manual",
                    None,
                    "accepted",
                    None,
                    "2026-01-01T00:00:00.000Z",
                    "2026-01-01T00:00:00.000Z",
                    '{"unit": "%", "value": 3}',
                    False,
                )
            ],
        )
        applied = store.apply_pull("srv", rows, version=7, xmin=5, pushed_seq=0, me="alice")
        assert applied.rows == 1 and applied.skipped == 0
        assert _log(store) == before  # nothing to send back
        cursor = store.sync_cursor("srv")
        assert (cursor.pulled_version, cursor.pulled_xmin, cursor.known) == (7, 5, True)
        (annotation,) = [a for a in store.list_annotations(article_id) if a.coder == "bob"]
        assert dict(annotation.attributes) == {"unit": "%", "value": 3}
        assert store.db.execute("SELECT count(*) FROM sync_applying").fetchone() == (0,)

        # a failure half-way leaves neither the rows nor the cursor
        bad = PulledRows(
            annotations=[
                (
                    new_uuid(),
                    article_uuid,
                    coder_uuid("bob"),
                    9,
                    2,
                    "figure",
                    "x",
                    "",
                    "manual",
                    None,
                    "accepted",
                    None,
                    "t",
                    "t",
                    "{}",
                    False,
                )
            ]
        )
        with pytest.raises(DatabaseError):
            store.apply_pull("srv", bad, version=9, xmin=9, pushed_seq=0, me="alice")
        assert store.sync_cursor("srv").pulled_version == 7
        assert store.db.execute("SELECT count(*) FROM sync_applying").fetchone() == (0,)
        # local edits after the pull are logged again
        store.add_annotation(article_id, 5, 9, "quote", coder="alice")
        assert len(_log(store)) == len(before) + 1


def test_local_changes_and_tombstones(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        article_id = _article(store)
        everything = store.local_changes(0, everything=True)
        assert len(everything.articles) == 1 and len(everything.tags) == 4
        store.record_push("srv", everything.last_seq)
        gone = store.add_annotation(article_id, 0, 4, "figure")
        kept = store.add_annotation(article_id, 5, 9, "figure")
        store.delete_annotation(gone.id)
        since = store.local_changes(store.sync_cursor("srv").pushed_seq, everything=False)
        assert [r[0] for r in since.annotations] == [kept.uuid]
        assert since.deleted == {"annotation": [gone.uuid]}
        store.record_push("srv", since.last_seq)
        # the log keeps nothing every server has
        assert store.db.execute("SELECT count(*) FROM sync_log").fetchone() == (0,)


def test_an_older_database_is_upgraded_with_the_log(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        _article(store)
    conn = sqlite3.connect(path)
    for name in [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"
        )
    ]:
        conn.execute(f"DROP TRIGGER {name}")
    for table in ("sync_log", "sync_applying", "sync_servers", "assignments"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0011_sync'")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert "0011_sync" in store.applied_migrations()
        # a server it never synced with gets everything (the log started only now)
        assert len(store.local_changes(0, everything=True).articles) == 1


def test_the_conflict_rule_and_server_keys() -> None:
    assert later_wins(("2026-01-02T00:00:00.000Z", "amy"), ("2026-01-01T00:00:00.000Z", "zed"))
    assert later_wins(("2026-01-01T00:00:00.000Z", "zed"), ("2026-01-01T00:00:00.000Z", "amy"))
    assert not later_wins(("2026-01-01T00:00:00.000Z", "amy"), ("2026-01-01T00:00:00.000Z", "zed"))
    assert server_key("postgresql://al:secret@db.example.org:5433/team") == (
        "postgresql://al@db.example.org:5433/team"
    )
    assert (
        server_key("host=db dbname=team password=secret user=al") == "host=db dbname=team user=al"
    )

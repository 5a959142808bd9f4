"""A database made at an older schema version opens and is upgraded in place."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

from sqlite_utils import Database

from clipper.model import BUILTIN_TAGS, DEFAULT_CODER, tag_uuid
from clipper.store import SCHEMA_VERSION, Store
from clipper.store.schema import MIGRATION_NAMES, migrations

V1_FIXTURE = Path(__file__).parent / "fixtures" / "schema_v1.db"


def make_v1_database(path: Path) -> None:
    """What Clipper 0.1's first schema wrote: only migration 0001."""
    db = Database(path)
    migrations.apply(db, stop_before=MIGRATION_NAMES[1])
    db.execute(
        "INSERT INTO articles (title, text, length, source_kind, imported_at, content_hash) "
        "VALUES ('Old', 'Old text 😀 here', 15, 'txt', '2026-01-01T00:00:00Z', 'h')"
    )
    db.execute(
        'INSERT INTO annotations (article_id, start, "end", tag, text, note, created_at, '
        "updated_at) VALUES (1, 0, 3, 'quote', 'Old', 'kept', 'c', 'u')"
    )
    db.close()


def test_v1_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_database(path)
    columns = [r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(annotations)")]
    assert "page" not in columns
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.applied_migrations() == list(MIGRATION_NAMES)
        [annotation] = store.list_annotations()
        assert (annotation.text, annotation.note, annotation.page) == ("Old", "kept", None)
        assert store.get_article(1).text == "Old text 😀 here"
        # The upgraded database works fully: new rows use the new column.
        assert store.add_annotation(1, 4, 8, "figure").text == "text"


def test_committed_v1_fixture_upgrades(tmp_path: Path) -> None:
    """A real file written by the version-1 schema (kept in tests/fixtures)."""
    path = tmp_path / "v1.db"
    shutil.copy(V1_FIXTURE, path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [a.text for a in store.list_annotations()] == ["Old"]
        assert store.list_articles(search="text")[0].title == "Old"
        [annotation] = store.list_annotations()
        assert annotation.coder == DEFAULT_CODER
        assert (annotation.origin, annotation.status) == ("manual", "accepted")
        assert uuid.UUID(annotation.uuid).version == 4
        assert uuid.UUID(store.get_article(annotation.article_id).uuid).version == 4
        assert {t.uuid for t in store.list_tags()} == {tag_uuid(t.name) for t in BUILTIN_TAGS}


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    Store(db_path).close()
    with Store(db_path) as store:
        assert store.applied_migrations() == list(MIGRATION_NAMES)

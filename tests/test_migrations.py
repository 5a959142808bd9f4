"""A database made at an older schema version opens and is upgraded in place."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlite_utils import Database

from clipper.errors import ClipperError
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


V2_FIXTURE = Path(__file__).parent / "fixtures" / "schema_v2.db"

_OLD_ANNOTATIONS = (
    'SELECT id, article_id, start, "end", tag, text, note, created_at, updated_at FROM '
    "annotations ORDER BY id"
)
_OLD_ARTICLES = (
    "SELECT id, title, text, length, outlet, author, published, url, source_name, "
    "source_kind, language, imported_at, content_hash FROM articles ORDER BY id"
)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize(("fixture", "version"), [(V1_FIXTURE, 1), (V2_FIXTURE, 2)])
def test_older_fixture_is_backed_up_and_upgraded_keeping_every_row(
    tmp_path: Path, fixture: Path, version: int
) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    articles = _rows(path, _OLD_ARTICLES)
    annotations = _rows(path, _OLD_ANNOTATIONS)
    layouts = _rows(path, "SELECT * FROM article_layouts ORDER BY 1") if version > 1 else []
    assert annotations and articles
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        backup = store.migration_backup
        assert backup is not None and backup.name.startswith(f"{fixture.name}.backup-v{version}-")
        # The backup is the old database, unchanged.
        assert _rows(backup, _OLD_ANNOTATIONS) == annotations
        assert _rows(backup, _OLD_ARTICLES) == articles
        assert len(_rows(backup, "SELECT name FROM _sqlite_migrations")) == version
        # Every article, annotation, offset and layout is kept, with new identities.
        assert _rows(path, _OLD_ARTICLES) == articles
        assert _rows(path, _OLD_ANNOTATIONS) == annotations
        assert _rows(path, "SELECT * FROM article_layouts ORDER BY 1") == layouts
        listed = store.list_annotations()
        assert (
            sorted(
                (
                    a.id,
                    a.article_id,
                    a.start,
                    a.end,
                    a.tag,
                    a.text,
                    a.note,
                    a.created_at,
                    a.updated_at,
                )
                for a in listed
            )
            == annotations
        )
        texts = {a[0]: str(a[2]) for a in articles}
        assert all(texts[a.article_id][a.start : a.end] == a.text for a in listed)
        assert {a.coder for a in listed} == {DEFAULT_CODER}
        assert [c.name for c in store.list_coders()] == [DEFAULT_CODER]
        uuids = [a.uuid for a in listed] + [
            store.get_article(int(str(r[0]))).uuid for r in articles
        ]
        assert len(set(uuids)) == len(uuids)
        assert all(uuid.UUID(u).version == 4 for u in uuids)
        assert all(t.uuid == tag_uuid(t.name) for t in store.list_tags())
        word = str(articles[0][2]).split()[0]
        assert store.list_articles(search=word)  # full-text search still works
        if version > 1:
            assert {t.name for t in store.list_tags()} >= {"money"}
            assert any(a.page == 1 for a in listed)
        # The upgraded database takes new rows, including a second coder on a span.
        first = listed[0]
        store.add_annotation(first.article_id, first.start, first.end, first.tag, coder="bob")
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(path, "PRAGMA foreign_key_check") == []


def test_a_failed_upgrade_changes_nothing(tmp_path: Path) -> None:
    """The upgrade runs in one transaction: if it fails midway, the file stays at v2."""
    path = tmp_path / "v2.db"
    shutil.copy(V2_FIXTURE, path)
    before = _rows(path, _OLD_ANNOTATIONS)
    conn = sqlite3.connect(path)
    # Sabotage a late step: a table the upgrade creates exists already.
    conn.execute("CREATE TABLE relations (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ClipperError, match="relations already exists"):
        Store(path)
    assert _rows(path, "SELECT name FROM _sqlite_migrations") == [
        (MIGRATION_NAMES[0],),
        (MIGRATION_NAMES[1],),
    ]
    assert _rows(path, _OLD_ANNOTATIONS) == before
    columns = [r[1] for r in _rows(path, "PRAGMA table_info(annotations)")]
    assert "coder_id" not in columns
    assert "uuid" not in [r[1] for r in _rows(path, "PRAGMA table_info(articles)")]

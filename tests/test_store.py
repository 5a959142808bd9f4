"""The store: articles, annotations, tags, search — on real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clipper.errors import (
    ClipperError,
    DuplicateAnnotation,
    DuplicateArticle,
    InvalidSpan,
    NotFound,
    UnknownTag,
)
from clipper.model import ImportedArticle
from clipper.store import SCHEMA_VERSION, Store

TEXT = "Prices rose 4.5% 😀 while “Ms Wu” said 👍🏽 it was 中文 fine.\nSecond line."


def article(store: Store, text: str = TEXT, title: str = "T") -> int:
    return store.add_article(ImportedArticle(text, title, "x.txt", "txt")).id


def test_new_database_has_current_schema_and_builtin_tags(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION
    assert [t.name for t in store.list_tags()] == ["figure", "quote", "person", "claim"]
    assert [t.shortcut for t in store.list_tags()] == ["1", "2", "3", "4"]


def test_wal_and_foreign_keys_are_on(store: Store, db_path: Path) -> None:
    store.add_article(ImportedArticle("some text", "T", "x", "txt"))
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_annotation_text_is_sliced_by_code_points(store: Store) -> None:
    article_id = article(store)
    start = TEXT.index("“Ms Wu”")
    end = start + len("“Ms Wu” said 👍🏽")
    annotation = store.add_annotation(article_id, start, end, "quote", note="check")
    assert annotation.text == TEXT[start:end] == "“Ms Wu” said 👍🏽"
    assert store.get_annotation(annotation.id) == annotation
    cjk = TEXT.index("中文")
    assert store.add_annotation(article_id, cjk, cjk + 2, "figure").text == "中文"


def test_changes_are_committed_at_once(store: Store, db_path: Path) -> None:
    article_id = article(store)
    store.add_annotation(article_id, 0, 6, "figure")
    other = sqlite3.connect(db_path)  # another process would see exactly this
    assert other.execute("SELECT text FROM annotations").fetchall() == [("Prices",)]


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [(-1, 3, "negative"), (5, 5, "empty"), (6, 2, "reversed"), (0, len(TEXT) + 1, "past the end")],
)
def test_invalid_spans_are_refused(store: Store, start: int, end: int, words: str) -> None:
    article_id = article(store)
    with pytest.raises(InvalidSpan, match=words):
        store.add_annotation(article_id, start, end, "figure")
    assert store.count_annotations() == 0


def test_unknown_tag_article_and_duplicates_are_refused(store: Store) -> None:
    article_id = article(store)
    with pytest.raises(UnknownTag, match="known tags: figure"):
        store.add_annotation(article_id, 0, 3, "nonsense")
    with pytest.raises(NotFound, match="no article 99"):
        store.add_annotation(99, 0, 3, "figure")
    store.add_annotation(article_id, 0, 3, "figure")
    quoted = f"“{store.get_article(article_id).text[:3]}”"
    with pytest.raises(DuplicateAnnotation) as refused:
        store.add_annotation(article_id, 0, 3, "figure")
    assert refused.value.message == f"{quoted} is already tagged Figure"  # label, no offsets
    claim = store.add_annotation(article_id, 0, 3, "claim")  # same span, other tag: fine
    assert store.count_annotations() == 2
    with pytest.raises(DuplicateAnnotation) as refused:
        store.update_annotation(claim.id, tag="figure")
    assert refused.value.message == f"{quoted} is already tagged Figure"


def test_duplicate_article_detected_unless_forced(store: Store) -> None:
    first = article(store)
    with pytest.raises(DuplicateArticle) as caught:
        article(store)
    assert caught.value.existing_id == first
    again = store.add_article(ImportedArticle(TEXT, "again", "x.txt", "txt"), force=True)
    assert again.id != first
    assert store.count_articles() == 2


def test_update_delete_restore_annotation(store: Store) -> None:
    article_id = article(store)
    a = store.add_annotation(article_id, 0, 6, "figure")
    changed = store.update_annotation(a.id, tag="claim", note="why?")
    assert (changed.tag, changed.note, changed.text) == ("claim", "why?", "Prices")
    removed = store.delete_annotation(a.id)
    assert store.list_annotations(article_id) == []
    restored = store.restore_annotation(removed)
    assert restored == removed


def test_restore_when_another_annotation_took_the_id_uses_a_new_one(store: Store) -> None:
    article_id = article(store)
    removed = store.delete_annotation(store.add_annotation(article_id, 0, 6, "figure").id)
    newcomer = store.add_annotation(article_id, 7, 11, "quote")  # SQLite reuses the row id
    assert newcomer.id == removed.id
    restored = store.restore_annotation(removed)
    assert restored.id != removed.id
    assert (restored.start, restored.end, restored.tag) == (0, 6, "figure")
    assert restored.created_at == removed.created_at
    assert {a.id for a in store.list_annotations(article_id)} == {newcomer.id, restored.id}


def test_restore_of_a_span_tagged_again_meanwhile_is_a_clear_error(store: Store) -> None:
    article_id = article(store)
    removed = store.delete_annotation(store.add_annotation(article_id, 0, 6, "figure").id)
    store.add_annotation(article_id, 0, 6, "figure")
    with pytest.raises(DuplicateAnnotation, match="is already tagged Figure"):
        store.restore_annotation(removed)


def test_list_annotations_in_text_order_and_by_tag(store: Store) -> None:
    article_id = article(store)
    store.add_annotation(article_id, 20, 25, "quote")
    store.add_annotation(article_id, 0, 6, "figure")
    store.add_annotation(article_id, 7, 11, "claim")
    assert [a.start for a in store.list_annotations(article_id)] == [0, 7, 20]
    assert [a.tag for a in store.list_annotations(tags=["quote", "claim"])] == ["claim", "quote"]
    assert store.tag_counts(article_id) == {"figure": 1, "claim": 1, "quote": 1}


def test_list_annotations_shares_repeated_strings(store: Store) -> None:
    """Equal tags are one object, and an unedited annotation's two timestamps too (memory
    for tens of thousands of annotations); the values are what was stored."""
    article_id = article(store)
    store.add_annotation(article_id, 0, 6, "quote")
    store.add_annotation(article_id, 7, 11, "quote")
    edited = store.add_annotation(article_id, 20, 25, "claim")
    store.update_annotation(edited.id, note="checked")
    first, second, third = store.list_annotations(article_id)
    assert first.tag == second.tag == "quote" and first.tag is second.tag
    assert first.updated_at == first.created_at and first.updated_at is first.created_at
    assert third.note == "checked" and third.updated_at >= third.created_at
    assert store.get_annotation(third.id) == third


def test_full_text_search_and_tag_filter(store: Store) -> None:
    crane = article(store, "A crane fell into the mosque.", "Crane collapse")
    article(store, "NASA retires the shuttle.", "Shuttle")
    store.add_annotation(crane, 2, 7, "figure")
    assert [s.id for s in store.list_articles(search="crane")] == [crane]
    assert [s.id for s in store.list_articles(search="mosque")] == [crane]
    assert [s.id for s in store.list_articles(tags=["figure"])] == [crane]
    assert store.list_articles(search='unbalanced "quote') == []  # no FTS syntax error
    summary = store.list_articles(search="crane")[0]
    assert summary.counts == {"figure": 1} and summary.annotation_count == 1


def test_title_edit_is_searchable_and_text_never_changes(store: Store) -> None:
    article_id = article(store, "Plain body text.", "Old")
    store.update_article(article_id, title="Renamed headline", outlet="Herald")
    assert [s.id for s in store.list_articles(search="renamed")] == [article_id]
    with pytest.raises(ClipperError, match="cannot be edited"):
        store.update_article(article_id, text="new")  # type: ignore[arg-type]
    assert store.get_article(article_id).text == "Plain body text."


def test_deleting_an_article_removes_its_annotations(store: Store) -> None:
    article_id = article(store)
    store.add_annotation(article_id, 0, 6, "figure")
    store.delete_article(article_id)
    assert store.count_annotations() == 0


def test_has_articles_until_the_last_is_deleted(store: Store) -> None:
    assert not store.has_articles() and store.count_articles() == 0
    first, second = article(store), article(store, "Other text.", "U")
    assert store.has_articles()
    store.delete_article(first)
    assert store.has_articles()
    store.delete_article(second)
    assert not store.has_articles()


def test_user_tags(store: Store) -> None:
    tag = store.add_tag("source", "Named source", "#123456", "5")
    assert tag.position == 5 and not tag.builtin
    with pytest.raises(ClipperError, match="already used"):
        store.add_tag("other", shortcut="5")
    with pytest.raises(ClipperError, match="a tag named figure already"):
        store.add_tag("Figure")
    assert store.update_tag("source", colour="#abcdef").colour == "#abcdef"
    article_id = article(store)
    assert store.add_annotation(article_id, 0, 6, "source").tag == "source"


def test_data_version_sees_other_connections(store: Store, db_path: Path) -> None:
    before = store.data_version()
    with Store(db_path) as other:
        other.add_article(ImportedArticle("from the CLI", "T", "x", "txt"))
    assert store.data_version() != before


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ClipperError, match="is not a Clipper database"):
        Store(bogus)
    assert bogus.read_bytes() == b"this is not sqlite" * 100


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('clipper', '9999_future', 'x')"
    )
    raw.commit()
    raw.close()
    with pytest.raises(ClipperError, match="newer version of Clipper"):
        Store(db_path)

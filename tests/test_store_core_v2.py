"""Core v2 in the store: identity, coders, origin/status, attributes, relations."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from clipper.errors import ClipperError, DuplicateAnnotation, NotFound
from clipper.model import DEFAULT_CODER, NO_ATTRIBUTES, ImportedArticle, coder_uuid, tag_uuid
from clipper.store import Store

TEXT = "Ms Wu said prices rose 4.5% in 2025, said the minister."


def article(store: Store, text: str = TEXT) -> int:
    return store.add_article(ImportedArticle(text, "T", "x.txt", "txt")).id


def test_everything_has_a_stable_identity(store: Store) -> None:
    article_id = article(store)
    stored = store.get_article(article_id)
    assert uuid.UUID(stored.uuid).version == 4
    annotation = store.add_annotation(article_id, 0, 5, "person")
    assert uuid.UUID(annotation.uuid).version == 4
    assert store.get_annotation(annotation.id).uuid == annotation.uuid
    assert store.get_tag("figure").uuid == tag_uuid("figure")
    assert store.add_tag("money").uuid == tag_uuid("money")
    given = str(uuid.uuid4())
    assert store.add_annotation(article_id, 6, 10, "quote", uuid=given).uuid == given
    with pytest.raises(DuplicateAnnotation):
        store.add_annotation(article_id, 11, 17, "quote", uuid=given)


def test_default_coder_and_new_coders(store: Store) -> None:
    article_id = article(store)
    assert [c.name for c in store.list_coders()] == [DEFAULT_CODER]
    assert store.add_annotation(article_id, 0, 5, "person").coder == DEFAULT_CODER
    bob = store.add_annotation(article_id, 0, 5, "person", coder="  bob ")
    assert bob.coder == "bob"
    assert store.get_coder("bob").uuid == coder_uuid("bob")
    assert store.add_coder("bob") == store.get_coder("bob")  # idempotent
    assert [c.name for c in store.list_coders()] == [DEFAULT_CODER, "bob"]
    with pytest.raises(ClipperError, match="not a coder name"):
        store.add_coder("tab\there")
    with pytest.raises(NotFound, match="no coder 'eve'"):
        store.get_coder("eve")


def test_two_coders_tag_the_same_span_but_one_coder_only_once(store: Store) -> None:
    article_id = article(store)
    store.add_annotation(article_id, 0, 5, "person", coder="alice")
    store.add_annotation(article_id, 0, 5, "person", coder="bob")
    with pytest.raises(DuplicateAnnotation, match="already tagged Person"):
        store.add_annotation(article_id, 0, 5, "person", coder="bob")
    assert [a.coder for a in store.list_annotations(article_id)] == ["alice", "bob"]
    assert [a.coder for a in store.list_annotations(coders=["bob"])] == ["bob"]
    assert store.list_annotations(article_id, coders=["nobody"]) == []


def test_unique_index_includes_the_coder(store: Store) -> None:
    [columns] = [
        [r[2] for r in store.db.execute(f"PRAGMA index_info({name!r})")]
        for (name,) in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'annotations_span'"
        )
    ]
    assert columns == ["article_id", "start", "end", "tag", "coder_id"]


def test_origin_and_status(store: Store) -> None:
    article_id = article(store)
    suggested = store.add_annotation(
        article_id,
        23,
        27,
        "figure",
        origin="suggested",
        origin_detail="figures 1.0",
        status="pending",
    )
    assert (suggested.origin, suggested.origin_detail, suggested.status) == (
        "suggested",
        "figures 1.0",
        "pending",
    )
    accepted = store.update_annotation(suggested.id, status="accepted")
    assert accepted.status == "accepted" and accepted.updated_at >= suggested.updated_at
    with pytest.raises(ClipperError, match="not a status"):
        store.update_annotation(suggested.id, status="maybe")
    with pytest.raises(ClipperError, match="not an origin"):
        store.add_annotation(article_id, 0, 2, "person", origin="guessed")
    assert store.get_annotation(suggested.id).status == "accepted"


def test_attribute_types_round_trip(store: Store, db_path: Path) -> None:
    article_id = article(store)
    annotation = store.add_annotation(
        article_id, 23, 27, "figure", attributes={"value": 4.5, "unit": "%", "year": 2025}
    )
    assert dict(annotation.attributes) == {"value": 4.5, "unit": "%", "year": 2025}
    again = store.get_annotation(annotation.id).attributes
    assert [type(again[k]) for k in ("value", "unit", "year")] == [float, str, int]
    raw = sqlite3.connect(db_path).execute(
        "SELECT key, typeof(value) FROM annotation_attributes ORDER BY key"
    )
    assert raw.fetchall() == [("unit", "text"), ("value", "real"), ("year", "integer")]
    changed = store.set_attributes(annotation.id, {"unit": None, "speaker": "Ms Wu", "year": 2026})
    assert dict(changed.attributes) == {"value": 4.5, "speaker": "Ms Wu", "year": 2026}
    [listed] = store.list_annotations(article_id)
    assert listed.attributes == changed.attributes
    with pytest.raises(TypeError):
        listed.attributes["x"] = 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"Speaker": "x"}, "not an attribute key"),
        ({"1st": "x"}, "not an attribute key"),
        ({"ok": True}, "text or a number"),
        ({"ok": float("nan")}, "finite"),
        ({"ok": [1]}, "text or a number"),
    ],
)
def test_bad_attributes_are_refused_and_nothing_changes(
    store: Store, attributes: dict[str, object], message: str
) -> None:
    article_id = article(store)
    annotation = store.add_annotation(article_id, 0, 5, "person", attributes={"keep": 1})
    with pytest.raises(ClipperError, match=message):
        store.set_attributes(annotation.id, attributes)  # type: ignore[arg-type]
    with pytest.raises(ClipperError, match=message):
        store.add_annotation(article_id, 6, 10, "quote", attributes=attributes)  # type: ignore[arg-type]
    assert store.get_annotation(annotation.id).attributes == {"keep": 1}
    assert store.count_annotations() == 1


def test_annotations_without_attributes_share_one_empty_mapping(store: Store) -> None:
    article_id = article(store)
    store.add_annotation(article_id, 0, 5, "person")
    [listed] = store.list_annotations()
    assert listed.attributes is NO_ATTRIBUTES


def test_relations_and_their_deletion_with_either_end(store: Store) -> None:
    article_id = article(store)
    person = store.add_annotation(article_id, 0, 5, "person")
    quote = store.add_annotation(article_id, 6, 27, "quote")
    claim = store.add_annotation(article_id, 0, 27, "claim")
    said = store.add_relation(quote.id, person.id, "said_by")
    assert (said.from_id, said.to_id, said.type) == (quote.id, person.id, "said_by")
    assert uuid.UUID(said.uuid).version == 4
    supported = store.add_relation(claim.id, quote.id, "supported_by")
    with pytest.raises(ClipperError, match="already related"):
        store.add_relation(quote.id, person.id, "said_by")
    with pytest.raises(ClipperError, match="itself"):
        store.add_relation(quote.id, quote.id, "said_by")
    with pytest.raises(ClipperError, match="not a relation type"):
        store.add_relation(quote.id, person.id, "Said By")
    with pytest.raises(NotFound):
        store.add_relation(quote.id, 999, "said_by")
    assert store.list_relations(article_id) == [said, supported]
    assert store.list_relations(annotation_id=person.id) == [said]
    assert store.get_relation(said.id) == said
    store.delete_annotation(person.id)  # the "to" end
    assert store.list_relations() == [supported]
    store.delete_annotation(claim.id)  # the "from" end
    assert store.list_relations() == []
    again = store.add_relation(quote.id, store.add_annotation(article_id, 0, 5, "person").id, "x")
    assert store.delete_relation(again.id) == again
    with pytest.raises(NotFound):
        store.get_relation(again.id)


def test_restore_annotation_keeps_identity_coder_and_attributes(store: Store) -> None:
    article_id = article(store)
    made = store.add_annotation(
        article_id, 0, 5, "person", coder="bob", origin="imported", attributes={"role": "x"}
    )
    removed = store.delete_annotation(made.id)
    assert store.restore_annotation(removed) == made


def test_store_methods_translate_sqlite_errors(store: Store) -> None:
    """A method of one of the store's parts also reports SQLite failures as messages."""
    store.db.conn.execute("DROP TABLE relations")
    with pytest.raises(ClipperError, match="relations"):
        store.list_relations()

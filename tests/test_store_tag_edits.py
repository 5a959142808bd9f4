"""Renaming, deleting and merging tags in the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipper.errors import ClipperError
from clipper.model import ImportedArticle, tag_uuid
from clipper.store import Store

TEXT = "Ms Wu said prices rose 4.5% in 2025, said the minister."


def article(store: Store) -> int:
    return store.add_article(ImportedArticle(TEXT, "T", "x.txt", "txt")).id


def test_rename_keeps_identity_and_moves_annotations(store: Store) -> None:
    article_id = article(store)
    store.add_tag("money", "Money")
    made = store.add_annotation(article_id, 23, 27, "money")
    renamed = store.rename_tag("money", " Cash ")
    assert (renamed.name, renamed.label, renamed.uuid) == ("cash", "Money", tag_uuid("money"))
    assert store.get_annotation(made.id).tag == "cash"
    assert "money" not in [t.name for t in store.list_tags()]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("figure", "number", "built-in tag 'figure' keeps its name"),
        ("money", "quote", "exists already"),
        ("money", "no spaces", "not a tag name"),
        ("nothing", "x", "unknown tag"),
    ],
)
def test_bad_renames_are_refused(store: Store, old: str, new: str, message: str) -> None:
    store.add_tag("money")
    with pytest.raises(ClipperError, match=message):
        store.rename_tag(old, new)
    assert [t.name for t in store.list_tags()] == ["figure", "quote", "person", "claim", "money"]


def test_delete_refuses_builtin_and_tags_in_use(store: Store) -> None:
    article_id = article(store)
    store.add_tag("money")
    store.add_tag("unused")
    made = store.add_annotation(article_id, 23, 27, "money")
    with pytest.raises(ClipperError, match="built-in"):
        store.delete_tag("quote")
    with pytest.raises(ClipperError, match="used by 1 annotation; delete them or merge"):
        store.delete_tag("money")
    assert store.delete_tag("unused").name == "unused"
    store.delete_annotation(made.id)
    store.delete_tag("money")
    assert [t.name for t in store.list_tags()] == ["figure", "quote", "person", "claim"]


def test_merge_drops_only_true_duplicates(store: Store) -> None:
    article_id = article(store)
    store.add_tag("money")
    kept_target = store.add_annotation(article_id, 23, 27, "figure")
    # the same span and coder as a target annotation: dropped
    duplicate = store.add_annotation(article_id, 23, 27, "money", attributes={"unit": "%"})
    # the same span by another coder, and another span: moved
    other_coder = store.add_annotation(article_id, 23, 27, "money", coder="bob")
    other_span = store.add_annotation(article_id, 31, 35, "money", note="year")
    person = store.add_annotation(article_id, 0, 5, "person")
    store.add_relation(duplicate.id, person.id, "said_by")
    dropped = store.merge_tags("money", "figure")
    assert [a.id for a in dropped] == [duplicate.id]
    assert dropped[0].attributes == {"unit": "%"}
    figures = store.list_annotations(tags=["figure"])
    assert {(a.id, a.start, a.end, a.coder, a.note) for a in figures} == {
        (kept_target.id, 23, 27, "default", ""),
        (other_coder.id, 23, 27, "bob", ""),
        (other_span.id, 31, 35, "default", "year"),
    }
    assert store.list_relations() == []  # went with the dropped annotation
    assert "money" not in [t.name for t in store.list_tags()]
    assert store.count_annotations() == 4


def test_merge_refusals_change_nothing(store: Store) -> None:
    article_id = article(store)
    store.add_tag("money")
    store.add_annotation(article_id, 23, 27, "money")
    for source, target, message in [
        ("money", "money", "into itself"),
        ("quote", "money", "built-in"),
        ("money", "nothing", "unknown tag"),
    ]:
        with pytest.raises(ClipperError, match=message):
            store.merge_tags(source, target)
    assert [a.tag for a in store.list_annotations()] == ["money"]


@pytest.mark.parametrize("name", ["2", "2020", " 7 "])
def test_a_name_of_digits_only_is_refused_as_it_reads_as_a_key(store: Store, name: str) -> None:
    store.add_tag("money")
    for change in (lambda: store.add_tag(name), lambda: store.rename_tag("money", name)):
        with pytest.raises(ClipperError, match=r"could be taken for a key.*letter"):
            change()
    assert [t.name for t in store.list_tags()][-1] == "money"
    assert store.add_tag("q2").name == "q2"  # a letter in it: a name


def stored_before_the_rule(db_path: Path, column: str) -> None:
    """A tag "money" whose name or label is "2", as databases made before digits-only
    names and labels were refused can hold."""
    with Store(db_path) as store:
        store.add_tag("money")
        store.db.execute(f"UPDATE tags SET {column} = '2' WHERE name = 'money'")
        store.db.conn.commit()


def test_a_digits_only_tag_stored_before_the_rule_still_opens_and_works(
    db_path: Path,
) -> None:
    stored_before_the_rule(db_path, "name")
    with Store(db_path) as store:
        article_id = article(store)
        assert store.get_tag("2").label == "Money"
        assert store.add_annotation(article_id, 23, 27, "2").tag == "2"
        assert store.update_tag("2", label="Cash").label == "Cash"
        assert store.rename_tag("2", "cash").name == "cash"


@pytest.mark.parametrize("label", ["2", "2020", " 7 "])
def test_a_label_of_digits_only_is_refused_as_it_reads_as_a_key(store: Store, label: str) -> None:
    store.add_tag("money")
    for change in (
        lambda: store.add_tag("cash", label),
        lambda: store.update_tag("money", label=label),
    ):
        with pytest.raises(ClipperError, match=r"could be taken for a key.*letter"):
            change()
    assert [(t.name, t.label) for t in store.list_tags()][-1] == ("money", "Money")
    assert store.update_tag("money", label="Q2").label == "Q2"  # a letter in it: a label


def test_a_digits_only_label_stored_before_the_rule_still_works(db_path: Path) -> None:
    stored_before_the_rule(db_path, "label")
    with Store(db_path) as store:
        article_id = article(store)
        assert store.add_annotation(article_id, 23, 27, "money").tag == "money"
        assert store.update_tag("money", label="2", colour="#000000").label == "2"  # kept
        assert store.update_tag("money", shortcut="m").shortcut == "m"
        assert store.update_tag("money", label="Cash").label == "Cash"

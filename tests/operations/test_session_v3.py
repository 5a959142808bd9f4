"""Undo/redo of the operations on schema v3: attributes, relations, coders, statuses, tag
rename/delete/merge, deleting an article (restored from a snapshot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from seen import state

from clipper.errors import ClipperError, NotFound
from clipper.operations import Session
from clipper.store import Store


def full(session: Session) -> list[tuple[object, ...]]:
    """Annotations with identity, coder, status and attributes, and the relations."""
    annotations = sorted(
        (
            a.id,
            a.uuid,
            a.article_id,
            a.start,
            a.end,
            a.tag,
            a.note,
            a.coder,
            a.status,
            tuple(sorted(a.attributes.items())),
        )
        for a in session.list_annotations()
    )
    relations = sorted((r.uuid, r.from_id, r.to_id, r.type) for r in session.list_relations())
    return [*annotations, *relations]


def test_add_annotation_records_the_session_coder_and_attributes(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_article(_article())
        session = Session(store, coder="bob")
        added = session.add_annotation(
            1, 0, 5, "quote", attributes={"speaker": "Ann", "n": 2}
        ).annotations_added[0]
        assert (added.coder, dict(added.attributes)) == ("bob", {"speaker": "Ann", "n": 2})
        before = full(session)
        session.undo()
        assert full(session) == []
        session.redo()
        assert full(session) == before  # same id, uuid, coder and attributes


def _article():  # type: ignore[no-untyped-def]
    from clipper.model import ImportedArticle

    return ImportedArticle("Hello world, said Ann.", "Hi", "hi.txt", "txt")


def test_two_coders_tag_the_same_span(session: Session) -> None:
    session.add_annotation(1, 11, 14, "figure")
    session.coder = "bob"
    session.add_annotation(1, 11, 14, "figure")
    assert sorted(a.coder for a in session.list_annotations()) == ["bob", "default"]


def test_edit_attributes_and_status_undo_redo(session: Session) -> None:
    a = session.add_annotation(1, 11, 14, "figure", attributes={"unit": "%"}).annotations_added[0]
    session.edit_annotation(a.id, attributes={"value": 12, "unit": None}, status="pending")
    edited = session.get_annotation(a.id)
    assert (dict(edited.attributes), edited.status) == ({"value": 12}, "pending")
    session.undo()
    back = session.get_annotation(a.id)
    assert (dict(back.attributes), back.status) == ({"unit": "%"}, "accepted")
    session.redo()
    assert dict(session.get_annotation(a.id).attributes) == {"value": 12}


def test_set_status_in_bulk_is_one_step(session: Session) -> None:
    ids = [
        session.add_annotation(1, 0, 5, "claim", status="pending").annotations_added[0].id,
        session.add_annotation(1, 11, 14, "figure", status="rejected").annotations_added[0].id,
        session.add_annotation(2, 0, 12, "person", status="pending").annotations_added[0].id,
    ]
    changes = session.set_status(ids, "accepted")
    assert len(changes.annotations_updated) == 3
    assert session.undo_log.undo_label == "Accept 3 annotations"
    assert {session.get_annotation(i).status for i in ids} == {"accepted"}
    session.undo()
    assert [session.get_annotation(i).status for i in ids] == ["pending", "rejected", "pending"]
    session.redo()
    assert {session.get_annotation(i).status for i in ids} == {"accepted"}
    with pytest.raises(ClipperError):
        session.set_status(ids, "maybe")


def test_relations_undo_redo_and_go_with_their_annotations(session: Session) -> None:
    quote = session.add_annotation(2, 20, 43, "quote").annotations_added[0]
    person = session.add_annotation(2, 4, 12, "person").annotations_added[0]
    changes = session.add_relation(quote.id, person.id, "said_by")
    (relation,) = changes.relations_added
    assert session.undo_log.undo_label == "Link “We will not raise taxes” said_by “minister”"
    session.undo()
    assert session.list_relations() == []
    session.redo()
    assert [r.uuid for r in session.list_relations()] == [relation.uuid]
    before = full(session)
    session.delete_annotations([person.id])  # the relation goes with its end
    assert session.list_relations() == []
    session.undo()  # ... and comes back with it
    assert full(session) == before
    session.delete_relation(relation.id)
    assert session.list_relations() == []
    session.undo()
    assert full(session) == before


def test_add_coder(session: Session) -> None:
    assert session.add_coder("carol").coders
    assert "carol" in [c.name for c in session.list_coders()]
    session.add_coder("carol")  # again: nothing new
    assert [c.name for c in session.list_coders()].count("carol") == 1


def test_rename_tag_undo_redo(session: Session) -> None:
    session.add_tag("money", "Money", "#00aa00", "5")
    uuid = session.get_tag("money").uuid
    session.add_annotation(1, 11, 14, "money")
    session.rename_tag("money", "cash")
    assert session.get_tag("cash").uuid == uuid
    assert state(session) == [(1, 11, 14, "cash", "")]
    session.undo()
    assert state(session) == [(1, 11, 14, "money", "")]
    session.redo()
    assert session.get_tag("cash").label == "Money"


def test_delete_tag_with_its_annotations_undo_brings_all_back(session: Session) -> None:
    session.add_tag("money", "Money", "#00aa00", "5")
    before_tags = session.list_tags()
    a = session.add_annotation(1, 11, 14, "money", "n").annotations_added[0]
    session.add_annotation(1, 0, 5, "claim")
    before = full(session)
    with pytest.raises(ClipperError):
        session.delete_tag("money")  # in use: refused unless its annotations go too
    with pytest.raises(ClipperError):
        session.delete_tag("figure")  # built in
    session.delete_tag("money", delete_annotations=True)
    assert "money" not in [t.name for t in session.list_tags()]
    assert [x.tag for x in session.list_annotations()] == ["claim"]
    session.undo()
    assert session.list_tags() == before_tags
    assert full(session) == before
    assert session.get_annotation(a.id).note == "n"
    session.redo()
    assert "money" not in [t.name for t in session.list_tags()]
    session.undo()
    assert full(session) == before


def test_add_tag_undo_removes_it(session: Session) -> None:
    session.add_tag("money", "Money", "#00aa00", "5")
    assert session.undo_log.undo_label == "Add the tag Money"
    session.undo()
    assert "money" not in [t.name for t in session.list_tags()]
    session.redo()
    assert session.get_tag("money").shortcut == "5"


def test_merge_tags_undo_restores_both(session: Session) -> None:
    session.add_tag("number", "Number", "#00aa00", "5")
    session.add_annotation(1, 11, 14, "figure", "kept")
    session.add_annotation(1, 11, 14, "number", "dropped: the same span is a figure")
    session.add_annotation(1, 18, 24, "number", "moved")
    before_tags = session.list_tags()
    before = full(session)
    changes = session.merge_tags("number", "figure")
    assert changes.tags
    assert state(session) == [(1, 11, 14, "figure", "kept"), (1, 18, 24, "figure", "moved")]
    assert session.undo_log.undo_label == "Merge Number into Figure"
    session.undo()
    assert session.list_tags() == before_tags
    assert full(session) == before
    session.redo()
    assert "number" not in [t.name for t in session.list_tags()]
    assert len(session.list_annotations()) == 2


def test_delete_article_undo_restores_it_whole(session: Session) -> None:
    quote = session.add_annotation(2, 20, 43, "quote", "q").annotations_added[0]
    person = session.add_annotation(2, 4, 12, "person").annotations_added[0]
    session.add_relation(quote.id, person.id, "said_by")
    session.add_annotation(1, 11, 14, "figure")
    article = session.get_article(2)
    before = full(session)
    changes = session.delete_article(2)
    assert changes.articles_removed == (2,)
    assert session.undo_log.undo_label == "Delete the article “Taxes”"
    assert not session.article_exists(2)
    assert len(session.list_annotations()) == 1
    restored = session.undo()
    assert restored.articles_added == (2,)
    assert session.get_article(2) == article  # same id, uuid, text, metadata
    assert full(session) == before
    session.redo()
    assert not session.article_exists(2)


def test_delete_article_undo_after_another_program_reused_nothing(
    session: Session, db_path: Path
) -> None:
    session.delete_article(2)
    with Store(db_path) as other:
        other.delete_article(1)
    session.undo()  # the article comes back; another program's change stays
    assert session.article_exists(2) and not session.article_exists(1)


def test_undo_of_a_step_on_a_deleted_article_is_refused(session: Session, db_path: Path) -> None:
    session.edit_article(1, title="New")
    with Store(db_path) as other:
        other.delete_article(1)
    with pytest.raises(NotFound):
        session.undo()
    assert not session.undo_log.can_undo


def test_the_coder_comes_from_the_flag_the_environment_the_setting(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.operations import choose_coder

    monkeypatch.delenv("CLIPPER_CODER", raising=False)
    assert choose_coder() == "default"
    assert choose_coder(None, "carol") == "carol"
    monkeypatch.setenv("CLIPPER_CODER", " bob ")
    assert choose_coder(None, "carol") == "bob"
    assert choose_coder("alice", "carol") == "alice"
    assert Session(session.store).coder == "bob"
    with pytest.raises(ClipperError):
        choose_coder("bad\x00name")

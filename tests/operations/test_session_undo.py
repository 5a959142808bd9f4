"""Every operation of the session undoes and redoes, in the core (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from seen import state

from clipper.errors import ClipperError, DuplicateAnnotation, NotFound
from clipper.operations import Changes, Session
from clipper.store import Store


def test_add_annotation_undo_redo(session: Session) -> None:
    changes = session.add_annotation(1, 11, 14, "figure", "growth")
    (added,) = changes.annotations_added
    assert session.undo_log.undo_label == "Tag “12%” as Figure"
    undone = session.undo()
    assert [a.id for a in undone.annotations_removed] == [added.id]
    assert state(session) == []
    assert session.undo_log.redo_label == "Tag “12%” as Figure"
    redone = session.redo()
    assert redone.annotations_added[0].id == added.id
    assert state(session) == [(1, 11, 14, "figure", "growth")]


def test_delete_annotations_is_one_step_and_comes_back_whole(session: Session) -> None:
    ids = [
        session.add_annotation(1, 0, 5, "claim").annotations_added[0].id,
        session.add_annotation(1, 11, 14, "figure", "a note").annotations_added[0].id,
        session.add_annotation(2, 0, 12, "person").annotations_added[0].id,
    ]
    before = state(session)
    changes = session.delete_annotations(ids)
    assert sorted(a.id for a in changes.annotations_removed) == sorted(ids)
    assert session.undo_log.undo_label == "Delete 3 annotations"
    assert state(session) == []
    restored = session.undo()
    assert sorted(a.id for a in restored.annotations_added) == sorted(ids)  # same ids
    assert state(session) == before
    session.redo()
    assert state(session) == []
    session.undo()
    assert state(session) == before


def test_edit_annotation_tag_and_note(session: Session) -> None:
    added = session.add_annotation(1, 11, 14, "figure").annotations_added[0]
    session.edit_annotation(added.id, tag="claim")
    assert session.undo_log.undo_label == "Change “12%” to Claim"
    session.edit_annotation(added.id, note="checked")
    assert session.undo_log.undo_label == "Edit the note on “12%”"
    assert state(session) == [(1, 11, 14, "claim", "checked")]
    session.undo()
    assert state(session) == [(1, 11, 14, "claim", "")]
    changes = session.undo()
    assert changes.annotations_updated[0].tag == "figure"
    session.redo()
    session.redo()
    assert state(session) == [(1, 11, 14, "claim", "checked")]


def test_note_saves_of_one_editing_session_are_one_step(session: Session) -> None:
    added = session.add_annotation(1, 11, 14, "figure").annotations_added[0]
    for note in ("c", "ch", "checked"):
        session.edit_annotation(added.id, note=note, merge_key=7)
    session.edit_annotation(added.id, note="checked twice", merge_key=8)
    assert len(session.undo_log) == 3  # tag, session 7, session 8
    session.undo()
    assert state(session)[0][4] == "checked"
    session.undo()
    assert state(session)[0][4] == ""
    session.redo()
    assert state(session)[0][4] == "checked"


def test_an_edit_that_changes_nothing_records_nothing(session: Session) -> None:
    added = session.add_annotation(1, 11, 14, "figure", "n").annotations_added[0]
    assert session.edit_annotation(added.id, note="n").empty
    assert len(session.undo_log) == 1


def test_edit_article_undo_redo(session: Session) -> None:
    session.edit_article(1, title="Sales up", outlet=None)
    assert session.undo_log.undo_label == "Edit the properties of “Sales”"
    assert session.undo() == Changes(articles_updated=(1,))
    article = session.get_article(1)
    assert (article.title, article.outlet) == ("Sales", "Paper")
    session.redo()
    article = session.get_article(1)
    assert (article.title, article.outlet) == ("Sales up", None)


def test_edit_tag_undo_redo(session: Session) -> None:
    session.edit_tag("figure", label="Number", shortcut="")
    assert session.get_tag("figure").shortcut is None
    assert session.undo().tags
    tag = session.get_tag("figure")
    assert (tag.label, tag.shortcut) == ("Figure", "1")
    session.redo()
    assert session.get_tag("figure").label == "Number"


def test_a_refused_operation_changes_nothing_and_records_nothing(session: Session) -> None:
    session.add_annotation(1, 11, 14, "figure")
    with pytest.raises(DuplicateAnnotation):
        session.add_annotation(1, 11, 14, "figure")
    with pytest.raises(ClipperError):
        session.add_annotation(1, 11, 14, "no-such-tag")
    assert len(session.undo_log) == 1


def test_a_step_another_program_made_obsolete_is_dropped(session: Session, db_path: Path) -> None:
    first = session.add_annotation(1, 0, 5, "claim").annotations_added[0]
    added = session.add_annotation(1, 11, 14, "figure").annotations_added[0]
    with Store(db_path) as other:  # another program deletes it; its id is taken again
        other.delete_annotation(added.id)
        reused = other.add_annotation(2, 0, 3, "person")
    assert reused.id == added.id
    with pytest.raises(NotFound, match="deleted or changed by another program"):
        session.undo()  # must not delete the other program's annotation
    assert session.get_annotation(reused.id).tag == "person"
    assert session.undo_log.undo_label == "Tag “Sales” as Claim"
    session.undo()
    assert [a.id for a in session.list_annotations()] == [reused.id]
    assert first.id not in [a.id for a in session.list_annotations()]


def test_undo_of_a_delete_whose_id_was_taken_restores_under_a_new_id(
    session: Session, db_path: Path
) -> None:
    added = session.add_annotation(1, 11, 14, "figure", "keep").annotations_added[0]
    session.delete_annotations([added.id])
    with Store(db_path) as other:
        taken = other.add_annotation(2, 0, 3, "person")
    assert taken.id == added.id
    restored = session.undo().annotations_added[0]
    assert restored.id != added.id and restored.note == "keep"
    session.redo()  # deletes what came back, not the other program's annotation
    assert [a.id for a in session.list_annotations()] == [taken.id]

"""Tagging exactly the span of a waiting suggestion with its tag accepts the suggestion
(one undoable step; origin "suggested" and its attributes kept), whoever stored it,
instead of leaving the suggestion plus a manual duplicate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.errors import DuplicateAnnotation
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store
from clipper.suggest import Suggestion

TEXT = "Sales rose to 12 million units, the chief executive said on Tuesday."
FIGURE = (TEXT.index("12 million"), TEXT.index(" units"))


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Sales", "sales.txt", "txt"))
        yield Session(store, coder="ann")


def suggest(session: Session) -> int:
    figure = Suggestion(*FIGURE, "figure", 0.9, {"value": 12000000, "unit": "units"})
    return session.add_suggestions(1, [figure]).annotations_added[0].id


@pytest.mark.parametrize("suggester", ["ann", "robot"])
def test_tagging_a_waiting_suggestion_accepts_it(session: Session, suggester: str) -> None:
    suggested = suggest(Session(session.store, coder=suggester))
    changes = session.add_annotation(1, *FIGURE, "figure")
    assert changes.annotations_added == ()
    (accepted,) = changes.annotations_updated
    stored = session.list_annotations(1)
    assert [a.id for a in stored] == [suggested] == [accepted.id]
    assert (accepted.status, accepted.origin) == ("accepted", "suggested")
    assert accepted.coder == suggester
    assert dict(accepted.attributes) == {"value": 12000000, "unit": "units"}
    session.undo()  # one step: the suggestion waits again
    assert [(a.id, a.status) for a in session.list_annotations(1)] == [(suggested, "pending")]
    session.redo()
    assert [(a.id, a.status) for a in session.list_annotations(1)] == [(suggested, "accepted")]


def test_a_note_given_with_the_tag_goes_onto_the_accepted_suggestion(session: Session) -> None:
    suggested = suggest(session)
    (accepted,) = session.add_annotation(1, *FIGURE, "figure", "checked").annotations_updated
    assert (accepted.id, accepted.note, accepted.status) == (suggested, "checked", "accepted")


def test_another_tag_or_span_adds_a_manual_annotation(session: Session) -> None:
    suggested = suggest(session)
    other = session.add_annotation(1, *FIGURE, "quote").annotations_added[0]
    wider = session.add_annotation(1, FIGURE[0], FIGURE[1] + 6, "figure").annotations_added[0]
    assert (other.origin, wider.origin) == ("manual", "manual")
    assert session.get_annotation(suggested).status == "pending"


def test_a_decided_suggestion_is_not_waiting(session: Session) -> None:
    suggested = suggest(session)
    session.set_status([suggested], "accepted")
    with pytest.raises(DuplicateAnnotation, match="already tagged"):
        session.add_annotation(1, *FIGURE, "figure")


def test_accepting_with_a_note_is_named_for_the_acceptance(session: Session) -> None:
    suggest(session)
    session.add_annotation(1, *FIGURE, "figure", "checked")
    assert session.undo_log.undo_label == "Accept “12 million”"

"""Suggestions in a database: stored as pending annotations with links, no duplicates,
rejected never offered again, accept/reject undoable, learning from the coder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.model import CLAIMED_BY, SAID_BY, SAME_AS, ImportedArticle
from clipper.operations import Session
from clipper.store import Store
from clipper.suggest import ORIGIN_DETAIL

TEXT = (
    "Alibaba plans to invest $53 billion, chief executive officer Eddie Wu said.\n"
    "“Revenue growth will continue to accelerate,” said Wu.\n"
)
OTHER = "Investors asked Wu about the plan. Wu declined to comment on 12 issues."


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Alibaba", "alibaba.txt", "txt"))
        store.add_article(ImportedArticle(OTHER, "Other", "other.txt", "txt"))
        yield Session(store, coder="ann")


def test_stored_as_pending_suggestions_with_links(session: Session) -> None:
    found = session.suggestions_for(1)
    changes = session.add_suggestions(1, found)
    stored = session.list_annotations(1)
    assert len(changes.annotations_added) == len(found) == len(stored)
    assert {a.status for a in stored} == {"pending"}
    assert {a.origin for a in stored} == {"suggested"}
    assert {a.origin_detail for a in stored} == {ORIGIN_DETAIL}
    assert {a.coder for a in stored} == {"ann"}
    money = next(a for a in stored if a.tag == "figure")
    assert (money.text, dict(money.attributes)) == (
        "$53 billion",
        {"value": 53_000_000_000, "unit": "USD"},
    )
    by_id = {a.id: a for a in stored}
    links = {
        (by_id[r.from_id].text, r.type, by_id[r.to_id].text) for r in session.list_relations(1)
    }
    quote = "Revenue growth will continue to accelerate,"
    assert (quote, SAID_BY, "Wu") in links
    assert ("Wu", SAME_AS, "Eddie Wu") in links
    assert ("Revenue growth will continue to accelerate", CLAIMED_BY, "Wu") in links


def test_no_duplicates(session: Session) -> None:
    session.add_annotation(1, TEXT.index("Eddie Wu"), TEXT.index("Eddie Wu") + 8, "person")
    found = session.suggestions_for(1)
    assert not any(s.tag == "person" and TEXT[s.start : s.end] == "Eddie Wu" for s in found)
    session.add_suggestions(1, found)
    assert session.suggestions_for(1) == []  # all there now
    assert session.add_suggestions(1, found).annotations_added == ()  # nothing twice
    spans = [(a.start, a.end, a.tag) for a in session.list_annotations(1)]
    assert len(spans) == len(set(spans))


def test_rejected_never_offered_again_and_accept_reject_undo(session: Session) -> None:
    session.add_suggestions(1, session.suggestions_for(1))
    money = next(a for a in session.list_annotations(1) if a.tag == "figure")
    session.reject_suggestions([money.id])
    assert session.get_annotation(money.id).status == "rejected"
    session.delete_annotations([money.id])  # even if the row were gone from this article …
    session.undo()  # … (undo brings it back)
    assert all(s.tag != "figure" for s in session.suggestions_for(1))
    session.undo()  # the rejection
    assert session.get_annotation(money.id).status == "pending"
    session.accept_suggestions([money.id])
    assert session.get_annotation(money.id).status == "accepted"
    session.undo()
    assert session.get_annotation(money.id).status == "pending"


def test_rejected_text_in_the_same_context_elsewhere_is_not_offered(db_path: Path) -> None:
    same = "Sales rose 12% last year, the report said."
    with Store(db_path) as store:
        store.add_article(ImportedArticle(same, "A", "a.txt", "txt"))
        store.add_article(ImportedArticle("Intro.\n" + same, "B", "b.txt", "txt"))
        session = Session(store)
        session.add_suggestions(1, session.suggestions_for(1, ["figure"]))
        session.reject_suggestions([a.id for a in session.list_annotations(1)])
        assert session.suggestions_for(2, ["figure"]) == []


def test_adding_suggestions_is_one_undo_step(session: Session) -> None:
    session.add_suggestions(1, session.suggestions_for(1))
    assert session.list_annotations(1)
    session.undo()
    assert session.list_annotations(1) == []
    assert session.list_relations(1) == []
    session.redo()
    assert session.list_relations(1)


def test_a_name_tagged_once_is_suggested_at_its_other_mentions(session: Session) -> None:
    assert all(s.tag != "person" for s in session.suggestions_for(2))
    start = TEXT.index("Eddie Wu")
    session.add_annotation(1, start, start + 8, "person")  # made by hand: accepted
    people = [OTHER[s.start : s.end] for s in session.suggestions_for(2) if s.tag == "person"]
    assert people == ["Wu", "Wu"]


def test_rejected_patterns_lose_score(db_path: Path) -> None:
    texts = [f"Item {n}: it weighs {n + 3} bananas today." for n in range(4)]
    with Store(db_path) as store:
        for n, text in enumerate(texts):
            store.add_article(ImportedArticle(text, f"T{n}", f"t{n}.txt", "txt"))
        session = Session(store)
        before = session.suggestions_for(4, ["figure"])
        assert before and before[0].attributes["unit"] == "bananas"
        for article_id in (1, 2):
            session.add_suggestions(article_id, session.suggestions_for(article_id, ["figure"]))
            session.reject_suggestions([a.id for a in session.list_annotations(article_id)])
        after = session.suggestions_for(4, ["figure"])
        assert after == []  # two rejections of the pattern: below the offering threshold
        session.add_suggestions(3, session.suggestions_for(3, ["figure"]))
        assert session.suggestions_for(3, ["figure"]) == []


def test_rejected_quotes_do_not_hide_the_other_quotes(db_path: Path) -> None:
    """Quotes share no pattern: three rejected scare quotes left every other quotation
    below the offering threshold (each rejection halved, then thirded… the one quote score)."""
    texts = [
        f'Item {n}: the "smart" plan, officials said, "will save {n} lives," Li said.'
        for n in range(5)
    ]
    with Store(db_path) as store:
        for n, text in enumerate(texts):
            store.add_article(ImportedArticle(text, f"T{n}", f"t{n}.txt", "txt"))
        session = Session(store)
        before = [s.score for s in session.suggestions_for(5, ["quote"])]
        assert before
        for article_id in (1, 2, 3):
            session.add_suggestions(article_id, session.suggestions_for(article_id, ["quote"]))
            session.reject_suggestions([a.id for a in session.list_annotations(article_id)])
        assert [s.score for s in session.suggestions_for(5, ["quote"])] == before

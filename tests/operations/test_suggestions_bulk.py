"""Storing suggestions in bulk (issue 12): one transaction, all or nothing, the text sliced
by code points, duplicates and rejected spans skipped, links to the people, one undo
step; a 1 MB article's suggestions stored without re-reading the text per row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.errors import ClipperError
from clipper.model import SAID_BY, SAME_AS, ImportedArticle
from clipper.operations import Session
from clipper.store import Store
from clipper.suggest import Suggestion

TEXT = "😀 “We will grow,” said Eddie Wu. Wu later added 12 people. 🎉 Wu left."


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Emoji", "emoji.txt", "txt"))
        yield Session(store, coder="ann")


def suggestions() -> list[Suggestion]:
    eddie = span(TEXT, "Eddie Wu")
    wu = span(TEXT, "Wu", 1)
    return [
        Suggestion(*span(TEXT, "We will grow,"), "quote", 0.9, {"speaker": "Eddie Wu"}, eddie),
        Suggestion(*eddie, "person", 0.9),
        Suggestion(*wu, "person", 0.8, target=eddie),
        Suggestion(*span(TEXT, "12 people"), "figure", 0.7, {"value": 12, "unit": "people"}),
    ]


def test_stored_in_bulk_with_code_point_texts_attributes_and_links(session: Session) -> None:
    changes = session.add_suggestions(1, suggestions() + suggestions()[:2])  # repeats skipped
    stored = {(a.tag, a.text): a for a in session.list_annotations(1)}
    assert len(changes.annotations_added) == len(stored) == 4
    assert set(stored) == {
        ("quote", "We will grow,"),
        ("person", "Eddie Wu"),
        ("person", "Wu"),
        ("figure", "12 people"),
    }  # sliced by code points after the emoji
    assert dict(stored[("figure", "12 people")].attributes) == {"value": 12, "unit": "people"}
    assert {a.status for a in stored.values()} == {"pending"}
    by_id = {a.id: a.text for a in stored.values()}
    links = {(by_id[r.from_id], r.type, by_id[r.to_id]) for r in session.list_relations(1)}
    assert links == {("We will grow,", SAID_BY, "Eddie Wu"), ("Wu", SAME_AS, "Eddie Wu")}


def test_all_or_nothing_and_existing_spans_skipped(session: Session) -> None:
    bad = Suggestion(len(TEXT) - 2, len(TEXT) + 5, "figure", 0.5)  # past the end
    with pytest.raises(ClipperError):
        session.add_suggestions(1, [*suggestions(), bad])
    with pytest.raises(ClipperError):
        session.add_suggestions(1, [*suggestions(), Suggestion(0, 1, "no_such_tag", 0.5)])
    assert session.list_annotations(1) == [] and session.list_relations(1) == []
    first = session.add_suggestions(1, suggestions()[:1]).annotations_added
    session.reject_suggestions([first[0].id])
    again = session.add_suggestions(1, suggestions()).annotations_added
    assert [a.text for a in again] == ["Eddie Wu", "Wu", "12 people"]  # not the rejected one
    assert session.add_suggestions(1, suggestions()).annotations_added == ()


def test_one_undo_step_removes_them_all_and_redo_puts_them_back(session: Session) -> None:
    session.add_suggestions(1, suggestions())
    session.undo()
    assert session.list_annotations(1) == []
    session.redo()
    assert len(session.list_annotations(1)) == 4 and len(session.list_relations(1)) == 2


def test_batch_store_for_many_articles_is_one_transaction(session: Session) -> None:
    other = session.store.add_article(ImportedArticle("Wu spoke. Wu left.", "B", "b.txt", "txt"))
    assert session.store_suggestions(
        [(1, suggestions()), (other.id, [Suggestion(0, 2, "person", 0.5)])], status="accepted"
    ) == [4, 1]
    assert {a.status for a in session.list_annotations()} == {"accepted"}
    assert not session.undo_log.can_undo  # a batch (the command line) has no undo step
    with pytest.raises(ClipperError):  # one bad article: the whole batch refused
        session.store_suggestions(
            [
                (other.id, [Suggestion(10, 12, "person", 0.5)]),
                (other.id, [Suggestion(0, 99, "person", 0.5)]),
            ]
        )
    assert len(session.list_annotations(other.id)) == 1


def test_a_big_article_stores_thousands_of_suggestions_in_one_step(session: Session) -> None:
    """A 1 MB article: each suggestion used to slice the whole text in SQLite (quadratic);
    now the text is read once. Checked by behaviour: all stored, texts right, one step."""
    unit = "Wu said 12 people came. "
    text = unit * (1_000_000 // len(unit))
    article = session.store.add_article(ImportedArticle(text, "Big", "big.txt", "txt"))
    every = range(0, len(text), 6 * len(unit))  # ~7,000 suggestions, as a real one has
    found = [Suggestion(i, i + 2, "person", 0.5) for i in every]
    found += [Suggestion(i + 8, i + 17, "figure", 0.5) for i in every]
    added = session.add_suggestions(article.id, found).annotations_added
    assert len(added) == len(found) > 6_000
    assert {a.text for a in added} == {"Wu", "12 people"}
    session.undo()
    assert session.store.tag_counts(article.id) == {}


def test_library_counts_sorts_and_filters_coded_annotations_only(session: Session) -> None:
    """Pending and rejected suggestions are not coded yet: the library's counts, count
    sort and tag filter leave them out (as the status bar does)."""
    from clipper.store.library_queries import LibraryQuery

    other = session.store.add_article(ImportedArticle("Wu and Li.", "B", "b.txt", "txt"))
    session.add_annotation(other.id, 0, 2, "person")
    added = session.add_suggestions(1, suggestions()).annotations_added
    counts = {s.id: dict(s.counts) for s in session.list_articles()}
    assert counts == {1: {}, other.id: {"person": 1}}
    assert [s.id for s in session.list_articles(tags=["figure"])] == []
    people = [a.id for a in added if a.tag == "person"]
    session.accept_suggestions(people)
    session.reject_suggestions([a.id for a in added if a.tag == "quote"])
    counts = {s.id: dict(s.counts) for s in session.list_articles()}
    assert counts == {1: {"person": 2}, other.id: {"person": 1}}
    by_people = LibraryQuery(sort="tag:person", descending=True)
    assert session.store.library_ids(by_people) == [1, other.id]
    assert [s.id for s in session.list_articles(tags=["quote"])] == []

"""An article's pending suggestions read one at a time (ReviewQueryStore and the review
operations over it), on a real database file: the same answers as reading them all."""

from __future__ import annotations

import random

import pytest

from clipper.importers import read_pasted_text
from clipper.operations import Session
from clipper.operations.review import (
    ACCEPTED,
    PENDING,
    pending_number,
    pending_scores,
    pending_step,
    step_pending,
)
from clipper.store import Store

TEXT = "Headline\n\n" + " ".join(f"word{n:04d}" for n in range(600))
TAGS = ("figure", "quote", "person", "claim")


def _seed(store: Store) -> int:
    """An article with pending, accepted and rejected suggestions and manual annotations
    (spans sharing a start, one long span), and another article with suggestions."""
    article = store.add_article(read_pasted_text(TEXT))
    other = store.add_article(read_pasted_text(TEXT + " more"))
    rng = random.Random(5)
    for article_id in (article.id, other.id):
        for n in range(240):
            start = 10 + 9 * rng.randrange(500)
            end = start + 8 + 9 * rng.randrange(3)
            tag = TAGS[n % 4]
            suggested = n % 3 != 0
            status = PENDING if suggested and n % 5 else ("rejected" if suggested else ACCEPTED)
            if store.annotated_spans(article_id) & {(start, end, tag)}:
                continue
            store.add_annotation(
                article_id,
                start,
                end,
                tag,
                origin="suggested" if suggested else "manual",
                status=status,
            )
    store.add_annotation(article.id, 10, 3000, "claim", origin="suggested", status=PENDING)
    return article.id


def _in_order(store: Store, article_id: int) -> list[object]:
    return sorted(store.list_annotations(article_id), key=lambda a: (a.start, a.end, a.id))


def test_pending_step_finds_what_the_full_listing_finds(store: Store) -> None:
    article_id = _seed(store)
    session = Session(store)
    listed = _in_order(store, article_id)
    pending = [a for a in listed if a.status == PENDING]
    assert len(pending) > 40
    for forward in (True, False):
        for position in (0, 11, 200, 1999, len(TEXT), len(TEXT) + 5):
            want, wrapped = step_pending(listed, position=position, current=None, forward=forward)
            found = pending_step(
                session, article_id, position=position, current=None, forward=forward
            )
            assert found == (want.id if want else None, wrapped)
        for current in (pending[0], pending[1], pending[len(pending) // 2], pending[-1]):
            want, wrapped = step_pending(listed, position=0, current=current, forward=forward)
            found = pending_step(session, article_id, position=0, current=current, forward=forward)
            assert found == (want.id if want else None, wrapped)


def test_pending_step_leaves_out_a_tag_or_some_ids(store: Store) -> None:
    article_id = _seed(store)
    session = Session(store)
    listed = _in_order(store, article_id)
    a = next(x for x in listed if x.status == PENDING and x.start > 2000)
    others = [x for x in listed if x.tag != a.tag]
    want, wrapped = step_pending(others, position=a.end, current=None, forward=True)
    assert pending_step(
        session, article_id, position=a.end, current=None, forward=True, other_than_tag=a.tag
    ) == (want.id if want else None, wrapped)
    chosen = [x.id for x in listed if x.status == PENDING][3:9]
    rest = [x for x in listed if x.id not in chosen]
    want, wrapped = step_pending(rest, position=a.end, current=None, forward=True)
    assert pending_step(
        session, article_id, position=a.end, current=None, forward=True, excluding=chosen
    ) == (want.id if want else None, wrapped)


def test_no_pending_suggestion_is_none_not_wrapped(store: Store) -> None:
    article = store.add_article(read_pasted_text(TEXT))
    store.add_annotation(article.id, 10, 18, "figure")
    session = Session(store)
    assert pending_step(session, article.id, position=0, current=None, forward=True) == (
        None,
        False,
    )


def test_number_and_scores_of_pending_suggestions(store: Store) -> None:
    article_id = _seed(store)
    session = Session(store)
    pending = [a for a in _in_order(store, article_id) if a.status == PENDING]
    for n in (0, 5, len(pending) - 1):
        assert pending_number(session, pending[n]) == (n + 1, len(pending))
    assert sorted(store.pending_spans(article_id)) == sorted(
        (a.id, a.start, a.end, a.tag) for a in pending
    )
    scores = {(a.start, a.end, a.tag): 0.25 + i / 1000 for i, a in enumerate(pending[:7])}
    scores[(0, 1, "figure")] = 0.9  # no suggestion there
    assert pending_scores(session, article_id, scores) == {
        a.id: 0.25 + i / 1000 for i, a in enumerate(pending[:7])
    }


def test_accept_all_of_a_tag_is_one_statement_and_one_undo_step(store: Store) -> None:
    article_id = _seed(store)
    other_id = article_id + 1
    session = Session(store)
    before = {a.id: a.status for a in store.list_annotations()}
    figures = [
        a.id for a in _in_order(store, article_id) if a.status == PENDING and a.tag == "figure"
    ]
    changes = session.accept_suggestions_of_tag(article_id, "figure")
    assert len(figures) > 10
    assert store.decide_pending_of_tag(article_id, "figure", ACCEPTED) == []  # none left
    assert sorted(a.id for a in changes.annotations_updated) == sorted(figures)
    assert all(a.status == ACCEPTED for a in changes.annotations_updated)
    after = {a.id: a.status for a in store.list_annotations()}
    assert {i for i in after if after[i] != before[i]} == set(figures)
    assert all(before[a.id] == a.status for a in store.list_annotations(other_id))
    assert session.undo_log.undo_label == f"Accept {len(figures)} annotations"
    undone = session.undo()
    assert sorted(a.id for a in undone.annotations_updated) == sorted(figures)
    assert {a.id: a.status for a in store.list_annotations()} == before
    session.redo()
    assert {a.id: a.status for a in store.list_annotations()} == after
    assert session.accept_suggestions_of_tag(article_id, "figure").empty


def test_the_store_refuses_an_unknown_status(store: Store) -> None:
    article_id = _seed(store)
    with pytest.raises(Exception, match="not a status"):
        store.decide_pending_of_tag(article_id, "figure", "maybe")
    assert store.count_with_status(article_id, PENDING) > 0


def test_undo_of_accept_all_is_refused_unchanged_if_one_was_deleted(store: Store) -> None:
    article_id = _seed(store)
    session = Session(store)
    changes = session.accept_suggestions_of_tag(article_id, "quote")
    gone = changes.annotations_updated[0]
    store.delete_annotation(gone.id)  # as another program would
    before = {a.id: a.status for a in store.list_annotations(article_id)}
    with pytest.raises(Exception, match="deleted or changed by another program"):
        session.undo()
    assert {a.id: a.status for a in store.list_annotations(article_id)} == before

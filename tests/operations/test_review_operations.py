"""Reviewing suggestions, the Qt-free part: which one comes next, data fields typed by
the reviewer, the per-database setting and one suggesting run (no duplicates, rejected
never offered again)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.errors import Cancelled, InvalidValue
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.operations.review import (
    PENDING,
    auto_suggest,
    review_keys,
    review_value,
    set_auto_suggest,
    step_pending,
    suggest_article,
)
from clipper.store import Store

TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "articles"
        / "seed_alibaba_ai_investment.txt").read_text("utf-8")  # fmt: skip


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Alibaba", "alibaba.txt", "txt"))
        yield Session(store, coder="ann")


def test_step_pending_in_text_order_skipping_decided_and_wrapping(session: Session) -> None:
    run = suggest_article(session, 1)
    rows = session.list_annotations(1)
    assert len(run.added) == len(rows) > 5
    session.accept_suggestions([rows[1].id])
    rows = session.list_annotations(1)
    current, wrapped = step_pending(rows, position=0, current=None, forward=True)
    assert (current, wrapped) == (rows[0], False)
    current, _ = step_pending(rows, position=0, current=current, forward=True)
    assert current == rows[2]  # rows[1] is accepted: skipped
    current, wrapped = step_pending(rows, position=0, current=rows[-1], forward=True)
    assert (current, wrapped) == (rows[0], True)
    current, wrapped = step_pending(rows, position=0, current=rows[0], forward=False)
    assert (current, wrapped) == (rows[-1], True)
    middle = rows[len(rows) // 2]
    current, _ = step_pending(rows, position=middle.start, current=None, forward=True)
    assert current is not None and current.start >= middle.start
    assert step_pending([r for r in rows if r.status != PENDING], position=0, current=None,
                        forward=True) == (None, False)  # fmt: skip


def test_run_scores_every_suggestion_and_never_stores_twice(session: Session) -> None:
    first = suggest_article(session, 1)
    assert first.added  # all in one step (one transaction)
    assert session.undo_log.undo_label == f"Suggest {len(first.added)} annotations"
    assert len(session.undo_log) == 1
    assert all(0 < score <= 1 for score in first.scores.values())
    assert {(a.start, a.end, a.tag) for a in first.added} <= set(first.scores)
    rejected = first.added[0]
    session.reject_suggestions([rejected.id])
    again = suggest_article(session, 1)
    assert again.added == ()
    rows = session.list_annotations(1)
    spans = [(a.start, a.end, a.tag) for a in rows]
    assert len(spans) == len(set(spans)) == len(first.added)
    assert session.get_annotation(rejected.id).status == "rejected"
    read_only = suggest_article(session, 1, store=False)
    assert read_only.added == () and read_only.scores
    with pytest.raises(Cancelled):
        suggest_article(session, 1, cancelled=lambda: True)


def test_data_fields_and_values(session: Session) -> None:
    run = suggest_article(session, 1)
    figure = next(a for a in run.added if a.tag == "figure")
    quote = next(a for a in run.added if a.tag == "quote")
    person = next(a for a in run.added if a.tag == "person")
    assert review_keys(figure) == ("value", "unit")
    assert review_keys(quote) == ("speaker",)
    assert review_keys(person) == ()
    assert review_value("value", " 53,000,000,000 ") == 53_000_000_000
    assert review_value("value", "4.5") == 4.5
    assert review_value("unit", " USD ") == "USD"
    assert review_value("speaker", "") is None  # removes the key
    with pytest.raises(InvalidValue, match="not a number"):
        review_value("value", "lots")


def test_setting_is_per_database_and_off_by_default(session: Session, tmp_path: Path) -> None:
    assert not auto_suggest(session)
    set_auto_suggest(session, True)
    assert auto_suggest(session)
    with Store(tmp_path / "other.db") as other:
        assert not auto_suggest(Session(other))
    set_auto_suggest(session, False)
    assert not auto_suggest(session)

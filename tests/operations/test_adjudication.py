"""Adjudication writes the chosen versions into the gold coder; undo restores the state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clipper.errors import ClipperError, InvalidField
from clipper.model import GOLD_CODER
from clipper.operations import Session
from clipper.store import Store

CODERS = ("ann", "bob")


def _state(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything adjudication may change, read by a second connection (what is on disk)."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            "annotations": conn.execute(
                'SELECT a.id, a.uuid, a.start, a."end", a.tag, a.note, c.name, a.origin, '
                "a.origin_detail, a.status FROM annotations a JOIN coders c ON c.id = a.coder_id "
                "ORDER BY a.id"
            ).fetchall(),
            "attributes": conn.execute(
                "SELECT * FROM annotation_attributes ORDER BY 1, 2"
            ).fetchall(),
            "relations": conn.execute(
                "SELECT id, uuid, from_id, to_id, type FROM relations ORDER BY id"
            ).fetchall(),
            "decisions": conn.execute(
                "SELECT article_uuid, gold_coder, unit_key, adopted, copies, created "
                "FROM adjudication_decisions ORDER BY unit_key"
            ).fetchall(),
            "progress": conn.execute(
                "SELECT article_uuid, gold_coder, coders, decided, total, done_at IS NOT NULL "
                "FROM adjudication_progress"
            ).fetchall(),
        }
    finally:
        conn.close()


@pytest.fixture
def coded(session: Session) -> Session:
    """Article 1 ("Sales rose 12% to £4.2bn, the chief executive said on Tuesday.") coded
    by ann and bob: one agreement, a boundary, an attribute and a missing unit, and a
    quote said_by a person by each coder."""
    add = session.add_annotation
    add(1, 0, 5, "person", coder="ann")  # "Sales": agreement
    add(1, 0, 5, "person", coder="bob")
    add(1, 11, 14, "figure", coder="ann", attributes={"value": 12, "unit": "percent"})
    add(1, 11, 14, "figure", coder="bob", attributes={"value": 12})  # attribute
    add(1, 18, 24, "figure", "money", coder="ann")  # "£4.2bn" vs "4.2bn": boundary
    add(1, 19, 24, "figure", coder="bob")
    quote = add(1, 26, 54, "quote", coder="ann").annotations_added[0]  # missing for bob
    person = add(1, 30, 45, "person", coder="ann").annotations_added[0]  # missing for bob
    session.add_relation(quote.id, person.id, "said_by")
    session.undo_log.clear()
    return session


def _unit(session: Session, kind: str, nth: int = 0):  # type: ignore[no-untyped-def]
    units = [u for u in session.compare(1, CODERS).units if u.kind == kind]
    return units[nth]


def test_compare_lists_units_and_progress(coded: Session) -> None:
    comparison = coded.compare(1, CODERS)
    assert [u.kind for u in comparison.units] == [
        "agreement",
        "attribute",
        "boundary",
        "missing",
        "missing",
    ]
    assert (comparison.progress.decided, comparison.progress.total) == (0, 5)
    assert comparison.progress.disagreements_left == 4


def test_adopting_copies_span_tag_note_and_attributes(coded: Session, db_path: Path) -> None:
    before = _state(db_path)
    changes = coded.adjudicate(1, _unit(coded, "boundary"), ["ann"], coders=CODERS)
    (gold,) = changes.annotations_added
    assert (gold.start, gold.end, gold.tag, gold.note) == (18, 24, "figure", "money")
    assert (gold.coder, gold.origin, gold.origin_detail) == (
        GOLD_CODER,
        "manual",
        "adjudicated:ann",
    )
    changes = coded.adjudicate(1, _unit(coded, "attribute"), ["ann"], coders=CODERS)
    assert dict(changes.annotations_added[0].attributes) == {"value": 12, "unit": "percent"}
    assert coded.adjudication_progress(1, CODERS).decided == 2
    # the undo restores exactly what was on disk, step by step
    coded.undo()
    coded.undo()
    assert _state(db_path) == before
    coded.redo()
    coded.redo()
    gold_rows = [r for r in _state(db_path)["annotations"] if r[6] == GOLD_CODER]
    assert [(r[2], r[3], r[8]) for r in gold_rows] == [
        (18, 24, "adjudicated:ann"),
        (11, 14, "adjudicated:ann"),
    ]


def test_both_neither_and_deciding_again(coded: Session, db_path: Path) -> None:
    unit = _unit(coded, "boundary")
    coded.adjudicate(1, unit, ["ann", "bob"], coders=CODERS)
    gold = coded.list_annotations(1, coders=[GOLD_CODER])
    assert [(a.start, a.end) for a in gold] == [(18, 24), (19, 24)]
    middle = _state(db_path)
    # deciding again replaces the gold annotations the first decision made
    coded.adjudicate(1, unit, [], coders=CODERS)
    assert coded.list_annotations(1, coders=[GOLD_CODER]) == []
    comparison = coded.compare(1, CODERS)
    assert comparison.decision(unit) is not None and comparison.decision(unit).adopted == ()
    assert comparison.progress.decided == 1  # "neither" is a decision too
    coded.undo()
    assert _state(db_path) == middle


def test_both_refused_when_versions_share_span_and_tag(coded: Session, db_path: Path) -> None:
    before = _state(db_path)
    with pytest.raises(ClipperError, match="adopt one of them"):
        coded.adjudicate(1, _unit(coded, "attribute"), ["ann", "bob"], coders=CODERS)
    assert _state(db_path) == before
    assert not coded.undo_log.can_undo


def test_relations_copied_when_both_ends_adopted(coded: Session, db_path: Path) -> None:
    coded.adjudicate(1, _unit(coded, "missing", 0), ["ann"], coders=CODERS)  # the quote
    assert coded.list_relations(1) and len(coded.list_relations(1)) == 1
    changes = coded.adjudicate(1, _unit(coded, "missing", 1), ["ann"], coders=CODERS)
    assert changes.relations
    gold = {a.id: a for a in coded.list_annotations(1, coders=[GOLD_CODER])}
    copied = [r for r in coded.list_relations(1) if r.from_id in gold]
    assert [(gold[r.from_id].tag, r.type, gold[r.to_id].tag) for r in copied] == [
        ("quote", "said_by", "person")
    ]
    before_undo = len(coded.list_relations(1))
    coded.undo()
    assert len(coded.list_relations(1)) == before_undo - 1
    coded.redo()
    assert len(coded.list_relations(1)) == before_undo


def test_progress_counts_and_overview(coded: Session) -> None:
    coded.adopt_agreements(1, CODERS)
    progress = coded.adjudication_progress(1, CODERS)
    assert (progress.decided, progress.total, progress.disagreements_left) == (1, 5, 4)
    for kind, nth in (("attribute", 0), ("boundary", 0), ("missing", 0), ("missing", 1)):
        coded.adjudicate(1, _unit(coded, kind, nth), ["ann"], coders=CODERS)
    progress = coded.adjudication_progress(1, CODERS)
    assert progress.done and str(progress) == "5 of 5 decided"
    (stored,) = coded.adjudication_overview()
    assert (stored.article_id, stored.coders, stored.decided, stored.total) == (1, CODERS, 5, 5)
    assert stored.done
    coded.undo()
    (stored,) = coded.adjudication_overview()
    assert (stored.decided, stored.done) == (4, False)


def test_a_coder_changing_an_annotation_reopens_its_unit(coded: Session) -> None:
    unit = _unit(coded, "boundary")
    coded.adjudicate(1, unit, ["bob"], coders=CODERS)
    bob = unit.versions["bob"]
    assert bob is not None
    coded.edit_annotation(bob.id, attributes={"value": 4.2})
    assert coded.adjudication_progress(1, CODERS).decided == 0


def test_stale_unit_refused(coded: Session, db_path: Path) -> None:
    unit = _unit(coded, "boundary")
    bob = unit.versions["bob"]
    assert bob is not None
    coded.delete_annotations([bob.id])
    before = _state(db_path)
    with pytest.raises(ClipperError, match="deleted or changed"):
        coded.adjudicate(1, unit, ["ann"], coders=CODERS)
    assert _state(db_path) == before


def test_bad_coder_choices_refused(coded: Session) -> None:
    with pytest.raises(InvalidField, match="two or more"):
        coded.compare(1, ["ann"])
    with pytest.raises(InvalidField, match="cannot be one of the coders"):
        coded.compare(1, ["ann", "gold"])


def test_adjudication_survives_reopening(coded: Session, db_path: Path) -> None:
    coded.adjudicate(1, _unit(coded, "missing", 0), [], coders=CODERS)
    coded.store.close()
    with Store(db_path) as store:
        assert Session(store).adjudication_progress(1, CODERS).decided == 1


def test_deleting_the_article_and_undoing_keeps_the_adjudication(coded: Session) -> None:
    coded.adjudicate(1, _unit(coded, "boundary"), ["ann"], coders=CODERS)
    coded.adjudicate(1, _unit(coded, "missing", 0), [], coders=CODERS)
    coded.delete_article(1)
    assert coded.adjudication_overview() == []
    coded.undo()
    assert coded.adjudication_progress(1, CODERS).decided == 2
    (stored,) = coded.adjudication_overview()
    assert (stored.article_id, stored.decided) == (1, 2)
    assert [a.origin_detail for a in coded.list_annotations(1, coders=[GOLD_CODER])] == [
        "adjudicated:ann"
    ]


def test_unit_changed_since_the_comparison_refused(coded: Session, db_path: Path) -> None:
    unit = _unit(coded, "boundary")
    ann = unit.versions["ann"]
    assert ann is not None
    coded.edit_annotation(ann.id, attributes={"value": 4.2e9})
    before = _state(db_path)
    with pytest.raises(ClipperError, match="changed since the comparison"):
        coded.adjudicate(1, unit, ["ann"], coders=CODERS)
    assert _state(db_path) == before

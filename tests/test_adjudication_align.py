"""Aligning coders' annotations into units of (dis)agreement, on hand-made cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest

from clipper.adjudication import adopted, align, count_kinds
from clipper.errors import Cancelled, ClipperError
from clipper.model import Annotation, AttributeValue

TEXT = "Angela Merkel said that sales rose 12% to £4.2bn in Berlin on Tuesday."
_ids = iter(range(1, 10_000))


def ann(
    coder: str,
    start: int,
    end: int,
    tag: str,
    attributes: Mapping[str, AttributeValue] | None = None,
    status: str = "accepted",
) -> Annotation:
    n = next(_ids)
    return Annotation(
        id=n,
        article_id=1,
        start=start,
        end=end,
        tag=tag,
        text=TEXT[start:end],
        note="",
        created_at="",
        updated_at="",
        uuid=f"u{n:04d}",
        coder=coder,
        status=status,
        attributes=dict(attributes or {}),
    )


def kinds(units: list) -> list[str]:
    return [u.kind for u in units]


def test_exact_agreement_is_one_unit() -> None:
    a, b = ann("ann", 0, 13, "person"), ann("bob", 0, 13, "person")
    units = align([a, b], ["ann", "bob"])
    assert kinds(units) == ["agreement"]
    assert units[0].versions == {"ann": a, "bob": b}
    assert (units[0].start, units[0].end) == (0, 13)


def test_missing_when_one_coder_has_nothing_overlapping() -> None:
    a = ann("ann", 52, 58, "place")
    units = align([a, ann("bob", 0, 13, "person"), ann("ann", 0, 13, "person")], ["ann", "bob"])
    assert kinds(units) == ["agreement", "missing"]
    assert units[1].versions == {"ann": a, "bob": None}
    assert units[1].coders_with() == ["ann"]


def test_boundary_same_tag_different_offsets() -> None:
    a, b = ann("ann", 35, 38, "figure"), ann("bob", 35, 49, "figure")
    units = align([b, a], ["ann", "bob"])
    assert kinds(units) == ["boundary"]
    assert (units[0].start, units[0].end) == (35, 49)


def test_tag_same_span_different_tag() -> None:
    units = align([ann("ann", 0, 13, "person"), ann("bob", 0, 13, "quote")], ["ann", "bob"])
    assert kinds(units) == ["tag"]


def test_tag_overlapping_spans_different_tags() -> None:
    units = align([ann("ann", 0, 13, "person"), ann("bob", 0, 6, "quote")], ["ann", "bob"])
    assert kinds(units) == ["tag"]


def test_attribute_same_span_and_tag() -> None:
    a = ann("ann", 35, 38, "figure", {"value": 12, "unit": "percent"})
    b = ann("bob", 35, 38, "figure", {"value": 12})
    assert kinds(align([a, b], ["ann", "bob"])) == ["attribute"]
    same = ann("bob", 35, 38, "figure", {"unit": "percent", "value": 12})
    assert kinds(align([a, same], ["ann", "bob"])) == ["agreement"]


def test_best_match_wins_over_first_overlap() -> None:
    """Bob's person matches Ann's person (same tag) although his quote overlaps first;
    the quote is then missing for Ann."""
    person_a = ann("ann", 0, 13, "person")
    quote_b = ann("bob", 0, 38, "quote")
    person_b = ann("bob", 0, 13, "person")
    units = align([person_a, quote_b, person_b], ["ann", "bob"])
    assert kinds(units) == ["agreement", "missing"]
    assert units[0].versions["bob"] is person_b
    assert units[1].versions == {"ann": None, "bob": quote_b}


def test_nested_annotations_of_one_coder_stay_apart() -> None:
    units = align([ann("ann", 0, 38, "quote"), ann("ann", 0, 13, "person")], ["ann", "bob"])
    assert kinds(units) == ["missing", "missing"]
    assert [(u.start, u.end) for u in units] == [(0, 13), (0, 38)]


def test_three_coders_and_others_left_out() -> None:
    units = align(
        [
            ann("ann", 42, 48, "figure"),
            ann("bob", 42, 48, "figure"),
            ann("cy", 41, 48, "figure"),
            ann("dan", 0, 5, "person"),  # not compared
            ann("bob", 52, 58, "place", status="pending"),  # a suggestion
            ann("bob", 62, 69, "date", status="rejected"),
        ],
        ["ann", "bob", "cy"],
    )
    assert kinds(units) == ["boundary"]
    assert [a.coder for a in units[0].annotations()] == ["ann", "bob", "cy"]


def test_order_is_by_text_position_and_deterministic() -> None:
    made = [
        ann("bob", 52, 58, "place"),
        ann("ann", 35, 38, "figure"),
        ann("bob", 35, 38, "figure", {"value": 12}),
        ann("ann", 0, 13, "person"),
        ann("bob", 0, 6, "person"),
    ]
    units = align(made, ["ann", "bob"])
    assert kinds(units) == ["boundary", "attribute", "missing"]
    again = align(list(reversed(made)), ["ann", "bob"])
    assert [u.key for u in again] == [u.key for u in units]
    assert count_kinds(units) == {
        "missing": 1,
        "boundary": 1,
        "tag": 0,
        "attribute": 1,
        "agreement": 0,
    }


def test_keys_change_when_an_annotation_changes() -> None:
    a, b = ann("ann", 0, 13, "person"), ann("bob", 0, 13, "person")
    key = align([a, b], ["ann", "bob"])[0].key
    changed = dataclasses.replace(b, attributes={"x": 1})
    assert align([a, changed], ["ann", "bob"])[0].key != key


def test_adopted_versions_and_refusals() -> None:
    a = ann("ann", 35, 38, "figure", {"value": 12})
    b = ann("bob", 35, 38, "figure", {"value": 13})
    unit = align([a, b], ["ann", "bob"])[0]
    assert adopted(unit, ["bob"]) == [b]
    assert adopted(unit, []) == []
    with pytest.raises(ClipperError, match="adopt one of them"):
        adopted(unit, ["ann", "bob"])
    with pytest.raises(ClipperError, match="not one of the coders"):
        adopted(unit, ["cy"])
    lonely = align([ann("ann", 0, 13, "person")], ["ann", "bob"])[0]
    with pytest.raises(ClipperError, match="bob has no annotation here"):
        adopted(lonely, ["bob"])


def test_fewer_than_two_coders_refused() -> None:
    with pytest.raises(ValueError):
        align([], ["ann"])


def test_align_reports_progress_and_stops_when_cancelled() -> None:
    """The background comparison's steps: ``progress(done, total)`` over the annotations
    swept, the last step always (total, total); a cancel stops it with nothing returned."""
    rows = [ann(c, 0, 6, "person") for c in ("ann", "bob")] + [ann("ann", 7, 13, "person")]
    steps: list[tuple[int, int]] = []
    units = align(rows, ["ann", "bob"], progress=lambda d, t: steps.append((d, t)))
    assert kinds(units) == ["agreement", "missing"]
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)
    with pytest.raises(Cancelled):
        align(rows, ["ann", "bob"], cancel=lambda: True)

"""Placing W3C/Hypothesis selectors on a text (code points)."""

from __future__ import annotations

from clipper.importers.anchoring import TextTarget, anchor

TEXT = "👍🏽 the cat sat; the cat ran; the dog sat"


def target(
    start: int | None, end: int | None, exact: str | None, prefix: str = "", suffix: str = ""
) -> TextTarget:
    return TextTarget([], start, end, exact, prefix, suffix)


def test_the_position_wins_when_the_text_there_is_the_quote() -> None:
    at = TEXT.index("the cat ran")
    assert anchor(TEXT, target(at, at + 7, "the cat")) == (at, at + 7)
    assert anchor(TEXT, target(at, at + 7, None)) == (at, at + 7)


def test_a_wrong_position_falls_back_to_the_quote_and_its_context() -> None:
    second = TEXT.index("the cat ran")
    # UTF-16 offsets (the emoji counts 4 units, 2 code points) point two characters off
    assert anchor(TEXT, target(second + 2, second + 9, "the cat", suffix=" ran")) == (
        second,
        second + 7,
    )
    assert anchor(TEXT, target(None, None, "sat", prefix="the dog ")) == (
        TEXT.rindex("sat"),
        len(TEXT),
    )


def test_on_a_tie_the_occurrence_nearest_the_position_wins() -> None:
    second = TEXT.index("the cat ran")
    assert anchor(TEXT, target(second + 3, second + 10, "the cat")) == (second, second + 7)
    assert anchor(TEXT, target(None, None, "the cat")) == (
        TEXT.index("the cat"),
        TEXT.index("the cat") + 7,
    )


def test_what_is_not_there_is_not_placed() -> None:
    assert anchor(TEXT, target(None, None, "the bird")) is None
    assert anchor(TEXT, target(100, 110, None)) is None
    assert anchor(TEXT, target(None, None, "")) is None

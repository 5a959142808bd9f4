"""Generic figure bugs seen in a real window (V7, sug-bugs): compound units, irregular
plurals, ages after "died at", imperial abbreviations, mixed fractions and sports events.
Sentences written for the test."""

from __future__ import annotations

import pytest

from clipper.suggest.figures import _plural
from tests.suggest.figure_rows import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The car reached 157 miles per hour on the track.",
            [("157 miles per hour", 157, "miles per hour")],
        ),
        (
            "He drove at 120 kilometres an hour.",
            [("120 kilometres an hour", 120, "kilometres an hour")],
        ),
        ("It drove at 50 mph, then 80 km/h.", [("50 mph", 50, "mph"), ("80 km/h", 80, "km/h")]),
    ],
)
def test_compound_unit_is_plural_at_its_head_only(text: str, expected: object) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("man", "men"), ("woman", "women"), ("child", "children"), ("person", "people"),
        ("chairman", "chairmen"), ("human", "humans"), ("box", "boxes"), ("church", "churches"),
        ("city", "cities"), ("day", "days"), ("life", "lives"), ("sheep", "sheep"),
        ("votes", "votes"), ("men", "men"),
    ],
)  # fmt: skip
def test_plural_uses_english_plural_forms(word: str, plural: str) -> None:
    assert _plural(word) == plural


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("One man was arrested yesterday.", "people"),
        ("One woman was hurt in the crash.", "people"),
        ("One child was rescued from the river.", "people"),
        ("Three terrorists were killed in the raid.", "people"),
        ("One box was left at the station.", "boxes"),
    ],
)
def test_counted_humans_are_people_and_nouns_plural(text: str, unit: str) -> None:
    assert [f[2] for f in figures(text)] == [unit]


@pytest.mark.parametrize(
    "text",
    [
        "The queen dies at 95 in her castle.",
        "The actor, who died at 95, was buried on Monday.",
        "She died at the age of 95.",
        "He retired at 65 after four decades.",
    ],
)
def test_age_after_died_at_is_years_not_the_verb(text: str) -> None:
    assert [(f[1], f[2]) for f in figures(text)][:1] == [(95 if "95" in text else 65, "years")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The baby weighed ten lbs at birth.", [("ten lbs", 10, "lbs")]),
        ("The parcel weighs 5 lb and is 3 ft long.", [("5 lb", 5, "lb"), ("3 ft", 3, "ft")]),
        ("A 12oz steak.", [("12oz", 12, "oz")]),
        ("A 6 in. long nail.", [("6 in.", 6, "in.")]),
        ("Six in ten voters agreed.", [("Six", 6, "people"), ("ten", 10, "people")]),
    ],
)
def test_imperial_abbreviations_stay_as_written(text: str, expected: object) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The pole is one and two thirds meters long.",
            [("one and two thirds meters", 5 / 3, "meters")],
        ),
        ("He served two and a half years in prison.", [("two and a half years", 2.5, "years")]),
        ("Two-and-a-half years later", [("Two-and-a-half years", 2.5, "years")]),
        ("It lasted two and one-half years.", [("two and one-half years", 2.5, "years")]),
        ("It took two and a half.", [("two and a half", 2.5, None)]),
    ],
)
def test_mixed_fraction_is_one_figure(text: str, expected: object) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She won the 400 metres hurdles final.",
        "He won the 400 m hurdles.",
        "She won the 100m freestyle in Tokyo.",
        "The 200 metres backstroke was held on Monday.",
    ],
)
def test_sports_event_distance_is_no_figure(text: str) -> None:
    assert figures(text) == []


def test_distance_outside_an_event_is_still_a_figure() -> None:
    assert figures("The wall is 3m tall.") == [("3m", 3, "m")]

"""Figure kinds read from the dev sets' misses (issue 12, V6 sug-fig): match scores, years
and positions in a series, ages, the counted entity after adjectives, nationalities and
back-references. Each rule on sentences written for the test in the style of news copy."""

from __future__ import annotations

import pytest

from clipper.suggest.figure_scores import match_scores
from clipper.suggest.figures import suggest_figures


def figures(text: str) -> list[tuple[str, object, object]]:
    return [
        (text[s.start : s.end], s.attributes.get("value"), s.attributes.get("unit"))
        for s in suggest_figures(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one figure per number, unit of the sport
        (
            "Spain beat Italy 2 – 1 in the football final.",
            [("2", 2, "goals"), ("1", 1, "goals")],
        ),
        (
            "Group B — Chile 0 – 3 Peru. The goal came late.",
            [("0", 0, "goals"), ("3", 3, "goals")],
        ),
        (
            "The first half ended with 1–1 on the scoreboard after a late goal.",
            [("1", 1, "goals"), ("1", 1, "goals")],
        ),
        ("The Lakers won 102-98 at home.", [("102", 102, "points"), ("98", 98, "points")]),
        (
            "A goal put them 1 – 0 up before the break.",
            [("1", 1, "goals"), ("0", 0, "goals")],
        ),
    ],
)
def test_a_match_score_is_one_figure_per_number(text: str, expected: list[object]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Children aged 8–10 years took part.",
        "The motion passed 3-2 votes to spare.",
        "Prices rose 5-7 million dollars.",
    ],
)
def test_a_range_with_a_unit_or_without_a_result_cue_is_no_score(text: str) -> None:
    assert match_scores(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("World Cup 2018 day five: Spain win", []),
        ("On day five of the trial, the judge ruled.", []),
        ("In round 3 the champion fell.", []),
        # a count after such a word is still a count
        ("On that day 2,000 people marched.", [("2,000", 2000, "people")]),
        # a year-like count with a plural or joined unit is a figure
        ("The walk took 2018 days.", [("2018 days", 2018, "days")]),
        ("It continues a 2000 year old tradition.", [("2000 year", 2000, "years")]),
    ],
)
def test_years_and_positions_in_a_series_are_no_figures(text: str, expected: list[object]) -> None:
    assert figures(text) == expected

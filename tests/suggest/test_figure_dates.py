"""Dates are not figures (GUIDELINES.md, figure: "Excluded: dates and years-as-dates"): a
dateline, a written or numeric date and a year after a word of time give no figure, while
the counts around them still do (issue 12, sug-fig2)."""

from __future__ import annotations

import pytest

from tests.suggest.figure_rows import figures, pipeline_figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline at the top of an article, whatever the first line after it says
        ("Saturday, September 12, 2015\n\nRefugees crossed the border.", []),
        ("Saturday, September 12, 2015 Migrants arrive in Munich", []),
        ("Sunday, 13 September 2015\n\nVolunteers handed out food.", []),
        ("Monday 12 September, 2015", []),
        # written and numeric dates inside a sentence
        ("The vote on Sept. 12, 2015 drew 40 people.", [("40", 40, "people")]),
        ("Published 2015-09-12 by the desk.", []),
        ("Updated 12.09.2015, when 40 people had signed.", [("40", 40, "people")]),
        ("It was September 2015 when workers struck.", []),
        # a year after a word of time, even before a word for people
        ("In 2019 voters chose a new parliament.", []),
        ("Since 2015 students have paid fees.", []),
        ("in 2015 Germans voted", []),
        ("By 2030 the city will need 2,000 teachers.", [("2,000", 2_000, "people")]),
        # a year before a singular noun is an attribute of it
        (
            "The Population Review estimated the total 2020 population at a million.",
            [("a million", 1_000_000, "people")],
        ),
        # a number that only looks like a year is still a count
        ("The firm has 2015 staff.", [("2015", 2_015, "people")]),
        ("The road is 2000 km long.", [("2000 km", 2_000, "km")]),
    ],
)
def test_dates_are_not_figures(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected
    assert pipeline_figures(text) == expected


def test_a_counted_noun_is_never_on_the_next_line() -> None:
    # the first line ends with a number; the noun opening the next paragraph is not its unit
    assert figures("The toll was 12\n\nRefugees waited.") == [("12", 12, None)]

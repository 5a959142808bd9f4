"""Kinds of figure error found on unseen Wikinews 2020 stories (issue 12, sug-fig3), each rule
on sentences written for the test, with the guideline sentence it implements
(GUIDELINES.md, figure)."""

from __future__ import annotations

import pytest

from tests.suggest.figure_rows import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Units kept in the span: ... distance (miles, km)"; unit: "plural lower-case unit for
        # durations/distances as written": astronomy's units of distance and mass are units too
        (
            "The star lies about 520 light years away.",
            [("520 light years", 520, "light years")],
        ),
        ("It is 4.2 light-years from the Sun.", [("4.2 light-years", 4.2, "light-years")]),
        (
            "The gap is 30 astronomical units wide; one astronomical unit is far.",
            [
                ("30 astronomical units", 30, "astronomical units"),
                ("one astronomical unit", 1, "astronomical units"),
            ],
        ),
        ("The cluster is 2.4 parsecs across.", [("2.4 parsecs", 2.4, "parsecs")]),
        ("A star of 12 solar masses collapsed.", [("12 solar masses", 12, "solar masses")]),
    ],
)
def test_units_of_astronomy_are_measurement_units(
    text: str, expected: list[tuple[str, object, object]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The counted entity goes into `unit`": an abbreviated name ("U.S.", "U.K.") between
        # the number and the noun is a modifier, like "Space Shuttle" in "Space Shuttle orbiters"
        ("It has ballot access in all 50 U.S. states.", [("50", 50, "states")]),
        ("They visited 12 U.K. cities last year.", [("12", 12, "cities")]),
        # a sum named after what it sums: the summed noun is counted (humans -> "people")
        (
            "He passed a 270 electoral college delegate total on Saturday.",
            [("270", 270, "people")],
        ),
        ("The party ended with a 312 vote tally.", [("312", 312, "votes")]),
    ],
)
def test_counted_entity_through_modifiers(
    text: str, expected: list[tuple[str, object, object]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Excluded: ... years-as-dates": a year-like number that counts a clause's subject is
        # a count ("1885 aftershocks had occurred"), a year with a determiner is a date
        (
            "As of Wednesday, 1885 aftershocks had occurred since the quake.",
            [("1885", 1885, "aftershocks")],
        ),
        ("The 2019 elections were held in May.", []),
        ("Emissions fell below 2000 levels.", []),
        # gold README: "two-legged", "three-dimensional" are type adjectives (no figures); so is
        # a chain of hyphenated words ending in one
        ("The party won 70% of the two-party-preferred vote.", [("70%", 70, "percent")]),
    ],
)
def test_years_counts_and_type_adjectives(
    text: str, expected: list[tuple[str, object, object]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The counted entity goes into `unit` (humans -> "people")": people by role or trade
        (
            "Three occupants of the helicopter died, and two performers were hurt.",
            [("Three", 3, "people"), ("two", 2, "people")],
        ),
        ("Police arrested four kidnappers.", [("four", 4, "people")]),
        # nouns that also name companies or things keep their noun
        (
            "The firm has 12 partners and 40 suppliers.",
            [("12", 12, "partners"), ("40", 40, "suppliers")],
        ),
        # a state of people used as a noun ("the three deceased"), not as an adjective
        ("The three deceased were contract employees.", [("three", 3, "people")]),
        ("He found three dead birds.", [("three", 3, "birds")]),
        # "the number of people ... exceeds N": the counted noun stands before the number
        (
            "It estimated the number of people infected with the new virus may considerably "
            "exceed 1000.",
            [("1000", 1000, "people")],
        ),
    ],
)
def test_humans_are_people(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Excluded: ... identifiers/names with numbers ("Vostok 1")": a capitalised number
        # word in a name, also before a lower-case noun
        ("Trump flew above the rally on his Marine One helicopter.", []),
        ("He won two Formula One titles.", [("two", 2, "titles")]),
        # not in a title-case headline, not after a weekday
        ("On Tuesday Two men were hurt.", [("Two", 2, "people")]),
        # "half" as a noun for a part of the pitch is no fraction; "half of", "by half" are
        ("They played in their attacking half.", []),
        (
            "Sales fell by half, and their half of the pot went.",
            [("half", 0.5, "fraction"), ("half", 0.5, "fraction")],
        ),
    ],
)
def test_names_and_half_as_a_noun(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "`unit`: ISO 4217 for money": a currency written in its own language's spelling
        (
            "The price is 900 million złotys (181 million pounds).",
            [
                ("900 million złotys", 900_000_000, "PLN"),
                ("181 million pounds", 181_000_000, "GBP"),
            ],
        ),
        # a scaled amount after money in the same sentence is in that currency
        (
            "The units had a 947 million pounds turnover for a 107 million loss.",
            [("947 million pounds", 947_000_000, "GBP"), ("107 million", 107_000_000, "GBP")],
        ),
        # ... but a currency is not shared across a sentence end, nor to a plain count
        (
            "It cost 900 million pounds. About 107 million were sold, in 386 shops.",
            [
                ("900 million pounds", 900_000_000, "GBP"),
                ("107 million", 107_000_000, None),
                ("386", 386, "shops"),
            ],
        ),
        # "Units kept in the span ... unit of measurement": the degree sign before the scale
        ("It was kept at 28° Celsius.", [("28° Celsius", 28, "degrees Celsius")]),
    ],
)
def test_money_and_temperatures(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected

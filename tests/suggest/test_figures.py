"""Figures by the rules of GUIDELINES.md: spans, values and units on its examples."""

from __future__ import annotations

import pytest

from clipper.suggest import suggest
from tests.suggest.figure_rows import pipeline_figures as figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Alibaba is planning to invest at least $53 billion (RMB 380 billion) over the "
            "next three years.",
            [
                ("$53 billion", 53_000_000_000, "USD"),
                ("RMB 380 billion", 380_000_000_000, "CNY"),
                ("three years", 3, "years"),
            ],
        ),
        (
            "It reported a revenue of US$38,381 million (RMB280,154 million), an increase of "
            "eight per cent year-over-year.",
            [
                ("US$38,381 million", 38_381_000_000, "USD"),
                ("RMB280,154 million", 280_154_000_000, "CNY"),
                ("eight per cent", 8, "percent"),
            ],
        ),
        ("He won 84,121 votes.", [("84,121", 84121, "votes")]),
        ("Children aged 8–10 years were tested.", [("8", 8, "years"), ("10 years", 10, "years")]),
        (
            "The document ranges from ten to 32 pages.",
            [("ten", 10, "pages"), ("32", 32, "pages")],
        ),
        ("It drops one or two points.", [("one", 1, "points"), ("two points", 2, "points")]),
        ("It flew 500 miles (800 km) home.", [("500 miles", 500, "miles"), ("800 km", 800, "km")]),
        (
            "Prices rose 12% and 11 per cent.",
            [("12%", 12, "percent"), ("11 per cent", 11, "percent")],
        ),
        ("About half of them left.", [("half", 0.5, "fraction")]),
        ("Only a third of voters came.", [("a third", pytest.approx(1 / 3), "fraction")]),
        ("South Korea evacuated about 80 people.", [("80", 80, "people")]),
        ("At least 107 killed in the collapse.", [("107", 107, "people")]),
        ("It happened two years ago.", [("two years", 2, "years")]),
        ("Seventeen years ago, this was not possible.", [("Seventeen years", 17, "years")]),
        ("It comes just ten days before the Hajj.", [("ten days", 10, "days")]),
        (
            "It must be returned within twenty working days.",
            [("twenty working days", 20, "working days")],
        ),
        ("If it is serious you lose 15 IQ points.", [("15 IQ points", 15, "IQ points")]),
        (
            "They fired 36 shells; the KPA fired one shell.",
            [("36", 36, "shells"), ("one", 1, "shells")],
        ),
        ("It costs 422,000 euros.", [("422,000 euros", 422_000, "EUR")]),
        ("after an 11-year lull", [("11-year", 11, "years")]),
    ],
)
def test_spans_values_and_units(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The shuttle flew mission STS-135 from Launch Pad 39A.",
        "Vostok 1 flew in 1961.",
        "It outperforms GPT-4o and Qwen 2.5 on the test.",
        "Shells fell near posts 542 and 543.",
        "The meeting began at 22:30 on 17 February.",
        "NASA celebrates the 30th anniversary; growth for the sixth consecutive quarter.",
        "Emissions were 10 above 2000 levels from 1980 to 2012.",
        "It is one of the orbiters. No one came.",
        "Dozens of people and thousands of pilgrims came several times.",
        "Had it happened an hour later it would have been worse; he came twice.",
        "The meeting took place on May 16, 2015.",
    ],
)
def test_left_out(text: str) -> None:
    found = figures(text)
    assert all(span in ("10",) for span, _v, _u in found), found


def test_deterministic_and_sorted() -> None:
    text = "Sales rose 12% to £4.2bn over two years, it said."
    first = suggest(text, ["figure"])
    assert first == suggest(text, ["figure"])
    assert [(s.start, s.end) for s in first] == sorted((s.start, s.end) for s in first)
    assert figures(text)[1] == ("£4.2bn", 4_200_000_000, "GBP")

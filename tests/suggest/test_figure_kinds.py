"""Figure kinds the held-out misses and the guidelines name (issue 12, sug-fig): each rule on
sentences written for the test in the style of wire and newspaper copy."""

from __future__ import annotations

import pytest

from tests.suggest.figure_rows import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted entity is not right after the number
        ("The case was heard by a panel of twelve.", [("twelve", 12, "people")]),
        ("The vigil drew more than a thousand.", [("a thousand", 1000, "people")]),
        ("More than a thousand marched through the capital.", [("a thousand", 1000, "people")]),
        (
            "Of the 300 applicants, 120 were accepted.",
            [("300", 300, "people"), ("120", 120, "people")],
        ),
        (
            "Two people were killed and three others injured.",
            [("Two", 2, "people"), ("three", 3, "people")],
        ),
        (
            "Five of the 12 jurors voted to convict.",
            [("Five", 5, "people"), ("12", 12, "people")],
        ),
        # "one" before a name and a singular noun
        ("He saw one Liverpool fan arrested.", [("one", 1, "people")]),
        # a death toll, a family, a subject whose number changed
        ("Flood death toll rises to 112", [("112", 112, "people")]),
        ("His family of nine now lives in a tent.", [("nine", 9, "people")]),
        (
            "Cholera cases had tripled to 4,200 in two weeks.",
            [("4,200", 4_200, "cases"), ("two weeks", 2, "weeks")],
        ),
        # a list shares the unit of its first member
        (
            "The suspects, aged 15, 16 and 17, were freed.",
            [("15", 15, "years"), ("16", 16, "years"), ("17", 17, "years")],
        ),
        # nationalities, parties and faiths are people; "of them" refers back
        (
            "Some 3 million Syrians and five Democrats left.",
            [("3 million", 3_000_000, "people"), ("five", 5, "people")],
        ),
        (
            "It has 3,400 employees; 200 of them are in Paris.",
            [("3,400", 3_400, "people"), ("200", 200, "people")],
        ),
        # the same number counted earlier in the text
        (
            "The site has 50000 articles. Then came the 50000 milestone.",
            [("50000", 50_000, "articles"), ("50000", 50_000, "articles")],
        ),
        # counted nouns past adjectives
        ("The winner took 84,121 valid votes.", [("84,121", 84_121, "votes")]),
        ("The firm employs 3,000 full-time staff.", [("3,000", 3_000, "people")]),
    ],
)
def test_counted_entity(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # currencies written as words or codes after the amount
        ("The deal is worth 3.5 billion yuan.", [("3.5 billion yuan", 3_500_000_000, "CNY")]),
        ("He was fined 20 million euros.", [("20 million euros", 20_000_000, "EUR")]),
        ("She paid 500 pounds sterling.", [("500 pounds sterling", 500, "GBP")]),
        ("Tickets cost 2,000 rupees.", [("2,000 rupees", 2_000, "INR")]),
        (
            "The budget is 300 million Hong Kong dollars.",
            [("300 million Hong Kong dollars", 300_000_000, "HKD")],
        ),
        ("It raised 40 million US dollars.", [("40 million US dollars", 40_000_000, "USD")]),
        ("Sales reached 30 million RMB.", [("30 million RMB", 30_000_000, "CNY")]),
        ("A loaf costs 5,000 roubles.", [("5,000 roubles", 5_000, "RUB")]),
        # symbols with a country prefix, abbreviated scales
        ("The group raised US$2.5bn.", [("US$2.5bn", 2_500_000_000, "USD")]),
        ("It sold the unit for HK$300m.", [("HK$300m", 300_000_000, "HKD")]),
        ("Canberra pledged A$40 million.", [("A$40 million", 40_000_000, "AUD")]),
        ("Taipei set aside NT$5 billion.", [("NT$5 billion", 5_000_000_000, "TWD")]),
        ("The plant cost Rs 500 crore.", [("Rs 500 crore", 5_000_000_000, "INR")]),
        ("Debt hit $1.2 trillion.", [("$1.2 trillion", 1_200_000_000_000, "USD")]),
        ("Pay rose to £45k.", [("£45k", 45_000, "GBP")]),
        # "pounds of" is a weight, not money
        ("The bomb held 500 pounds of explosives.", [("500 pounds", 500, "pounds")]),
    ],
)
def test_money(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a dozen" is twelve; "half a million" half of the scale
        ("A dozen protesters were held.", [("A dozen", 12, "people")]),
        ("Two dozen soldiers were sent.", [("Two dozen", 24, "people")]),
        ("Half a million people fled.", [("Half a million", 500_000, "people")]),
        # fractions
        (
            "Two-thirds of voters backed it and a third of them abstained.",
            [("Two-thirds", 2 / 3, "fraction"), ("a third", 1 / 3, "fraction")],
        ),
        # multiples: the unit as written
        (
            "Exports rose 18-fold in a decade.",
            [
                ("18-fold", 18, "fold"),
            ],
        ),
        # ranges share the unit, the scale and the currency
        ("Costs rose 5-7% this year.", [("5", 5, "percent"), ("7%", 7, "percent")]),
        (
            "Repairs will cost $5-7 million.",
            [("$5", 5_000_000, "USD"), ("7 million", 7_000_000, "USD")],
        ),
        (
            "Between 3 and 4 million people live there.",
            [("3", 3_000_000, "people"), ("4 million", 4_000_000, "people")],
        ),
    ],
)
def test_scales_fractions_ranges(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ages are years (the closest rule: "aged 8-10 years")
        ("John Smith, 45, was arrested on Tuesday.", [("45", 45, "years")]),
        ("The victim, aged 19, died in hospital.", [("19", 19, "years")]),
        ("She retired at the age of 60.", [("60", 60, "years")]),
        ("A 72-year-old man was hurt.", [("72-year", 72, "years")]),
        # temperatures (the unit of measurement in the span, its name as the unit)
        ("It reached 40 degrees Celsius.", [("40 degrees Celsius", 40, "degrees Celsius")]),
        ("Lows of -5°C are expected.", [("-5°C", -5, "degrees Celsius")]),
        ("It fell to minus 12 degrees.", [("minus 12 degrees", -12, "degrees")]),
        ("Highs near 104°F.", [("104°F", 104, "degrees Fahrenheit")]),
        # "half an hour" is a duration; a year-like number before a unit is no year
        ("After nearly half an hour, play resumed.", [("half an hour", 0.5, "hours")]),
        ("It revives a 2000 year old tradition.", [("2000 year", 2000, "years")]),
        # area, speed, weight
        ("Fire burnt 2,000 hectares.", [("2,000 hectares", 2_000, "hectares")]),
        (
            "The park covers 20 square kilometres.",
            [("20 square kilometres", 20, "square kilometres")],
        ),
        ("The limit is 30 mph (50 km/h).", [("30 mph", 30, "mph"), ("50 km/h", 50, "km/h")]),
        (
            "Unemployment fell 0.3 percentage points.",
            [("0.3 percentage points", 0.3, "percentage points")],
        ),
    ],
)
def test_ages_and_measures(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of people gathered; thousands of others watched.",
        "Dozens were hurt and several hundred fled.",
        "Prices doubled and then tripled.",
        "The players shared a high-five.",
        "He scored twice in the second half.",
        "The iPhone 15 sold well.",
    ],
)
def test_vague_quantities_left_out(text: str) -> None:
    assert figures(text) == []

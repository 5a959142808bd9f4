"""Figure units from the test6 misses (issue 12, second round): the head of a noun compound
is the counted entity, and "pounds" of weight are no money."""

from __future__ import annotations

import pytest

from tests.suggest.figure_rows import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the counted entity": the last noun of a compound ("measles cases" are cases)
        (
            "Officials said 3,728 measles cases have been reported.",
            [("3,728", 3728, "cases")],
        ),
        ("So far 53 measles related deaths have been recorded.", [("53", 53, "deaths")]),
        ("The town had 14 mumps outbreaks last year.", [("14", 14, "outbreaks")]),
        # one plural noun alone stays the counted entity
        ("The army fired 36 shells at the town.", [("36", 36, "shells")]),
        ("Some 40 sports clubs closed.", [("40", 40, "clubs")]),
    ],
)
def test_head_of_a_noun_compound_is_counted(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The boy weighed 82 pounds (37 kg).",
            [("82 pounds", 82, "pounds"), ("37 kg", 37, "kg")],
        ),
        ("She weighs 120 pounds.", [("120 pounds", 120, "pounds")]),
        ("The bag, 20 pounds (9 kg), was lost.", [("20 pounds", 20, "pounds"), ("9 kg", 9, "kg")]),
        # money stays money
        ("He paid 82 pounds for the ticket.", [("82 pounds", 82, "GBP")]),
        ("It cost 5 million pounds.", [("5 million pounds", 5000000, "GBP")]),
    ],
)
def test_pounds_of_weight_are_no_money(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ages are figures in years": after two names, and after a person noun
        (
            "They met officers Antoine Quirin and Nicolas Redouane, 40 and 49, at a pub.",
            [("40", 40, "years"), ("49", 49, "years")],
        ),
        ("Another brother, 22, was still chained to a bed.", [("22", 22, "years")]),
        ("The victim, 31, was taken to hospital.", [("31", 31, "years")]),
        # not after a noun for things
        ("He bought houses, 22, and more.", [("22", 22, None)]),
    ],
)
def test_ages_after_names_and_person_nouns(
    text: str, expected: list[tuple[str, float, str | None]]
) -> None:
    assert figures(text) == expected


def test_a_plural_person_noun_before_a_number_is_no_age() -> None:
    # "the number of women, 102,": a count of people, not one person's age
    text = "Congress has the greatest number of women, 102, in its history."
    assert figures(text) == [("102", 102, "people")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "identifiers/names with numbers" and "ordinals of any kind" are no figures
        ("She stars in Shang-Chi and the Legend of the Ten Rings (2021).", []),
        ('Their "number one requested hero helmet" sold out.', []),
        ("Their daughter escaped and phoned 911 for help.", []),
        # a capitalised number opening a sentence is still a count
        ("Ten Rohingya refugees died.", [("Ten", 10, "people")]),
        ("He phoned 20 friends.", [("20", 20, "people")]),
    ],
)
def test_names_ranks_and_phone_numbers_are_no_figures(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one out of every thousand children": both count the children; a bare scale word
        # after "every" is a cardinal quantity
        (
            "One out of every thousand children who contract measles will die.",
            [("One", 1, "people"), ("thousand", 1000, "people")],
        ),
        ("Only one out of five patients recovered.", [("one", 1, "people"), ("five", 5, "people")]),
        ("Every thousand years it returns.", [("thousand years", 1000, "years")]),
    ],
)
def test_out_of_every_counts_the_whole(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a house number is an identifier, not a quantity
        ("He was taken to police headquarters at 36 Quai des Orfèvres.", []),
        ("She lives at 10 Downing Street.", []),
        # a street's name used as a modifier of a counted noun keeps the count
        ("Some 50 Wall Street firms quit.", [("50", 50, "firms")]),
    ],
)
def test_house_numbers_are_no_figures(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert figures(text) == expected

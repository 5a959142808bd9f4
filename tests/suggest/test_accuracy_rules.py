"""The rules added for accuracy (issue 12, suggestacc): each on a small example written for
the test in the style of the news the rules come from (GUIDELINES.md)."""

from __future__ import annotations

import pytest

from clipper.suggest import suggest
from tests.suggest.figure_rows import pipeline_figures as figures


def quotes(text: str) -> list[tuple[str, object]]:
    return [(text[s.start : s.end], s.attributes.get("speaker")) for s in suggest(text, ["quote"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted nouns past adjectives and names, humans as people
        (
            "Bolden named the three remaining Space Shuttle orbiters.",
            [("three", 3, "orbiters")],
        ),
        ("Two veteran politicians lost.", [("Two", 2, "people")]),
        ("It killed all seven astronauts.", [("seven", 7, "people")]),
        ("The blast killed all six aboard.", [("six", 6, "people")]),
        ("A survey of 1709 schoolchildren.", [("1709", 1709, "people")]),
        ("The site has only 60 admins.", [("60", 60, "people")]),
        # the counted noun stands before the number
        ("It drove outstanding asylum claims over 150,000.", [("150,000", 150_000, "claims")]),
        (
            "The party's seats in the councils increased from 9 to 10.",
            [("9", 9, "seats"), ("10", 10, "seats")],
        ),
        # hyphen compounds
        ("The six - member team flew in.", [("six", 6, "people")]),
        ("It scored for the three-nation alliance.", [("three", 3, "nations")]),
        # "one day" as a duration after "only"
        ("They had only one day to test it.", [("one day", 1, "days")]),
        # a currency symbol with a space
        ("He gave over $ 60,000 to charities.", [("$ 60,000", 60_000, "USD")]),
    ],
)
def test_counted_units_and_spans(text: str, expected: list[tuple[str, object, object]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "You either 1) sacrifice breadth, or 2) sacrifice quality.",
        "Reagan in 80 and 84, Bush in 88 and 92, Romney in 08.",
        "I understand third party candidates have no success; a third party won.",
        "As the home of air travel and the 747, which carried shuttles.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == []


def test_one_day_as_an_adverb_is_no_figure() -> None:
    assert figures("One day it will happen.") == []


def test_wrongly_oriented_closing_mark_closes_the_quote() -> None:
    text = (
        'Cornyn added, "There is no question Houston should have been selected.“ However, '
        "the JSC will receive seats."
    )
    assert quotes(text) == [("There is no question Houston should have been selected.", "Cornyn")]


def test_labels_after_naming_words_and_title_case_phrases_are_no_quotes() -> None:
    text = (
        'The robot, named "Better Idea," scored. A user labelled "Anonymous" posted it. '
        'Their country was called "Hope" by all. I wanted to be at the "Top of the Spear."'
    )
    assert quotes(text) == []


def test_short_fragments_governed_by_called_are_quotes_with_the_subject_as_speaker() -> None:
    text = (
        "The secretary general of the conference, Nunzio Galantino, has called the sentence "
        '"dangerous" and "ideological": "We face a dangerous sentence."'
    )
    assert quotes(text) == [
        ("dangerous", "Nunzio Galantino"),
        ("ideological", "Nunzio Galantino"),
        ("We face a dangerous sentence.", "Nunzio Galantino"),
    ]


def test_a_speaker_introduced_since_the_last_quote_speaks_the_next_one() -> None:
    text = (
        '"We want to thank all of the locations," said Charles Bolden.\n'
        "Not all were pleased. Senator John Cornyn issued a statement on the choice.\n"
        '"Like many Texans, I am disappointed with the decision."\n'
    )
    assert quotes(text) == [
        ("We want to thank all of the locations,", "Charles Bolden"),
        ("Like many Texans, I am disappointed with the decision.", "John Cornyn"),
    ]


def test_source_after_the_quote_with_a_role_before_the_name() -> None:
    text = (
        "Dean Kamen founded the contest.\n"
        '"We are so interested in robots," team member Rodaba Noori told the press.\n'
    )
    assert quotes(text) == [("We are so interested in robots,", "Rodaba Noori")]


def test_short_quote_continuing_after_its_attribution() -> None:
    text = "“I suspect they won’t,” said Eddie Wu. “We tried.”"
    assert quotes(text) == [("I suspect they won’t,", "Eddie Wu"), ("We tried.", "Eddie Wu")]


def test_speakers_named_after_a_portfolio_or_with_mr_and_misspelled() -> None:
    text = (
        'Minister of Education Stefania Giannini said a "more general reflection" is needed. '
        'Undersecretary for Education Mr. Toccafondi says "many schools will quit."\n'
        "Lydia Buchtmann for the agency says they are looking at it. "
        '"We need to make sure there is enough iodine," Ms Bauchtman said.\n'
    )
    assert quotes(text) == [
        ("more general reflection", "Stefania Giannini"),
        ("many schools will quit.", "Toccafondi"),
        ("We need to make sure there is enough iodine,", "Lydia Buchtmann"),
    ]
    people = [text[s.start : s.end] for s in suggest(text, ["person"])]
    assert people == ["Stefania Giannini", "Toccafondi", "Lydia Buchtmann", "Bauchtman"]

"""Kinds of value+unit error the dev7 set showed (issue 12, fix7-units): each a general rule
tested on sentences written for the test, with the guideline sentence it implements
(/work/shared/suggest/GUIDELINES.md, "figure")."""

from __future__ import annotations

import pytest

from tests.suggest.figure_rows import figures

Row = tuple[str, object, object]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The counted entity goes into `unit` (humans -> "people")": the members of a named
        # body or of a union of states are not humans (gold README, dev7: "55-member" -> 55
        # members) ...
        ("All of the 55-member AU have signed.", [("55", 55, "members")]),
        ("The 27-member European Union agreed.", [("27", 27, "members")]),
        ("The 10-member bloc met in Jakarta.", [("10", 10, "members")]),
        # ... a team's members are people, also after a demonym
        ("A six-member team arrived.", [("six", 6, "people")]),
        ("The six - member Afghan team flew in.", [("six", 6, "people")]),
    ],
)
def test_member_compounds(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the counted entity goes into unit": a person noun used as a modifier of a plural
        # head noun is not the counted one ("members states" for "member states")
        ("Seven members states had bid to host it.", [("Seven", 7, "states")]),
        ("Three workers unions joined the strike.", [("Three", 3, "unions")]),
        ("Five people died.", [("Five", 5, "people")]),
        ("Ten doctors said so.", [("Ten", 10, "people")]),
    ],
)
def test_person_noun_as_modifier(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # determiner "one" is a figure with the counted entity as unit (gold README, dev4:
        # 'determiner "one" ("One Rohingya", "one stipulation") is a figure'): the head of
        # the noun phrase is counted, not its first noun or a hyphenated modifier
        ("But one good weather year won't save it.", [("one", 1, "years")]),
        ("He owned one lever-action rifle.", [("one", 1, "rifles")]),
        ("She shared it with one half-sister, then left.", [("one", 1, "people")]),
    ],
)
def test_one_and_its_noun_phrase(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


def test_list_breaking_down_a_total_takes_its_unit() -> None:
    # "The counted entity goes into `unit`": a list after a dash breaks the total down; a
    # member whose noun is left out ("one lever-action") counts what the total counts
    text = (
        "He had a licence for the five firearms he used — two semi-automatic, two shotguns,"
        " and one lever-action. Police said so."
    )
    assert figures(text) == [
        ("five", 5, "firearms"),
        ("two", 2, "firearms"),
        ("two", 2, "shotguns"),
        ("one", 1, "firearms"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "plural lower-case unit for durations/distances as written"; "A parenthetical
        # equivalent is a separate figure": a decimal written without its leading zero is
        # a number, and a compared amount ("up from 2.48") has the unit of the amount it
        # is compared with, not of the parenthetical equivalent in between
        (
            "They occupied 6.05 hectares (14.95 acres; .0605 square km), up from 2.48"
            " (6.12 acres) last year.",
            [
                ("6.05 hectares", 6.05, "hectares"),
                ("14.95 acres", 14.95, "acres"),
                (".0605 square km", 0.0605, "square km"),
                ("2.48", 2.48, "hectares"),
                ("6.12 acres", 6.12, "acres"),
            ],
        ),
        (
            "Turnout was 25 percent, up from 12 in 2015.",
            [("25 percent", 25, "percent"), ("12", 12, "percent")],
        ),
        # a version number is no decimal
        ("They run version 2.5.3 now.", []),
    ],
)
def test_decimals_and_compared_amounts(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Excluded: dates and years-as-dates": a year before a title in quotation marks
        ('Time named her its 2019 "Person of the Year".', []),
        ("They said 2000 Americans came.", [("2000", 2000, "people")]),
    ],
)
def test_year_before_a_title(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The counted entity goes into `unit`": pronominal "those" before a participle
        # stands for what was counted before ("Six of the murders ... five of those
        # involved ligatures"), or for people when the participle says so
        (
            "Six of the murders were, by the facts heard, violent and five of those involved"
            " ligatures.",
            [("Six", 6, "murders"), ("five", 5, "murders")],
        ),
        ("Five of those infected died.", [("Five", 5, "people")]),
        (
            "Police held 40 people; two of those arrested were charged.",
            [("40", 40, "people"), ("two", 2, "people")],
        ),
        # "these" before a participle and a noun is a determiner: the noun is counted
        ("Three of these trained dogs barked.", [("Three", 3, "dogs")]),
    ],
)
def test_pronominal_those(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The counted entity goes into `unit`": "including N" counts some of the plural
        # noun before it, whether or not that noun had a number
        (
            "The government reported more cases of measles, including 165 in a single day.",
            [("165", 165, "cases")],
        ),
        ("They saw many dogs, including at least 12 in the park.", [("12", 12, "dogs")]),
        # a sentence that ends inside a quotation ends the count's reach
        (
            'It said, "We vaccinated 58,150 individuals." Since then it counted 165 in May.',
            [("58,150", 58150, "people"), ("165", 165, None)],
        ),
    ],
)
def test_including_and_sentence_ends(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The counted entity goes into `unit`" (pronominal "one" itself is no figure: "one
        # of the orbiters"): in "X was one of N" the subject X is one of those counted
        (
            "The trial was held in Manhattan, and was one of three facing him. He denied it.",
            [("three", 3, "trials")],
        ),
        ("Her latest novel was one of six shortlisted.", [("six", 6, "novels")]),
        ("He was one of three.", [("three", 3, "people")]),
        ("The team was one of 12 teams.", [("12", 12, "teams")]),
    ],
)
def test_subject_is_one_of_n(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected

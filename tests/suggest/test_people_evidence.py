"""Person rules by evidence (issue 12, sug-person): a broader given-name list, words the text
uses as things or places, organisations after a surname, and context that makes an unknown
name a person. Sentences written for the tests in the style of wire copy."""

from __future__ import annotations

import pytest

from clipper.suggest.names import GIVEN_NAMES, given_names
from clipper.suggest.people import suggest_people


def people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest_people(text)]


def test_census_given_names_extend_the_list_without_common_words() -> None:
    names = given_names()
    assert names > GIVEN_NAMES
    assert {"Kiara", "Felice", "Truman"} <= names
    # dictionary words, places and brands are left out
    assert not {"Will", "Hope", "Paris", "Jordan", "Mercedes", "Hong"} & (names - GIVEN_NAMES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a census given name makes the run a name
        ("Kiara Perkins, an art major, liked it.", ["Kiara Perkins"]),
        # a compound with an organisation's word is no name ("Booker Prize-winner")
        (
            "Atwood, a Booker Prize-winner, came. Margaret Atwood smiled.",
            ["Atwood", "Margaret Atwood"],
        ),
    ],
)
def test_given_names(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word counted or owned is a thing, not the surname of "Warhol Polaroids"
        (
            "Andy Warhol took them. The show has 100 Polaroids and Warhol's Polaroids "
            "were donated. The Warhol Polaroids hang there.",
            ["Andy Warhol", "Warhol", "Warhol"],
        ),
        # "Campbell's Soup": a possessive's object is no surname
        ("He painted the Campbell Soup cans. Campbell's Soup was served.", []),
        # a word used as a place ("at Greensboro") and an acronym first are no person
        (
            "The museum at Greensboro saw 11,000 visitors. The UNC Greensboro show opened.",
            [],
        ),
        # a surname inside an organisation's name named after the person is left out
        (
            "Andy Warhol died in 1987. The Andy Warhol Photographic Legacy Program gave "
            "them; Warhol Photographic Legacy Program staff agreed.",
            ["Andy Warhol"],
        ),
        # a contraction is no possessive: "It's Warhol." keeps Warhol a person
        ('Andy Warhol was there. "It\'s Warhol. He is a legend."', ["Andy Warhol", "Warhol"]),
    ],
)
def test_negative_evidence(text: str, expected: list[str]) -> None:
    assert people(text) == expected

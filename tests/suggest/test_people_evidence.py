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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an appositive naming a role or a person after an unknown name, then every mention
        (
            "Zorana Velkic, a Croatian woman and former nurse, says she was held. "
            "Velkic was born in Zagreb. Zorana Velkic left in 2007.",
            ["Zorana Velkic", "Velkic", "Zorana Velkic"],
        ),
        (
            "After the match, Ruud Dario Gomez, Panama coach, said it was hard.",
            ["Ruud Dario Gomez"],
        ),
        # an age in apposition
        ("Tarik Oduya, 25, was arrested.", ["Tarik Oduya"]),
        # a clause after the comma is no apposition; a role of the next name neither
        ("In Bonaire, where the mayor lives, it rained.", []),
        (
            "She launched Angel Catbird, with illustrator Johnnie Christmas.",
            ["Johnnie Christmas"],
        ),
    ],
)
def test_apposition(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # family name first, the given name hyphenated and capitalised
        ("Hwang Hee-Chan was booked. Park Joo-Ho was replaced.", ["Hwang Hee-Chan", "Park Joo-Ho"]),
        # not a particle before a hyphen ("Masjid Al-Haram")
        ("They met near the Masjid Al-Haram on Friday.", []),
        # a plural role before a list of names
        (
            "It shows photographers Nat Finkelstein and Zbyszek Quinto.",
            ["Nat Finkelstein", "Zbyszek Quinto"],
        ),
        # one name after an occupation
        ("It features fashion designer Halston, a former resident.", ["Halston"]),
        ("The deputy Tuesday said no. The home secretary Office staff left.", []),
        # an unknown first word before a known given name
        ("He was replaced by Farouk Ben Mustapha on Sunday.", ["Farouk Ben Mustapha"]),
        # a portfolio before a given name stays out
        ("The Minister of Education Stefania Giannini spoke.", ["Stefania Giannini"]),
    ],
)
def test_roles_and_forms(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names listed with people are people
        (
            "Early attempts came from Kevin Lukaku, Yannick Carrasco, and Driesje Mertens.",
            ["Kevin Lukaku", "Yannick Carrasco", "Driesje Mertens"],
        ),
        ("Such as Ansel Adams and Chuck Close.", ["Ansel Adams", "Chuck Close"]),
        # two names joined by a comma alone are an apposition, not a list
        ("One Rohingya, Muhammad Amin, spoke.", ["Muhammad Amin"]),
        # a list of places is no list of people
        ("Flights to Santo Domingo, Puerto Rico and San Juan resumed.", []),
    ],
)
def test_lists(text: str, expected: list[str]) -> None:
    assert people(text) == expected


def test_credits_and_company_names_after_a_surname() -> None:
    assert people("The opening night. Video: Miharris & Acphillips.") == [
        "Miharris",
        "Acphillips",
    ]
    text = "Liam Ford, a farmer, spoke. The Ford Motor Company announced cuts, said Ford Motor."
    assert people(text) == ["Liam Ford"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role and a comma before the name
        (
            "A State Department spokesperson, Morgan Ortagus, said so.",
            ["Morgan Ortagus"],
        ),
        # a speaker named with the organisation they speak for
        (
            "Nils-Erik Haagenrud of Rogaland Fire and Rescue said no one was hurt.",
            ["Nils-Erik Haagenrud"],
        ),
        # two given names joined by a hyphen
        ("Hans-Peter Obrecht opened the show.", ["Hans-Peter Obrecht"]),
        # interview transcripts label each answer with the speaker's name
        (
            "((WN))  Why?\n\n((Christian Keysers))  Yeah.\n\n((Valeria Gazzola))  No.",
            ["Christian Keysers", "Valeria Gazzola"],
        ),
        # no list starts after "of": a party's name is no person
        (
            "Raymond Chan of People Power, and Leung Kwok-hung of LSD won.",
            ["Raymond Chan", "Leung Kwok-hung"],
        ),
    ],
)
def test_speakers_and_labels(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place before a known given name is no part of the name
        (
            "Senator from Vermont Bernie Sanders trailed. Sanders lost.",
            ["Bernie Sanders", "Sanders"],
        ),
        # a reporting verb before an unknown name
        ('"It was magical," said Hilary Braysmith.', ["Hilary Braysmith"]),
        ("The cost rose, according to Zlatko Obrenovic.", ["Zlatko Obrenovic"]),
        # or a verb of saying after it
        ("Ferjani Obuya claimed the ship was a prison.", ["Ferjani Obuya"]),
        # an organisation after the verb is no person
        ("The cost rose, according to Human Rights Watch.", []),
    ],
)
def test_places_and_reporting_verbs(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nationalities and party labels before a name stay out of it
        ("Striker Belgian Eden Hazard scored.", ["Eden Hazard"]),
        ("The vote was won by Tory Boris Johnson.", ["Boris Johnson"]),
        # an appositive that is a clause ("the city's mayor said") describes no one
        ("Los Angeles, the city's mayor said, was calm.", []),
        # a place after a reporting verb
        ("The rate fell, according to Sri Lanka.", []),
        # one use after an article does not make a surname a thing
        (
            "It was a Kennedy in office. John Kennedy spoke. Kennedy left.",
            ["Kennedy", "John Kennedy", "Kennedy"],
        ),
        # a list of clubs is no list of people
        ("Real Madrid, Manchester City and Bayern Munich won.", []),
    ],
)
def test_no_person_from_places_parties_or_clauses(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-word speaker who misspells a surname in the text is that person
        (
            'Kathryn Waters, director of the gallery, came. "It\'s fine", Water said.',
            ["Kathryn Waters", "Water"],
        ),
        (
            "K.C. Maurer, treasurer, agreed. Recipients, said Mauer, must show them.",
            ["K.C. Maurer", "Mauer"],
        ),
        # not a word unlike any surname
        ("K.C. Maurer agreed. Recipients, said Reuters, must show them.", ["K.C. Maurer"]),
        # players replaced, booked or saving in a match report
        (
            "Belgium made a change, as Nacer Chadlo replaced Axelo Witsel. It was saved by "
            "Thibo Courtoa.",
            ["Nacer Chadlo", "Axelo Witsel", "Thibo Courtoa"],
        ),
    ],
)
def test_misspelled_speakers_and_match_reports(text: str, expected: list[str]) -> None:
    assert people(text) == expected


def test_accented_given_names_and_double_surnames() -> None:
    text = "Mexican president Andrés Manuel López Obrador spoke. Later López Obrador left."
    assert people(text) == ["Andrés Manuel López Obrador", "López Obrador"]
    assert people("Zoë Kravitz arrived.") == ["Zoë Kravitz"]


@pytest.mark.parametrize(
    "text",
    [
        "Silicon Valley, home to many tech founders, grew.",
        "The cost rose, according to Google Trends.",
        "Sales rose, the firm told Agence France-Presse.",
        "Rolls Royce-Built engines failed.",
    ],
)
def test_places_media_and_compounds_are_no_people(text: str) -> None:
    assert people(text) == []


def test_clubs_and_places_named_like_people() -> None:
    text = "Fans of Leicester City and Aston Villa met near Stanley Park at Morgan Beach."
    assert people(text) == []


def test_one_word_after_a_plural_role_is_no_person() -> None:
    assert people("Its leaders Hamas and Fatah met.") == []


def test_a_country_or_party_before_a_surname_keeps_it_a_person() -> None:
    text = "Boris Johnson won. Britain's Johnson, who leads, left. The party's Johnson agreed."
    assert people(text) == ["Boris Johnson", "Johnson", "Johnson"]

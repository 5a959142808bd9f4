"""Person kinds the held-out misses and the guidelines name (issue 12, sug-fig): each rule on
sentences written for the test in the style of wire and newspaper copy."""

from __future__ import annotations

import pytest

from clipper.suggest.people import suggest_people


def people(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest_people(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a caption word after the name ends it
        (
            "President tweets to student Ahmed Mohamed Image: Twitter / Barack Obama.",
            ["Ahmed Mohamed", "Barack Obama"],
        ),
        # a speaker's name after an organisation's: the last two words
        (
            "The head of the Council on American-Islamic Relations Alia Salem said the boy "
            "was wronged.",
            ["Alia Salem"],
        ),
        # "X said" finds the full name that ends an earlier run of capitalised words
        (
            "A student at University of Texas Arlington Amneh Jafari heard of it. "
            "Jafari said she was angry.",
            ["Amneh Jafari", "Jafari"],
        ),
        # the given name of a full name found is that person too
        (
            "Obama wrote to Ahmed Mohamed on Wednesday: cool clock, Ahmed.",
            ["Ahmed Mohamed", "Ahmed"],
        ),
        # but not inside other capitalised words
        (
            "Kai Havertz scored. Crowds filled Chiang Kai Shek Memorial Hall.",
            ["Kai Havertz"],
        ),
        (
            "Queen Elizabeth II opened it. Elizabeth waved; the Elizabeth line opened.",
            ["Elizabeth II", "Elizabeth"],
        ),
        # one name in apposition to a kin noun, then every mention
        (
            "The couple's nine-month-old child, Gloria, died in May. Gloria had eczema.",
            ["Gloria", "Gloria"],
        ),
        # kinship and role words before an unknown given name
        ("Thomas Sam, 42, and his wife Manju Sam, 36, were charged.", ["Thomas Sam", "Manju Sam"]),
        ("It was drawn by illustrator Johnnie Christmas.", ["Johnnie Christmas"]),
        # one-word photo credits
        ("A lantern on display. Image: Jambula.", ["Jambula"]),
        # particles stay with the surname; a title before it is left out
        (
            "Ursula von der Leyen spoke first. Ms von der Leyen, 65, then left.",
            ["Ursula von der Leyen", "von der Leyen"],
        ),
        # family name first, hyphenated given name; the family name alone later
        (
            "Kim Jong-un met Moon Jae-in and Leung Che-cheung. Kim said talks went well.",
            ["Kim Jong-un", "Moon Jae-in", "Leung Che-cheung", "Kim"],
        ),
        # a surname with an age at the start of a sentence
        ("O'Brien, 34, scored twice as Ireland won.", ["O'Brien"]),
        # initials, suffixes, a title word inside a name, a royal title before one name
        (
            "Author J.K. Rowling met H. G. Wells fans and Ferdinand Marcos Jr. in Manila.",
            ["J.K. Rowling", "H. G. Wells", "Ferdinand Marcos Jr."],
        ),
        ("Martin Luther King III recalled his father.", ["Martin Luther King III"]),
        ("King Charles later met Rishi Sunak.", ["Charles", "Rishi Sunak"]),
        # a name found after a title is found at its other mentions
        (
            "Prince Harry would attend. Harry arrived late; Key West was sunny.",
            ["Harry", "Harry"],
        ),
        # an unknown given name: the surname stands alone elsewhere
        (
            "New Zealand's Jacinda Ardern resigned. Chris Hipkins succeeded Ardern.",
            ["Jacinda Ardern", "Chris Hipkins", "Ardern"],
        ),
        # five words with a particle
        (
            "Brazil's Luiz Inácio Lula da Silva won. Lula da Silva thanked voters.",
            ["Luiz Inácio Lula da Silva", "Lula da Silva"],
        ),
        # names of many languages
        (
            "Guests included Stan Lee, Ngozi Okonjo-Iweala and Volodymyr Zelensky.",
            ["Stan Lee", "Ngozi Okonjo-Iweala", "Volodymyr Zelensky"],
        ),
    ],
)
def test_person_kinds(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the end of an organisation's name before a speech verb
        "The chairman of the Centre for Control of Iodine Deficiency Disorders says it is crucial.",
        # a prize and a hyphenated noun
        "Atwood, a Booker Prize-winner, was there.",
        # initials of a place, a bank named after people
        "U.S. Steel and Morgan Stanley cut jobs.",
        # a saint's place, a sentence opener, an acronym standing alone elsewhere
        "St. Louis Cardinals won. Like Wikipedia, it grew; Wikipedia is big. Pro-Beijing DAB "
        "won; DAB gained.",
        # places that are given names elsewhere
        "Voters in Hong Kong and Virginia Governor races went to the polls.",
    ],
)
def test_not_people(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Image: Wikipedia.",
        "Image: Wikivoyage.",
        "Video: Wikinews.",
        "Image: Flickr.",
        "Wikipedia, 20, is a website.",
    ],
)
def test_websites_are_no_people(text: str) -> None:
    assert [text[s.start : s.end] for s in suggest_people(text)] == []


def test_website_before_a_name_is_left_out() -> None:
    text = "Wikipedia founder Jimmy Wales spoke on Monday."
    assert [text[s.start : s.end] for s in suggest_people(text)] == ["Jimmy Wales"]

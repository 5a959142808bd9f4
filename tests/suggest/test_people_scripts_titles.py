"""Person rules from the test6 misses: credits in non-Latin scripts, other languages' honorifics."""

from __future__ import annotations

import pytest

from clipper.suggest.people import suggest_people


def _spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in suggest_people(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Every occurrence is tagged, including captions, photo credits": in any script
        (
            "Pupils sat the test. Image: Дмитрий Кошелев.\n\nThe winner. Image: Дмитрий Кошелев.",
            ["Дмитрий Кошелев", "Дмитрий Кошелев"],
        ),
        ("The harbour at dawn. Photo: Γιώργος Παπαδόπουλος", ["Γιώργος Παπαδόπουλος"]),
        # a credit to an organisation or a site stays untagged
        ("The harbour at dawn. Image: Wikimedia Commons.", []),
        ("A view of the hall. Image: ТАСС.", []),
    ],
)
def test_photo_credits_in_non_latin_scripts(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Titles, roles and honorifics are excluded" — in French, German, Spanish, Italian too
        ("The court has found that Mme Spanton did not lie.", ["Spanton"]),
        ("Mlle Dupont said no, and Herr Schmidt agreed.", ["Dupont", "Schmidt"]),
        ("The mayor thanked Señora Alvarez and Signor Rossi.", ["Alvarez", "Rossi"]),
    ],
)
def test_honorifics_of_other_languages_are_left_out(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title that takes one name after it, also after the country's name or adjective
        ("The factory opened.\n\nUS President Trump has called for more spending.", ["Trump"]),
        ("This included the home of Prime Minister Tuilaepa, who told the press.", ["Tuilaepa"]),
        ("Later, UK Prime Minister Johnson said so.", ["Johnson"]),
        # an appositive role whose organisation follows it ("a member of Parliament")
        (
            'A bill failed.  Souhail Alouini, a member of Parliament, said, "We propose."',
            ["Souhail Alouini"],
        ),
        # an organisation's word before the role still describes a thing
        ("The Ford Foundation, a charity of note, said so.", []),
    ],
)
def test_titles_after_a_country_and_roles_of_an_organisation(
    text: str, expected: list[str]
) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fictional characters are no persons (gold README), nor their short forms
        (
            "Legs were placed at the character Tasha Yar's station. Tasha's on her post.",
            [],
        ),
        ("Many fans came dressed as Luke Skywalker.", []),
        # a band's or employer's name before a role and a person's name
        (
            "Guests included designer Tim Gunn and Grateful Dead drummer Mickey Hart.",
            ["Tim Gunn", "Mickey Hart"],
        ),
        # an attributive person with a given name stays ("Warhol Polaroids" rule)
        ("Barack Obama adviser David Axelrod spoke.", ["Barack Obama", "David Axelrod"]),
    ],
)
def test_characters_and_bands_are_no_persons(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


def test_the_and_a_possessive_surname_is_the_family() -> None:
    # "Families ... are not persons" (gold README): "the Turpin's offspring"
    text = (
        "The court sentenced Louise Turpin. The oldest of the Turpin's offspring wept. Turpin said"
    )
    assert _spans(text) == ["Louise Turpin", "Turpin"]


def test_names_joined_by_the_arabic_article_are_one_name() -> None:
    # "Span = the name only": the whole name, not its last given name and surname
    text = "The hijab was banned in offices during Zine El Abidine Ben Ali's Presidency."
    assert _spans(text) == ["Zine El Abidine Ben Ali"]
    # an organisation's name before a role and a person stays out
    assert _spans("The Al Jazeera Network reporter Omar Ali said.") == ["Omar Ali"]

"""Speaker rules of GUIDELINES.md (quote section, ``speaker``: "fullest form of the
person's name found in the article"; non-person sources "as referred to in the text"),
one test per kind of error read on test6 after its blind scoring; invented texts."""

from __future__ import annotations

from clipper.suggest import suggest


def speakers(text: str) -> list[tuple[str, object]]:
    return [(text[s.start : s.end], s.attributes.get("speaker")) for s in suggest(text, ["quote"])]


def test_quip_and_joke_are_reporting_verbs() -> None:
    # '"...," quipped editor Ann Lowe': the named person after the verb
    text = (
        "Artist Rita Sand spoke first at the panel.\n\n"
        '"You have to finish the page before the weekend," quipped comic editor Ann Lowe.'
    )
    assert speakers(text)[-1] == (
        "You have to finish the page before the weekend,",
        "Ann Lowe",
    )


def test_a_role_noun_is_the_person_who_carries_it_as_a_title() -> None:
    # "Eddie Wu" also for "the chief executive": "the actress" -> "Actress Mary Stone"
    text = (
        "Actress Mary Stone is set to appear in a new legal drama filmed in Leeds. The actress "
        'recalled her first season, when the show was the "smallest production on the lot."'
    )
    assert speakers(text) == [("smallest production on the lot.", "Mary Stone")]

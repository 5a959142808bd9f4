"""Speaker rules of GUIDELINES.md (quote section, ``speaker``), one test per kind of
error found on unlabelled stories: continued fragments, pronoun referents, subjects
behind appositions and adverbials, postposed and passive sources."""

from __future__ import annotations

from clipper.suggest import suggest


def speakers(text: str) -> list[tuple[str, object]]:
    return [(text[s.start : s.end], s.attributes.get("speaker")) for s in suggest(text, ["quote"])]


def test_fragment_after_an_attributed_quote_keeps_its_speaker() -> None:
    # "the previous speaker for a continued quote": ', calling it a "..."' has no subject
    text = (
        "Mayor Tom Hill closed the bridge on Monday.\n\n"
        'Hill said at a briefing, "We cannot take any risks with the old bridge", calling it '
        'a "hard but necessary decision".'
    )
    assert speakers(text) == [
        ("We cannot take any risks with the old bridge", "Tom Hill"),
        ("hard but necessary decision", "Tom Hill"),
    ]


def test_pronoun_speaker_is_not_a_name_it_precedes() -> None:
    # "he said" resolves to the named person: not the name he speaks about
    text = (
        "Finance minister Karl Jensen offered to resign on Friday. Prime Minister Ola Berg "
        "turned the offer down.\n\n"
        'Jensen filed his letter after a leak. He said Berg was "a model of honesty".'
    )
    assert speakers(text) == [("a model of honesty", "Karl Jensen")]


def test_pronoun_speaker_is_the_subject_after_a_leading_adverbial() -> None:
    # the subject of the sentence before, behind "Wednesday, the day he left the race,"
    text = (
        "Senator Ann Lowe and Governor Rita Sand ended their campaigns this week.\n\n"
        "Wednesday, the same day that he left the race, Paul Stone endorsed his rival, "
        'Ann Lowe. "Today I am glad to endorse her," he said.'
    )
    assert speakers(text) == [("Today I am glad to endorse her,", "Paul Stone")]

"""Word snapping (clipper.spans.snap_to_words) around a possessive ’s: a selection that
ends right before it keeps the name ("Mecca" of "Mecca's", as Find in article selects
it, was tagged "Mecca's")."""

from __future__ import annotations

import pytest

from clipper.spans import snap_to_words


def snapped(text: str, selected: str, occurrence: int = 0) -> str:
    start = text.index(selected)
    for _ in range(occurrence):
        start = text.index(selected, start + 1)
    s, e = snap_to_words(text, start, start + len(selected))
    return text[s:e]


@pytest.mark.parametrize(
    ("text", "selected", "expected"),
    [
        ("into Mecca's Grand Mosque", "Mecca", "Mecca"),
        ("the minister’s plan", "minister", "minister"),  # curly apostrophe
        ("said Alibaba's chief", "Alibaba", "Alibaba"),
        ("it was Hill's.", "Hill", "Hill"),  # before a full stop
        ("ends with Maher's", "Maher", "Maher"),  # at the end of the text
        # a selection ending inside a word still grows to the whole word
        ("into Mecca's Grand", "Mec", "Mecca's"),
        ("Alpha gamma's delta", "gam", "gamma's"),
        ("I don't know", "don", "don't"),  # not a possessive: one word
        ("the Mecca'sx case", "Mecca", "Mecca'sx"),  # 's followed by a letter: a word
        ("a long-term plan", "long", "long-term"),
        ("rose 4.5 per cent", "4", "4.5"),
    ],
)
def test_snapping_around_a_possessive(text: str, selected: str, expected: str) -> None:
    assert snapped(text, selected) == expected

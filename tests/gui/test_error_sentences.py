"""Error texts the app shows on their own read as sentences, without respelling names."""

from __future__ import annotations

import pytest

from clipper.gui.field_messages import sentence


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("could not connect to example.com", "Could not connect to example.com."),
        ("the disk is full: free some space", "The disk is full: free some space."),
        ("report.pdf is encrypted.", "report.pdf is encrypted."),
        ("https://example.com answered 404", "https://example.com answered 404."),
        ("'12/09/2015' is not a date", "'12/09/2015' is not a date."),
        ("is this right?", "Is this right?"),
        ("", None),
    ],
)
def test_a_message_becomes_a_sentence(message: str, shown: str | None) -> None:
    assert sentence(message) == shown

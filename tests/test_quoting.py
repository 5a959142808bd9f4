"""Quoted previews of clipped text in messages."""

from __future__ import annotations

from clipper.quoting import quote


def test_short_text_is_quoted_as_is() -> None:
    assert quote("£79.60") == "“£79.60”"


def test_text_on_one_line_cut_at_a_word_end() -> None:
    text = "The finance\nminister said the deficit would fall"
    assert quote(text) == "“The finance minister said the…”"
    assert quote(text, 28) == "“The finance minister said…”"


def test_quotation_marks_around_the_text_are_not_doubled() -> None:
    assert quote('"All those people," he said') == '“All those people," he said”'
    assert quote("“deserve better.”") == "“deserve better.”"
    assert quote("the players'") == "“the players'”"
    assert quote('"') == '“"”'

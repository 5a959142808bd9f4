"""Span arithmetic on stored text: validation, trimming and word snapping.

All positions are code-point offsets (``str`` indices), 0-based, end-exclusive.
"""

from __future__ import annotations

import unicodedata

from clipper.errors import InvalidSpan

#: Characters that belong to a word besides letters, digits and combining marks
#: (so that "don't", "long-term", "$53", "4.5%" snap as one word).
_WORD_JOINERS = frozenset("'’-‐_.,%$€£¥@#&/")


def validate_span(text_length: int, start: int, end: int) -> None:
    """Raise :class:`InvalidSpan` unless ``0 <= start < end <= text_length``."""
    if start < 0 or end < 0:
        raise InvalidSpan(f"offsets must not be negative (got {start}..{end})")
    if start >= end:
        raise InvalidSpan(
            f"the span is empty or reversed (start {start} must be less than end {end})"
        )
    if end > text_length:
        raise InvalidSpan(
            f"the span {start}..{end} runs past the end of the article ({text_length} characters)"
        )


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start..end`` so it neither begins nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _joins(text: str, index: int) -> bool:
    """Is ``text[index]`` a word character, or a joiner between two word characters?"""
    char = text[index]
    if _is_word_char(char):
        return True
    if char in _WORD_JOINERS:
        before = index > 0 and _is_word_char(text[index - 1])
        after = index + 1 < len(text) and _is_word_char(text[index + 1])
        return before and after
    return False


def _possessive_at(text: str, index: int) -> bool:
    """Does a possessive ’s ('s) start at ``text[index]`` (an apostrophe, an s, then no
    word character)?"""
    return (
        text[index : index + 1] in ("'", "’")
        and text[index + 1 : index + 2] in ("s", "S")
        and (index + 2 >= len(text) or not _is_word_char(text[index + 2]))
    )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``start..end`` to whole words, then trim white space.

    A selection that starts or ends inside a word is extended to that word's edge;
    punctuation the user selected on purpose (a closing quote mark) is kept. A selection
    that ends just before a possessive ’s ("Mecca" in "Mecca's", as Find selects it)
    keeps the name without the ’s.
    """
    start, end = trim_span(text, start, end)
    if start >= end:
        return start, end
    while start > 0 and _joins(text, start - 1) and _joins(text, start):
        start -= 1
    if _possessive_at(text, end):
        return start, end
    while end < len(text) and _joins(text, end) and _joins(text, end - 1):
        end += 1
    return start, end


def find_occurrence(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) exact occurrence of ``needle`` in
    ``text``, as code-point offsets. Occurrences do not overlap. Raises
    :class:`InvalidSpan` saying how many there are when there are fewer."""
    if not needle:
        raise InvalidSpan("the text to find is empty")
    if occurrence < 1:
        raise InvalidSpan(f"the occurrence must be 1 or more (got {occurrence})")
    found = 0
    position = text.find(needle)
    while position >= 0:
        found += 1
        if found == occurrence:
            return position, position + len(needle)
        position = text.find(needle, position + len(needle))
    shown = needle if len(needle) <= 40 else needle[:39] + "…"
    if found == 0:
        raise InvalidSpan(f"the text {shown!r} does not occur in the article")
    times = "once" if found == 1 else f"{found} times"
    raise InvalidSpan(
        f"the text {shown!r} occurs {times} in the article; there is no occurrence {occurrence}"
    )

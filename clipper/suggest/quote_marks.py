"""Quotation marks paired into spans, paragraph by paragraph: marks of any style
(" " “ ” „ “ « » ‹ › 「 」 and single ' ‘ ’), a quotation of another style nested in the open
one, a quote without a closing mark running to the paragraph's end, apostrophes and inch
marks told apart from quotation marks. Which spans are speech is
:mod:`clipper.suggest.quotes`' business.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Marks that open, close, or (straight quotes) do both.
_OPEN = {"“": "”", "„": "“", "«": "»", "「": "」", "‹": "›", "»": "«"}
_DOUBLE_RE = re.compile('["“”„«»「」‹›]')
#: Opening marks of a quotation nested in one of another style ('« Il a dit “non” »').
_NESTED_OPEN = "“„«「‹"
_SINGLE_RE = re.compile("['‘’]")
#: An apostrophe that elides the start of a word, not an opening single quote ("the
#: '90s", "rock 'n' roll", "play 'em all").
_ELISION = re.compile(r"(?:\d0s|em|n|til|tis|twas|cause)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Span:
    """The text between a pair of marks (``start``/``end``) and the marks' offsets."""

    start: int
    end: int
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark (None: runs to paragraph end)


def double_spans(text: str, p_start: int, p_end: int) -> Iterator[Span]:
    """The double-quoted (and guillemet, corner-bracket) spans of the paragraph
    ``text[p_start:p_end]``; a quote left open runs to the paragraph's end."""
    opened: int | None = None
    nested: list[str] = []  # closing marks of quotations nested in the open one
    for mark in _DOUBLE_RE.finditer(text, p_start, p_end):
        i = mark.start()
        c = text[i]
        prev = text[i - 1] if i > p_start else " "
        nxt = text[i + 1] if i + 1 < p_end else " "
        if opened is None:
            if c == '"' and prev.isdigit():
                continue  # an inch mark ('a 15" screen'), not a quotation mark
            if c == '"' or c in _OPEN or (c == "”" and not nxt.isspace() and prev.isspace()):
                opened = i
            continue
        opener = text[opened]
        if nested and c == nested[-1]:
            nested.pop()  # the end of a quotation nested in this one
            continue
        if (
            c != _OPEN.get(opener)
            and c in _NESTED_OPEN
            and c != opener
            and (prev.isspace() or prev in "([—–-:")
            and not nxt.isspace()
        ):
            nested.append(_OPEN[c])  # a quotation of another style nested in this one
            continue
        if nested and c != _OPEN.get(opener, "”"):
            continue  # a stray mark inside the nested quotation
        closes = c == '"' or c == _OPEN.get(opener, "”") or c in "”»」›"
        if c == "“" and not prev.isspace() and (nxt.isspace() or i + 1 >= p_end):
            closes = True  # a wrongly-oriented closing mark: 'decision.“ However'
        if c == "“" and opener == "“" and (prev.isspace() and not nxt.isspace()):
            closes = False  # a new opening: the previous quote ran without a closing mark
            yield Span(opened + 1, i, opened, None)
            opened = i
            continue
        if closes:
            yield Span(opened + 1, i, opened, i)
            opened = None
            nested.clear()
    if opened is not None:
        yield Span(opened + 1, p_end, opened, None)


def single_spans(text: str, p_start: int, p_end: int, inside: list[Span]) -> Iterator[Span]:
    """The single-quoted spans of the paragraph outside the double-quoted ``inside``
    (in text order); apostrophes ("don't", "the lads' families", "the '80s") are no marks."""
    opened: int | None = None
    opens = [s.open_mark for s in inside]  # in text order
    for mark in _SINGLE_RE.finditer(text, p_start, p_end):
        i = mark.start()
        c = text[i]
        k = bisect.bisect_right(opens, i) - 1
        if k >= 0 and i <= (inside[k].close_mark or p_end):
            continue  # inside a double-quoted passage
        prev = text[i - 1] if i > p_start else " "
        nxt = text[i + 1] if i + 1 < p_end else " "
        if opened is None:
            opening = c in "'‘" and (prev.isspace() or prev in "([—–-") and nxt.isalnum()
            if opening and not _ELISION.match(text, i + 1, p_end):
                opened = i  # not an apostrophe eliding a word's start ("the '80s")
        elif not prev.isspace() and not nxt.isalnum() and c in "'’":
            if _plural_possessive(text, i, p_end):
                continue  # "the lads' families": an apostrophe, the quote goes on
            yield Span(opened + 1, i, opened, i)
            opened = None


def nested_in(span: Span, outer: list[Span], opens: list[int]) -> bool:
    """Whether ``span`` lies inside one of ``outer`` (in text order, ``opens`` their
    opening marks)."""
    k = bisect.bisect_left(opens, span.open_mark) - 1
    return k >= 0 and span.close_mark is not None and span.close_mark < outer[k].end


def _plural_possessive(text: str, i: int, p_end: int) -> bool:
    """An apostrophe after a plural ("workers' demands") inside a single-quoted passage:
    a lower-case word follows and a closing mark comes later in the paragraph."""
    if text[i - 1] not in "sS" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    return re.search(r"[^\s]['’](?!\w)", text[i + 1 : p_end]) is not None


def trim(text: str, span: Span) -> Span | None:
    """``span`` without leading and trailing whitespace; None if nothing is left."""
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e, span.open_mark, span.close_mark) if e > s else None

"""What the coder taught this database, as plain data the suggesters use.

* Names tagged person (accepted or made by hand) are suggested at every other mention.
* A rejected suggestion is never offered again: same tag, text and context (the words
  around it), in any article.
* Patterns (a figure's unit, a claim's reporting verb, a person's name) lose score with each
  rejection and win it back with acceptances; below :data:`MIN_SCORE` they are not offered.
  Quotes have no such pattern: rejecting a few scare quotes must not hide every quotation.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from clipper.suggest.base import Suggestion
from clipper.suggest.claims import claim_pattern
from clipper.suggest.pipeline import suggest

#: Words either side of a span (in its paragraph) that make its context.
CONTEXT_WORDS = 3
#: Suggestions scoring lower than this (after learning) are not offered.
MIN_SCORE = 0.3


def context_key(tag: str, text: str, start: int, end: int) -> tuple[str, str, str]:
    """What identifies a suggestion across articles: its tag, text and the words around it
    (up to :data:`CONTEXT_WORDS` either side, within its paragraph)."""
    before = text[max(0, start - 80) : start].rsplit("\n", 1)[-1].split()
    after = text[end : end + 80].split("\n", 1)[0].split()
    around = " ".join(before[-CONTEXT_WORDS:]) + " \x00 " + " ".join(after[:CONTEXT_WORDS])
    return tag, text[start:end], around


def pattern_of(tag: str, text: str, start: int, end: int, unit: str | None) -> str:
    """The pattern a decision on this span teaches (see :class:`Lexicon`)."""
    if tag == "figure":
        return unit or "count"
    if tag == "claim":
        return claim_pattern(text, start)
    if tag == "person":
        return text[start:end]
    return ""


#: The tags whose decisions teach a pattern (see :func:`pattern_of`); a quote is a quote.
PATTERN_TAGS = frozenset({"figure", "claim", "person"})


@dataclass(slots=True)
class Lexicon:
    """Names, rejected suggestions and pattern counts of one database."""

    names: set[str] = field(default_factory=set)
    rejected: set[tuple[str, str, str]] = field(default_factory=set)
    accepted_patterns: Counter[tuple[str, str]] = field(default_factory=Counter)
    rejected_patterns: Counter[tuple[str, str]] = field(default_factory=Counter)

    def learn(
        self, tag: str, text: str, start: int, end: int, status: str, unit: str | None = None
    ) -> None:
        """Take in one decision: ``status`` "accepted" or "rejected" of ``text[start:end]``."""
        pattern = (tag, pattern_of(tag, text, start, end, unit))
        if status == "accepted":
            if tag == "person":
                self.names.add(text[start:end])
            self.accepted_patterns[pattern] += 1
        elif status == "rejected":
            self.rejected.add(context_key(tag, text, start, end))
            self.rejected_patterns[pattern] += 1

    def factor(self, tag: str, pattern: str) -> float:
        if tag not in PATTERN_TAGS:
            return 1.0
        key = (tag, pattern)
        accepted, rejected = self.accepted_patterns[key], self.rejected_patterns[key]
        return (accepted + 1) / (accepted + rejected + 1)

    def apply(self, text: str, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
        """The suggestions still worth offering, with learned scores."""
        out = []
        for s in suggestions:
            if context_key(s.tag, text, s.start, s.end) in self.rejected:
                continue
            pattern = s.pattern if s.tag != "person" else text[s.start : s.end]
            score = round(s.score * self.factor(s.tag, pattern), 4)
            if score < MIN_SCORE:
                continue
            out.append(dataclasses.replace(s, score=score) if score != s.score else s)
        return out


def suggest_with(
    text: str, lexicon: Lexicon | None = None, tags: Sequence[str] | None = None
) -> list[Suggestion]:
    """:func:`clipper.suggest.suggest` with what ``lexicon`` learned."""
    if lexicon is None:
        return suggest(text, tags)
    return lexicon.apply(text, suggest(text, tags, lexicon.names))

"""What every suggester returns, and the text helpers they share (paragraphs, sentences)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from clipper.model import NO_ATTRIBUTES, AttributeValue

#: The engine and version stored as an annotation's ``origin_detail`` ("<engine>/<version>").
ENGINE = "clipper-suggest"
VERSION = "1.0"
ORIGIN_DETAIL = f"{ENGINE}/{VERSION}"

#: The tags the suggesters know, in the order they run.
SUGGEST_TAGS = ("person", "figure", "quote", "claim")


def word_list(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed annotation: ``start..end`` (code points) tagged ``tag``, with a score in
    0..1 and attributes (``value``/``unit``, ``speaker``, ``source``). ``target`` is the span
    of the person mention it relates to (a quote ``said_by``, a surname ``same_as``, a claim
    ``claimed_by``), if any; ``pattern`` is what made it (learning lowers the score of
    patterns the coder keeps rejecting)."""

    start: int
    end: int
    tag: str
    score: float
    attributes: Mapping[str, AttributeValue] = field(
        default_factory=lambda: NO_ATTRIBUTES, hash=False
    )
    target: tuple[int, int] | None = None
    pattern: str = ""

    def text(self, article: str) -> str:
        return article[self.start : self.end]


_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each non-empty line (a paragraph in clippings)."""
    for m in _PARAGRAPH.finditer(text):
        yield m.start(), m.end()


#: A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before a space
#: and a capital/quote/digit, never after common abbreviations.
#: A sentence's end: the next starts with a quotation mark, a bracket, a digit or a capital
#: of any script ("Łukasz"; ``[^\W_a-z]`` is a letter or digit that is not ASCII lower case).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]|\s+[^\W_a-z])")
_ABBREVIATIONS = ("Mr", "Ms", "Mrs", "Dr", "St", "U.S", "U.K", "Jr", "Sr", "No", "Prof", "Inc")
#: Month abbreviations: no sentence end before a day ("on Dec. 28").
_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each sentence, paragraph by paragraph (spaces trimmed)."""
    for p_start, p_end in paragraphs(text):
        start = p_start
        for m in _SENTENCE_END.finditer(text, p_start, p_end):
            before = text[max(p_start, m.start() - 4) : m.start()]
            if before.endswith(_ABBREVIATIONS) and text[m.start()] == ".":
                word = re.findall(r"[\w.]+$", before)
                if word and word[0].rstrip(".") in _ABBREVIATIONS:
                    continue
            if _MONTH.search(text[max(p_start, m.start() - 5) : m.start()]) and re.match(
                r"\s+\d", text[m.end() :]
            ):
                continue
            yield from _trimmed(text, start, m.end())
            start = m.end()
        yield from _trimmed(text, start, p_end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def headline_end(text: str) -> int:
    """The end of the headline when the text starts with one (a first line followed by a
    blank line, without a sentence's final full stop), else 0."""
    first = text.split("\n", 1)[0]
    if text[len(first) : len(first) + 2] == "\n\n" and not first.rstrip().endswith("."):
        return len(first)
    return 0


#: A heading that starts the list of sources/links at the end of a story (Wikinews).
_REFERENCES = re.compile(
    r"(?:sources?|references|external links|related news|related stories|see also|"
    r"bibliography|further reading)\s*:?",
    re.IGNORECASE,
)


def body_end(text: str) -> int:
    """Where the story's body ends: the start of a trailing "Sources"/"References" list
    (a paragraph of its own), else the text's length. Nothing after it is annotated
    as a quote or a claim."""
    for p_start, p_end in paragraphs(text):
        if p_start > 0 and _REFERENCES.fullmatch(text[p_start:p_end].strip()):
            return p_start
    return len(text)


def in_spans(i: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset ``i`` lies in one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (i, len(spans) and spans[-1][1] + 1)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]

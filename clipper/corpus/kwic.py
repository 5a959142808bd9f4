"""Keyword in context: the characters either side of a span, as stored."""

from __future__ import annotations

from dataclasses import dataclass

from clipper.corpus_query import KWIC_WIDTH


@dataclass(frozen=True, slots=True)
class Context:
    """``text[start - len(left):start]`` and ``text[end:end + len(right)]``: the context
    exactly as stored (line breaks included; a display shows them as it likes)."""

    left: str
    right: str


def context_of(text: str, start: int, end: int, width: int = KWIC_WIDTH) -> Context:
    """Up to ``width`` code points of ``text`` before ``start`` and after ``end``."""
    return Context(text[max(0, start - width) : start], text[end : end + width])


def one_line(text: str) -> str:
    """Context for a one-line display: line breaks and tabs as spaces."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")

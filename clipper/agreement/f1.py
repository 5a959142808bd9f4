"""Span F1 between two coders: exact (same start and end) and overlap (any shared character).

Coder ``a``'s spans are the reference: recall is the share of ``a``'s spans that ``b``
matched, precision the share of ``b``'s spans that ``a`` matched; F1 is their harmonic mean.
Exact matches pair one to one, so exact F1 is ``2·matches / (|a| + |b|)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["SpanMatches", "match_spans"]


@dataclass(slots=True)
class SpanMatches:
    """Counts for the F1 of two coders (added up over texts and tags)."""

    first: int = 0
    second: int = 0
    exact: int = 0
    #: ``first``'s spans overlapped by one of ``second``'s, and the other way round.
    first_overlapped: int = 0
    second_overlapped: int = 0

    def merge(self, other: SpanMatches) -> None:
        self.first += other.first
        self.second += other.second
        self.exact += other.exact
        self.first_overlapped += other.first_overlapped
        self.second_overlapped += other.second_overlapped

    def f1_exact(self) -> float | None:
        total = self.first + self.second
        return 2 * self.exact / total if total else None

    def f1_overlap(self) -> float | None:
        if not self.first or not self.second:
            return 0.0 if self.first or self.second else None
        recall = self.first_overlapped / self.first
        precision = self.second_overlapped / self.second
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _overlapped(spans: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> int:
    """How many of ``spans`` share a character with one of ``others``."""
    ordered = sorted(others)
    starts = [s for s, _ in ordered]
    reach: list[int] = []  # the furthest end among others[:i + 1]
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)
    count = 0
    for start, end in spans:
        before = bisect.bisect_left(starts, end)  # others starting before this span ends
        if before and reach[before - 1] > start:
            count += 1
    return count


def match_spans(first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]) -> SpanMatches:
    """The matches between two coders' spans of one tag in one text (``(start, end)``)."""
    a, b = set(first), set(second)
    return SpanMatches(
        len(a),
        len(b),
        len(a & b),
        _overlapped(sorted(a), sorted(b)),
        _overlapped(sorted(b), sorted(a)),
    )

"""A text cut at every coder's boundaries: the pieces on which every coder's value is constant.

Each coder's units are non-overlapping ``(start, end, value)`` triples (0 ≤ start < end ≤
length); what no unit covers is a gap (value ``None``). :func:`pieces` yields ``(length,
values)`` for the consecutive pieces of the text, ``values[i]`` being coder ``i``'s value
there. Everything agreement measures at character level is a weighted sum over these pieces,
so the cost grows with the number of units, not with the length of the text.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator, Sequence

Unit = tuple[int, int, Hashable]


def check_units(units: Sequence[Unit], length: int) -> list[Unit]:
    """The units sorted by start; a unit outside ``0..length``, empty, or overlapping
    another is refused (``ValueError``)."""
    ordered = sorted(units, key=lambda u: (u[0], u[1]))
    previous_end = 0
    for start, end, _value in ordered:
        if not 0 <= start < end <= length:
            raise ValueError(f"unit {start}..{end} does not fit a text of {length} characters")
        if start < previous_end:
            raise ValueError(f"units overlap at {start}: one coder's units must not overlap")
        previous_end = end
    return ordered


def pieces(
    length: int, coders_units: Sequence[Sequence[Unit]]
) -> Iterator[tuple[int, tuple[Hashable | None, ...]]]:
    """``(piece length, value of each coder)`` for consecutive pieces of ``0..length``
    (units already checked and sorted, see :func:`check_units`)."""
    cuts = {0, length}
    for units in coders_units:
        for start, end, _value in units:
            cuts.add(start)
            cuts.add(end)
    bounds = sorted(cuts)
    positions = [0] * len(coders_units)
    for left, right in itertools.pairwise(bounds):
        values: list[Hashable | None] = []
        for index, units in enumerate(coders_units):
            at = positions[index]
            while at < len(units) and units[at][1] <= left:
                at += 1
            positions[index] = at
            values.append(units[at][2] if at < len(units) and units[at][0] <= left else None)
        yield right - left, tuple(values)


def merge_overlapping(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One coder's spans of one category as units: overlapping spans become one unit
    (spans that only touch stay two units)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

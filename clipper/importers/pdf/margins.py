"""Line numbers in the left margin (transcripts, court filings, pleading paper) left out.

A page numbers its lines when a column of small integers stands left of the text, one
per row, aligned on their right edge, counting up by one from top to bottom, with a gap
to the text. Left in, they land mid-sentence ("came on for oral 13 argument").
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from clipper.importers.pdf.columns import Word

#: At least this many numbered rows on a page.
MIN_NUMBERED = 5
#: Largest line number considered.
MAX_NUMBER = 99
#: Share of neighbouring numbers (top to bottom) that must count up by one.
COUNTING_SHARE = 0.8


def _number(word: Word) -> int | None:
    text = "".join(g.text for g in word.glyphs)
    if text.isascii() and text.isdigit() and len(text) <= 2:
        value = int(text)
        return value if 1 <= value <= MAX_NUMBER else None
    return None


def margin_numbers(words: list[Word]) -> set[int]:
    """``id()`` of the words that number the page's lines in its left margin."""
    rows: dict[int, list[Word]] = defaultdict(list)
    for word in words:
        rows[word.row].append(word)
    candidates: list[tuple[Word, int, float]] = []  # word, value, gap to the row's text
    for members in rows.values():
        members.sort(key=lambda w: w.x0)
        first = members[0]
        value = _number(first)
        if value is None:
            continue
        gap = members[1].x0 - first.x1 if len(members) > 1 else float("inf")
        candidates.append((first, value, gap))
    if len(candidates) < MIN_NUMBERED:
        return set()
    # the numbers' column: right edges aligned within a quarter em of the most common one
    by_edge: dict[int, list[tuple[Word, int, float]]] = defaultdict(list)
    for entry in candidates:
        by_edge[round(entry[0].x1 / 2)].append(entry)
    edge = max(by_edge, key=lambda key: len(by_edge[key]))
    column = [entry for key in (edge - 1, edge, edge + 1) for entry in by_edge.get(key, [])]
    if len(column) < MIN_NUMBERED:
        return set()
    column.sort(key=lambda entry: entry[0].top)
    steps = sum(1 for a, b in pairwise(column) if b[1] == a[1] + 1)
    if steps < COUNTING_SHARE * (len(column) - 1):
        return set()
    # a margin, not a numbered list: the text starts well to the right of the numbers
    size = sorted(entry[0].size for entry in column)[len(column) // 2]
    gaps = sorted(entry[2] for entry in column)
    if gaps[len(gaps) // 2] < 1.5 * size:
        return set()
    return {id(entry[0]) for entry in column}


def without_margin_numbers(words: list[Word]) -> list[Word]:
    """``words`` without the page's margin line numbers (if it has them)."""
    numbers = margin_numbers(words)
    return [w for w in words if id(w) not in numbers] if numbers else words

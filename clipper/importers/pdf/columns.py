"""Words from glyphs, and reading order: columns found from gutters between word positions.

A *gutter* is a vertical strip that (almost) no word crosses, with enough text on both
sides to be columns rather than table cells. Words that do cross it (a full-width
headline, a running head) cut the region into horizontal bands; between those bands the
text is read column by column, left to right. Each side is searched again, so three or
more columns and nested layouts come out in order too.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise

from clipper.importers.pdf.glyphs import Glyph

#: A gap wider than this share of the font size separates two words.
WORD_GAP = 0.18
#: The same for files that contain space characters.
EXPLICIT_SPACE_GAP = 0.6
#: Characters that separate words and are not kept (the importer inserts its own space).
_BREAKING_SPACES = frozenset(" \t\n\r\u2002\u2003\u2009\u200a\u3000")
_INVISIBLE = frozenset("\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
CID_MARK = "\ufffd"
_MAX_DEPTH = 12
#: A gutter crossed by more separate bands than this is not one (table rows cross it).
MAX_BANDS = 4


class Word:
    """Glyphs of one word on one baseline, with their extent in the reading frame."""

    __slots__ = ("bottom", "glyphs", "row", "size", "top", "x0", "x1")

    def __init__(self, glyphs: list[Glyph], row: int) -> None:
        self.glyphs = glyphs
        #: Words built from the same baseline share a row number.
        self.row = row
        self.x0 = glyphs[0].x0
        self.x1 = max(g.x1 for g in glyphs)
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.size = glyphs[0].size

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def clean_glyphs(glyphs: Sequence[Glyph]) -> tuple[list[Glyph], int]:
    """Drop invisible controls, mark unmapped ``(cid:N)`` glyphs; returns glyphs, cid count."""
    out: list[Glyph] = []
    cids = 0
    for g in glyphs:
        text = g.text
        if not text or text in _INVISIBLE or (text < " " and text not in _BREAKING_SPACES):
            continue
        if text.startswith("(cid:"):
            cids += 1
            g = g._replace(text=CID_MARK)
        out.append(g)
    return out, cids


def build_words(glyphs: Sequence[Glyph]) -> list[Word]:
    """Split glyphs into words: same baseline, no wide gap, no space between them."""
    words: list[Word] = []
    gap = word_gap(glyphs)
    ordered = sorted(glyphs, key=lambda g: g.bottom)
    row: list[Glyph] = []
    row_bottom = 0.0
    for g in ordered:
        if row and g.bottom - row_bottom > 0.25 * g.size:
            _split_row(row, words, len(words), gap)
            row = []
        if not row:
            row_bottom = g.bottom
        row.append(g)
    if row:
        _split_row(row, words, len(words), gap)
    return words


def word_gap(glyphs: Sequence[Glyph]) -> float:
    """The smallest gap between glyphs (share of the em) that separates two words.

    Where the file spells out its spaces, a gap without one is a break only if it is as
    wide as half the font's own space (the space glyphs' median width), else kerning;
    without spaces (TeX), :data:`WORD_GAP` of the em (intra-word gaps are near 0, word
    spaces a quarter em or more).
    """
    spaces = [g for g in glyphs if g.text == " " and g.size > 0 and g.x1 > g.x0]
    if len(spaces) <= 0.05 * len(glyphs):
        return WORD_GAP
    space = _median([(g.x1 - g.x0) / g.size for g in spaces])
    return min(EXPLICIT_SPACE_GAP, max(WORD_GAP / 2, 0.5 * space))


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _split_row(row: list[Glyph], words: list[Word], number: int, gap: float) -> None:
    row.sort(key=lambda g: g.x0)
    current: list[Glyph] = []
    spaces: list[Glyph] = []  # space glyphs since the last visible one
    for g in row:
        if g.text in _BREAKING_SPACES:
            if current:
                spaces.append(g)
            continue
        if current:
            prev = current[-1]
            if (
                g.text == prev.text
                and abs(g.x0 - prev.x0) < 1.0
                and abs(g.bottom - prev.bottom) < 1.0
            ):
                spaces = []
                continue  # "fake bold": the same glyph drawn twice
            # a space glyph between the two (not one drawn over them: padding of another
            # text run) or a gap wider than the font's word gap separates two words
            spaced = any(
                _overlap(s.x0, s.x1, prev.x0, prev.x1) + _overlap(s.x0, s.x1, g.x0, g.x1)
                < 0.5 * (s.x1 - s.x0)
                for s in spaces
            )
            if spaced or g.x0 - prev.x1 > gap * min(g.size, prev.size):
                words.append(Word(current, number))
                current = []
        spaces = []
        current.append(g)
    if current:
        words.append(Word(current, number))


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


#: Wider spreads of words (points) are not searched for a gutter: one bin per point.
_MAX_WIDTH = 200_000.0


def find_gutter(words: Sequence[Word]) -> float | None:
    """Where to cut these words into columns (an x position), or ``None``.

    Candidates are vertical strips where word coverage drops to a valley; the strip is
    accepted when the few words crossing it form at most :data:`MAX_BANDS` horizontal
    bands (headlines, running heads), not a table's many rows.
    """
    if len(words) < 12:
        return None
    x_lo = min(w.x0 for w in words)
    x_hi = max(w.x1 for w in words)
    width = x_hi - x_lo
    size = _median([w.size for w in words])
    if width < 20 * size or not width < _MAX_WIDTH:
        return None
    bins = int(width) + 2
    diff = [0] * (bins + 1)
    for w in words:
        diff[max(0, int(w.x0 - x_lo))] += 1
        diff[min(bins, math.ceil(w.x1 - x_lo))] -= 1
    cover = list(accumulate(diff[:bins]))
    busy = sorted(c for c in cover if c)
    typical = busy[int(0.6 * len(busy))] if busy else 0
    limit = max(2, int(0.5 * typical))
    min_gap = max(4.0, 0.45 * size)
    min_column = max(0.15 * width, 8 * size)
    candidates: list[tuple[float, float]] = []
    start = None
    for x in range(bins + 1):
        low = x < bins and cover[x] <= limit
        if low and start is None:
            start = x
        elif not low and start is not None:
            c0, c1, middle = _emptiest(cover, start, x)
            g0, g1 = x_lo + c0, x_lo + c1
            if (
                # the whole low stretch is the gutter; its emptiest part may be narrower
                # (a few protruding glyphs: hyphens, punctuation)
                x - start >= min_gap
                and c1 - c0 >= 2
                and start > 0
                and x < bins
                and g0 - x_lo >= min_column
                and x_hi - g1 >= min_column
            ):
                left = sum(1 for w in words if w.x1 <= g0 + 0.5)
                right = sum(1 for w in words if w.x0 >= g1 - 0.5)
                if left >= 6 and right >= 6:
                    score = (c1 - c0) * (1.0 - cover[c0] / (typical + 1))
                    candidates.append((score, x_lo + middle))
            start = None
    for _, cut in sorted(candidates, reverse=True):
        if len(_bands(words, cut)[0]) <= MAX_BANDS:
            return cut
    return None


def _bands(words: Sequence[Word], cut: float) -> tuple[list[list[float]], list[Word]]:
    """Horizontal bands ``[top, bottom]`` of the words crossing ``cut``, and the others.

    Neighbouring bands with no other word between them are one band.
    """
    crossing = _spanning(words, cut)
    ids = {id(w) for w in crossing}
    others = [w for w in words if id(w) not in ids]
    middles = sorted(w.middle for w in others)
    bands: list[list[float]] = []
    for w in sorted(crossing, key=lambda w: w.top):
        if bands and (
            w.top <= bands[-1][1]
            or bisect_right(middles, w.top) == bisect_right(middles, bands[-1][1])
        ):
            bands[-1][1] = max(bands[-1][1], w.bottom)
        else:
            bands.append([w.top, w.bottom])
    return bands, others


def _spanning(words: Sequence[Word], cut: float) -> list[Word]:
    """Words across the cut, and word pairs bridging it on one baseline."""
    found = [w for w in words if w.x0 < cut < w.x1]
    for a, b in pairwise(words):
        if a.row == b.row and a.x1 <= cut <= b.x0 and b.x0 - a.x1 < 0.7 * a.size:
            found += (a, b)
    return found


def _longest(cover: list[int], start: int, stop: int, ceiling: int) -> tuple[int, int]:
    """The longest run in ``cover[start:stop]`` with values <= ``ceiling``: ``(start, stop)``."""
    best = (start, start)
    run_start = None
    for x in range(start, stop + 1):
        if x < stop and cover[x] <= ceiling:
            if run_start is None:
                run_start = x
        elif run_start is not None:
            if x - run_start > best[1] - best[0]:
                best = (run_start, x)
            run_start = None
    return best


def _emptiest(cover: list[int], start: int, stop: int) -> tuple[int, int, float]:
    """The stretch of ``cover[start:stop]`` near its minimum, and where to cut in it."""
    low = min(cover[start:stop])
    c0, c1 = _longest(cover, start, stop, low + max(1, low // 4))
    s0, s1 = _longest(cover, c0, c1, low)
    return c0, c1, (s0 + s1) / 2


def reading_order(words: list[Word], depth: int = 0) -> list[list[Word]]:
    """Blocks of words (columns or bands) in reading order."""
    cut = find_gutter(words) if depth < _MAX_DEPTH else None
    if cut is None:
        return [words] if words else []
    bands, _ = _bands(words, cut)
    tops = [b[0] for b in bands]
    band_words: list[list[Word]] = [[] for _ in bands]
    segments: list[list[Word]] = [[] for _ in range(len(bands) + 1)]
    for w in words:
        index = bisect_right(tops, w.middle)
        if index and w.middle <= bands[index - 1][1]:
            band_words[index - 1].append(w)
        else:
            segments[index].append(w)
    blocks: list[list[Word]] = []
    for index, segment in enumerate(segments):
        left = [w for w in segment if (w.x0 + w.x1) / 2 < cut]
        right = [w for w in segment if (w.x0 + w.x1) / 2 >= cut]
        for part in (left, right):
            if len(part) == len(words):  # no progress: read it as one block
                blocks.append(part)
            elif part:
                blocks.extend(reading_order(part, depth + 1))
        band = band_words[index] if index < len(bands) else []
        if len(band) == len(words):
            blocks.append(band)
        elif band:
            blocks.extend(reading_order(band, depth + 1))
    return blocks

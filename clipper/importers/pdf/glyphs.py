"""Page characters as compact glyphs, turned so that every text line reads left to right.

pdfplumber reports characters in the displayed page's coordinates (``/Rotate`` already
applied), but the text itself may still run up, down or upside down (rotated content,
vertical CJK). Each glyph carries two boxes: one in its *reading frame* (used to find
columns, lines and words) and the original one (stored in the page layout).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

#: Orientation codes: the direction the text runs on the displayed page.
RIGHT, DOWN, LEFT, UP = 0, 1, 2, 3
#: A rotated minority (margin stamps, print marks) smaller than this share of a page is dropped.
MINOR_ORIENTATION_SHARE = 0.1
MINOR_ORIENTATION_GLYPHS = 200


class RawChar(NamedTuple):
    """A character as the page shows it: pdfplumber's ``x0``/``x1``/``top``/``bottom``."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    matrix: tuple[float, float, float, float, float, float]


class Glyph(NamedTuple):
    """One character: ``x0..x1``/``top..bottom`` in the reading frame, ``box`` as on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    box: tuple[float, float, float, float]


def orientation(matrix: tuple[float, ...]) -> int:
    """Which way a character's text runs, from its text matrix (PDF space, y up)."""
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return RIGHT if a > 0 else LEFT
    return DOWN if b < 0 else UP


def _is_cjk(text: str) -> bool:
    code = ord(text[0]) if text else 0
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xAC00 <= code <= 0xD7AF


def _looks_vertical(chars: list[RawChar]) -> bool:
    """Upright CJK glyphs stacked top to bottom in content order: vertical writing."""
    if len(chars) < 4 or sum(_is_cjk(c.text) for c in chars) < 0.6 * len(chars):
        return False
    stacked = 0
    for prev, cur in itertools.pairwise(chars):
        size = prev.size or 1.0
        if abs(cur.x0 - prev.x0) < 0.3 * size and 0.3 * size < cur.top - prev.top < 2.0 * size:
            stacked += 1
    return stacked > 0.5 * (len(chars) - 1)


def _turn(
    direction: int, width: float, height: float, x0: float, x1: float, top: float, bottom: float
) -> tuple[float, float, float, float]:
    """A box in the frame where text running ``direction`` reads left to right, top to bottom."""
    if direction == DOWN:
        return top, bottom, width - x1, width - x0
    if direction == UP:
        return height - bottom, height - top, x0, x1
    if direction == LEFT:
        return width - x1, width - x0, height - bottom, height - top
    return x0, x1, top, bottom


def page_glyphs(
    chars: Iterable[RawChar], width: float, height: float
) -> list[tuple[int, list[Glyph]]]:
    """Group a page's characters by text direction, each in its reading frame.

    The main direction comes first; small rotated minorities are left out.
    """
    by_direction: dict[int, list[RawChar]] = {}
    for char in chars:
        by_direction.setdefault(orientation(char.matrix), []).append(char)
    if not by_direction:
        return []
    counts = Counter({d: len(cs) for d, cs in by_direction.items()})
    total = sum(counts.values())
    groups: list[tuple[int, list[Glyph]]] = []
    for direction, count in counts.most_common():
        if groups and (count < MINOR_ORIENTATION_SHARE * total or count < MINOR_ORIENTATION_GLYPHS):
            continue
        members = by_direction[direction]
        frame = direction
        if direction == RIGHT and _looks_vertical(members):
            frame = DOWN
        glyphs = []
        for text, x0, x1, top, bottom, raw_size, m in members:
            nx0, nx1, ntop, nbottom = _turn(frame, width, height, x0, x1, top, bottom)
            # the em: the glyph box's height across the reading direction (font size times
            # the text matrix's scale; TeX sets the size with Tf and leaves the matrix at 1)
            size = (nbottom - ntop) or math.hypot(m[2], m[3]) or float(raw_size) or 1.0
            if frame != direction:  # vertical writing: the glyphs stay upright
                size = max(x1 - x0, 1.0)
            glyphs.append(Glyph(text, nx0, nx1, ntop, nbottom, size, (x0, top, x1, bottom)))
        groups.append((frame, glyphs))
    return groups

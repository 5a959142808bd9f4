"""Text laid over text: where a page's reading order cannot be trusted.

Designed layouts (annual reports, posters, brochures) put small text over giant letters,
figures over labels, one text block over another. Read in any order, such a page comes
out scrambled ("WeForFor digitalan inclusivetransfo…"). Instead of storing that
silently, the importer counts the letters drawn over other letters and warns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from clipper.importers.pdf.glyphs import Glyph

#: Grid cell (points) used to find overlapping glyphs quickly.
_CELL = 6.0
#: A page is layered when at least this many letters lie over other letters (none do on
#: the ordinary pages of the test corpus; 23 to 74 do on the designed ones).
MIN_LAYERED = 8


def _area(g: Glyph) -> float:
    return max(0.0, g.x1 - g.x0) * max(0.0, g.bottom - g.top)


def layered_glyphs(glyphs: Sequence[Glyph]) -> int:
    """How many letters/digits have their centre inside another letter/digit's box: a
    different one, or the same one at least twice as large (kerning overlaps are small;
    a glyph drawn twice in place, "fake bold", is not counted)."""
    letters = [g for g in glyphs if g.text[:1].isalnum() and _area(g) > 0]
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    covered = 0
    for index, g in enumerate(letters):
        xs = range(int(g.x0 // _CELL), int(g.x1 // _CELL) + 1)
        ys = range(int(g.top // _CELL), int(g.bottom // _CELL) + 1)
        covered += len(xs) * len(ys)
        if covered > 2_000_000:  # absurd geometry: do not try
            return 0
        for cx in xs:
            for cy in ys:
                cells[(cx, cy)].append(index)
    layered = 0
    for index, a in enumerate(letters):
        x, y = (a.x0 + a.x1) / 2, (a.top + a.bottom) / 2
        for other in cells.get((int(x // _CELL), int(y // _CELL)), ()):
            b = letters[other]
            if other == index or not (b.x0 < x < b.x1 and b.top < y < b.bottom):
                continue
            if b.text != a.text and _area(b) >= 0.5 * _area(a):
                if a.text == b.text or abs(a.x0 - b.x0) >= 1.0 or b.size >= 2 * a.size:
                    layered += 1
                    break
            elif b.size >= 2 * a.size:
                layered += 1
                break
    return layered


def is_layered(layered: int) -> bool:
    return layered >= MIN_LAYERED


def layered_pages_warning(pages: Sequence[int]) -> str:
    listed = ", ".join(str(p) for p in pages[:10]) + (" …" if len(pages) > 10 else "")
    which = f"page {listed}" if len(pages) == 1 else f"pages {listed}"
    return (
        f"On {which} text is laid over text (a designed layout): the reading order there is "
        "not trustworthy and words may run together. Check quotes from those pages against "
        "the page view (F9)."
    )

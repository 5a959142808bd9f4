"""Text lines of one block (column): words grouped by baseline, with a box per character."""

from __future__ import annotations

import itertools
import unicodedata
from array import array
from dataclasses import dataclass

from clipper.importers.pdf.columns import WORD_GAP, Word

#: Box of a character the importer inserted (spaces between words): no source glyph.
NO_BOX = (-1.0, -1.0, -1.0, -1.0)
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "ſt",
    "\ufb06": "st",
}


@dataclass(slots=True)
class Line:
    """One line of text in reading order, with geometry in the page's reading frame."""

    text: str
    #: Four floats per character of ``text``: its box on the page, or :data:`NO_BOX`.
    boxes: array  # type: ignore[type-arg]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    block: int
    #: Left and right edge of the block (column) the line belongs to.
    left: float
    right: float
    #: Usual distance between baselines in the block.
    pitch: float
    #: Number of lines in the block.
    rows: int = 1


def _normal_form(text: str) -> str:
    """Arabic presentation forms (contextual glyph shapes, U+FB50–FDFF and U+FE70–FEFF)
    as the letters they show (NFKC: ``ﻻ`` -> ``لا``); other text as it is."""
    if any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in text):
        return unicodedata.normalize("NFKC", text)
    return text


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch[0]) in ("R", "AL")


def _group_lines(words: list[Word]) -> list[list[Word]]:
    """Words whose vertical extents overlap by half belong to one line."""
    lines: list[tuple[list[float], list[Word]]] = []
    for w in sorted(words, key=lambda w: w.top):
        height = w.bottom - w.top
        placed = False
        for band, members in lines[-2:]:
            overlap = min(band[1], w.bottom) - max(band[0], w.top)
            if overlap >= 0.5 * min(height, band[1] - band[0]):
                members.append(w)
                if w.size >= 0.8 * band[2]:
                    band[0], band[1] = min(band[0], w.top), max(band[1], w.bottom)
                placed = True
                break
        if not placed:
            lines.append(([w.top, w.bottom, w.size], [w]))
    return [members for _, members in lines]


def _needs_space(prev: Word, cur: Word) -> bool:
    # right-to-left lines come right to left: the gap is then left of ``prev``
    gap = cur.x0 - prev.x1 if cur.x0 >= prev.x0 else prev.x0 - cur.x1
    if prev.row == cur.row and gap >= -0.5 * cur.size:
        return True  # split on one baseline: by a space glyph or a gap wider than a word's
    if gap > WORD_GAP * min(prev.size, cur.size):
        return True
    # a superscript (footnote mark) glued to the next word: "alert,5and" -> "alert,5 and"
    raised = prev.size < 0.8 * cur.size and prev.bottom < cur.bottom - 0.2 * cur.size
    return raised and cur.glyphs[0].text[:1].isalnum()


def _ordered_words(members: list[Word]) -> list[Word]:
    members.sort(key=lambda w: w.x0)
    letters = [g.text for w in members for g in w.glyphs if g.text[:1].isalpha()]
    if letters and sum(map(_is_rtl, letters)) > len(letters) / 2:
        # right-to-left script laid out visually: read words (and RTL glyphs) from the right
        members.reverse()
        for w in members:
            if any(g.text and _is_rtl(g.text) for g in w.glyphs):
                w.glyphs = w.glyphs[::-1]
    return members


def block_lines(words: list[Word], block: int) -> list[Line]:
    """The lines of one block, top to bottom, each with its text and character boxes."""
    groups = _group_lines(words)
    built: list[Line] = []
    for members in groups:
        ordered = _ordered_words(members)
        parts: list[str] = []
        boxes = array("f")
        prev: Word | None = None
        for w in ordered:
            if prev is not None and _needs_space(prev, w):
                parts.append(" ")
                boxes.extend(NO_BOX)
            for g in w.glyphs:
                text = LIGATURES.get(g.text) or _normal_form(g.text)
                parts.append(text)
                for _ in text:
                    boxes.extend(g.box)
            prev = w
        # small caps and footnote marks are smaller: the line's size is its largest word's
        size = max((w.size for w in members if len(w.glyphs) > 1), default=members[0].size)
        main = [w for w in members if w.size >= 0.8 * size] or members
        built.append(
            Line(
                text="".join(parts),
                boxes=boxes,
                x0=min(w.x0 for w in members),
                x1=max(w.x1 for w in members),
                top=min(w.top for w in main),
                bottom=max(w.bottom for w in main),
                size=size,
                block=block,
                left=0.0,
                right=0.0,
                pitch=0.0,
            )
        )
    steps = sorted(
        b.bottom - a.bottom
        for a, b in itertools.pairwise(built)
        if abs(a.size - b.size) < 0.1 * a.size and b.bottom > a.bottom
    )
    pitch = steps[len(steps) // 2] if steps else 0.0
    # the block's edges, robust against a few protruding or indented lines
    starts = sorted(line.x0 for line in built)
    ends = sorted(line.x1 for line in built)
    left = starts[len(starts) // 4]
    right = ends[min(len(ends) - 1, (len(ends) * 9) // 10)]
    for line in built:
        line.pitch = pitch or 1.25 * line.size
        line.rows = len(built)
        line.left, line.right = left, right
    return built

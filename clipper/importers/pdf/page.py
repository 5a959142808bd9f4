"""One page -> its lines in reading order (plain, picklable data: workers send it back)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clipper.importers.pdf.columns import build_words, clean_glyphs, reading_order
from clipper.importers.pdf.glyphs import page_glyphs
from clipper.importers.pdf.lines import Line, block_lines


@dataclass(slots=True)
class PageText:
    """What one page contributed: lines in reading order and counts for the checks."""

    number: int
    #: Height of the page in the reading frame of its main text direction.
    height: float
    lines: list[Line] = field(default_factory=list)
    #: How many of the lines (from the start) are in the page's main text direction.
    main_lines: int = 0
    glyphs: int = 0
    #: Glyphs whose font has no Unicode mapping (pdfminer's ``(cid:N)``).
    cids: int = 0
    images: int = 0


def extract_page(page: Any) -> PageText:
    """Read one pdfplumber page: glyphs -> words -> columns -> lines."""
    x0, top, x1, bottom = page.bbox
    width, height = float(x1), float(bottom)
    result = PageText(number=int(page.page_number), height=height - float(top))
    result.images = len(page.images)
    groups = page_glyphs(page.chars, width, height)
    block = 0
    for index, (direction, raw) in enumerate(groups):
        glyphs, cids = clean_glyphs(raw)
        result.glyphs += len(glyphs)
        result.cids += cids
        if index == 0 and direction in (1, 3):
            result.height = width - float(x0)
        for words in reading_order(build_words(glyphs)):
            result.lines.extend(block_lines(words, block))
            block += 1
        if index == 0:
            result.main_lines = len(result.lines)
    return result

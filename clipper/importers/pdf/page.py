"""One page -> its lines in reading order, packed in a :class:`PageText` (picklable)."""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTImage

from clipper.importers.pdf.columns import build_words, clean_glyphs, reading_order
from clipper.importers.pdf.glyphs import RawChar, page_glyphs
from clipper.importers.pdf.guard import page_layout
from clipper.importers.pdf.layering import layered_glyphs
from clipper.importers.pdf.lines import Line, block_lines
from clipper.importers.pdf.margins import without_margin_numbers
from clipper.importers.pdf.pagetext import PageText

#: Characters further than this (points) beyond the page's edges are invisible: left out
#: (a damaged or hostile matrix puts text at 1e12, and the column finder works in points).
FAR_OFF_PAGE = 50_000.0


def page_chars(page: Any) -> tuple[list[RawChar], int]:
    """The page's characters (as ``page.chars`` places them) and how many images it shows.

    Read straight from pdfminer's layout objects: pdfplumber's ``page.chars`` builds a
    dictionary of ~20 resolved attributes per character, two thirds of the reading time.
    The layout is built under the reading limits (:mod:`.guard`).
    """
    chars: list[RawChar] = []
    images = 0
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    todo: list[Any] = [iter(page_layout(page))]
    far = FAR_OFF_PAGE + max(page.width, height)
    while todo:
        for obj in todo[-1]:
            if isinstance(obj, LTChar):
                if not all(-far < v < far for v in (obj.x0, obj.x1, obj.y0, obj.y1)):
                    continue  # NaN, or so far off the page that no viewer shows it
                chars.append(
                    RawChar(
                        obj.get_text(),
                        obj.x0 + mb_x0,
                        obj.x1 + mb_x0,
                        (height - obj.y1) + mb_top,
                        (height - obj.y0) + mb_top,
                        obj.size,
                        obj.matrix,
                    )
                )
            elif isinstance(obj, LTContainer):  # a form XObject (LTFigure): read its content
                todo.append(iter(obj))
                break
            elif isinstance(obj, LTImage):
                images += 1
        else:
            todo.pop()
    return chars, images


def extract_page(page: Any) -> PageText:
    """Read one pdfplumber page (closing it): glyphs -> words -> columns -> lines."""
    x0, top, x1, bottom = page.bbox
    width, height = float(x1), float(bottom)
    result = PageText(number=int(page.page_number), height=height - float(top))
    chars, result.images = page_chars(page)
    page.close()  # pdfminer's layout objects are not needed any more: keep the peak low
    groups = page_glyphs(chars, width, height)
    lines: list[Line] = []
    block = 0
    for index, (direction, raw) in enumerate(groups):
        glyphs, cids = clean_glyphs(raw)
        result.glyphs += len(glyphs)
        result.cids += cids
        result.layered += layered_glyphs(glyphs)
        if index == 0 and direction in (1, 3):
            result.height = width - float(x0)
        for words in reading_order(without_margin_numbers(build_words(glyphs))):
            lines.extend(block_lines(words, block))
            block += 1
        if index == 0:
            result.main_lines = len(lines)
    result.pack(lines)
    return result


__all__ = ["PageText", "extract_page", "page_chars"]

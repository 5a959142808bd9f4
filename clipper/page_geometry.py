"""Where an article's characters are on its PDF pages: hit tests and coordinate frames.

The stored layout (:mod:`clipper.layout`) gives each character's box as pdfplumber
reports it: in the *displayed* page (``/Rotate`` applied), top-left origin, in points.
A renderer works in PDF user space (unrotated, y up); :func:`layout_to_pdf` converts.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

from clipper.layout import Box, CharLayout


def layout_to_pdf(
    rotation: int, mediabox: Sequence[float], x: float, top: float
) -> tuple[float, float]:
    """A layout point ``(x, top)`` in PDF user space, for a page with ``/Rotate rotation``
    and ``/MediaBox`` ``(x0, y0, x1, y1)`` (as written in the file).

    The inverse of what pdfminer (page transform from the media box) and pdfplumber
    (its media box, turned and flipped) do to a character.
    """
    x0, x1 = sorted((mediabox[0], mediabox[2]))
    y0, y1 = sorted((mediabox[1], mediabox[3]))
    turn = rotation % 360
    if turn == 90:
        return top + 2 * x0, x
    if turn == 180:
        return x1 + x0 - x, top + 2 * y0
    if turn == 270:
        return x1 - x0 - top, y1 + y0 - x
    return x, y1 - y0 - top


def _centre_inside(box: Sequence[float], region: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


class PageMap:
    """Which characters of an article sit on each page (built on first use)."""

    def __init__(self, layout: CharLayout) -> None:
        self.layout = layout
        self._by_page: dict[int, array[int]] | None = None
        self._raw: bytes | None = None

    def _index(self) -> dict[int, array[int]]:
        if self._by_page is None:
            by_page: dict[int, array[int]] = {}
            for index, page in enumerate(self.layout.pages):
                if page:
                    bucket = by_page.get(page)
                    if bucket is None:
                        bucket = by_page[page] = array("l")
                    bucket.append(index)
            self._by_page = by_page
        return self._by_page

    def page_span(self, page: int) -> tuple[int, int] | None:
        """The text span from the first to the last character from 1-based ``page``
        (characters of other pages may sit between them); ``None`` if it has none.
        Found by a byte search of the page numbers, without building the page index."""
        if self._raw is None:
            self._raw = self.layout.pages.tobytes()
        raw, width = self._raw, self.layout.pages.itemsize
        wanted = page.to_bytes(width, sys.byteorder)
        first = raw.find(wanted)
        while first >= 0 and first % width:
            first = raw.find(wanted, first + 1)
        if first < 0:
            return None
        last = raw.rfind(wanted)
        while last % width:
            last = raw.rfind(wanted, 0, last + width - 1)
        return first // width, last // width + 1

    def characters_on(self, page: int) -> array[int]:
        """Indexes (text offsets) of the characters from 1-based ``page``, in text order."""
        return self._index().get(page, array("l"))

    def span_in_region(self, page: int, region: Box) -> tuple[int, int] | None:
        """The text span from the first to the last character whose box centre lies in
        ``region`` (layout coordinates) on ``page``; ``None`` if there is none."""
        boxes = self.layout.boxes
        first = last = -1
        for index in self.characters_on(page):
            if _centre_inside(boxes[4 * index : 4 * index + 4], region):
                if first < 0:
                    first = index
                last = index
        return None if first < 0 else (first, last + 1)

    def character_at(self, page: int, x: float, y: float, slack: float = 1.0) -> int | None:
        """The character whose box holds point ``(x, y)`` on ``page`` (``slack`` points of
        tolerance), or ``None``."""
        boxes = self.layout.boxes
        for index in self.characters_on(page):
            b = boxes[4 * index : 4 * index + 4]
            if b[0] - slack <= x <= b[2] + slack and b[1] - slack <= y <= b[3] + slack:
                return index
        return None

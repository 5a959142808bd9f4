"""Where each character of a PDF article came from: page number and bounding box.

Stored compactly as one blob per article: for every character of the stored text a
1-based page number (0 = inserted by the importer, e.g. a joining space) and a box
``(x0, top, x1, bottom)`` in PDF points, top-left origin, as pdfplumber reports it.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_MAGIC = b"CLPL1"
_HEADER = struct.Struct("<5sI")

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class CharLayout:
    """Pages and boxes for each character of one article's text."""

    pages: array[int]  # array('H'): 0 = no source character
    boxes: array[float]  # array('f'): four floats per character

    @classmethod
    def build(cls, entries: Iterable[tuple[int, Box] | None]) -> CharLayout:
        """From one entry per character: ``(page, box)`` or ``None`` for inserted ones."""
        pages = array("H")
        boxes = array("f")
        for entry in entries:
            if entry is None:
                pages.append(0)
                boxes.extend((0.0, 0.0, 0.0, 0.0))
            else:
                pages.append(entry[0])
                boxes.extend(entry[1])
        return cls(pages, boxes)

    def __len__(self) -> int:
        return len(self.pages)

    def to_bytes(self) -> bytes:
        # Compressed straight from the arrays: no uncompressed copy (18 bytes a character).
        packer = zlib.compressobj(6)
        parts = [_HEADER.pack(_MAGIC, len(self.pages))]
        parts.append(packer.compress(memoryview(self.pages).cast("B")))
        parts.append(packer.compress(memoryview(self.boxes).cast("B")))
        parts.append(packer.flush())
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> CharLayout:
        magic, count = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a Clipper page layout")
        body = zlib.decompress(data[_HEADER.size :])
        pages = array("H")
        pages.frombytes(body[: 2 * count])
        boxes = array("f")
        boxes.frombytes(body[2 * count :])
        return cls(pages, boxes)

    def pages_for(self, start: int, end: int) -> list[int]:
        """The distinct pages (in order) that characters ``start..end`` came from."""
        seen: list[int] = []
        for page in self.pages[start:end]:
            if page and (not seen or seen[-1] != page) and page not in seen:
                seen.append(page)
        return seen

    def first_page(self, start: int, end: int) -> int | None:
        pages = self.pages_for(start, end)
        return pages[0] if pages else None

    def boxes_for(self, start: int, end: int) -> list[tuple[int, Box]]:
        """One box per source character of ``start..end`` (inserted characters skipped)."""
        out: list[tuple[int, Box]] = []
        for index in range(start, min(end, len(self.pages))):
            page = self.pages[index]
            if page:
                b = self.boxes[4 * index : 4 * index + 4]
                out.append((page, (b[0], b[1], b[2], b[3])))
        return out

    def line_boxes(self, start: int, end: int) -> list[tuple[int, Box]]:
        """One box per text line (per page) that characters ``start..end`` cover.

        Enough to highlight a quote on the page or list it in an export; a new box starts
        when the page changes or the next character is not beside the previous ones. Text
        running up or down the page (rotated content) makes tall boxes the same way.
        """
        # each entry: page, box, direction (0: one character so far, 1: across, 2: down)
        out: list[tuple[int, list[float], list[int]]] = []
        for page, (x0, top, x1, bottom) in self.boxes_for(start, end):
            if out and out[-1][0] == page:
                _, box, direction = out[-1]
                overlap = min(box[3], bottom) - max(box[1], top)
                across = overlap > 0.5 * min(box[3] - box[1], bottom - top) and x0 >= box[0]
                columns = min(box[2], x1) - max(box[0], x0)
                height = bottom - top
                down = (
                    columns > 0.5 * min(box[2] - box[0], x1 - x0)
                    and top < box[3] + 0.5 * height
                    and bottom > box[1] - 0.5 * height
                )
                if (across and direction[0] != 2) or (down and not across and direction[0] != 1):
                    direction[0] = 1 if across else 2
                    box[0], box[1] = min(box[0], x0), min(box[1], top)
                    box[2], box[3] = max(box[2], x1), max(box[3], bottom)
                    continue
            out.append((page, [x0, top, x1, bottom], [0]))
        return [(page, (b[0], b[1], b[2], b[3])) for page, b, _ in out]


def merge_boxes(boxes: Sequence[tuple[int, Box]]) -> list[tuple[int, Box]]:
    """One enclosing box per page: enough to show where a span sits on each page."""
    merged: dict[int, list[float]] = {}
    for page, (x0, top, x1, bottom) in boxes:
        box = merged.setdefault(page, [x0, top, x1, bottom])
        box[0], box[1] = min(box[0], x0), min(box[1], top)
        box[2], box[3] = max(box[2], x1), max(box[3], bottom)
    return [(page, (b[0], b[1], b[2], b[3])) for page, b in merged.items()]

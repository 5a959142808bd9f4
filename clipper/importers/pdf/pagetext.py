"""What one page contributed, packed compactly: workers send it to the importing process.

A page's lines are kept as three flat buffers (all line texts, all character boxes, the
line geometry) instead of a ``Line`` object per line: a third less memory in the process
that gathers the pages, and pickling is a few buffer copies. :attr:`PageText.lines`
unpacks them (once) when the article is assembled.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from clipper.importers.pdf.lines import Line

#: Numbers stored per line: text length, then the geometry of :class:`Line`.
_FIELDS = 11


def _floats() -> array[float]:
    return array("f")


def _doubles() -> array[float]:
    return array("d")


@dataclass(slots=True)
class PageText:
    """One page: its lines in reading order (packed) and counts for the checks."""

    number: int
    #: Height of the page in the reading frame of its main text direction.
    height: float
    #: How many of the lines (from the start) are in the page's main text direction.
    main_lines: int = 0
    glyphs: int = 0
    #: Glyphs whose font has no Unicode mapping (pdfminer's ``(cid:N)``).
    cids: int = 0
    images: int = 0
    #: Letters drawn over other letters (see :mod:`.layering`).
    layered: int = 0
    #: The text of every line, one after the other.
    text: str = ""
    #: Four floats per character of :attr:`text` (see :attr:`Line.boxes`).
    boxes: array[float] = field(default_factory=_floats)
    #: :data:`_FIELDS` numbers per line.
    geometry: array[float] = field(default_factory=_doubles)
    _unpacked: list[Line] | None = None

    def pack(self, lines: Sequence[Line]) -> None:
        """Store ``lines`` (replacing any stored before)."""
        self.text = "".join(line.text for line in lines)
        self.boxes = array("f")
        self.geometry = array("d")
        for line in lines:
            self.boxes.extend(line.boxes)
            self.geometry.extend(
                (
                    len(line.text),
                    line.x0,
                    line.x1,
                    line.top,
                    line.bottom,
                    line.size,
                    line.block,
                    line.left,
                    line.right,
                    line.pitch,
                    line.rows,
                )
            )
        self._unpacked = None

    @property
    def line_count(self) -> int:
        return len(self.geometry) // _FIELDS

    @property
    def lines(self) -> list[Line]:
        """The page's lines (the same objects on every call)."""
        if self._unpacked is None:
            self._unpacked = self._unpack()
        return self._unpacked

    def _unpack(self) -> list[Line]:
        lines: list[Line] = []
        start = 0
        geometry = self.geometry
        for at in range(0, len(geometry), _FIELDS):
            length, x0, x1, top, bottom, size, block, left, right, pitch, rows = geometry[
                at : at + _FIELDS
            ]
            end = start + int(length)
            lines.append(
                Line(
                    text=self.text[start:end],
                    boxes=self.boxes[4 * start : 4 * end],
                    x0=x0,
                    x1=x1,
                    top=top,
                    bottom=bottom,
                    size=size,
                    block=int(block),
                    left=left,
                    right=right,
                    pitch=pitch,
                    rows=int(rows),
                )
            )
            start = end
        return lines

    def __getstate__(self) -> tuple[object, ...]:
        """Pickle the packed form only (not the unpacked lines)."""
        return (
            self.number,
            self.height,
            self.main_lines,
            self.glyphs,
            self.cids,
            self.images,
            self.layered,
            self.text,
            self.boxes,
            self.geometry,
        )

    def __setstate__(self, state: tuple[object, ...]) -> None:
        (
            self.number,
            self.height,
            self.main_lines,
            self.glyphs,
            self.cids,
            self.images,
            self.layered,
            self.text,
            self.boxes,
            self.geometry,
        ) = state  # type: ignore[assignment]
        self._unpacked = None

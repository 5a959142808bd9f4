"""REFI-QDA text positions → Clipper offsets (code points into the stored text).

The specification counts Unicode code points from 0 in the source's text file; the end of a
selection is exclusive in every export seen (ATLAS.ti, QualCoder, Clipper: ``end - start`` is
the length of the selected text). Programs differ in two ways:

- **line ends**: MAXQDA and NVivo count a CRLF as two positions (as the file has it);
  ATLAS.ti counts it as one;
- **units**: programs built on UTF-16 strings (NVivo, MAXQDA, ATLAS.ti) may count a
  character outside the Basic Multilingual Plane (most emoji) as two positions.

Clipper stores the text exactly as the file holds it (as it does for Clipper JSON, so an
article exported and read back keeps its content hash) and counts code points, so both
differences are converted away. Which reading applies is guessed from the project's
``origin`` (ATLAS.ti: CRLF as one, otherwise as two; NVivo, MAXQDA, ATLAS.ti: UTF-16
units, otherwise code points, as the specification says) and then checked against the
text: where selections carry their text as their ``name`` (ATLAS.ti does), the reading
that makes most of them match wins. A reading only matters for a text with CRLFs or
characters beyond U+FFFF.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reading:
    """How a program counted positions."""

    utf16: bool
    crlf_as_one: bool

    def describe(self) -> str:
        unit = "UTF-16 units" if self.utf16 else "code points"
        crlf = "a CRLF as one" if self.crlf_as_one else "a CRLF as two"
        return f"{unit}, {crlf}"


def default_reading(origin: str) -> Reading:
    """The reading a program's exports are known (or assumed) to use."""
    name = origin.lower()
    utf16 = any(tool in name for tool in ("nvivo", "maxqda", "atlas.ti"))
    return Reading(utf16=utf16, crlf_as_one="atlas.ti" in name)


class Positions:
    """Converts positions counted in one :class:`Reading` of ``raw`` (the source file's
    text, stored as it is) into code point offsets into ``raw``."""

    def __init__(self, raw: str, reading: Reading) -> None:
        self.reading = reading
        counted = raw.replace("\r\n", "\n") if reading.crlf_as_one else raw
        #: Where each CRLF of ``raw`` lies in the counted text, when it counts as one.
        self.crlfs: list[int] = []
        if reading.crlf_as_one and "\r\n" in raw:
            at = raw.find("\r\n")
            while at >= 0:
                self.crlfs.append(at - len(self.crlfs))
                at = raw.find("\r\n", at + 2)
        #: UTF-16 offsets (in the counted text) of each character beyond U+FFFF.
        self.astral: list[int] = []
        if reading.utf16 and not counted.isascii():
            extra = 0
            for index, char in enumerate(counted):
                if char > "\uffff":
                    self.astral.append(index + extra)
                    extra += 1

    def offset(self, position: int) -> int:
        """The code point offset into ``raw`` of a position (not checked against its length)."""
        point = position - bisect_left(self.astral, position) if self.astral else position
        return point + bisect_left(self.crlfs, point) if self.crlfs else point


def readings_for(raw: str, default: Reading) -> list[Reading]:
    """The readings worth trying for ``raw``, the default first (one when no reading could
    change a position)."""
    crlf = "\r\n" in raw
    astral = not raw.isascii() and any(c > "\uffff" for c in raw)
    out = [default]
    for utf16 in (default.utf16, not default.utf16) if astral else (default.utf16,):
        for one in (
            (default.crlf_as_one, not default.crlf_as_one) if crlf else (default.crlf_as_one,)
        ):
            reading = Reading(utf16, one)
            if reading not in out:
                out.append(reading)
    return out


def _matches(stored: str, start: int, end: int, name: str) -> bool:
    """Whether a selection's name is its text (ATLAS.ti cuts long ones with "…")."""
    if not 0 <= start < end <= len(stored):
        return False
    span = " ".join(stored[start:end].split())
    shown = " ".join(name.split())
    if shown.endswith("…"):
        return span.startswith(shown[:-1].rstrip())
    return span == shown


def choose(
    raw: str, default: Reading, selections: Sequence[tuple[int, int, str | None]]
) -> Positions:
    """The converter for a source: the default reading unless another makes more of the
    selections' names match their text (``selections``: start, end, name)."""
    readings = readings_for(raw, default)
    best = Positions(raw, default)
    named = [(s, e, n) for s, e, n in selections if n]
    if len(readings) == 1 or not named:
        return best

    def score(p: Positions) -> int:
        return sum(_matches(raw, p.offset(s), p.offset(e), n) for s, e, n in named)

    best_score = score(best)
    for reading in readings[1:]:
        other = Positions(raw, reading)
        other_score = score(other)
        if other_score > best_score:
            best, best_score = other, other_score
    return best

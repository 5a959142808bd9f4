"""The one place where Qt positions (UTF-16 code units) meet stored offsets (code points).

Pure Python, no Qt: Clipper stores offsets as code points (Python ``str`` indices) into the
stored article text; Qt's ``QTextCursor`` counts UTF-16 code units, so every character outside
the Basic Multilingual Plane (😀, the 🏽 skin-tone modifier, …) takes two Qt positions.

:class:`PositionMap` keeps a sorted array of the code-point indices of those astral characters
and converts either way with :func:`bisect` (well under a microsecond per offset).
:func:`qt_safe_text` gives the string to load into a Qt document: same UTF-16 length as the
stored text, with the few characters Qt would otherwise merge or pair up replaced one for one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

__all__ = ["PositionMap", "qt_safe_text"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def qt_safe_text(text: str, has_surrogates: bool | None = None) -> str:
    """Return ``text`` as it should be loaded into a Qt document, 1:1 in UTF-16 units.

    Qt's ``setPlainText`` turns ``\\r\\n`` into a *single* block separator (one position for
    two code points) and joins a lone high and a lone low surrogate into one character.
    The importer already normalises newlines; this guards any text that did not pass through
    it: each ``\\r`` becomes ``\\n`` and each lone surrogate U+FFFD, so the document has exactly
    one UTF-16 unit per BMP code point and two per astral one. Pass ``has_surrogates`` from
    :attr:`PositionMap.has_surrogates` to skip scanning the text again.
    """
    if has_surrogates is None:
        has_surrogates = not text.isascii() and _has_surrogates(text)
    if "\r" in text:
        text = text.replace("\r", "\n")
    if has_surrogates:
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-16-le")
    except UnicodeEncodeError:
        return True
    return False


class PositionMap:
    """Converts between code-point offsets into ``text`` and Qt (UTF-16) positions."""

    __slots__ = ("_astral", "_astral_qt", "_has_surrogates", "_length", "_qt_length")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        astral: list[int] = []
        self._has_surrogates = False
        if not text.isascii():
            try:
                units = len(text.encode("utf-16-le")) // 2
            except UnicodeEncodeError:  # lone surrogates: one unit each, never astral
                units = -1
                self._has_surrogates = True
            if units != self._length:
                astral = [m.start() for m in _ASTRAL.finditer(text)]
        #: Code-point index of each astral character, ascending.
        self._astral = astral
        #: Qt position of each astral character's high surrogate, ascending.
        self._astral_qt = [cp + k for k, cp in enumerate(astral)]
        self._qt_length = self._length + len(astral)

    @property
    def length(self) -> int:
        """Length of the stored text in code points."""
        return self._length

    @property
    def qt_length(self) -> int:
        """Length of the stored text in UTF-16 units (Qt positions)."""
        return self._qt_length

    @property
    def has_surrogates(self) -> bool:
        """Does the text contain lone surrogate code points (see :func:`qt_safe_text`)?"""
        return self._has_surrogates

    @property
    def astral_count(self) -> int:
        """How many characters outside the BMP the text contains."""
        return len(self._astral)

    def to_qt(self, offset: int) -> int:
        """Qt position of code-point ``offset`` (clamped to ``0..length``)."""
        if offset <= 0:
            return 0
        if offset >= self._length:
            return self._qt_length
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """Code-point offset of Qt ``position`` (clamped to the text).

        A position between the two halves of a surrogate pair maps to the start of that
        character.
        """
        if position <= 0:
            return 0
        if position >= self._qt_length:
            return self._length
        if not self._astral:
            return position
        before = bisect_left(self._astral_qt, position)
        if before and self._astral_qt[before - 1] + 1 == position:
            return self._astral[before - 1]
        return position - before

    def clamp_qt(self, position: int) -> int:
        """Snap Qt ``position`` into ``0..qt_length`` and onto a code-point boundary."""
        return self.to_qt(self.from_qt(position))

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        """Both ends of a code-point span as Qt positions."""
        return self.to_qt(start), self.to_qt(end)

    def span_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """Both ends of a Qt span as code-point offsets, ordered."""
        a, b = self.from_qt(start), self.from_qt(end)
        return (a, b) if a <= b else (b, a)

    def is_boundary(self, position: int) -> bool:
        """Is Qt ``position`` on a code-point boundary (not inside a surrogate pair)?"""
        if not self._astral or position <= 0 or position >= self._qt_length:
            return True
        i = bisect_right(self._astral_qt, position - 1) - 1
        return not (i >= 0 and self._astral_qt[i] + 1 == position)

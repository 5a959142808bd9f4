"""Which encoding a text file uses: chosen so that real text comes out right, or a warning.

Policy (:func:`detect`): a byte-order mark wins; then strict UTF-8; a file with NUL bytes
is tried as UTF-16/32 without a BOM; anything else is decoded with each single-byte code
page newsrooms still produce (:data:`SINGLE_BYTE`) and every distinct result is scored for
how much it reads like text (:mod:`clipper.importers.plausibility`). cp1252 wins ties. When
the best result is not clearly ahead of a different one, the text is imported as the best
reading and :attr:`Decoded.warning` names the encoding used and the alternatives.

Positions: a single-byte code page maps byte *i* to character *i*, so the scorer only looks
at the characters decoded from bytes ``0x80``–``0xff`` (at most :data:`SAMPLE_POSITIONS`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from clipper.errors import Hint, ImportFailed, Notice
from clipper.importers.plausibility import Scorer, document_language

#: Single-byte code pages tried when a file is not UTF-8, cp1252 first (it wins ties).
SINGLE_BYTE = ("cp1252", "iso-8859-15", "latin-1", "cp1250", "iso-8859-2", "cp1251", "koi8-r")
#: East Asian multi-byte encodings (charset-normalizer found these before; keep them).
MULTI_BYTE = ("cp932", "euc-jp", "gb18030", "big5", "euc-kr")
#: Byte-order-less UTF-16/32, tried when a file contains NUL bytes.
WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
#: What each encoding is for, as shown to the user.
DESCRIPTIONS = {
    "utf-8": "Unicode",
    "utf-8-sig": "Unicode, with a byte-order mark",
    "utf-16": "Unicode, with a byte-order mark",
    "utf-32": "Unicode, with a byte-order mark",
    "utf-16-le": "Unicode, little-endian",
    "utf-16-be": "Unicode, big-endian",
    "utf-32-le": "Unicode, little-endian",
    "utf-32-be": "Unicode, big-endian",
    "cp1252": "Western European, Windows",
    "iso-8859-15": "Western European with €, Latin-9",
    "latin-1": "Western European, ISO-8859-1",
    "cp1250": "Central European, Windows",
    "iso-8859-2": "Central European, Latin-2",
    "cp1251": "Cyrillic, Windows",
    "koi8-r": "Cyrillic, KOI8-R",
    "cp932": "Japanese, Shift_JIS",
    "euc-jp": "Japanese, EUC-JP",
    "gb18030": "Chinese, simplified",
    "big5": "Chinese, traditional",
    "euc-kr": "Korean, EUC-KR",
}
#: A result must lead every different reading by this many points to be certain.
CERTAIN_MARGIN = 4.0
#: Alternatives within this many points of the best are named in the warning.
NAME_WITHIN = 40.0
#: At most this many high-byte positions are scored per candidate.
SAMPLE_POSITIONS = 6000
#: Characters of a wide (UTF-16/32) reading that are scored.
WIDE_SAMPLE_CHARS = 20000
#: Below this mean score per scored character, no encoding reads as text.
NOT_TEXT_MEAN = -3.0
#: Preview: at most this many lines, each cut to this many characters.
PREVIEW_LINES = 14
PREVIEW_WIDTH = 160

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HIGH = re.compile(rb"[\x80-\xff]")
_MIXED_PROBE = 1 << 20
# Names people type that Python does not know.
_ALIASES = {"latin9": "iso-8859-15", "latin-9": "iso-8859-15", "l9": "iso-8859-15"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how it was decoded."""

    text: str
    #: The encoding used, as the user would type it for ``--encoding`` (e.g. ``cp1252``).
    encoding: str
    #: ``False`` when another encoding gives a different text that reads almost as well.
    certain: bool = True
    #: Those other encodings, most plausible first (empty when certain).
    alternatives: tuple[str, ...] = ()

    @property
    def warning(self) -> Notice | None:
        """What to tell the user when the encoding is uncertain; ``None`` when certain.
        Its :attr:`Hint.ENCODING` suggests the likeliest other encoding."""
        if self.certain:
            return None
        others = ", ".join(describe(a) for a in self.alternatives) or "another encoding"
        return Notice(
            f"decoded as {describe(self.encoding)}; could also be {others}. Check accented "
            "letters, currency signs and quotes",
            Hint.ENCODING,
            self.alternatives[0] if self.alternatives else None,
        )


@dataclass(frozen=True, slots=True)
class EncodingOption:
    """One encoding a user may choose, with a preview of the text it gives."""

    encoding: str
    label: str
    preview: str


def describe(encoding: str) -> str:
    """``cp1252 (Western European, Windows)``."""
    about = DESCRIPTIONS.get(encoding)
    return f"{encoding} ({about})" if about else encoding


def normalise_encoding(encoding: str) -> str:
    """The codec for a name the user typed; :class:`ImportFailed` when unknown."""
    name = _ALIASES.get(encoding.strip().lower(), encoding.strip())
    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise ImportFailed(
            f"unknown encoding {encoding!r}; try e.g. utf-8, cp1252, latin-1, iso-8859-15, "
            "cp1250 or cp1251"
        ) from exc
    return name


def decode_as(data: bytes, encoding: str, name: str) -> Decoded:
    """Decode with the encoding the user chose (strict); it is certain by definition."""
    codec = normalise_encoding(encoding)
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"{name} is not valid {encoding} (byte {exc.start}); "
            "choose another encoding or let Clipper detect it"
        ) from exc


def detect(data: bytes, name: str) -> Decoded:
    """Decode ``data`` with the policy in the module docstring."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise ImportFailed(
                    f"{name} starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()} (byte {exc.start}). Re-save it as UTF-8."
                ) from exc
    if _looks_wide(data):
        return _choose(data, name, _wide_readings(data))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        _refuse_mixed_utf8(data, name)
    return _choose(data, name, _single_byte_readings(data) + _multi_byte_readings(data))


def _looks_wide(data: bytes) -> bool:
    """NUL bytes, or control bytes at every other position (UTF-16 of Cyrillic is 0x04)."""
    if b"\x00" in data:
        return True
    if len(data) < 2 or len(data) % 2:
        return False
    for parity in (0, 1):
        half = data[parity:_WIDE_PROBE:2]
        if len(half.translate(None, _WIDE_HIGH_BYTES)) * 2 <= len(half):
            return True
    return False


_WIDE_PROBE = 8192
# High bytes of UTF-16 code units for Latin-extended, Greek, Cyrillic, Hebrew, Arabic...
_WIDE_HIGH_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20)])


def _single_byte_readings(data: bytes) -> list[tuple[str, str, float, int]]:
    """(encoding, text, score, positions scored) for each code page that decodes ``data``."""
    positions = _high_positions(data)
    language = document_language(data)
    readings: list[tuple[str, str, float, int]] = []
    seen: dict[str, int] = {}
    for encoding in SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text in seen:  # same text as an earlier (preferred) code page: no choice to make
            continue
        seen[text] = len(readings)
        score = Scorer(text, language).score(positions) + _PRIOR.get(encoding, 0.0)
        readings.append((encoding, text, score, len(positions)))
    return readings


def _high_positions(data: bytes) -> list[int]:
    """Where bytes 0x80-0xff are: all of them in small files; in large ones, the first
    half of :data:`SAMPLE_POSITIONS` and the rest from windows spread over the file."""
    half = SAMPLE_POSITIONS // 2
    positions = _first_high(data, 0, len(data), half)
    if len(positions) < half:
        return positions
    windows = 64
    step = max(1, (len(data) - positions[-1]) // windows)
    for start in range(positions[-1] + 1, len(data), step):
        positions += _first_high(data, start, start + step, half // windows)
    return positions


def _first_high(data: bytes, start: int, end: int, limit: int) -> list[int]:
    found: list[int] = []
    for match in _HIGH.finditer(data, start, end):
        found.append(match.start())
        if len(found) >= limit:
            break
    return found


def _multi_byte_readings(data: bytes) -> list[tuple[str, str, float, int]]:
    """East Asian readings, scored per character over (a sample of) the text; a character
    stands for two bytes, so it counts twice against the single-byte readings' per-byte
    scores."""
    readings: list[tuple[str, str, float, int]] = []
    for encoding in MULTI_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[: SAMPLE_POSITIONS * 4]
        positions = [i for i, c in enumerate(sample) if ord(c) > 127][:SAMPLE_POSITIONS]
        score = Scorer(sample, None).score(positions) * 2 + _PRIOR.get(encoding, 0.0)
        readings.append((encoding, text, score, max(1, 2 * len(positions))))
    return readings


_PRIOR = {"cp1252": 1.0, "iso-8859-15": 0.5, "iso-8859-2": -0.5, "koi8-r": -0.5} | dict.fromkeys(
    MULTI_BYTE, -2.0
)


def _wide_readings(data: bytes) -> list[tuple[str, str, float, int]]:
    readings: list[tuple[str, str, float, int]] = []
    for encoding in WIDE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:WIDE_SAMPLE_CHARS]
        scorer = Scorer(sample, document_language(sample.encode("latin-1", "ignore")))
        score = scorer.score_all()
        readings.append((encoding, text, score, max(1, len(sample))))
    return readings


def _choose(data: bytes, name: str, readings: list[tuple[str, str, float, int]]) -> Decoded:
    if not readings:
        raise ImportFailed(
            f"{name} does not look like text: its encoding could not be recognised. "
            "If it is text, give its encoding.",
            hint=Hint.ENCODING,
        )
    ranked = sorted(readings, key=lambda r: -r[2])  # stable: preferred code page on a tie
    encoding, text, score, scored = ranked[0]
    if scored >= 16 and score / scored < NOT_TEXT_MEAN:
        raise ImportFailed(
            f"{name} does not look like text in any encoding Clipper knows. If it is text, "
            "give its encoding, or re-save it as UTF-8.",
            hint=Hint.ENCODING,
        )
    rivals = [r for r in ranked[1:] if r[2] >= score - NAME_WITHIN]
    certain = not ranked[1:] or score - ranked[1][2] >= CERTAIN_MARGIN
    if certain:
        return Decoded(text, encoding)
    return Decoded(text, encoding, False, tuple(r[0] for r in rivals[:3]))


def _refuse_mixed_utf8(data: bytes, name: str) -> None:
    """A file that is mostly UTF-8 with some stray bytes is damaged: say so, don't guess.

    Only characters that real text uses count as UTF-8 evidence: a cp1252 text can hold
    byte pairs that happen to be valid UTF-8 (``É’`` is U+0252), and those are no sign.
    """
    from clipper.importers.plausibility import is_common_character

    decoded = data[:_MIXED_PROBE].decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for c in decoded if ord(c) > 127 and c != "\ufffd" and is_common_character(c))
    if good and bad and good * 2 >= bad:
        first = decoded.find("\ufffd")
        raise ImportFailed(
            f"{name} mixes encodings: it is mostly UTF-8 but has {bad} invalid byte(s) "
            f"(first near character {first}). Re-save it as UTF-8, or give one encoding.",
            hint=Hint.ENCODING,
        )


def encoding_options(
    data: bytes, first: str | None = None, alternatives: tuple[str, ...] = ()
) -> tuple[EncodingOption, ...]:
    """Every encoding that can decode ``data``: ``first`` (the one used), then the
    ``alternatives`` the detection named, then the others; each with a preview of the lines
    where encodings differ (the lines with non-ASCII text)."""
    names = [e for e in (first, *alternatives) if e]
    wide = b"\x00" in data
    names += [e for e in (WIDE if wide else ("utf-8", *SINGLE_BYTE, *MULTI_BYTE)) if e not in names]
    options: list[EncodingOption] = []
    for encoding in names:
        try:
            text = data.decode(normalise_encoding(encoding))
        except (UnicodeDecodeError, ImportFailed):
            continue
        options.append(EncodingOption(encoding, describe(encoding), preview(text)))
    return tuple(options)


def file_encoding_options(
    path: str | Path, first: str | None = None, alternatives: tuple[str, ...] = ()
) -> tuple[EncodingOption, ...]:
    """:func:`encoding_options` of a file's bytes."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror or exc}") from exc
    return encoding_options(data, first, alternatives)


def preview(text: str, lines: int = PREVIEW_LINES, width: int = PREVIEW_WIDTH) -> str:
    """The lines of ``text`` that hold non-ASCII characters (else the first lines), cut to
    ``width`` characters around their first non-ASCII character."""
    chosen: list[str] = []
    all_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line in all_lines:
        first = next((i for i, c in enumerate(line) if ord(c) > 127), None)
        if first is None:
            continue
        start = max(0, min(first - width // 3, len(line) - width))
        cut = line[start : start + width]
        chosen.append(("…" if start else "") + cut + ("…" if start + width < len(line) else ""))
        if len(chosen) >= lines:
            break
    if not chosen:
        chosen = [line[:width] for line in all_lines if line.strip()][:lines]
    return "\n".join(chosen)

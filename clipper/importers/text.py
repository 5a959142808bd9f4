"""Plain-text (and Markdown) import: decode (see :mod:`clipper.importers.encoding`),
normalise newlines, find a title.

The stored text is the file's whole decoded content with a BOM dropped and ``\\r\\n`` /
lone ``\\r`` turned into ``\\n``; nothing else is changed, so offsets can always be
checked against the source.
"""

from __future__ import annotations

import re

from clipper import fields
from clipper.errors import ImportFailed
from clipper.fields import MAX_TEXT_CHARS
from clipper.importers.encoding import Decoded, decode_as, detect
from clipper.model import ImportedArticle

#: Control characters (Unicode category Cc) other than tab, line/page breaks, separators
#: (FS, GS, RS) and NEL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_TITLE_LIMIT = 90
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s")


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    """NUL, or more than 0.5 % control characters (other than tabs, line and page breaks)
    in the first 64 KiB: a regular expression, not a Python loop over every character."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    if _CONTROL.search(sample) is None:
        return False
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a text file's bytes, detecting the encoding unless one is given."""
    return decode_text(data, name, encoding).text


def decode_text(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Decode a text file's bytes and say how (see :mod:`clipper.importers.encoding`).

    An ``encoding`` given by the user wins. Raises :class:`ImportFailed` for an empty or
    binary file, or bytes that are not valid in the given encoding.
    """
    if not data.strip():
        raise ImportFailed(f"{name} is empty: there is no text to import")
    decoded = decode_as(data, encoding, name) if encoding else detect(data, name)
    if _looks_binary(decoded.text):
        raise ImportFailed(
            f"{name} does not look like text (it contains binary data). "
            "Import text (.txt, .md), PDF or web-page (.html) files."
        )
    return decoded


def derive_title(text: str) -> str:
    """The first line if it looks like a headline, else the first sentence, shortened."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        candidate = " ".join(line.split())
        if not candidate:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _looks_like_headline(candidate, blank_after=not following.strip()):
            return candidate
        return _shorten(_first_sentence(candidate))
    return "Untitled clipping"


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?"
#: A dateline: a line that is only a date with the month in English words and a four-digit
#: year ("Saturday, September 12, 2015", "12 September 2015", "Sept. 12, 2015") or an ISO
#: date. Month names are matched here, not by ``strptime``, which follows the user's locale.
_DATELINES = (
    re.compile(rf"{_WEEKDAY}{_MONTH}\s{_DAY},?\s(?P<year>[12][0-9]{{3}})", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}{_DAY}\s{_MONTH},?\s(?P<year>[12][0-9]{{3}})", re.IGNORECASE),
)
_ISO_DATE = re.compile(r"[12][0-9]{3}-[01][0-9]-[0-3][0-9]")
#: How many non-empty lines at the top may hold the dateline (title, dateline, byline …).
_DATELINE_LINES = 4


def derive_published(text: str) -> str | None:
    """The date of a dateline near the top (``YYYY-MM-DD``), or ``None``."""
    seen = 0
    for line in text.split("\n", 40)[:40]:
        candidate = " ".join(line.split()).rstrip(".")
        if not candidate:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            return None
        found = _dateline_date(candidate) if len(candidate) <= 40 else None
        if found is not None:
            return found
    return None


def _dateline_date(line: str) -> str | None:
    if _ISO_DATE.fullmatch(line):
        return line if fields.date_problem(line) is None else None
    match = next(filter(None, (pattern.fullmatch(line) for pattern in _DATELINES)), None)
    if match is None:
        return None
    name = match["month"].lower()
    months = [i for i, month in enumerate(_MONTHS, 1) if month.startswith(name)]
    if len(name) < 3 or len(months) != 1 or not (name in _MONTHS or len(name) <= 4):
        return None
    value = f"{match['year']}-{months[0]:02d}-{int(match['day']):02d}"
    return value if fields.date_problem(value) is None else None


def _looks_like_headline(line: str, *, blank_after: bool) -> bool:
    words = len(line.split())
    if len(line) > 200 or words > 25 or line.endswith((".", ",", ";", ":")):
        return False
    return blank_after or words <= 14


def _first_sentence(paragraph: str) -> str:
    match = _SENTENCE_END.search(paragraph)
    return paragraph[: match.start()].strip() if match else paragraph


def _shorten(text: str, limit: int = _TITLE_LIMIT) -> str:
    text = text.rstrip(".")
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def read_text(
    data: bytes, name: str, *, kind: str = "txt", encoding: str | None = None
) -> ImportedArticle:
    """Turn a text file's bytes into an article (text exactly as it will be stored)."""
    decoded = decode_text(data, name, encoding)
    text = normalise_newlines(decoded.text)
    if len(text) > MAX_TEXT_CHARS:
        raise ImportFailed(
            f"{name} has {len(text):,} characters: Clipper keeps articles of at most "
            f"{MAX_TEXT_CHARS:,}. Split it into smaller files."
        )
    if not text.strip():
        raise ImportFailed(f"{name} contains only white space: there is no text to import")
    return ImportedArticle(
        text=text,
        title=derive_title(text),
        published=derive_published(text),
        source_name=name,
        source_kind=kind,
        warnings=[decoded.warning] if decoded.warning else [],
        encoding=decoded.encoding,
        encoding_certain=decoded.certain,
        encoding_alternatives=decoded.alternatives,
    )

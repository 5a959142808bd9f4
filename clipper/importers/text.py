"""Plain-text (and Markdown) import: decode (see :mod:`clipper.importers.encoding`),
normalise newlines, find a title.

The stored text is the file's whole decoded content with a BOM dropped and ``\\r\\n`` /
lone ``\\r`` turned into ``\\n``; nothing else is changed, so offsets can always be
checked against the source.
"""

from __future__ import annotations

import re

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
        source_name=name,
        source_kind=kind,
        warnings=[decoded.warning] if decoded.warning else [],
        encoding=decoded.encoding,
        encoding_certain=decoded.certain,
        encoding_alternatives=decoded.alternatives,
    )

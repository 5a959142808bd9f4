"""Plain-text (and Markdown) import: detect the encoding, normalise newlines, find a title.

The stored text is the file's whole decoded content with a BOM dropped and ``\\r\\n`` /
lone ``\\r`` turned into ``\\n``; nothing else is changed, so offsets can always be
checked against the source.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from clipper.errors import ImportFailed
from clipper.model import ImportedArticle

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED_ON_TIE = ("cp1252", "iso8859_15", "latin_1")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1c\x1d\x1e\x85")
_TITLE_LIMIT = 90
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s")


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = sum(
        1 for c in sample if unicodedata.category(c) == "Cc" and c not in _ALLOWED_CONTROLS
    )
    return controls > max(2, len(sample) // 200)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a text file's bytes, detecting the encoding unless one is given."""
    if not data.strip():
        raise ImportFailed(f"{name} is empty: there is no text to import")
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError as exc:
            raise ImportFailed(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise ImportFailed(
                f"{name} is not valid {encoding} (byte {exc.start}); "
                "try another --encoding or let Clipper detect it"
            ) from exc
    else:
        text = _detect_and_decode(data, name)
    if _looks_binary(text):
        raise ImportFailed(
            f"{name} does not look like text (it contains binary data). "
            "Import text (.txt, .md) or PDF files."
        )
    return text


def _detect_and_decode(data: bytes, name: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ImportFailed(
                    f"{name} starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()} (byte {exc.start}). Re-save it as UTF-8."
                ) from exc
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            _refuse_mixed_utf8(data, name)
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ImportFailed(
            f"{name} does not look like text: its encoding could not be recognised. "
            "If it is text, give its encoding with --encoding (e.g. --encoding cp1252)."
        )
    # Single-byte code pages often decode a text equally well; on a tie, prefer the
    # Western ones (the most common source of non-UTF-8 clippings), cp1252 first.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for preferred in _PREFERRED_ON_TIE:
        for match in tied:
            if preferred in match.could_be_from_charset:
                return data.decode(preferred)
    return str(best)


def _refuse_mixed_utf8(data: bytes, name: str) -> None:
    """A file that is mostly UTF-8 with some stray bytes is damaged: say so, don't guess."""
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for c in decoded if ord(c) > 127 and c != "\ufffd")
    if good and bad:
        first = decoded.find("\ufffd")
        raise ImportFailed(
            f"{name} mixes encodings: it is mostly UTF-8 but has {bad} invalid byte(s) "
            f"(first near character {first}). Re-save it as UTF-8, or force one encoding "
            "with --encoding."
        )


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
    text = normalise_newlines(decode_bytes(data, name, encoding))
    if not text.strip():
        raise ImportFailed(f"{name} contains only white space: there is no text to import")
    return ImportedArticle(text=text, title=derive_title(text), source_name=name, source_kind=kind)

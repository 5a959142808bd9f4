"""Title, author and date from a PDF's document information, when they are sensible."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from clipper.importers.pdf.lines import Line

_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_JUNK_TITLE = re.compile(
    r"^(untitled|title|document\d*|microsoft (word|powerpoint|excel)\b.*|slide \d+|"
    r"presentation\d*)$|\.(docx?|pdf|odt|rtf|txt|indd|qxd|tex|dvi|pptx?|xlsx?|exe|html?)$|^[\W\d_]+$",
    re.IGNORECASE,
)
_JUNK_AUTHOR = re.compile(r"^(admin(istrator)?|user|owner|author|unknown|[\W\d_]+)$", re.I)


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        for codec in ("utf-16", "utf-8", "latin-1"):
            try:
                value = value.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.replace("\x00", "").split())
    return cleaned or None


def pdf_title(info: Mapping[str, Any]) -> str | None:
    """The document's Title, unless it is a file name or a placeholder."""
    title = _text(info.get("Title"))
    if title is None or not 3 <= len(title) <= 200 or _JUNK_TITLE.search(title):
        return None
    return title


def pdf_author(info: Mapping[str, Any]) -> str | None:
    author = _text(info.get("Author"))
    if author is None or len(author) > 120 or _JUNK_AUTHOR.match(author):
        return None
    return author


def pdf_date(info: Mapping[str, Any]) -> str | None:
    """CreationDate (``D:YYYYMMDD…``) as ``YYYY-MM-DD``; month/day may be missing."""
    raw = _text(info.get("CreationDate"))
    match = _DATE.match(raw or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not 1990 <= date.year <= dt.date.today().year + 1:
        return None
    return date.isoformat()


def headline(lines: Sequence[Line], limit: int = 200) -> str | None:
    """The first page's largest-type line (with the lines that continue it), if it stands out."""
    texts = [line for line in lines if sum(c.isalpha() for c in line.text) >= 3]
    if not texts:
        return None
    sizes = sorted(line.size for line in texts for _ in range(len(line.text)))
    body = sizes[len(sizes) // 2]
    biggest = max(line.size for line in texts)
    if biggest < 1.2 * body:
        return None
    start = next(i for i, line in enumerate(lines) if line.size == biggest)
    parts = [lines[start].text]
    for line in lines[start + 1 : start + 4]:
        if line.block != lines[start].block or abs(line.size - biggest) > 0.05 * biggest:
            break
        parts.append(line.text)
    title = " ".join(" ".join(parts).split())
    if len(title) > limit:
        title = title[: title.rfind(" ", 0, limit)].rstrip(" ,;:") + "…"
    return title if sum(c.isalpha() for c in title) >= 3 else None

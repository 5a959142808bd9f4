"""Rules for fields that come from outside (an imported file, the command line): one place.

Each ``*_problem`` function returns why a value is not acceptable, or ``None`` when it is;
the limits below are the ones the README states. Importers turn a problem into their own
error with the file position (e.g. "article #3, annotation #2: …").
"""

from __future__ import annotations

import math
import re
from datetime import date
from urllib.parse import urlsplit

#: Deepest nesting of arrays and objects accepted in a JSON file (Clipper writes 7 levels).
MAX_JSON_DEPTH = 32
#: Largest integer accepted in a JSON file: SQLite's 64-bit integer.
MAX_INTEGER = 2**63 - 1
#: Longest article text, in characters (code points).
MAX_TEXT_CHARS = 50_000_000
#: Largest text file read for import, in bytes (checked before reading it).
MAX_TEXT_FILE_BYTES = 100_000_000
#: Longest note of an annotation, in characters.
MAX_NOTE_CHARS = 1_000_000
#: Longest metadata field (title, outlet, author, URL, tag label …), in characters.
MAX_FIELD_CHARS = 100_000
#: Longest tag name, in characters.
MAX_TAG_NAME_CHARS = 64
#: Longest coder name, in characters.
MAX_CODER_NAME_CHARS = 64

# [0-9], not \d: \d also matches other scripts' digits (e.g. fullwidth ２０２６).
_DATE = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?")
_TIMESTAMP = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]"
    r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60)(?:\.[0-9]{1,9})?)?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?"
)
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
#: A text that starts with a host name such as ``bbc.co.uk`` or ``www.example.org:8080``
#: (labels of letters, digits and ``-``, a top-level domain of letters), then a path or nothing.
_BARE_HOST = re.compile(
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}(?::[0-9]{1,5})?(?:[/?#]\S*)?"
)
#: NUL (ends C strings) and lone surrogates (cannot be stored as UTF-8).
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _real_day(year: str, month: str | None, day: str | None) -> bool:
    if day is None or int(day) <= 28:  # the pattern already bounds the numbers
        return True
    try:
        date(int(year), int(month or 1), int(day))
    except ValueError:
        return False
    return True


def date_problem(value: str) -> str | None:
    """A publication date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, and a real date."""
    match = _DATE.fullmatch(value)
    if match is None:
        return f"{_show(value)} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)"
    if not _real_day(*match.groups()):
        return f"{value} is not a real date"
    return None


def normalise_url(value: str) -> str:
    """``value`` trimmed, with ``https://`` added when it has no scheme but starts with a
    host name (``bbc.co.uk/news/x`` → ``https://bbc.co.uk/news/x``); otherwise unchanged."""
    text = value.strip()
    return f"https://{text}" if _BARE_HOST.fullmatch(text) else text


def url_problem(value: str) -> str | None:
    """An address with a scheme (``https://host/…``, ``http://…``, ``mailto:…``), no spaces;
    check it after :func:`normalise_url`."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. a broken [IPv6] host or port
        parts, host = None, None
    if (
        parts is None
        or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme)
        or any(c.isspace() or not c.isprintable() for c in value)
        or (parts.scheme.lower() in ("http", "https") and not host)
        or not (parts.netloc or parts.path)
    ):
        return f"{_show(value)} is not a full address (start it with https:// or http://)"
    return None


def timestamp_problem(value: str) -> str | None:
    """An ISO 8601 date and time, e.g. ``2026-11-24T13:21:05.123Z`` (zone optional)."""
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        return f"{_show(value)} is not an ISO 8601 time (write e.g. 2026-11-24T13:21:05.123Z)"
    if not _real_day(*match.groups()):
        return f"{value} is not a real date"
    return None


def colour_problem(value: str) -> str | None:
    """A colour as ``#rrggbb``."""
    return None if _COLOUR.fullmatch(value) else f"{_show(value)} is not a colour (#rrggbb)"


def tag_name_problem(value: str) -> str | None:
    """A tag name as the store keeps it: a lower-case word (letters, digits, - or _)."""
    if (
        0 < len(value) <= MAX_TAG_NAME_CHARS
        and value == value.strip().lower()
        and value.replace("-", "").replace("_", "").isalnum()
    ):
        return None
    return (
        f"{_show(value)} is not a tag name (a lower-case word of letters, digits, - or _, "
        f"at most {MAX_TAG_NAME_CHARS} characters)"
    )


def normalise_coder_name(value: str) -> str:
    """A coder name as stored: trimmed."""
    return value.strip()


def coder_name_problem(value: str) -> str | None:
    """A coder name (after :func:`normalise_coder_name`): 1 to 64 printable characters."""
    if 0 < len(value) <= MAX_CODER_NAME_CHARS and value.isprintable() and value == value.strip():
        return None
    return (
        f"{_show(value)} is not a coder name (1 to {MAX_CODER_NAME_CHARS} printable "
        "characters, no spaces at either end)"
    )


_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")


def attribute_key_problem(value: str) -> str | None:
    """An attribute key: a lower-case letter, then letters, digits or _ (at most 64)."""
    if _KEY.fullmatch(value):
        return None
    return (
        f"{_show(value)} is not an attribute key (a lower-case letter, then lower-case "
        "letters, digits or _, at most 64 characters; e.g. speaker)"
    )


def attribute_problem(key: str, value: object) -> str | None:
    """Why an annotation attribute ``key = value`` cannot be stored: text, a finite number
    or a 64-bit integer (``None``: deleting the key, fine)."""
    problem = attribute_key_problem(key)
    if problem is not None:
        return problem
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return f"the attribute {key} must be text or a number, not {type(value).__name__}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"the attribute {key} must be a finite number, not {value}"
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return f"the attribute {key} is too large a number for the database"
    if isinstance(value, str):
        text = text_problem(value)
        if text is not None:
            return f"the attribute {key} {text}"
    return None


def relation_type_problem(value: str) -> str | None:
    """A relation type: the same form as an attribute key (e.g. ``said_by``)."""
    if _KEY.fullmatch(value):
        return None
    return (
        f"{_show(value)} is not a relation type (a lower-case letter, then lower-case "
        "letters, digits or _, at most 64 characters; e.g. said_by)"
    )


def text_problem(value: str, limit: int = MAX_FIELD_CHARS) -> str | None:
    """Free text: at most ``limit`` characters, no NUL, no unpaired surrogate."""
    if len(value) > limit:
        return f"is {len(value):,} characters long (the limit is {limit:,})"
    bad = UNSTORABLE.search(value)
    if bad is not None:
        what = "a NUL character" if bad.group() == "\x00" else "an unpaired surrogate"
        return f"contains {what} at position {bad.start()}"
    return None


def _show(value: str, width: int = 40) -> str:
    """``value`` quoted for a message, cut short."""
    return repr(value if len(value) <= width else value[:width] + "…")

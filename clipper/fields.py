"""Rules for fields that come from outside (an imported file, the command line): one place.

Each ``*_problem`` function returns why a value is not acceptable, or ``None`` when it is;
the limits below are the ones the README states. Importers turn a problem into their own
error with the file position (e.g. "article #3, annotation #2: …").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol
from urllib.parse import urlsplit

#: Deepest nesting of arrays and objects accepted in a JSON file (Clipper writes 7 levels).
MAX_JSON_DEPTH = 32
#: Largest integer accepted in a JSON file: SQLite's 64-bit integer.
MAX_INTEGER = 2**63 - 1
#: Longest article text, in characters (code points).
MAX_TEXT_CHARS = 50_000_000
#: Largest text file read for import, in bytes (checked before reading it).
MAX_TEXT_FILE_BYTES = 100_000_000
#: Largest PDF kept in the database for the page view, in bytes (a larger one is imported
#: without it; the page view then says so).
MAX_SOURCE_FILE_BYTES = 512_000_000
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
_TAG_NAME = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{MAX_TAG_NAME_CHARS - 1}}}", re.ASCII)
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


def is_web_address(text: str) -> bool:
    """Whether a command-line argument names a web page (``http://…``, ``https://…``)
    rather than a file: such arguments are fetched (clip by URL)."""
    return text.strip().lower().startswith(("http://", "https://"))


def url_problem(value: str) -> str | None:
    """A web address: ``https://host/…`` or ``http://host/…``, no spaces (other schemes,
    e.g. ``javascript:`` or ``file:``, are refused); check it after :func:`normalise_url`."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. a broken [IPv6] host or port
        parts, host = None, None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not host
        or any(c.isspace() or not c.isprintable() for c in value)
    ):
        return f"{_show(value)} is not a web address (start it with https:// or http://)"
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
    """A tag name as the store keeps it (after :func:`normalise_tag_name`): a lower-case
    word of ASCII letters, digits, ``-`` or ``_`` that starts with a letter or digit."""
    if _TAG_NAME.fullmatch(value):
        return None
    shown = _show(value) if value else "a tag needs a name:"
    what = "" if not value else " is not a tag name:"
    return (
        f"{shown}{what} write a lower-case word of letters a-z, digits, - or _ that starts "
        f"with a letter or digit, at most {MAX_TAG_NAME_CHARS} characters (e.g. money)"
    )


def new_tag_name_problem(value: str) -> str | None:
    """A name for a tag being added or renamed: :func:`tag_name_problem`, and not digits
    only (a lookup of "2" would find a tag named "2" before the tag whose key is 2).
    Names stored before this rule (or carried by a merged file) still open and work."""
    return tag_name_problem(value) or _key_like_problem(
        value, _show(value), "a name", f"tag{value} or money"
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


# -- tags -------------------------------------------------------------------------------

#: Longest tag label, in characters (it is shown on a button).
MAX_TAG_LABEL_CHARS = 100
#: Keys the app keeps for itself: a tag cannot use them. Every app shortcut has a
#: modifier or is a function/Delete key (see ``clipper.gui.shortcuts``), so no single
#: printable key is reserved today.
RESERVED_KEYS: frozenset[str] = frozenset()


def normalise_tag_name(value: str) -> str:
    """A tag name as typed, as the store keeps it: trimmed, lower-case."""
    return value.strip().lower()


def label_problem(value: str) -> str | None:
    """A tag label: not empty, at most :data:`MAX_TAG_LABEL_CHARS` characters."""
    if not value.strip():
        return "a tag needs a label (e.g. Money)"
    if len(value) > MAX_TAG_LABEL_CHARS:
        return (
            f"a tag label is at most {MAX_TAG_LABEL_CHARS} characters; this one has {len(value):,}"
        )
    problem = text_problem(value)
    return None if problem is None else f"the label {problem}"


def new_label_problem(value: str) -> str | None:
    """A label being given to a tag (added, or its label changed): :func:`label_problem`,
    and not digits only (a lookup of "2" would find the tag labelled "2" before the tag
    whose key is 2; see :func:`new_tag_name_problem`). Labels stored before this rule (or
    carried by a merged or imported file) still open and work."""
    shown = value.strip()
    return label_problem(value) or _key_like_problem(
        shown, f"the label {_show(shown)}", "a label", f"Tag {shown} or Money"
    )


def changed_label_problem(value: str, current: str | None) -> str | None:
    """A label set on a tag whose label is ``current`` (``None``: a new tag): kept as it
    is, it is held to :func:`label_problem` (older databases keep working), else to
    :func:`new_label_problem`."""
    return (label_problem if value == current else new_label_problem)(value)


def _key_like_problem(value: str, shown: str, what: str, example: str) -> str | None:
    """Digits only: a lookup of "2" would find this tag before the tag whose key is 2."""
    if not value.isdigit():
        return None
    return (
        f"{shown} could be taken for a key: give the tag {what} with a letter in it "
        f"(e.g. {example})"
    )


def same_key(first: str, second: str) -> bool:
    """Whether two tag keys are one key for Qt (``Q`` and ``q`` are the same key)."""
    return first.lower() == second.lower()


def key_problem(key: str) -> str | None:
    """A tag key on its own: one letter, digit or symbol, not one the app keeps."""
    if len(key) != 1 or key.isspace() or not key.isprintable():
        return f"{_show(key)} is not a key: a tag key is one letter, digit or symbol (e.g. 5)"
    if any(same_key(key, reserved) for reserved in RESERVED_KEYS):
        return f"the key {key} is kept by Clipper for itself; choose another key"
    return None


def key_clash_problem(key: str, tags: Iterable[TagLike], tag_name: str | None = None) -> str | None:
    """:func:`key_problem`, then whether another tag than ``tag_name`` (``None``: a new tag)
    has the same key, compared as Qt does (``Q`` clashes with ``q``)."""
    problem = key_problem(key)
    if problem is not None:
        return problem
    for tag in tags:
        if tag.name != tag_name and tag.shortcut and same_key(tag.shortcut, key):
            return f"the key {key} is already used by the tag {tag.label}; choose another key"
    return None


def tag_exists_problem(name: str, tags: Iterable[TagLike]) -> str | None:
    """Whether a tag named ``name`` exists already."""
    if any(tag.name == name for tag in tags):
        return f"there is a tag named {name} already; choose another name"
    return None


class TagLike(Protocol):
    """What the key and name rules read of a tag (:class:`clipper.model.Tag`)."""

    @property
    def name(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def shortcut(self) -> str | None: ...


# -- article metadata ------------------------------------------------------------------

#: The metadata of an article a user may give or edit, in the order shown everywhere.
ARTICLE_FIELDS = ("title", "outlet", "author", "published", "url", "language")

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def language_problem(value: str) -> str | None:
    """A language code such as ``en``, ``fr`` or ``pt-BR``."""
    if _LANGUAGE.fullmatch(value):
        return None
    return f"{_show(value)} is not a language code (write e.g. en, fr or pt-BR)"


def normalise_article_field(name: str, value: str) -> str:
    """A metadata value as stored: a URL gets ``https://`` before a bare host name."""
    return normalise_url(value) if name == "url" else value


def article_field_problem(name: str, value: str | None) -> str | None:
    """Why ``value`` cannot be the article's ``name`` field (one of :data:`ARTICLE_FIELDS`,
    after :func:`normalise_article_field`); ``None`` means "not given" and is fine except
    for the title."""
    if name not in ARTICLE_FIELDS:
        return f"{name} is not an article field (the fields are {', '.join(ARTICLE_FIELDS)})"
    if name == "title" and not (value or "").strip():
        return "an article needs a title"
    if value is None:
        return None
    problem = text_problem(value)
    if problem is not None:
        return f"the {name} {problem}"
    rule = _FIELD_RULES.get(name)
    return None if rule is None else rule(value)


_FIELD_RULES: dict[str, Callable[[str], str | None]] = {
    "published": date_problem,
    "url": url_problem,
    "language": language_problem,
}


def _show(value: str, width: int = 40) -> str:
    """``value`` quoted for a message, cut short."""
    return repr(value if len(value) <= width else value[:width] + "…")

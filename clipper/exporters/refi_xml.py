"""What the REFI-QDA writers share: XML escaping, times, and how a Clipper tag becomes a
``Code`` (and back, see :mod:`clipper.importers.qdpx`).

The XML is written by hand, as a stream (see :mod:`clipper.exporters.qdpx_export` for
why no schema-binding library is used). Values are escaped for XML 1.0: characters XML
cannot carry (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) become U+FFFD in
names and notes; article text goes into ``sources/*.txt`` files untouched.
"""

from __future__ import annotations

import re

from clipper.model import Tag
from clipper.qda import TAG_NAME_MARK, slug

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"

_BAD = "\ufffd"
_TEXT_TABLE: dict[int, str] = {
    **{c: _BAD for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)},
    0xFFFE: _BAD,
    0xFFFF: _BAD,
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("\r"): "&#13;",  # a parser would turn a bare CR into LF
}
_ATTR_TABLE: dict[int, str] = {
    **_TEXT_TABLE,
    ord('"'): "&quot;",
    ord("\t"): "&#9;",  # a parser would turn these into spaces in an attribute
    ord("\n"): "&#10;",
}
_PLAIN = re.compile(r"[^&<>\"\x00-\x1f\ufffe\uffff]*")


def text(value: str) -> str:
    """``value`` as XML element content."""
    return value if _PLAIN.fullmatch(value) else value.translate(_TEXT_TABLE)


def attr(value: str) -> str:
    """``value`` as the inside of a double-quoted XML attribute."""
    return value if _PLAIN.fullmatch(value) else value.translate(_ATTR_TABLE)


_ZONE = re.compile(r"([+-][0-9]{2}):?([0-9]{2})$")
_XSD_DATETIME = re.compile(
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"
)


def datetime(value: str | None) -> str | None:
    """A stored time as ``xsd:dateTime`` (``T`` between date and time, seconds, a zone with a
    colon), or ``None`` when it cannot be one."""
    if not value:
        return None
    stamp = value.strip().replace(" ", "T", 1)
    stamp = _ZONE.sub(r"\1:\2", stamp)
    if len(stamp) == 16:  # no seconds: 2026-11-24T13:21
        stamp += ":00"
    elif len(stamp) > 16 and stamp[16] != ":":
        stamp = stamp[:16] + ":00" + stamp[16:]
    return stamp if _XSD_DATETIME.fullmatch(stamp) else None


def code_name(tag: Tag) -> str:
    """What a code is called in QDA software: the tag's label."""
    return tag.label or tag.name


def code_description(tag: Tag) -> str | None:
    """The line that keeps the tag's name when its label does not give it back."""
    return None if slug(code_name(tag)) == tag.name else f"{TAG_NAME_MARK}{tag.name}"


def code_element(tag: Tag, indent: str = "      ") -> str:
    """One ``<Code>`` element (the same in a project and a codebook)."""
    colour = f' color="{attr(tag.colour)}"' if tag.colour else ""
    head = f'{indent}<Code guid="{tag.uuid}" name="{attr(code_name(tag))}" isCodable="true"{colour}'
    description = code_description(tag)
    if description is None:
        return head + "/>\n"
    return f"{head}>\n{indent}  <Description>{text(description)}</Description>\n{indent}</Code>\n"

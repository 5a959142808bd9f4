"""Attribute values written as text (``--attr value=53000000000``): typed the one way."""

from __future__ import annotations

import math
import re

from clipper.errors import InvalidValue
from clipper.model import AttributeValue

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(
    r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?[0-9]+[eE][+-]?[0-9]+"
)


def parse_value(text: str) -> AttributeValue:
    """A whole number as an int, a decimal number as a float, anything else as text
    (``"53000000000"`` → 53000000000, ``"4.5"`` → 4.5, ``"007a"`` → "007a"). Numbers too
    large for the database stay text."""
    if _INTEGER.fullmatch(text):
        number = int(text)
        return number if -(2**63) <= number < 2**63 else text
    if _DECIMAL.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else text
    return text


def parse_assignment(text: str) -> tuple[str, AttributeValue | None]:
    """``KEY=VALUE`` → ``(key, typed value)``; ``KEY=`` → ``(key, None)`` (remove the key)."""
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise InvalidValue(f"{text[:60]!r} is not KEY=VALUE (e.g. speaker=Ann or value=12.5)")
    return key.strip(), (parse_value(value) if value else None)

"""Placing an annotation that points at a text (W3C selectors, Hypothesis) on a text:
by its position when the text there is its quote, else by its quote and context."""

from __future__ import annotations

from dataclasses import dataclass

#: Most occurrences of a quote compared with its prefix and suffix.
MAX_OCCURRENCES = 10_000


@dataclass(slots=True)
class TextTarget:
    """Where an annotation says it lies: the documents it names (``urn:sha256:…`` or
    URLs, most specific first), a position (code points) and a quote with its context."""

    keys: list[str]
    start: int | None
    end: int | None
    exact: str | None
    prefix: str
    suffix: str


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def anchor(text: str, target: TextTarget) -> tuple[int, int] | None:
    """Where ``target`` lies in ``text`` (code points): its position if the text there is
    its quote (or it has none), else the occurrence of its quote whose prefix and suffix
    match best, the nearest to the position on a tie; ``None`` if it is not there."""
    start, end, exact = target.start, target.end, target.exact
    fits = start is not None and end is not None and 0 <= start < end <= len(text)
    if fits and (exact is None or text[start:end] == exact):
        return start, end  # type: ignore[return-value]  # fits: both are ints
    if not exact:
        return None
    best: tuple[int, int, int] | None = None  # (-context matched, distance, offset)
    at = text.find(exact)
    seen = 0
    while at >= 0 and seen < MAX_OCCURRENCES:
        seen += 1
        score = _common_suffix(text[max(0, at - len(target.prefix)) : at], target.prefix)
        after = at + len(exact)
        score += _common_prefix(text[after : after + len(target.suffix)], target.suffix)
        distance = abs(at - start) if start is not None else 0
        candidate = (-score, distance, at)
        if best is None or candidate < best:
            best = candidate
        at = text.find(exact, at + 1)
    return None if best is None else (best[2], best[2] + len(exact))

"""Assisted tagging: suggesters for figures, quotes, people and claims (Qt-free, no SQL).

Each suggester is ``text -> [Suggestion]``, deterministic and offline. :func:`suggest`
runs the ones asked for; :class:`~clipper.suggest.learning.Lexicon` carries what the coder
taught this database (names, rejections)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clipper.suggest.base import ORIGIN_DETAIL, SUGGEST_TAGS, VERSION, Suggestion
from clipper.suggest.claims import suggest_claims
from clipper.suggest.figures import suggest_figures
from clipper.suggest.people import find_mentions, suggest_people
from clipper.suggest.quotes import suggest_quotes

__all__ = ["ORIGIN_DETAIL", "SUGGEST_TAGS", "VERSION", "Suggestion", "suggest"]


def suggest(
    text: str, tags: Sequence[str] | None = None, known_names: Iterable[str] = ()
) -> list[Suggestion]:
    wanted = set(tags or SUGGEST_TAGS)
    out: list[Suggestion] = []
    known = list(known_names)
    if "person" in wanted:
        out += suggest_people(text, known)
    if "quote" in wanted or "claim" in wanted:
        mentions = [m for m, _score in find_mentions(text, known)]
        quotes = suggest_quotes(text, mentions)
        if "quote" in wanted:
            out += quotes
        if "claim" in wanted:
            out += suggest_claims(text, quotes)
    if "figure" in wanted:
        out += suggest_figures(text)
    return sorted(out, key=lambda s: (s.start, s.end, s.tag))

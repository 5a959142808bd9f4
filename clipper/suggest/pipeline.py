"""Run the suggesters asked for on one text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from clipper.suggest.base import SUGGEST_TAGS, Suggestion
from clipper.suggest.claims import suggest_claims
from clipper.suggest.figures import suggest_figures
from clipper.suggest.people import find_mentions, suggest_people
from clipper.suggest.quotes import suggest_quotes


def suggest(
    text: str, tags: Sequence[str] | None = None, known_names: Iterable[str] = ()
) -> list[Suggestion]:
    """Suggestions of ``tags`` (default: all) in text order; ``known_names`` are names the
    coder tagged as persons (found at every mention)."""
    wanted = set(tags or SUGGEST_TAGS)
    out: list[Suggestion] = []
    known = list(known_names)
    scored = find_mentions(text, known) if wanted & {"person", "quote", "claim"} else []
    if "person" in wanted:
        out += suggest_people(text, known, scored)
    if "quote" in wanted or "claim" in wanted:
        mentions = [m for m, _score in scored]
        quotes = suggest_quotes(text, mentions)
        if "quote" in wanted:
            out += quotes
        if "claim" in wanted:
            out += suggest_claims(text, quotes, mentions)
    if "figure" in wanted:
        out += suggest_figures(text)
    return sorted(out, key=lambda s: (s.start, s.end, s.tag))

"""(span text, value, unit) of figure suggestions: what the figure tests compare."""

from __future__ import annotations

from collections.abc import Iterable

from clipper.suggest import suggest
from clipper.suggest.base import Suggestion
from clipper.suggest.figures import suggest_figures


def rows(text: str, found: Iterable[Suggestion]) -> list[tuple[str, object, object]]:
    return [
        (text[s.start : s.end], s.attributes.get("value"), s.attributes.get("unit")) for s in found
    ]


def figures(text: str) -> list[tuple[str, object, object]]:
    """The figure suggester alone."""
    return rows(text, suggest_figures(text))


def pipeline_figures(text: str) -> list[tuple[str, object, object]]:
    """Figures as ``suggest(text, ["figure"])`` gives them (the whole pipeline)."""
    return rows(text, suggest(text, ["figure"]))

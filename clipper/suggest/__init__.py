"""Assisted tagging: suggesters for figures, quotes, people and claims (Qt-free, no SQL).

Each suggester is ``text -> [Suggestion]``, deterministic and offline. :func:`suggest`
runs the ones asked for; :class:`~clipper.suggest.learning.Lexicon` carries what the coder
taught this database (names, rejections) and :func:`suggest_with` applies it."""

from clipper.suggest.base import ENGINE, ORIGIN_DETAIL, SUGGEST_TAGS, VERSION, Suggestion
from clipper.suggest.learning import Lexicon, suggest_with
from clipper.suggest.pipeline import suggest

__all__ = [
    "ENGINE",
    "ORIGIN_DETAIL",
    "SUGGEST_TAGS",
    "VERSION",
    "Lexicon",
    "Suggestion",
    "suggest",
    "suggest_with",
]

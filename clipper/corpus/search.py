"""Full-text search across the corpus: ranked hits with code-point offsets and context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from clipper.corpus.kwic import context_of
from clipper.corpus_query import KWIC_WIDTH, parse_search
from clipper.store import Store

#: Articles read per round trip while hits are wanted.
_BATCH = 25


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place a search matched: ``text == article text[start:end]`` (code points)."""

    article_id: int
    start: int
    end: int
    text: str
    left: str
    right: str
    #: 0 for the best-ranked article, 1 for the next …
    rank: int
    #: The article's title.
    title: str = ""

    def record(self) -> dict[str, object]:
        """The hit as ``clipper search --json`` prints it."""
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "left": self.left,
            "right": self.right,
            "rank": self.rank,
            "title": self.title,
        }


def iter_hits(
    store: Store, query: str, *, per_article: int | None = None, width: int = KWIC_WIDTH
) -> Iterator[SearchHit]:
    """Every hit of ``query`` (see :mod:`clipper.corpus_query` for the syntax), best
    article first and in text order within one, as they are found (articles are read a
    few at a time). ``per_article``: at most this many hits of one article."""
    parsed = parse_search(query)
    offset = 0
    while True:
        ids = store.search_article_ids(parsed, limit=_BATCH, offset=offset)
        titles = store.article_titles(ids)
        found = store.search_spans_of(parsed, ids)
        for rank, article_id in enumerate(ids, start=offset):
            text, spans = found.get(article_id, ("", []))
            for start, end in spans[:per_article] if per_article else spans:
                around = context_of(text, start, end, width)
                hit = text[start:end]
                yield SearchHit(
                    article_id,
                    start,
                    end,
                    hit,
                    around.left,
                    around.right,
                    rank,
                    titles.get(article_id, ""),
                )
        if len(ids) < _BATCH:
            return
        offset += _BATCH


def search(
    store: Store,
    query: str,
    *,
    limit: int = 20,
    per_article: int | None = None,
    width: int = KWIC_WIDTH,
) -> list[SearchHit]:
    """The first ``limit`` hits of :func:`iter_hits`."""
    return list(islice(iter_hits(store, query, per_article=per_article, width=width), limit))

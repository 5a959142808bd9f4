"""Full-text search across the corpus: ranked hits with code-point offsets and context."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from clipper.corpus.kwic import context_of
from clipper.corpus_query import KWIC_WIDTH, SearchQuery, parse_search
from clipper.store import Store

#: Articles ranked first (a quick first page), and whose hits are read in one round trip.
_BATCH = 25
#: Articles whose hits are read per round trip after the first ones.
_LATER_BATCH = 100


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
    store: Store,
    query: str,
    *,
    per_article: int | None = None,
    width: int = KWIC_WIDTH,
    articles: int | None = None,
) -> Iterator[SearchHit]:
    """Every hit of ``query`` (see :mod:`clipper.corpus_query` for the syntax), best
    article first and in text order within one, as they are found. ``per_article``: at
    most this many hits of one article; ``articles``: how many articles the caller means
    to read (a hint; more are read if hits are still wanted).

    The index ranks in rounds, each only if hits are still read: the best few articles
    (a quick first page), then up to ``articles``, then all the others; hit offsets and
    context are worked out a batch of articles at a time, only for the articles read."""
    parsed = parse_search(query)
    rounds: list[int | None] = [_BATCH]
    if articles is not None and articles > _BATCH:
        rounds.append(articles - _BATCH)
    rounds.append(None)
    read = 0
    for size in rounds:
        ids = store.search_article_ids(parsed, limit=size, offset=read)
        chunk = _BATCH if read == 0 else _LATER_BATCH
        for start in range(0, len(ids), chunk):
            batch = ids[start : start + chunk]
            yield from _hits_of(store, parsed, batch, read + start, per_article, width)
        read += len(ids)
        if size is None or len(ids) < size:
            return


def _hits_of(
    store: Store,
    parsed: SearchQuery,
    ids: list[int],
    first_rank: int,
    per_article: int | None,
    width: int,
) -> Iterator[SearchHit]:
    """The hits in the articles ``ids`` (ranked ``first_rank``, ``first_rank + 1`` …)."""
    titles = store.article_titles(ids)
    found = store.search_spans_of(parsed, ids)
    for rank, article_id in enumerate(ids, start=first_rank):
        text, spans = found.get(article_id, ("", []))
        for start, end in spans[:per_article] if per_article else spans:
            around = context_of(text, start, end, width)
            yield SearchHit(
                article_id,
                start,
                end,
                text[start:end],
                around.left,
                around.right,
                rank,
                titles.get(article_id, ""),
            )


def search(
    store: Store,
    query: str,
    *,
    limit: int = 20,
    per_article: int | None = None,
    width: int = KWIC_WIDTH,
) -> list[SearchHit]:
    """The first ``limit`` hits of :func:`iter_hits` (each article has a hit: no more
    than ``limit`` articles are ranked)."""
    hits = iter_hits(store, query, per_article=per_article, width=width, articles=limit)
    return list(islice(hits, limit))

"""Reads across the corpus for front ends: search hits, annotations with context, and
statistics (see :mod:`clipper.corpus`). Nothing here changes data."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from clipper import corpus
from clipper.corpus.browse import annotation_ids
from clipper.corpus.search import iter_hits
from clipper.corpus_query import KWIC_WIDTH, AnnotationFilter
from clipper.operations.base import SessionBase


class CorpusReads(SessionBase):
    """Search, annotation browser and statistics over every article."""

    def search_corpus(
        self, query: str, *, limit: int = 20, per_article: int | None = None
    ) -> list[corpus.SearchHit]:
        """The best ``limit`` hits of ``query`` (syntax: :mod:`clipper.corpus_query`)."""
        return corpus.search(self.store, query, limit=limit, per_article=per_article)

    def iter_search_hits(
        self, query: str, *, per_article: int | None = None
    ) -> Iterator[corpus.SearchHit]:
        """Every hit of ``query``, best article first, as found."""
        return iter_hits(self.store, query, per_article=per_article)

    def corpus_annotation_ids(
        self,
        selected: AnnotationFilter,
        *,
        sort: str = "article",
        descending: bool = False,
        limit: int | None = None,
    ) -> list[int]:
        """The annotations ``selected`` covers, sorted (the first ``limit`` if given)."""
        return annotation_ids(self.store, selected, sort=sort, descending=descending, limit=limit)

    def corpus_article_ids(self, selected: AnnotationFilter) -> list[int]:
        """The articles holding an annotation ``selected`` covers (for an export)."""
        return self.store.corpus_article_ids(selected)

    def corpus_annotation_page(
        self, ids: Sequence[int], *, width: int = KWIC_WIDTH
    ) -> list[corpus.CorpusAnnotation]:
        return corpus.annotation_page(self.store, ids, width=width)

    def iter_corpus_annotations(
        self, selected: AnnotationFilter, *, width: int = KWIC_WIDTH
    ) -> Iterator[corpus.CorpusAnnotation]:
        return corpus.iter_corpus_annotations(self.store, selected, width=width)

    def corpus_statistics(
        self, by: str, selected: AnnotationFilter | None = None
    ) -> corpus.StatTable:
        return corpus.statistics(self.store, by, selected)

    def article_titles(self) -> dict[int, str]:
        """Every article's title by id, newest import first (the command palette's list)."""
        return self.store.article_titles()

    def corpus_filter_choices(self) -> dict[str, list[str]]:
        """The tags, coders and outlets the browser's filters offer."""
        return self.store.corpus_filter_choices()

"""The corpus views, without Qt: search hits in context, annotations across every article
with keyword in context (KWIC), and statistics. The store runs the queries
(:mod:`clipper.store.corpus_queries`); this package turns rows into results."""

from clipper.corpus.browse import CorpusAnnotation, annotation_page, iter_corpus_annotations
from clipper.corpus.kwic import Context, context_of
from clipper.corpus.search import SearchHit, search
from clipper.corpus.stats import StatTable, statistics, write_csv

__all__ = [
    "Context",
    "CorpusAnnotation",
    "SearchHit",
    "StatTable",
    "annotation_page",
    "context_of",
    "iter_corpus_annotations",
    "search",
    "statistics",
    "write_csv",
]

"""Annotations across the corpus, each with its keyword in context."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from clipper.corpus.kwic import context_of
from clipper.corpus_query import KWIC_WIDTH, AnnotationFilter
from clipper.model import tag_labels
from clipper.store import Store
from clipper.store.corpus_queries import CorpusRow


@dataclass(frozen=True, slots=True)
class CorpusAnnotation:
    """An annotation with its article's title, outlet and date, its speaker (a quote's
    ``speaker`` or ``said_by`` person), a claim's rating and its context (``left``/``right``)."""

    id: int
    article_id: int
    start: int
    end: int
    tag: str
    text: str
    note: str
    coder: str
    origin: str
    status: str
    title: str
    outlet: str | None
    published: str | None
    speaker: str | None
    rating: str | None
    left: str
    right: str
    #: What a person sees for the tag: its label (see :func:`clipper.model.tag_labels`).
    tag_label: str = ""

    def record(self) -> dict[str, Any]:
        """As ``clipper annotations --all --json`` prints it."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "tag": self.tag,
            "text": self.text,
            "left": self.left,
            "right": self.right,
            "note": self.note,
            "coder": self.coder,
            "origin": self.origin,
            "status": self.status,
            "speaker": self.speaker,
            "rating": self.rating,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
        }


def _build(row: CorpusRow, text: str, width: int, label: Callable[[str], str]) -> CorpusAnnotation:
    around = context_of(text, row[2], row[3], width)
    return CorpusAnnotation(*row, around.left, around.right, label(row[4]))


def annotation_ids(
    store: Store,
    selected: AnnotationFilter,
    *,
    sort: str = "article",
    descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """The ids ``selected`` covers, sorted (one query; rows are then read by page);
    ``limit``: the first ones only (a view's first page, before the whole list)."""
    return store.corpus_annotation_ids(selected, sort=sort, descending=descending, limit=limit)


def annotation_page(
    store: Store, ids: Sequence[int], *, width: int = KWIC_WIDTH
) -> list[CorpusAnnotation]:
    """The annotations ``ids`` (one page of :func:`annotation_ids`), with context; each
    article's text is read once."""
    rows = store.corpus_annotation_rows(ids)
    texts = store.article_texts(sorted({r[1] for r in rows}))
    label = tag_labels(store.list_tags())
    return [_build(r, texts.get(r[1], ""), width, label) for r in rows]


def iter_corpus_annotations(
    store: Store, selected: AnnotationFilter, *, width: int = KWIC_WIDTH
) -> Iterator[CorpusAnnotation]:
    """Every annotation ``selected`` covers, in text order, as read (one article's text
    in memory at a time)."""
    article_id = -1
    text = ""
    label = tag_labels(store.list_tags())
    for row in store.iter_corpus_annotation_rows(selected):
        if row[1] != article_id:
            article_id = row[1]
            text = store.article_texts([article_id]).get(article_id, "")
        yield _build(row, text, width, label)

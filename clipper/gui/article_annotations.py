"""The shown article's annotations, read from the store only when something asks.

Opening an article reads none of them: the article view asks for the spans of the lines
on screen (:meth:`ArticleAnnotations.spans`), the annotations pane for its row count and
the rows on screen (the :class:`~clipper.gui.annotation_rows.RowSource` methods), the
controller's callers for one annotation by id (:meth:`get`, cached); review, compare and
the page view ask the store for what they show (the next suggestion, a coder's annotations,
a page's spans). Reading every one (iterating, :meth:`in_text_order`) loads them all once. The
database is the truth: every change is committed before the controller records it here.
No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from clipper.errors import NotFound
from clipper.gui.annotation_rows import row_key
from clipper.model import STATUSES, Annotation
from clipper.operations import Session
from clipper.store.annotation_pages import AnnotationSummary, SpanRow

__all__ = ["ArticleAnnotations"]

_PENDING, _REJECTED = STATUSES[0], STATUSES[2]


class ArticleAnnotations(Mapping[int, Annotation]):
    """Annotations of one article by id (every status), read lazily from the session's
    store; ``article_id=None``: none."""

    def __init__(self, session: Session | None = None, article_id: int | None = None) -> None:
        self._session = session if article_id is not None else None
        self.article_id = article_id
        #: Annotations read or changed so far, by id.
        self._cache: dict[int, Annotation] = {}
        #: Every annotation, once something asked for all of them.
        self._all: dict[int, Annotation] | None = None if self._session else {}
        #: ``_all`` in text order while nothing changed since.
        self._ordered: list[Annotation] | None = None if self._session else []

    # -- Mapping ------------------------------------------------------------------------

    def get(self, annotation_id: int, default: Annotation | None = None) -> Annotation | None:  # type: ignore[override]
        if self._all is not None:
            return self._all.get(annotation_id, default)
        found = self._cache.get(annotation_id)
        if found is None and self._session is not None:
            try:
                found = self._session.get_annotation(annotation_id)
            except NotFound:
                return default
            if found.article_id != self.article_id:
                return default
            self._cache[annotation_id] = found
        return default if found is None else found

    def __getitem__(self, annotation_id: int) -> Annotation:
        found = self.get(annotation_id)
        if found is None:
            raise KeyError(annotation_id)
        return found

    def __contains__(self, annotation_id: object) -> bool:
        return isinstance(annotation_id, int) and self.get(annotation_id) is not None

    def __iter__(self) -> Iterator[int]:
        return iter(self._everything())

    def __len__(self) -> int:
        if self._all is not None:
            return len(self._all)
        assert self._session is not None and self.article_id is not None
        store = self._session.store
        listed = store.count_listed_annotations(self.article_id)
        return listed + store.count_with_status(self.article_id, _REJECTED)

    # -- changes (already committed) ----------------------------------------------------

    def known(self, annotation_id: int) -> Annotation | None:
        """The annotation as read (or recorded) before, without reading the store."""
        if self._all is not None:
            return self._all.get(annotation_id)
        return self._cache.get(annotation_id)

    def __setitem__(self, annotation_id: int, annotation: Annotation) -> None:
        self._cache[annotation_id] = annotation
        if self._all is not None:
            self._all[annotation_id] = annotation
        self._ordered = None

    def pop(self, annotation_id: int, default: Annotation | None = None) -> Annotation | None:
        found = self._cache.pop(annotation_id, None)
        if self._all is not None:
            found = self._all.pop(annotation_id, found)
        self._ordered = None
        return default if found is None else found

    # -- all of them --------------------------------------------------------------------

    def _everything(self) -> dict[int, Annotation]:
        if self._all is None:
            assert self._session is not None and self.article_id is not None
            listed = self._session.list_annotations(self.article_id)  # in text order
            self._all = {a.id: a for a in listed}
            self._ordered = listed
            self._cache.clear()
        return self._all

    def has_pending(self) -> bool:
        """Are any of them suggestions waiting for review? (an index count, nothing read)"""
        if self._all is not None:
            return any(a.status == _PENDING for a in self._all.values())
        if self._session is None or self.article_id is None:
            return False
        return self._session.store.count_with_status(self.article_id, _PENDING) > 0

    def loaded(self) -> bool:
        """Have all of them been read?"""
        return self._all is not None

    def in_text_order(self) -> list[Annotation]:
        """Every annotation by (start, end, id) (all read once)."""
        everything = self._everything()
        if self._ordered is None:
            self._ordered = sorted(everything.values(), key=row_key)
        return list(self._ordered)

    # -- the article view's spans ---------------------------------------------------------

    def spans(self, start: int, end: int) -> Sequence[SpanRow]:
        """``(start, end, id, tag, status)`` of the shown annotations intersecting
        ``start..end``."""
        if self._session is None or self.article_id is None:
            return []
        return self._session.store.annotation_spans(self.article_id, start, end)

    def annotation(self, annotation_id: int) -> Annotation | None:
        return self.get(annotation_id)

    # -- the annotations pane's rows (RowSource) ------------------------------------------

    def count(self, tag: str | None = None) -> int:
        if self._session is None or self.article_id is None:
            return 0
        return self._session.store.count_listed_annotations(self.article_id, tag)

    def page(self, offset: int, limit: int, tag: str | None = None) -> list[Annotation]:
        if self._session is None or self.article_id is None:
            return []
        rows = self._session.store.annotation_page(self.article_id, offset, limit, tag)
        if self._all is None:
            self._cache.update((a.id, a) for a in rows)
        return rows

    def rank(self, key: tuple[int, int, int], tag: str | None = None) -> int:
        if self._session is None or self.article_id is None:
            return 0
        return self._session.store.annotation_rank(self.article_id, key, tag)

    def find(self, annotation_id: int) -> Annotation | None:
        found = self.get(annotation_id)
        return None if found is None or found.status == _REJECTED else found

    def summary(self) -> AnnotationSummary:
        if self._session is None or self.article_id is None:
            return AnnotationSummary()
        return self._session.store.annotation_summary(self.article_id)

    def has_notes(self) -> bool:
        if self._session is None or self.article_id is None:
            return False
        return self._session.store.has_notes(self.article_id)

    def changed(self, removed: Sequence[Annotation], present: Sequence[Annotation]) -> None:
        """Nothing to do: the store has them (the controller records them here)."""

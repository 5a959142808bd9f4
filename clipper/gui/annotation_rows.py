"""Where the annotations pane reads its rows: a page at a time, filtered by tag.

:class:`RowSource` is what :class:`~clipper.gui.annotations_pane.AnnotationsModel` asks:
how many rows, the rows of a page, the row a key has, and the counts its optional columns
depend on. The main window's source is the store
(:class:`~clipper.gui.article_annotations.ArticleAnnotations`: SQL, nothing read before it
is on screen); :class:`ListRows` serves a list already in memory. Rows are the listed
annotations (rejected suggestions apart) in text order, ``(start, end, id)``. No Qt here.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from clipper.model import RATING, STATUSES, Annotation
from clipper.store.annotation_pages import AnnotationSummary

__all__ = ["ListRows", "RowSource", "row_key"]

_PENDING, _REJECTED = STATUSES[0], STATUSES[2]


def row_key(a: Annotation) -> tuple[int, int, int]:
    """An annotation's place in the pane's order."""
    return (a.start, a.end, a.id)


class RowSource(Protocol):
    """The listed annotations of one article, read on demand."""

    def count(self, tag: str | None = None) -> int:
        """How many rows (of ``tag``)."""
        ...

    def page(self, offset: int, limit: int, tag: str | None = None) -> list[Annotation]:
        """Rows ``offset .. offset + limit`` (of ``tag``), in text order."""
        ...

    def rank(self, key: tuple[int, int, int], tag: str | None = None) -> int:
        """How many rows (of ``tag``) come before ``key``."""
        ...

    def find(self, annotation_id: int) -> Annotation | None:
        """The annotation with this id if it is one of the rows (any tag)."""
        ...

    def summary(self) -> AnnotationSummary:
        """Counts over the rows."""
        ...

    def has_notes(self) -> bool:
        """Does any row have a note?"""
        ...

    def changed(self, removed: Sequence[Annotation], present: Sequence[Annotation]) -> None:
        """Rows removed and rows added or changed since (a list keeps itself up to date;
        the store has them already)."""
        ...


class ListRows:
    """Rows from annotations in memory (a test, a small list)."""

    def __init__(self, annotations: Sequence[Annotation] = ()) -> None:
        rows = [a for a in annotations if a.status != _REJECTED]
        keys = [row_key(a) for a in rows]
        if keys != sorted(keys):
            rows.sort(key=row_key)
            keys.sort()
        self.rows = rows
        self._keys = keys
        self._by_id = {a.id: a for a in rows}

    def _of(self, tag: str | None) -> list[Annotation]:
        return self.rows if tag is None else [a for a in self.rows if a.tag == tag]

    def count(self, tag: str | None = None) -> int:
        return len(self._of(tag))

    def page(self, offset: int, limit: int, tag: str | None = None) -> list[Annotation]:
        return self._of(tag)[offset : offset + limit]

    def rank(self, key: tuple[int, int, int], tag: str | None = None) -> int:
        if tag is None:
            return bisect.bisect_left(self._keys, key)
        return sum(1 for a in self.rows if a.tag == tag and row_key(a) < key)

    def find(self, annotation_id: int) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def summary(self) -> AnnotationSummary:
        rows = self.rows
        return AnnotationSummary(
            stored=len(rows),
            shown=len(rows),
            pending=sum(1 for a in rows if a.status == _PENDING),
            notes=sum(1 for a in rows if a.note),
            rated=sum(1 for a in rows if RATING in a.attributes),
            coders=Counter(a.coder for a in rows),
        )

    def has_notes(self) -> bool:
        return any(a.note for a in self.rows)

    def changed(self, removed: Sequence[Annotation], present: Sequence[Annotation]) -> None:
        for a in [*removed, *present]:
            old = self._by_id.pop(a.id, None)
            if old is not None:
                i = bisect.bisect_left(self._keys, row_key(old))
                del self.rows[i]
                del self._keys[i]
        for a in present:
            if a.status == _REJECTED:
                continue
            i = bisect.bisect_left(self._keys, row_key(a))
            self.rows.insert(i, a)
            self._keys.insert(i, row_key(a))
            self._by_id[a.id] = a

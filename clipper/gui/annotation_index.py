"""A small interval index over annotations, for painting only what is on screen.

Pure Python, no Qt. Annotations are kept sorted by ``(start, end, id)`` with a parallel list of
starts, so the ones intersecting a window ``a..b`` (code points) are found with :func:`bisect`:
any *short* annotation that intersects must start in ``a - LONG .. b``. The rare long ones (more
than ``LONG`` code points) are kept apart and scanned linearly. Adding or removing one is a
list insert/delete (a memmove), fine for tens of thousands.

Items are full :class:`~clipper.model.Annotation` objects or, for an article read a band at a
time from the store, :class:`Span` tuples (what highlighting needs, no per-row object of ours).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import islice
from operator import attrgetter, eq
from typing import NamedTuple

from clipper.model import Annotation

__all__ = ["LONG", "AnnotationIndex", "Item", "Span"]


class Span(NamedTuple):
    """An annotation as highlighting sees it (a row of the store's ``annotation_spans``)."""

    start: int
    end: int
    id: int
    tag: str
    status: str


#: What the index holds: a full annotation or just its span.
Item = Annotation | Span

#: Spans longer than this many code points go to the linear "long" list.
LONG = 4096

_START = attrgetter("start")
_ID = attrgetter("id")


def _key(a: Item) -> tuple[int, int, int]:
    return (a.start, a.end, a.id)


class AnnotationIndex:
    """Annotations of one article, sorted by start, queryable by window."""

    __slots__ = ("_by_id", "_ids", "_items", "_long", "_starts")

    def __init__(self, annotations: Iterable[Item] = ()) -> None:
        self._build(annotations)

    def _build(self, annotations: Iterable[Item]) -> None:
        # Lookup by id is a bisect in a sorted array of ids (8 bytes each) beside the
        # annotations in id order: a third of a dict's memory (~0.8 vs 2.6 MB at 50,000).
        given = list(annotations)
        by_id = sorted(given, key=_ID)
        ids = array("q", [a.id for a in by_id])
        if any(map(eq, ids, islice(ids, 1, None))):  # a repeated id: the last one wins
            unique = {a.id: a for a in given}
            given = list(unique.values())
            by_id = sorted(given, key=_ID)
            ids = array("q", [a.id for a in by_id])
        self._ids = ids
        self._by_id: list[Item] = by_id
        #: Short annotations sorted by start (stable), and their starts (for bisect).
        self._items: list[Item] = sorted(given, key=_START)
        self._starts: list[int] = [a.start for a in self._items]
        self._long: dict[int, Item] = {}
        if self._items and max(a.end - a.start for a in self._items) > LONG:
            self._long = {a.id: a for a in self._items if a.end - a.start > LONG}
            self._items = [a for a in self._items if a.id not in self._long]
            self._starts = [a.start for a in self._items]

    def __len__(self) -> int:
        return len(self._ids)

    def _find(self, annotation_id: int) -> int:
        """Position of ``annotation_id`` in the id order, or -1."""
        i = bisect_left(self._ids, annotation_id)
        return i if i < len(self._ids) and self._ids[i] == annotation_id else -1

    def __contains__(self, annotation_id: object) -> bool:
        return isinstance(annotation_id, int) and self._find(annotation_id) >= 0

    def get(self, annotation_id: int) -> Item | None:
        i = self._find(annotation_id)
        return self._by_id[i] if i >= 0 else None

    def all(self) -> list[Item]:
        """Every annotation, ordered by ``(start, end, id)``."""
        return sorted(self._by_id, key=_key)

    def add_new(self, items: Iterable[Item]) -> None:
        """Add the items whose ids are not here yet (a band read from the store; what is
        here may be newer: a change shown since)."""
        new = [a for a in items if self._find(a.id) < 0]
        if len(new) > 64:
            self._build(self._by_id + new)
            return
        for a in new:
            self.add(a)

    def add(self, annotation: Item) -> None:
        """Add ``annotation`` (replacing one with the same id)."""
        self.remove(annotation.id)
        i = bisect_left(self._ids, annotation.id)
        self._ids.insert(i, annotation.id)
        self._by_id.insert(i, annotation)
        if annotation.end - annotation.start > LONG:
            self._long[annotation.id] = annotation
            return
        i = bisect_right(self._starts, annotation.start)
        self._items.insert(i, annotation)
        self._starts.insert(i, annotation.start)

    def remove(self, annotation_id: int) -> Item | None:
        """Remove and return the annotation with this id (``None`` if absent)."""
        position = self._find(annotation_id)
        if position < 0:
            return None
        old = self._by_id.pop(position)
        del self._ids[position]
        if self._long.pop(annotation_id, None) is None:
            i = bisect_left(self._starts, old.start)
            while i < len(self._items) and self._starts[i] == old.start:
                if self._items[i].id == annotation_id:
                    del self._items[i]
                    del self._starts[i]
                    break
                i += 1
        return old

    def overlapping(self, start: int, end: int) -> list[Item]:
        """Annotations intersecting ``start..end`` (end-exclusive), ordered by start.

        An empty window (``start == end``) finds the annotations that contain that offset
        strictly inside or start at it.
        """
        end = max(end, start + 1)
        lo = bisect_left(self._starts, start - LONG)
        hi = bisect_left(self._starts, end)
        found = [a for a in self._items[lo:hi] if a.end > start]
        if self._long:
            found.extend(a for a in self._long.values() if a.start < end and a.end > start)
            found.sort(key=_START)
        return found

"""A small interval index over annotations, for painting only what is on screen.

Pure Python, no Qt. Annotations are kept sorted by ``(start, end, id)`` with a parallel list of
starts, so the ones intersecting a window ``a..b`` (code points) are found with :func:`bisect`:
any *short* annotation that intersects must start in ``a - LONG .. b``. The rare long ones (more
than ``LONG`` code points) are kept apart and scanned linearly. Adding or removing one is a
list insert/delete (a memmove), fine for tens of thousands.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import attrgetter

from clipper.model import Annotation

__all__ = ["LONG", "AnnotationIndex"]

#: Spans longer than this many code points go to the linear "long" list.
LONG = 4096

_START = attrgetter("start")


def _key(a: Annotation) -> tuple[int, int, int]:
    return (a.start, a.end, a.id)


class AnnotationIndex:
    """Annotations of one article, sorted by start, queryable by window."""

    __slots__ = ("_by_id", "_items", "_long", "_starts")

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        # Measured at 50,000 annotations: comprehensions and a sort keyed on one attribute
        # beat tuple keys and attrgetter/zip pipelines here (~25 ms vs ~40-70 ms).
        self._by_id: dict[int, Annotation] = {a.id: a for a in annotations}
        #: Short annotations sorted by start (stable), and their starts (for bisect).
        self._items: list[Annotation] = sorted(self._by_id.values(), key=_START)
        self._starts: list[int] = [a.start for a in self._items]
        self._long: dict[int, Annotation] = {}
        if self._items and max(a.end - a.start for a in self._items) > LONG:
            self._long = {a.id: a for a in self._items if a.end - a.start > LONG}
            self._items = [a for a in self._items if a.id not in self._long]
            self._starts = [a.start for a in self._items]

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._by_id

    def get(self, annotation_id: int) -> Annotation | None:
        return self._by_id.get(annotation_id)

    def all(self) -> list[Annotation]:
        """Every annotation, ordered by ``(start, end, id)``."""
        return sorted(self._by_id.values(), key=_key)

    def add(self, annotation: Annotation) -> None:
        """Add ``annotation`` (replacing one with the same id)."""
        self.remove(annotation.id)
        self._by_id[annotation.id] = annotation
        if annotation.end - annotation.start > LONG:
            self._long[annotation.id] = annotation
            return
        i = bisect_right(self._starts, annotation.start)
        self._items.insert(i, annotation)
        self._starts.insert(i, annotation.start)

    def remove(self, annotation_id: int) -> Annotation | None:
        """Remove and return the annotation with this id (``None`` if absent)."""
        old = self._by_id.pop(annotation_id, None)
        if old is None:
            return None
        if self._long.pop(annotation_id, None) is None:
            i = bisect_left(self._starts, old.start)
            while i < len(self._items) and self._starts[i] == old.start:
                if self._items[i].id == annotation_id:
                    del self._items[i]
                    del self._starts[i]
                    break
                i += 1
        return old

    def overlapping(self, start: int, end: int) -> list[Annotation]:
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

"""A small interval index over annotations, for painting only what is on screen.

Pure Python, no Qt. Annotations are kept sorted by ``(start, end, id)`` with a parallel list of
starts, so the ones intersecting a window ``a..b`` (code points) are found with :func:`bisect`:
any *short* annotation that intersects must start in ``a - LONG .. b``. The rare long ones (more
than ``LONG`` code points) are kept apart and scanned linearly. Adding or removing one is a
list insert/delete (a memmove), fine for tens of thousands.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from clipper.model import Annotation

__all__ = ["LONG", "AnnotationIndex"]

#: Spans longer than this many code points go to the linear "long" list.
LONG = 4096

_Key = tuple[int, int, int]


def _key(a: Annotation) -> _Key:
    return (a.start, a.end, a.id)


class AnnotationIndex:
    """Annotations of one article, sorted by start, queryable by window."""

    __slots__ = ("_by_id", "_keys", "_long", "_starts")

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        self._by_id: dict[int, Annotation] = {a.id: a for a in annotations}
        self._long: dict[int, Annotation] = {}
        short: list[_Key] = []
        for a in self._by_id.values():
            if a.end - a.start > LONG:
                self._long[a.id] = a
            else:
                short.append(_key(a))
        short.sort()
        self._keys: list[_Key] = short
        self._starts: list[int] = [k[0] for k in short]

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
        key = _key(annotation)
        i = bisect_left(self._keys, key)
        self._keys.insert(i, key)
        self._starts.insert(i, key[0])

    def remove(self, annotation_id: int) -> Annotation | None:
        """Remove and return the annotation with this id (``None`` if absent)."""
        old = self._by_id.pop(annotation_id, None)
        if old is None:
            return None
        if self._long.pop(annotation_id, None) is None:
            key = _key(old)
            i = bisect_left(self._keys, key)
            if i < len(self._keys) and self._keys[i] == key:
                del self._keys[i]
                del self._starts[i]
        return old

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Annotations intersecting ``start..end`` (end-exclusive), ordered by start.

        An empty window (``start == end``) finds the annotations that contain that offset
        strictly inside or start at it.
        """
        end = max(end, start + 1)
        lo = bisect_left(self._starts, start - LONG)
        hi = bisect_left(self._starts, end)
        by_id = self._by_id
        found = [by_id[k[2]] for k in self._keys[lo:hi] if k[1] > start]
        if self._long:
            found.extend(a for a in self._long.values() if a.start < end and a.end > start)
            found.sort(key=_key)
        return found

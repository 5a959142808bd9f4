"""Typed attributes of annotations (the ``annotation_attributes`` table)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import groupby
from operator import itemgetter
from types import MappingProxyType

from clipper.errors import InvalidField
from clipper.fields import attribute_problem
from clipper.model import NO_ATTRIBUTES, Annotation, AttributeValue
from clipper.store.base import StoreBase
from clipper.store.clock import now

_FIRST = itemgetter(0)


class AttributeStore(StoreBase):
    """Reading and writing annotation attributes."""

    def set_attributes(
        self, annotation_id: int, attributes: Mapping[str, AttributeValue | None]
    ) -> Annotation:
        """Set attributes of an annotation; a ``None`` value deletes the key."""
        self.get_annotation(annotation_id)
        if attributes:
            self._check_attributes(attributes)
            with self._write():
                self._write_attributes(annotation_id, attributes)
                self.db.execute(
                    "UPDATE annotations SET updated_at = ? WHERE id = ?", [now(), annotation_id]
                )
        return self.get_annotation(annotation_id)

    @staticmethod
    def _check_attributes(attributes: Mapping[str, AttributeValue | None]) -> None:
        for key, value in attributes.items():
            problem = attribute_problem(key, value)
            if problem is not None:
                raise InvalidField(problem)

    def _write_attributes(
        self, annotation_id: int, attributes: Mapping[str, AttributeValue | None]
    ) -> None:
        """Store checked attributes (call inside a write)."""
        gone = [(annotation_id, k) for k, v in attributes.items() if v is None]
        kept = [(annotation_id, k, v) for k, v in attributes.items() if v is not None]
        if gone:
            self.db.conn.executemany(
                "DELETE FROM annotation_attributes WHERE annotation_id = ? AND key = ?", gone
            )
        if kept:
            self.db.conn.executemany(
                "INSERT INTO annotation_attributes (annotation_id, key, value) VALUES (?, ?, ?) "
                "ON CONFLICT (annotation_id, key) DO UPDATE SET value = excluded.value",
                kept,
            )

    def _attributes_where(
        self, where: str, params: list[object]
    ) -> dict[int, Mapping[str, AttributeValue]]:
        """Attributes of the annotations ``n`` matching ``where`` (one query), by id."""
        found: dict[int, dict[str, AttributeValue]] = {}
        sql = (
            "SELECT a.annotation_id, a.key, a.value FROM annotation_attributes a"
            + (f" JOIN annotations n ON n.id = a.annotation_id WHERE {where}" if where else "")
            + " ORDER BY a.annotation_id, a.key"
        )
        for annotation_id, key, value in self.db.execute(sql, params):
            found.setdefault(annotation_id, {})[key] = value
        return {k: MappingProxyType(v) for k, v in found.items()}

    def _attributes_in_order(
        self, where: str, params: list[object]
    ) -> Iterator[tuple[int, Mapping[str, AttributeValue]]]:
        """``(annotation id, attributes)`` of the annotations ``n`` matching ``where`` that
        have any, in text order (``n.article_id, n.start, n."end", n.id``, the order of
        :meth:`iter_annotations`): read alongside that stream, a few at a time."""
        sql = (
            "SELECT a.annotation_id, a.key, a.value FROM annotations n "
            "JOIN annotation_attributes a ON a.annotation_id = n.id"
            + (f" WHERE {where}" if where else "")
            + ' ORDER BY n.article_id, n.start, n."end", n.id, a.key'
        )
        for annotation_id, rows in groupby(self.db.execute(sql, params), key=_FIRST):
            yield annotation_id, MappingProxyType({key: value for _, key, value in rows})

    def _attributes_of(self, annotation_id: int) -> Mapping[str, AttributeValue]:
        rows = self.db.execute(
            "SELECT key, value FROM annotation_attributes WHERE annotation_id = ? ORDER BY key",
            [annotation_id],
        ).fetchall()
        return MappingProxyType(dict(rows)) if rows else NO_ATTRIBUTES

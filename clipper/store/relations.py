"""Typed links between annotations (the ``relations`` table); deleted with either end."""

from __future__ import annotations

from typing import Any

from clipper.errors import ClipperError, InvalidField, NotFound
from clipper.fields import relation_type_problem
from clipper.model import Relation, new_uuid
from clipper.store.base import StoreBase
from clipper.store.clock import now

_COLUMNS = "id, uuid, from_id, to_id, type, created_at"


def _relation(row: Any) -> Relation:
    """A relation from a row selected as ``_COLUMNS``."""
    ident, uuid, from_id, to_id, kind, created = row
    return Relation(
        id=ident, uuid=uuid, from_id=from_id, to_id=to_id, type=kind, created_at=created
    )


class RelationStore(StoreBase):
    """Adding, listing and deleting relations."""

    def add_relation(
        self, from_id: int, to_id: int, type: str, *, uuid: str | None = None
    ) -> Relation:
        """Link annotation ``from_id`` to ``to_id`` (e.g. a quote ``said_by`` a person)."""
        problem = relation_type_problem(type)
        if problem is not None:
            raise InvalidField(problem)
        if from_id == to_id:
            raise ClipperError("an annotation cannot be related to itself")
        self.get_annotation(from_id)
        self.get_annotation(to_id)
        if self._find_relation(from_id, to_id, type) is not None:
            raise ClipperError(
                f"annotation {from_id} is already related to annotation {to_id} as {type}"
            )
        with self._write():
            cursor = self.db.execute(
                "INSERT INTO relations (uuid, from_id, to_id, type, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [uuid or new_uuid(), from_id, to_id, type, now()],
            )
        return self.get_relation(int(cursor.lastrowid or 0))

    def _find_relation(self, from_id: int, to_id: int, type: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM relations WHERE from_id = ? AND to_id = ? AND type = ?",
            [from_id, to_id, type],
        ).fetchone()
        return None if row is None else int(row[0])

    def get_relation(self, relation_id: int) -> Relation:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM relations WHERE id = ?", [relation_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no relation {relation_id}")
        return _relation(row)

    def delete_relation(self, relation_id: int) -> Relation:
        """Remove a relation; returns what was removed."""
        relation = self.get_relation(relation_id)
        with self._write():
            self.db.execute("DELETE FROM relations WHERE id = ?", [relation_id])
        return relation

    def list_relations(
        self, article_id: int | None = None, *, annotation_id: int | None = None
    ) -> list[Relation]:
        """Relations of an article's annotations, of one annotation (either end), or all."""
        if annotation_id is not None:
            sql = f"SELECT {_COLUMNS} FROM relations WHERE from_id = ? OR to_id = ? ORDER BY id"
            params: list[object] = [annotation_id, annotation_id]
        elif article_id is not None:
            sql = (
                f"SELECT {_COLUMNS} FROM relations WHERE from_id IN "
                "(SELECT id FROM annotations WHERE article_id = ?) OR to_id IN "
                "(SELECT id FROM annotations WHERE article_id = ?) ORDER BY id"
            )
            params = [article_id, article_id]
        else:
            sql, params = f"SELECT {_COLUMNS} FROM relations ORDER BY id", []
        return [_relation(row) for row in self.db.execute(sql, params)]

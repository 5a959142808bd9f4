"""Coders: who made each annotation (the ``coders`` table)."""

from __future__ import annotations

from clipper.errors import ClipperError, NotFound
from clipper.fields import coder_name_problem, normalise_coder_name
from clipper.model import DEFAULT_CODER, Coder, coder_uuid
from clipper.store.base import StoreBase
from clipper.store.clock import now


class CoderStore(StoreBase):
    """Listing, adding and finding coders."""

    def list_coders(self) -> list[Coder]:
        """Every coder, in the order they were added."""
        rows = self.db.execute("SELECT id, uuid, name, created_at FROM coders ORDER BY id")
        return [Coder(id=r[0], uuid=r[1], name=r[2], created_at=r[3]) for r in rows]

    def get_coder(self, name: str) -> Coder:
        row = self.db.execute(
            "SELECT id, uuid, name, created_at FROM coders WHERE name = ?",
            [normalise_coder_name(name)],
        ).fetchone()
        if row is None:
            known = ", ".join(c.name for c in self.list_coders())
            raise NotFound(f"there is no coder {name!r}; known coders: {known}")
        return Coder(id=row[0], uuid=row[1], name=row[2], created_at=row[3])

    def add_coder(self, name: str) -> Coder:
        """Add a coder (trimmed name, see :func:`clipper.fields.coder_name_problem`);
        returns the existing one if the name is taken."""
        with self._write():
            coder_id = self._coder_id(name)
        row = self.db.execute(
            "SELECT id, uuid, name, created_at FROM coders WHERE id = ?", [coder_id]
        ).fetchone()
        return Coder(id=row[0], uuid=row[1], name=row[2], created_at=row[3])

    def _coder_id(self, name: str | None) -> int:
        """The id of the coder ``name`` (``None``: the default coder), created if new.
        Call inside a write."""
        name = DEFAULT_CODER if name is None else normalise_coder_name(name)
        known = self._coder_ids.get(name)
        if known is not None:  # coders are never renamed or deleted: ids stay
            return known
        row = self.db.execute("SELECT id FROM coders WHERE name = ?", [name]).fetchone()
        if row is not None:
            self._coder_ids[name] = int(row[0])
            return int(row[0])
        problem = coder_name_problem(name)
        if problem is not None:
            raise ClipperError(problem)
        cursor = self.db.execute(
            "INSERT INTO coders (uuid, name, created_at) VALUES (?, ?, ?)",
            [coder_uuid(name), name, now()],
        )
        return int(cursor.lastrowid or 0)

    def _coder_names(self) -> dict[int, str]:
        return {int(r[0]): str(r[1]) for r in self.db.execute("SELECT id, name FROM coders")}

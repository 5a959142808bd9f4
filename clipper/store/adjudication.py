"""Adjudication decisions and progress (the ``adjudication_decisions`` and
``adjudication_progress`` tables of migration ``0008_adjudication``).

Rows name their article by uuid (methods take the article's id): they outlive a deletion
of the article, so undoing it brings the adjudication back; rows of deleted articles are
never listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from clipper.adjudication import ArticleProgress, Decision
from clipper.model import Annotation
from clipper.store.base import StoreBase
from clipper.store.clock import now

_UUID_OF = "(SELECT uuid FROM articles WHERE id = ?)"
_PROGRESS = (
    "SELECT a.id, p.gold_coder, p.coders, p.decided, p.total, p.done_at, p.updated_at "
    "FROM adjudication_progress p JOIN articles a ON a.uuid = p.article_uuid"
)


class AdjudicationStore(StoreBase):
    """Reading and writing adjudication decisions and per-article progress."""

    if TYPE_CHECKING:  # defined by AnnotationStore

        def _annotations_by_ids(self, ids: Iterable[int]) -> list[Annotation]: ...

    def get_decisions(self, article_id: int, gold: str) -> dict[str, Decision]:
        """Every decision stored for an article and gold coder, by unit key."""
        rows = self.db.execute(
            "SELECT unit_key, adopted, copies, created, decided_at FROM adjudication_decisions "
            f"WHERE article_uuid = {_UUID_OF} AND gold_coder = ?",
            [article_id, gold],
        )
        return {row[0]: _decision(row) for row in rows}

    def set_decision(
        self, article_id: int, gold: str, unit_key: str, decision: Decision | None
    ) -> None:
        """Store ``decision`` under ``unit_key`` (``None``: forget the decision)."""
        with self._write():
            if decision is None:
                self.db.execute(
                    "DELETE FROM adjudication_decisions WHERE article_uuid = "
                    f"{_UUID_OF} AND gold_coder = ? AND unit_key = ?",
                    [article_id, gold, unit_key],
                )
                return
            self.db.execute(
                "INSERT OR REPLACE INTO adjudication_decisions (article_uuid, gold_coder, "
                "unit_key, adopted, copies, created, decided_at) "
                "SELECT uuid, ?, ?, ?, ?, ?, ? FROM articles WHERE id = ?",
                [
                    gold,
                    unit_key,
                    json.dumps(list(decision.adopted)),
                    json.dumps(dict(decision.copies), sort_keys=True),
                    json.dumps(list(decision.created)),
                    decision.decided_at or now(),
                    article_id,
                ],
            )

    def set_progress(
        self, article_id: int, gold: str, coders: Sequence[str], decided: int, total: int
    ) -> ArticleProgress:
        """Record how far an article's adjudication is (``done_at`` is kept from the
        first time every unit was decided, and cleared when some unit is open again)."""
        stamp = now()
        with self._write():
            before = self.get_progress(article_id, gold)
            done_at = None
            if decided >= total:
                done_at = before.done_at if before is not None and before.done_at else stamp
            progress = ArticleProgress(
                article_id, gold, tuple(coders), decided, total, done_at, stamp
            )
            self.put_progress(article_id, gold, progress)
        return progress

    def get_progress(self, article_id: int, gold: str) -> ArticleProgress | None:
        """The stored progress of one article into ``gold`` (``None``: never adjudicated)."""
        found = self._progress_rows(article_id, gold)
        return found[0] if found else None

    def put_progress(self, article_id: int, gold: str, progress: ArticleProgress | None) -> None:
        """Store a progress row as it was (undo), or none (``None``)."""
        with self._write():
            self.db.execute(
                f"DELETE FROM adjudication_progress WHERE article_uuid = {_UUID_OF} "
                "AND gold_coder = ?",
                [article_id, gold],
            )
            if progress is not None:
                self.db.execute(
                    "INSERT INTO adjudication_progress (article_uuid, gold_coder, coders, "
                    "decided, total, done_at, updated_at) "
                    "SELECT uuid, ?, ?, ?, ?, ?, ? FROM articles WHERE id = ?",
                    [
                        gold,
                        ",".join(progress.coders),
                        progress.decided,
                        progress.total,
                        progress.done_at,
                        progress.updated_at,
                        article_id,
                    ],
                )

    def list_progress(self, gold: str | None = None) -> list[ArticleProgress]:
        """The stored progress of every article adjudicated so far (into ``gold``, or
        into any gold coder), by article id."""
        return self._progress_rows(None, gold)

    def _progress_rows(self, article_id: int | None, gold: str | None) -> list[ArticleProgress]:
        sql = _PROGRESS + " WHERE 1"
        params: list[Any] = []
        if article_id is not None:
            sql += " AND a.id = ?"
            params.append(article_id)
        if gold is not None:
            sql += " AND p.gold_coder = ?"
            params.append(gold)
        rows = self.db.execute(sql + " ORDER BY a.id, p.gold_coder", params)
        return [
            ArticleProgress(r[0], r[1], tuple(filter(None, r[2].split(","))), *r[3:]) for r in rows
        ]


def _decision(row: Any) -> Decision:
    key, adopted, copies, created, decided_at = row
    return Decision(
        unit_key=key,
        adopted=tuple(json.loads(adopted)),
        copies=MappingProxyType(dict(json.loads(copies))),
        created=tuple(json.loads(created)),
        decided_at=decided_at,
    )

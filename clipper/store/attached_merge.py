"""Merging another Clipper database set-based: the source is ATTACHed to this connection and
its annotations, attributes and relations are copied with one ``INSERT … SELECT`` each,
matched by identity (UUID) inside SQLite instead of row by row in Python.

The caller matches the articles (a few per source, in Python: identity, content hash,
metadata conflicts) and gives the mapping; everything else happens here, inside the
caller's transaction. The source must be at the current schema version (open it with a
:class:`~clipper.store.Store` first, which upgrades it).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from clipper.errors import Cancelled
from clipper.model import Annotation, MergedAnnotation
from clipper.store.annotations import AnnotationStore
from clipper.store.clock import now
from clipper.store.probe import sqlite_uri
from clipper.store.schema import UUID4_SQL

__all__ = ["AttachedMergeStore", "AttachedResult"]

#: SQLite's usual limit of attached databases is 10; keep some for others.
MAX_ATTACHED = 8
#: How many SQLite steps between two looks at the cancel check.
_CANCEL_STEPS = 20_000


@dataclass(frozen=True, slots=True)
class AttachedResult:
    added: int
    skipped: int
    relations_added: int
    #: Annotations stored already (same identity, in a matched article) whose values
    #: differ: ``(output's annotation, the source's row)``.
    differing: list[tuple[Annotation, MergedAnnotation]]


class AttachedMergeStore(AnnotationStore):
    """Set-based merge of an attached database's annotations."""

    @contextmanager
    def attached(self, paths: Sequence[str]) -> Iterator[list[str | None]]:
        """ATTACH each database read-only (at most :data:`MAX_ATTACHED`; call outside a
        transaction) as ``merge_source_N``; yields the schema names (``None`` for a path
        not attached: over the limit, or SQLite refused it) and DETACHes them after."""
        names: list[str | None] = []
        conn = self.db.conn
        try:
            for number, path in enumerate(paths):
                name: str | None = f"merge_source_{number}"
                if number >= MAX_ATTACHED:
                    name = None
                else:
                    try:
                        conn.execute(f"ATTACH DATABASE ? AS {name}", [sqlite_uri(path, mode="ro")])
                    except sqlite3.Error:
                        name = None
                names.append(name)
            yield names
        finally:
            for name in names:
                if name is not None:  # closing the connection detaches anyway
                    with suppress(sqlite3.Error):
                        conn.execute(f"DETACH DATABASE {name}")

    def attached_unknown_tags(self, source: str) -> list[str]:
        """Tags the attached source's annotations use that this database lacks."""
        return [
            str(r[0])
            for r in self.db.execute(
                f"SELECT DISTINCT tag FROM {source}.annotations WHERE tag NOT IN "
                "(SELECT name FROM main.tags) ORDER BY tag"
            )
        ]

    def merge_attached(
        self,
        source: str,
        articles: Mapping[int, tuple[int, bool]],
        cancel: Callable[[], bool] | None = None,
    ) -> AttachedResult:
        """Copy the annotations of the attached ``source`` whose article is in ``articles``
        (source article id → (this database's article id, whether it was matched rather
        than created)), with their coders, attributes and relations. An annotation whose
        identity is stored already, or whose span carries the same tag for the same coder
        already, is skipped (its attributes too); a relation is added once both ends are
        stored. Call inside :meth:`transaction` (with :meth:`bulk_writes`); ``cancel``
        interrupts SQLite (:class:`~clipper.errors.Cancelled`)."""
        conn = self.db.conn
        conn.execute("DROP TABLE IF EXISTS temp.merge_articles")
        conn.execute("DROP TABLE IF EXISTS temp.merge_coders")
        conn.execute(
            "CREATE TEMP TABLE merge_articles (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, "
            "matched INTEGER NOT NULL)"
        )
        conn.execute("CREATE TEMP TABLE merge_coders (src INTEGER PRIMARY KEY, dst INTEGER)")
        conn.executemany(
            "INSERT INTO temp.merge_articles VALUES (?, ?, ?)",
            [(src, dst, int(matched)) for src, (dst, matched) in articles.items()],
        )
        coders = self.db.execute(
            f"SELECT id, name FROM {source}.coders WHERE id IN "
            f"(SELECT DISTINCT coder_id FROM {source}.annotations)"
        ).fetchall()
        conn.executemany(
            "INSERT INTO temp.merge_coders VALUES (?, ?)",
            [(int(i), self._coder_id(str(name))) for i, name in coders],
        )
        try:
            with _interruptible(conn, cancel):
                differing = self._differing(source)
                result = self._copy(source)
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.merge_articles")
            conn.execute("DROP TABLE IF EXISTS temp.merge_coders")
        return AttachedResult(*result, differing)

    def _copy(self, source: str) -> tuple[int, int, int]:
        conn = self.db.conn
        latest = conn.execute("SELECT coalesce(max(id), 0) FROM main.annotations").fetchone()
        before = int(latest[0])
        offered = int(
            conn.execute(
                f"SELECT count(*) FROM {source}.annotations s "
                "JOIN temp.merge_articles m ON m.src = s.article_id"
            ).fetchone()[0]
        )
        # rowcount: rows each statement inserted (total_changes also counts rows that
        # triggers write, such as the sync log's)
        added = conn.execute(
            'INSERT OR IGNORE INTO main.annotations (article_id, start, "end", tag, text, note, '
            "created_at, updated_at, page, uuid, coder_id, origin, origin_detail, status) "
            'SELECT m.dst, s.start, s."end", s.tag, s.text, s.note, s.created_at, '
            f"s.updated_at, s.page, coalesce(s.uuid, {UUID4_SQL}), c.dst, s.origin, "
            f"s.origin_detail, s.status FROM {source}.annotations s "
            "JOIN temp.merge_articles m ON m.src = s.article_id "
            "JOIN temp.merge_coders c ON c.src = s.coder_id ORDER BY s.id"
        ).rowcount
        if added:  # attributes of the annotations just added (a kept one keeps its own)
            conn.execute(
                "INSERT OR IGNORE INTO main.annotation_attributes (annotation_id, key, value) "
                f"SELECT t.id, a.key, a.value FROM {source}.annotation_attributes a "
                f"JOIN {source}.annotations s ON s.id = a.annotation_id "
                "JOIN main.annotations t ON t.uuid = s.uuid WHERE t.id > ?",
                [before],
            )
        related = conn.execute(
            "INSERT OR IGNORE INTO main.relations (uuid, from_id, to_id, type, created_at) "
            f"SELECT coalesce(r.uuid, {UUID4_SQL}), f.id, t.id, r.type, ? "
            f"FROM {source}.relations r "
            f"JOIN {source}.annotations sf ON sf.id = r.from_id "
            "JOIN temp.merge_articles m ON m.src = sf.article_id "
            f"JOIN {source}.annotations st ON st.id = r.to_id "
            "JOIN main.annotations f ON f.uuid = sf.uuid "
            "JOIN main.annotations t ON t.uuid = st.uuid "
            "WHERE f.id <> t.id ORDER BY r.id",
            [now()],
        ).rowcount
        return added, offered - added, related

    def _differing(self, source: str) -> list[tuple[Annotation, MergedAnnotation]]:
        """Annotations of matched articles stored already under the same identity whose
        tag, note, status, span, coder or attributes differ."""
        attributes = (
            "(SELECT json_group_array(json_array(key, value)) FROM (SELECT key, value FROM "
            "{schema}.annotation_attributes WHERE annotation_id = {alias}.id ORDER BY key))"
        )
        pairs = self.db.execute(
            'SELECT s.id, t.id, s.start, s."end", s.tag, s.text, s.note, s.created_at, '
            "s.updated_at, s.page, s.uuid, sc.name, s.origin, s.origin_detail, s.status "
            f"FROM {source}.annotations s "
            "JOIN temp.merge_articles m ON m.src = s.article_id AND m.matched "
            "JOIN temp.merge_coders c ON c.src = s.coder_id "
            f"JOIN {source}.coders sc ON sc.id = s.coder_id "
            "JOIN main.annotations t ON t.uuid = s.uuid "
            "WHERE t.tag IS NOT s.tag OR t.note IS NOT s.note OR t.status IS NOT s.status "
            'OR t.start <> s.start OR t."end" <> s."end" OR t.coder_id <> c.dst OR '
            + attributes.format(schema="main", alias="t")
            + " IS NOT "
            + attributes.format(schema=source, alias="s")
            + " ORDER BY s.article_id, s.id"
        ).fetchall()
        if not pairs:
            return []
        source_attributes: dict[int, dict[str, Any]] = {}
        for annotation_id, key, value in self.db.execute(
            f"SELECT annotation_id, key, value FROM {source}.annotation_attributes "
            "WHERE annotation_id IN (SELECT value FROM json_each(?))",
            [json.dumps([p[0] for p in pairs])],
        ):
            source_attributes.setdefault(int(annotation_id), {})[key] = value
        stored = {a.id: a for a in self._annotations_by_ids(int(p[1]) for p in pairs)}
        return [
            (stored[int(p[1])], (*p[2:], source_attributes.get(int(p[0])), None))
            for p in pairs
            if int(p[1]) in stored
        ]


@contextmanager
def _interruptible(conn: sqlite3.Connection, cancel: Callable[[], bool] | None) -> Iterator[None]:
    """Let ``cancel`` interrupt the statements run inside (as :class:`Cancelled`)."""
    if cancel is None:
        yield
        return
    conn.set_progress_handler(lambda: 1 if cancel() else 0, _CANCEL_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if cancel():
            raise Cancelled("cancelled; nothing was changed") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)

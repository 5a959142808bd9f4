"""The local side of a team server sync: what changed here, applying what the server sent,
and where each server's sync stopped (tables of migration ``0011_sync``).

Rows travel as tuples in the server's column order (the ``*_COLUMNS`` below, the one
place that order is defined; :mod:`clipper.store.postgres.sync_queries` uses them too).
Times are ISO 8601 text in UTC with milliseconds (``2026-01-31T09:15:02.123Z``) on both
sides, so they compare as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from clipper.model import tag_uuid
from clipper.store.base import StoreBase
from clipper.store.clock import now

#: Server columns of each synced table, in the order rows travel (``deleted`` apart).
TAG_COLUMNS = ("uuid", "name", "label", "colour", "shortcut", "position", "builtin")
TAG_STAMP_COLUMNS = ("updated_at", "updated_by")
ARTICLE_METADATA = ("title", "outlet", "author", "published", "url", "language")
ARTICLE_COLUMNS = (
    "uuid",
    "title",
    "text",
    "length",
    "outlet",
    "author",
    "published",
    "url",
    "source_name",
    "source_kind",
    "language",
    "imported_at",
    "content_hash",
)
ARTICLE_STAMP_COLUMNS = ("metadata_updated_at", "metadata_updated_by")
ANNOTATION_COLUMNS = (
    "uuid",
    "article_uuid",
    "coder_uuid",
    "start",
    "end",
    "tag",
    "text",
    "note",
    "origin",
    "origin_detail",
    "status",
    "page",
    "created_at",
    "updated_at",
    "attributes",  # a JSON object (text here, jsonb on the server)
)
RELATION_COLUMNS = ("uuid", "from_uuid", "to_uuid", "type", "coder_uuid", "created_at")
ASSIGNMENT_COLUMNS = ("article_uuid", "coder_uuid", "assigned_by", "assigned_at", "done_at")
CODER_COLUMNS = ("uuid", "name")

Row = tuple[Any, ...]


def later_wins(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """THE conflict rule for what two people can both edit (an article's metadata, a tag):
    does edit ``a`` win over edit ``b``? Each is ``(edited_at, coder name)``: the later
    edit wins; at the same instant the coder name that sorts last wins."""
    return a > b


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the sync with one server stopped."""

    pushed_seq: int = 0
    pulled_version: int = 0
    pulled_xmin: int = 0
    synced_at: str | None = None
    known: bool = False


@dataclass(slots=True)
class LocalChanges:
    """What to push: rows as they are now, and tombstones (uuids of deleted rows)."""

    last_seq: int = 0
    tags: list[Row] = field(default_factory=list)
    tag_times: dict[str, str] = field(default_factory=dict)
    articles: list[Row] = field(default_factory=list)
    article_times: dict[str, str] = field(default_factory=dict)
    annotations: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)
    coders: list[Row] = field(default_factory=list)
    deleted: dict[str, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        rows = len(self.tags) + len(self.articles) + len(self.annotations) + len(self.relations)
        return rows + sum(len(v) for v in self.deleted.values())


@dataclass(slots=True)
class PulledRows:
    """What a pull brings (server rows, each with ``deleted`` last)."""

    coders: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)  # TAG_COLUMNS + stamps + deleted
    articles: list[Row] = field(default_factory=list)  # ARTICLE_COLUMNS + stamps + deleted
    annotations: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)
    assignments: list[Row] = field(default_factory=list)

    @property
    def count(self) -> int:
        return (
            len(self.tags)
            + len(self.articles)
            + len(self.annotations)
            + len(self.relations)
            + len(self.assignments)
        )


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two edits of the same article's metadata or tag: which was kept."""

    entity: str
    uuid: str
    name: str
    kept: str  # "local" or "server"
    local: tuple[str, str]
    server: tuple[str, str]

    def describe(self) -> str:
        other = "server" if self.kept == "local" else "local"
        return (
            f"{self.entity} {self.name!r} ({self.uuid}): kept the {self.kept} edit "
            f"({self._stamp(self.kept)}) over the {other} edit ({self._stamp(other)})"
        )

    def _stamp(self, side: str) -> str:
        at, by = self.local if side == "local" else self.server
        return f"{by or 'unknown'}, {at}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "uuid": self.uuid,
            "name": self.name,
            "kept": self.kept,
            "local": {"at": self.local[0], "by": self.local[1]},
            "server": {"at": self.server[0], "by": self.server[1]},
        }


@dataclass(slots=True)
class Applied:
    """What applying a pull changed locally."""

    rows: int = 0
    skipped: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    article_uuids: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Assignment:
    """An article assigned to a coder, with the coder's progress on it."""

    article_id: int | None
    article_uuid: str
    title: str
    coder: str
    assigned_by: str | None
    assigned_at: str | None
    done_at: str | None
    annotations: int


_ANNOTATIONS_SQL = (
    'SELECT n.uuid, a.uuid, c.uuid, n.start, n."end", n.tag, n.text, n.note, n.origin, '
    "n.origin_detail, n.status, n.page, n.created_at, n.updated_at, "
    "coalesce((SELECT json_group_object(x.key, x.value) FROM annotation_attributes x "
    "WHERE x.annotation_id = n.id), '{}') "
    "FROM annotations n JOIN articles a ON a.id = n.article_id "
    "JOIN coders c ON c.id = n.coder_id"
)
_RELATIONS_SQL = (
    "SELECT r.uuid, f.uuid, t.uuid, r.type, c.uuid, r.created_at FROM relations r "
    "JOIN annotations f ON f.id = r.from_id JOIN annotations t ON t.id = r.to_id "
    "JOIN coders c ON c.id = f.coder_id"
)
_TAGS_SQL = "SELECT uuid, name, label, colour, shortcut, position, builtin FROM tags"
_ARTICLES_SQL = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"
_IN_LIST = " WHERE {0}.uuid IN (SELECT value FROM json_each(?))"


class SyncStore(StoreBase):
    """Change log, cursors, applying pulled rows, assignments."""

    # -- cursors ----------------------------------------------------------------------------

    def sync_cursor(self, server: str) -> Cursor:
        row = self.db.execute(
            "SELECT pushed_seq, pulled_version, pulled_xmin, synced_at FROM sync_servers "
            "WHERE url = ?",
            [server],
        ).fetchone()
        if row is None:
            return Cursor()
        return Cursor(int(row[0]), int(row[1]), int(row[2]), row[3], known=True)

    def sync_servers(self) -> list[str]:
        return [str(r[0]) for r in self.db.execute("SELECT url FROM sync_servers ORDER BY url")]

    def record_push(self, server: str, seq: int, *, local_only: Sequence[str] = ()) -> None:
        """The server has every local change up to ``seq``; log rows every known server
        has are dropped, except edits of ``local_only`` entities (the login may not send
        them: they stay local, and meet the server's edits as conflicts)."""
        with self._write():
            self.db.execute(
                "INSERT INTO sync_servers (url, pushed_seq) VALUES (?, ?) ON CONFLICT (url) "
                "DO UPDATE SET pushed_seq = max(pushed_seq, excluded.pushed_seq)",
                [server, seq],
            )
            self.db.execute(
                "DELETE FROM sync_log WHERE seq <= (SELECT min(pushed_seq) FROM sync_servers) "
                "AND entity NOT IN (SELECT value FROM json_each(?))",
                [json.dumps(list(local_only))],
            )

    # -- push -------------------------------------------------------------------------------

    def local_changes(self, since_seq: int, *, everything: bool) -> LocalChanges:
        """Rows changed after ``since_seq`` (``everything``: every row, for a server that
        never had this database), read in one read transaction with the last seq."""
        conn = self.db.conn
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            return self._read_changes(since_seq, everything)
        finally:
            if own:
                conn.execute("COMMIT")

    def _read_changes(self, since_seq: int, everything: bool) -> LocalChanges:
        conn = self.db.conn
        last = conn.execute("SELECT coalesce(max(seq), 0) FROM sync_log").fetchone()[0]
        changes = LocalChanges(last_seq=max(int(last), since_seq))
        changed: dict[str, dict[str, str]] = {}
        for entity, uuid, at in conn.execute(
            "SELECT entity, uuid, max(changed_at) FROM sync_log WHERE seq > ? "
            "GROUP BY entity, uuid",
            [since_seq],
        ):
            changed.setdefault(entity, {})[uuid] = at
        for entity, sql, alias, target in (
            ("tag", _TAGS_SQL, "tags", changes.tags),
            ("article", _ARTICLES_SQL, "articles", changes.articles),
            ("annotation", _ANNOTATIONS_SQL, "n", changes.annotations),
            ("relation", _RELATIONS_SQL, "r", changes.relations),
        ):
            uuids = changed.get(entity, {})
            if everything:
                target.extend(conn.execute(sql))
            elif uuids:
                target.extend(conn.execute(sql + _IN_LIST.format(alias), [json.dumps(list(uuids))]))
            found = {row[0] for row in target}
            gone = [u for u in uuids if u not in found]
            if gone and not everything:
                changes.deleted[entity] = gone
        changes.tag_times = changed.get("tag", {})
        changes.article_times = changed.get("article", {})
        coders = {row[2] for row in changes.annotations} | {row[4] for row in changes.relations}
        if coders:
            changes.coders = list(
                conn.execute(
                    "SELECT uuid, name FROM coders WHERE uuid IN (SELECT value FROM json_each(?))",
                    [json.dumps(sorted(coders))],
                )
            )
        return changes

    def unpushed_edits(self, entity: str, since_seq: int) -> dict[str, str]:
        """Local edits of ``entity`` rows after ``since_seq``: uuid → when."""
        return {
            str(u): str(at)
            for u, at in self.db.execute(
                "SELECT uuid, max(changed_at) FROM sync_log WHERE entity = ? AND seq > ? "
                "GROUP BY uuid",
                [entity, since_seq],
            )
        }

    # -- pull -------------------------------------------------------------------------------

    @contextmanager
    def _applying(self) -> Iterator[None]:
        """One write transaction in which the change log records nothing."""
        with self._write(patient=True):
            self.db.execute("INSERT INTO sync_applying (busy) VALUES (1)")
            yield
            self.db.execute("DELETE FROM sync_applying")

    def apply_pull(
        self,
        server: str,
        rows: PulledRows,
        *,
        version: int,
        xmin: int,
        pushed_seq: int,
        me: str,
        local_only: Sequence[str] = (),
        checkpoint: Callable[[], object] | None = None,
    ) -> Applied:
        """Store what the server sent and the new pull cursor, in ONE transaction (all or
        nothing: an interrupted pull leaves the database and the cursor as they were).
        ``pushed_seq``: local edits after it are not on the server yet (conflicts);
        ``me``: this coder's name (the local side of a conflict); ``checkpoint`` is called
        before the commit (it may raise to roll everything back)."""
        applied = Applied()
        with self._applying():
            self._apply_coders(rows.coders)
            since = {e: 0 if e in local_only else pushed_seq for e in ("tag", "article")}
            self._apply_tags(rows.tags, since["tag"], me, applied)
            self._apply_articles(rows.articles, since["article"], me, applied)
            self._apply_annotations(rows.annotations, applied)
            self._apply_relations(rows.relations, applied)
            self._apply_assignments(rows.assignments, applied)
            self.db.execute(
                "INSERT INTO sync_servers (url, pushed_seq, pulled_version, pulled_xmin, "
                "synced_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "pulled_version = excluded.pulled_version, pulled_xmin = excluded.pulled_xmin, "
                "synced_at = excluded.synced_at",
                [server, pushed_seq, version, xmin, now()],
            )
            if checkpoint is not None:
                checkpoint()
        self._coder_ids.clear()
        return applied

    def _forget_edits(self, entity: str, uuid: str) -> None:
        """The server's version replaced a local edit: nothing of it is left to send."""
        self.db.execute("DELETE FROM sync_log WHERE entity = ? AND uuid = ?", [entity, uuid])

    def _apply_coders(self, coders: Sequence[Row]) -> None:
        self.db.conn.executemany(
            "INSERT INTO coders (uuid, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(uuid, name, now()) for uuid, name in coders],
        )

    def _apply_tags(self, tags: Sequence[Row], pushed_seq: int, me: str, out: Applied) -> None:
        if not tags:
            return
        edits = self.unpushed_edits("tag", pushed_seq)
        conn = self.db.conn
        for row in tags:
            uuid, name, label, colour, shortcut, position, builtin = row[:7]
            at, by, deleted = row[7], row[8], row[9]
            local = conn.execute("SELECT name FROM tags WHERE uuid = ?", [uuid]).fetchone()
            if uuid in edits and local is not None:
                mine, theirs = (edits[uuid], me), (at or "", by or "")
                kept = "local" if later_wins(mine, theirs) else "server"
                out.conflicts.append(Conflict("tag", uuid, name, kept, mine, theirs))
                if kept == "local":
                    continue
                self._forget_edits("tag", uuid)
            if deleted:
                in_use = conn.execute(
                    "SELECT 1 FROM annotations WHERE tag = (SELECT name FROM tags WHERE uuid = ?) "
                    "LIMIT 1",
                    [uuid],
                ).fetchone()
                if local is not None and in_use is None:
                    conn.execute("DELETE FROM tags WHERE uuid = ?", [uuid])
                    out.rows += 1
                continue
            clash = conn.execute(
                "SELECT 1 FROM tags WHERE name = ? AND uuid <> ?", [name, uuid]
            ).fetchone()
            if clash is not None or (
                shortcut
                and conn.execute(
                    "SELECT 1 FROM tags WHERE shortcut = ? AND uuid <> ?", [shortcut, uuid]
                ).fetchone()
            ):
                out.skipped += 1
                continue
            conn.execute(
                "INSERT INTO tags (uuid, name, label, colour, shortcut, position, builtin) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET "
                "name = excluded.name, label = excluded.label, colour = excluded.colour, "
                "shortcut = excluded.shortcut",
                [uuid, name, label, colour, shortcut, position, int(bool(builtin))],
            )
            out.rows += 1

    def _apply_articles(
        self, articles: Sequence[Row], pushed_seq: int, me: str, out: Applied
    ) -> None:
        if not articles:
            return
        edits = self.unpushed_edits("article", pushed_seq)
        conn = self.db.conn
        width = len(ARTICLE_COLUMNS)
        meta = ", ".join(f"{name} = ?" for name in ARTICLE_METADATA)
        meta_at = [ARTICLE_COLUMNS.index(name) for name in ARTICLE_METADATA]
        for row in articles:
            uuid = row[0]
            at, by, deleted = row[width], row[width + 1], row[width + 2]
            exists = conn.execute("SELECT 1 FROM articles WHERE uuid = ?", [uuid]).fetchone()
            if deleted:
                if exists is not None:
                    conn.execute("DELETE FROM articles WHERE uuid = ?", [uuid])
                    out.rows += 1
                    out.article_uuids.add(uuid)
                continue
            if exists is None:
                conn.execute(
                    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * width)})",
                    list(row[:width]),
                )
                out.rows += 1
                out.article_uuids.add(uuid)
                continue
            values = [row[i] for i in meta_at]
            same = conn.execute(
                f"SELECT 1 FROM articles WHERE uuid = ? AND "
                f"{' AND '.join(f'{n} IS ?' for n in ARTICLE_METADATA)}",
                [uuid, *values],
            ).fetchone()
            if same is not None:
                continue
            if uuid in edits:
                mine, theirs = (edits[uuid], me), (at or "", by or "")
                kept = "local" if later_wins(mine, theirs) else "server"
                out.conflicts.append(Conflict("article", uuid, str(row[1]), kept, mine, theirs))
                if kept == "local":
                    continue
                self._forget_edits("article", uuid)
            conn.execute(f"UPDATE articles SET {meta} WHERE uuid = ?", [*values, uuid])
            out.rows += 1
            out.article_uuids.add(uuid)

    def _apply_annotations(self, annotations: Sequence[Row], out: Applied) -> None:
        if not annotations:
            return
        conn = self.db.conn
        conn.execute("DROP TABLE IF EXISTS temp.pulled_annotations")
        conn.execute(
            "CREATE TEMP TABLE pulled_annotations (uuid TEXT PRIMARY KEY, article_uuid, "
            'coder_uuid, start, "end", tag, text, note, origin, origin_detail, status, page, '
            "created_at, updated_at, attributes, deleted)"
        )
        conn.executemany(
            f"INSERT OR REPLACE INTO temp.pulled_annotations VALUES ({', '.join('?' * 16)})",
            annotations,
        )
        out.article_uuids.update(
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT a.uuid FROM temp.pulled_annotations p "
                "JOIN articles a ON a.uuid = p.article_uuid"
            )
        )
        conn.execute(
            "DELETE FROM annotations WHERE uuid IN "
            "(SELECT uuid FROM temp.pulled_annotations WHERE deleted)"
        )
        # tags the server uses that this database lacks (their definitions come with tags)
        missing_tags = [
            str(r[0])
            for r in conn.execute(
                "SELECT DISTINCT p.tag FROM temp.pulled_annotations p WHERE NOT p.deleted "
                "AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.name = p.tag)"
            )
        ]
        conn.executemany(
            "INSERT INTO tags (name, label, colour, position, uuid) VALUES (?, ?, ?, "
            "(SELECT coalesce(max(position), 0) + 1 FROM tags), ?)",
            [(n, n.capitalize(), "#8e7dbe", tag_uuid(n)) for n in missing_tags],
        )
        conn.execute(
            'INSERT INTO annotations (uuid, article_id, coder_id, start, "end", tag, text, '
            "note, origin, origin_detail, status, page, created_at, updated_at) "
            'SELECT p.uuid, a.id, c.id, p.start, p."end", p.tag, p.text, p.note, p.origin, '
            "p.origin_detail, p.status, p.page, p.created_at, p.updated_at "
            "FROM temp.pulled_annotations p JOIN articles a ON a.uuid = p.article_uuid "
            "JOIN coders c ON c.uuid = p.coder_uuid WHERE NOT p.deleted AND NOT EXISTS ("
            "SELECT 1 FROM annotations s WHERE s.article_id = a.id AND s.start = p.start "
            'AND s."end" = p."end" AND s.tag = p.tag AND s.coder_id = c.id AND s.uuid <> p.uuid'
            ") ON CONFLICT (uuid) DO UPDATE SET tag = excluded.tag, note = excluded.note, "
            "origin = excluded.origin, origin_detail = excluded.origin_detail, "
            "status = excluded.status, updated_at = excluded.updated_at "
            "WHERE (tag, note, origin, coalesce(origin_detail, ''), status, updated_at) "
            "IS NOT (excluded.tag, excluded.note, excluded.origin, "
            "coalesce(excluded.origin_detail, ''), excluded.status, excluded.updated_at)"
        )
        conn.execute(
            "DELETE FROM annotation_attributes WHERE annotation_id IN (SELECT n.id FROM "
            "annotations n JOIN temp.pulled_annotations p ON p.uuid = n.uuid)"
        )
        conn.execute(
            "INSERT INTO annotation_attributes (annotation_id, key, value) "
            "SELECT n.id, j.key, j.value FROM temp.pulled_annotations p "
            "JOIN annotations n ON n.uuid = p.uuid, json_each(p.attributes) j "
            "WHERE NOT p.deleted AND j.type IN ('text', 'integer', 'real')"
        )
        missing = conn.execute(
            "SELECT count(*) FROM temp.pulled_annotations p WHERE NOT p.deleted AND "
            "NOT EXISTS (SELECT 1 FROM annotations n WHERE n.uuid = p.uuid)"
        ).fetchone()[0]
        out.skipped += int(missing)
        out.rows += len(annotations) - int(missing)
        conn.execute("DROP TABLE temp.pulled_annotations")

    def _apply_relations(self, relations: Sequence[Row], out: Applied) -> None:
        if not relations:
            return
        conn = self.db.conn
        gone = [(r[0],) for r in relations if r[-1]]
        conn.executemany("DELETE FROM relations WHERE uuid = ?", gone)
        kept = [r[:6] for r in relations if not r[-1]]
        cursor = conn.executemany(
            "INSERT INTO relations (uuid, from_id, to_id, type, created_at) "
            "SELECT ?1, f.id, t.id, ?4, ?6 FROM annotations f, annotations t "
            "WHERE f.uuid = ?2 AND t.uuid = ?3 AND ?5 IS NOT NULL ON CONFLICT DO NOTHING",
            kept,
        )
        stored = max(cursor.rowcount, 0)
        present = conn.execute(
            "SELECT count(*) FROM relations WHERE uuid IN (SELECT value FROM json_each(?))",
            [json.dumps([r[0] for r in kept])],
        ).fetchone()[0]
        out.rows += len(gone) + stored
        out.skipped += len(kept) - int(present)

    def _apply_assignments(self, assignments: Sequence[Row], out: Applied) -> None:
        if not assignments:
            return
        conn = self.db.conn
        conn.executemany(
            "DELETE FROM assignments WHERE article_uuid = ? AND coder_uuid = ?",
            [(r[0], r[1]) for r in assignments if r[-1]],
        )
        conn.executemany(
            "INSERT INTO assignments (article_uuid, coder_uuid, assigned_by, assigned_at, "
            "done_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_uuid, coder_uuid) DO UPDATE "
            "SET assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at, "
            "done_at = excluded.done_at",
            [r[:5] for r in assignments if not r[-1]],
        )
        out.rows += len(assignments)

    # -- assignments ------------------------------------------------------------------------

    def set_assignment_done(self, article_uuid: str, coder_uuid: str, done_at: str | None) -> None:
        """Note in the local copy what the server now says of one assignment (the next pull
        brings the same value; assignments are never sent)."""
        with self.db.conn:
            self.db.conn.execute(
                "UPDATE assignments SET done_at = ? WHERE article_uuid = ? AND coder_uuid = ?",
                (done_at, article_uuid, coder_uuid),
            )

    def list_assignments(self, coder: str | None = None) -> list[Assignment]:
        """Assignments pulled from the team server (``coder``: only that coder's), with
        how many annotations the coder made in each article."""
        rows = self.db.execute(
            "SELECT a.id, s.article_uuid, coalesce(a.title, '(not pulled yet)'), "
            "coalesce(c.name, s.coder_uuid), s.assigned_by, s.assigned_at, s.done_at, "
            "(SELECT count(*) FROM annotations n WHERE n.article_id = a.id "
            "AND n.coder_id = c.id) "
            "FROM assignments s LEFT JOIN articles a ON a.uuid = s.article_uuid "
            "LEFT JOIN coders c ON c.uuid = s.coder_uuid "
            "WHERE ?1 IS NULL OR c.name = ?1 ORDER BY s.assigned_at, a.title",
            [coder],
        )
        return [Assignment(*row) for row in rows]

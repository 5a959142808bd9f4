"""Annotations: spans of an article's text tagged by a coder (the ``annotations`` table)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from clipper.errors import ClipperError, DuplicateAnnotation, NotFound, UnknownTag
from clipper.fields import normalise_coder_name
from clipper.model import (
    DEFAULT_CODER,
    NO_ATTRIBUTES,
    ORIGINS,
    STATUSES,
    Annotation,
    AttributeValue,
    MergedAnnotation,
    new_uuid,
)
from clipper.quoting import quote
from clipper.spans import validate_span
from clipper.store.attributes import AttributeStore
from clipper.store.clock import now
from clipper.store.coders import CoderStore
from clipper.store.failures import database_error
from clipper.store.rows import positional_builder
from clipper.store.schema import UUID4_SQL

#: The stored columns of an annotation, as selected from ``annotations n`` (the coder as its
#: id; :func:`_row_to_annotation` names it and adds the attributes).
_ANNOTATION_FIELDS = (
    "id",
    "article_id",
    "start",
    "end",
    "tag",
    "text",
    "note",
    "created_at",
    "updated_at",
    "page",
    "uuid",
    "coder_id",
    "origin",
    "origin_detail",
    "status",
)
_ANNOTATION_COLUMNS = ", ".join(f'n."{c}"' for c in _ANNOTATION_FIELDS)
_MANUAL, _ACCEPTED, _PENDING = ORIGINS[0], STATUSES[1], STATUSES[0]
#: ``_ANNOTATION_COLUMNS`` for lists: NULL where a value is the usual one (shared in Python).
_LIST_COLUMNS = (
    _ANNOTATION_COLUMNS.replace('n."updated_at"', 'nullif(n."updated_at", n."created_at")')
    .replace('n."origin"', f"nullif(n.\"origin\", '{_MANUAL}')")
    .replace('n."status"', f"nullif(n.\"status\", '{_ACCEPTED}')")
)


#: ``Annotation(*values)``, about twice as fast (for rows as stored: no checks to skip).
_build_annotation = positional_builder(Annotation)
#: A listing this long leaves SQLite's page cache full of pages worth dropping.
_LONG_LIST = 10_000


def _row_to_annotation(
    row: Mapping[str, Any],
    coders: Mapping[int, str],
    attributes: Mapping[str, AttributeValue] = NO_ATTRIBUTES,
) -> Annotation:
    """An annotation from a row selected as ``_ANNOTATION_COLUMNS`` (by column name)."""
    fields = {name: row[name] for name in _ANNOTATION_FIELDS if name != "coder_id"}
    return Annotation(**fields, coder=coders[row["coder_id"]], attributes=attributes)


def _named(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """The rows of ``cursor`` as dicts by column name."""
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def _check_origin_status(origin: str, status: str) -> None:
    if origin not in ORIGINS:
        raise ClipperError(f"{origin!r} is not an origin (one of: {', '.join(ORIGINS)})")
    if status not in STATUSES:
        raise ClipperError(f"{status!r} is not a status (one of: {', '.join(STATUSES)})")


class AnnotationStore(AttributeStore, CoderStore):
    """Adding, reading, editing and deleting annotations."""

    def add_annotation(
        self,
        article_id: int,
        start: int,
        end: int,
        tag: str,
        note: str = "",
        *,
        coder: str | None = None,
        origin: str = "manual",
        origin_detail: str | None = None,
        status: str = "accepted",
        attributes: Mapping[str, AttributeValue] | None = None,
        uuid: str | None = None,
        unless_waiting: bool = False,
    ) -> Annotation:
        """Tag ``start..end`` (code points) of an article; its text is sliced from the article.

        ``coder`` is a coder's name (``None``: the default coder), added if new; ``uuid``
        keeps an identity made elsewhere (an imported annotation), else a new one is made.
        ``unless_waiting``: if a pending suggestion (any coder) has exactly this span and
        tag, nothing is added and that suggestion is returned as it is (status "pending");
        it is looked up in the same query as the article's length (no extra query).
        """
        if unless_waiting:
            row = self.db.execute(
                "SELECT length, (SELECT id FROM annotations WHERE status = ? "
                'AND article_id = articles.id AND start = ? AND "end" = ? AND tag = ? LIMIT 1) '
                "FROM articles WHERE id = ?",
                [_PENDING, start, end, tag, article_id],
            ).fetchone()
        else:
            row = self.db.execute(
                "SELECT length FROM articles WHERE id = ?", [article_id]
            ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id}")
        validate_span(int(row[0]), start, end)
        if unless_waiting and row[1] is not None:
            return self.get_annotation(int(row[1]))
        self._check_tag(tag)
        _check_origin_status(origin, status)
        if attributes:
            self._check_attributes(attributes)
        self._check_uuid_free(uuid)
        layout = self.get_layout(article_id)
        page = layout.first_page(start, end) if layout is not None else None
        stamp = now()
        try:
            with self._write():
                coder_id = self._coder_id(coder)
                stored: dict[str, Any] = {
                    "article_id": article_id,
                    "start": start,
                    "end": end,
                    "tag": tag,
                    "note": note,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "page": page,
                    "uuid": uuid or new_uuid(),
                    "coder_id": coder_id,
                    "origin": origin,
                    "origin_detail": origin_detail,
                    "status": status,
                }
                cursor = self.db.execute(
                    'INSERT INTO annotations (article_id, start, "end", tag, text, note, '
                    "created_at, updated_at, page, uuid, coder_id, origin, origin_detail, status) "
                    "SELECT id, ?, ?, ?, substr(text, ?, ?), ?, ?, ?, ?, ?, ?, ?, ?, ? "
                    "FROM articles WHERE id = ? RETURNING id, text",
                    [
                        start,
                        end,
                        tag,
                        start + 1,
                        end - start,
                        note,
                        stamp,
                        stamp,
                        page,
                        stored["uuid"],
                        coder_id,
                        origin,
                        origin_detail,
                        status,
                        article_id,
                    ],
                )
                # what SQLite made (the id and the sliced text) in the same statement; the
                # rest is what was written (no read-back query)
                returned = cursor.fetchall()
                if not returned:  # another program deleted the article just now
                    raise NotFound(f"there is no article {article_id}")
                stored["id"], stored["text"] = returned[0]
                if attributes:
                    self._write_attributes(stored["id"], attributes)
        except sqlite3.IntegrityError as exc:
            text = self.db.execute(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                [start + 1, end - start, article_id],
            ).fetchone()[0]
            raise self._duplicate(text, tag) from exc
        if attributes:  # as stored (read back: the checks may have normalised them)
            return self._get_annotation(stored["id"], read_attributes=True)
        coder_name = DEFAULT_CODER if coder is None else normalise_coder_name(coder)
        return _row_to_annotation(stored, {coder_id: coder_name})

    def _check_uuid_free(self, uuid: str | None) -> None:
        if uuid is not None and self._annotation_id_of(uuid) is not None:
            raise DuplicateAnnotation(f"an annotation with the identity {uuid} exists already")

    def _annotation_id_of(self, uuid: str) -> int | None:
        row = self.db.execute("SELECT id FROM annotations WHERE uuid = ?", [uuid]).fetchone()
        return None if row is None else int(row[0])

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation with its timestamps, identity, coder and attributes
        (used by undo), under its old id unless another annotation took that id meanwhile
        (then under a new one). Raises :class:`DuplicateAnnotation` if the span carries the
        tag (by the same coder) again already."""
        self._check_tag(annotation.tag)
        with self._write():
            return self.get_annotation(self._reinsert(annotation))

    def _reinsert(self, annotation: Annotation) -> int:
        """Insert a stored annotation again (call inside a write); returns its id."""
        coder_id = self._coder_id(annotation.coder)
        if self.db.execute(
            'SELECT 1 FROM annotations WHERE article_id = ? AND start = ? AND "end" = ? '
            "AND tag = ? AND coder_id = ?",
            [annotation.article_id, annotation.start, annotation.end, annotation.tag, coder_id],
        ).fetchone():
            raise self._duplicate(annotation.text, annotation.tag)
        self._check_uuid_free(annotation.uuid or None)
        row: dict[str, Any] = {
            name: getattr(annotation, name)
            for name in _ANNOTATION_FIELDS
            if name not in ("coder_id", "uuid")
        }
        row.update(uuid=annotation.uuid or new_uuid(), coder_id=coder_id)
        if self.db.execute("SELECT 1 FROM annotations WHERE id = ?", [annotation.id]).fetchone():
            del row["id"]  # row ids are reused: another program's annotation has this one
        columns = ", ".join(f'"{name}"' for name in row)
        cursor = self.db.execute(
            f"INSERT INTO annotations ({columns}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        new_id = annotation.id if "id" in row else int(cursor.lastrowid or 0)
        if annotation.attributes:
            self._write_attributes(new_id, annotation.attributes)
        return new_id

    def _duplicate(self, text: str, tag: str) -> DuplicateAnnotation:
        return DuplicateAnnotation(f"{quote(text)} is already tagged {self.get_tag(tag).label}")

    def _check_tag(self, tag: str) -> None:
        if self.db.execute("SELECT 1 FROM tags WHERE name = ?", [tag]).fetchone() is None:
            raise UnknownTag(f"unknown tag {tag!r}; known tags: {self._tag_names()}")

    def get_annotation(self, annotation_id: int) -> Annotation:
        return self._get_annotation(annotation_id, read_attributes=True)

    def _get_annotation(self, annotation_id: int, *, read_attributes: bool) -> Annotation:
        """One annotation with its coder's name (one query), and its attributes (a second
        one) if ``read_attributes`` (an annotation just added without any has none)."""
        cursor = self.db.execute(
            f"SELECT {_ANNOTATION_COLUMNS}, c.name AS coder FROM annotations n "
            "JOIN coders c ON c.id = n.coder_id WHERE n.id = ?",
            [annotation_id],
        )
        row = next(_named(cursor), None)
        if row is None:
            raise NotFound(f"there is no annotation {annotation_id}")
        attributes = self._attributes_of(annotation_id) if read_attributes else NO_ATTRIBUTES
        return _row_to_annotation(row, {row["coder_id"]: row["coder"]}, attributes)

    def _annotations_by_ids(self, ids: Iterable[int]) -> list[Annotation]:
        """The stored annotations among ``ids``, in id order (one query each for rows and
        attributes)."""
        where = "n.id IN (SELECT value FROM json_each(?))"
        params: list[Any] = [json.dumps(list(ids))]
        attributes = self._attributes_where(where, params)
        coders = self._coder_names()
        cursor = self.db.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations n WHERE {where} ORDER BY n.id", params
        )
        return [
            _row_to_annotation(row, coders, attributes.get(row["id"], NO_ATTRIBUTES))
            for row in _named(cursor)
        ]

    def list_annotations(
        self,
        article_id: int | None = None,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
        status: str | None = None,
    ) -> list[Annotation]:
        """Annotations in text order (by article, start, end), with coder and attributes;
        optionally only those of some tags and/or coders (by name), of one status."""
        listed = list(self.iter_annotations(article_id, tags=tags, coders=coders, status=status))
        if len(listed) >= _LONG_LIST:
            # The page cache now holds the listing's (and the article text's) pages: up to
            # 2 MB that are in Python objects already. Give them back (re-read cheaply from
            # the OS cache if needed).
            self.release_cache()
        return listed

    def iter_annotations(
        self,
        article_id: int | None = None,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
        status: str | None = None,
    ) -> Iterator[Annotation]:
        """:meth:`list_annotations` one at a time, as the rows arrive (constant memory for
        a long listing, apart from the attributes, read first). A bad article id is refused
        at once; an SQLite failure while iterating comes out as a DatabaseError."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            if not self.article_exists(article_id):
                raise NotFound(f"there is no article {article_id}")
            where.append("n.article_id = ?")
            params.append(article_id)
        if tags:
            where.append(f"n.tag IN ({', '.join('?' * len(tags))})")
            params.extend(tags)
        if coders:
            names = ", ".join("?" * len(coders))
            where.append(f"n.coder_id IN (SELECT id FROM coders WHERE name IN ({names}))")
            params.extend(coders)
        if status is not None:
            where.append("n.status = ?")
            params.append(status)
        condition = " AND ".join(where)
        if article_id is None:  # possibly millions: attributes read alongside the rows
            attributes_of = self._attributes_alongside(condition, params)
        else:
            attributes_of = self._attributes_where(condition, params).get
        coder_names = self._coder_names()
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM annotations n"
            + (f" WHERE {condition}" if condition else "")
            + ' ORDER BY n.article_id, n.start, n."end", n.id'
        )
        # SQLite hands out a new string object per value: let equal tags share one, and
        # updated_at, origin and status share the usual value (NULL from SQL when equal to
        # it) - ~6 MB less at 50,000. Positional arguments: in the order of the fields.
        tags_seen: dict[str, str] = {}
        tag_object = tags_seen.setdefault
        no_attributes = NO_ATTRIBUTES
        rows = self.db.execute(sql, params)
        return self._stream(
            _build_annotation(
                ident,
                article,
                start,
                end,
                tag_object(tag, tag),
                text,
                note,
                created,
                updated or created,
                page,
                uuid,
                coder_names[coder_id],
                origin or _MANUAL,
                detail,
                status or _ACCEPTED,
                attributes_of(ident, no_attributes),
            )
            for (
                ident,
                article,
                start,
                end,
                tag,
                text,
                note,
                created,
                updated,
                page,
                uuid,
                coder_id,
                origin,
                detail,
                status,
            ) in rows
        )

    def _attributes_alongside(
        self, condition: str, params: list[Any]
    ) -> Callable[[int, Mapping[str, AttributeValue]], Mapping[str, AttributeValue]]:
        """A lookup ``(id, default) -> attributes`` for annotations asked for in text order:
        it reads the attributes in that order too, one annotation ahead (constant memory)."""
        found = self._attributes_in_order(condition, list(params))
        ahead = next(found, None)

        def attributes_of(
            ident: int, default: Mapping[str, AttributeValue]
        ) -> Mapping[str, AttributeValue]:
            nonlocal ahead
            if ahead is None or ahead[0] != ident:
                return default
            attributes = ahead[1]
            ahead = next(found, None)
            return attributes

        return attributes_of

    def _stream(self, annotations: Iterator[Annotation]) -> Iterator[Annotation]:
        try:
            yield from annotations
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc

    def update_annotation(
        self,
        annotation_id: int,
        *,
        tag: str | None = None,
        note: str | None = None,
        status: str | None = None,
    ) -> Annotation:
        """Change an annotation's tag, note and/or status."""
        current = self.get_annotation(annotation_id)
        if tag is not None:
            self._check_tag(tag)
        if status is not None:
            _check_origin_status(current.origin, status)
        new_tag = current.tag if tag is None else tag
        new_note = current.note if note is None else note
        new_status = current.status if status is None else status
        if (new_tag, new_note, new_status) == (current.tag, current.note, current.status):
            return current
        try:
            with self._write():
                self.db.execute(
                    "UPDATE annotations SET tag = ?, note = ?, status = ?, updated_at = ? "
                    "WHERE id = ?",
                    [new_tag, new_note, new_status, now(), annotation_id],
                )
        except sqlite3.IntegrityError as exc:
            raise self._duplicate(current.text, new_tag) from exc
        return self.get_annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Remove an annotation (with its attributes and relations); returns what was
        removed (for undo)."""
        annotation = self.get_annotation(annotation_id)
        with self._write():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return annotation

    def delete_annotations(self, annotation_ids: Iterable[int]) -> list[Annotation]:
        """Remove several annotations in one transaction; returns those that were removed
        (ids that name no annotation are skipped)."""
        removed = self._annotations_by_ids(annotation_ids)
        with self._write():
            self.db.conn.executemany(
                "DELETE FROM annotations WHERE id = ?", [(a.id,) for a in removed]
            )
        return removed

    def get_annotations(self, annotation_ids: Iterable[int]) -> list[Annotation]:
        """The stored annotations among ``annotation_ids``, in id order (ids that name no
        annotation are skipped); two queries however many."""
        return self._annotations_by_ids(annotation_ids)

    def set_statuses(self, statuses: Mapping[int, str]) -> list[Annotation]:
        """Give annotations a status each (id → status), in one transaction; returns them
        as they are now. Ids that name no annotation are skipped."""
        for status in set(statuses.values()):
            _check_origin_status("manual", status)
        stamp = now()
        with self._write():
            self.db.conn.executemany(
                "UPDATE annotations SET status = ?, updated_at = ? WHERE id = ? AND status <> ?",
                [(status, stamp, i, status) for i, status in statuses.items()],
            )
        return self._annotations_by_ids(statuses)

    def count_annotations(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM annotations").fetchone()[0])

    def tag_counts(self, article_id: int | None = None) -> dict[str, int]:
        """How many annotations each tag has (in one article, or everywhere)."""
        sql = "SELECT tag, count(*) FROM annotations"
        params: list[Any] = []
        if article_id is not None:
            sql += " WHERE article_id = ?"
            params.append(article_id)
        return {tag: int(n) for tag, n in self.db.execute(sql + " GROUP BY tag", params)}

    # -- bulk (merge of an exported file) ----------------------------------------------------

    def insert_annotations_ignoring_duplicates(
        self, rows: Iterable[tuple[int, int, int, str, str, str, str, str, int | None]]
    ) -> int:
        """Insert ``(article_id, start, end, tag, text, note, created_at, updated_at, page)``
        rows for the default coder (each with a new identity), skipping exact duplicates;
        returns how many were added. Call inside :meth:`transaction`; the caller has
        validated the spans."""
        coder_id = self._coder_id(None)
        # rowcount: rows this statement inserted (total_changes would count trigger rows too)
        cursor = self.db.conn.executemany(
            'INSERT OR IGNORE INTO annotations (article_id, start, "end", tag, text, note, '
            f"created_at, updated_at, page, uuid, coder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            f"{UUID4_SQL}, {coder_id})",
            rows,
        )
        return max(cursor.rowcount, 0)

    def merge_annotations(
        self,
        article_id: int,
        rows: Sequence[MergedAnnotation],
    ) -> int:
        """Insert checked annotations of an exported file into an article: ``(start, end,
        tag, text, note, created_at, updated_at, page, uuid, coder, origin, origin_detail,
        status, attributes, relations)`` (``uuid``/``coder`` ``None``: a new identity, the
        default coder; ``relations`` are ignored here, see :meth:`merge_relations`).
        An annotation whose identity is stored already, or whose span carries the tag for
        the same coder already, is skipped. Returns how many were added. Call inside
        :meth:`transaction`."""
        coder_ids: dict[str | None, int] = {}
        for row in rows:
            if row[9] not in coder_ids:
                coder_ids[row[9]] = self._coder_id(row[9])
        # rowcount: rows this statement inserted (total_changes would count trigger rows too)
        cursor = self.db.conn.executemany(
            'INSERT OR IGNORE INTO annotations (article_id, start, "end", tag, text, note, '
            "created_at, updated_at, page, uuid, coder_id, origin, origin_detail, status) "
            f"VALUES ({article_id}, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, {UUID4_SQL}), ?, ?, ?, ?)",
            [(*r[:9], coder_ids[r[9]], *r[10:13]) for r in rows],
        )
        added = max(cursor.rowcount, 0)
        with_attributes = [r for r in rows if r[13] and r[8] is not None]
        if with_attributes and added:
            self._merge_attributes(article_id, with_attributes)
        return added

    def _merge_attributes(self, article_id: int, rows: Sequence[tuple[Any, ...]]) -> None:
        """The attributes of merged annotations, given to those that have none yet (just
        added; an annotation stored before with attributes keeps its own)."""
        created = {
            str(r[0]): int(r[1])
            for r in self.db.execute(
                "SELECT uuid, id FROM annotations WHERE article_id = ? AND uuid IN "
                "(SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM "
                "annotation_attributes a WHERE a.annotation_id = annotations.id)",
                [article_id, json.dumps([r[8] for r in rows])],
            )
        }
        values = [
            (created[r[8]], key, value)
            for r in rows
            if r[8] in created
            for key, value in r[13].items()
        ]
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO annotation_attributes (annotation_id, key, value) "
            "VALUES (?, ?, ?)",
            values,
        )

    def merge_relations(self, rows: Iterable[tuple[str, str, str, str | None]]) -> int:
        """Relations of a merged file: ``(type, from uuid, to uuid, relation uuid)``; those
        whose ends are not both stored, or that exist already, are skipped. Returns how many
        were added. Call inside :meth:`transaction`."""
        # rowcount: rows this statement inserted (total_changes would count trigger rows too)
        cursor = self.db.conn.executemany(
            "INSERT OR IGNORE INTO relations (uuid, from_id, to_id, type, created_at) "
            f"SELECT coalesce(?4, {UUID4_SQL}), f.id, t.id, ?1, ?5 FROM annotations f, "
            "annotations t WHERE f.uuid = ?2 AND t.uuid = ?3 AND f.id <> t.id",
            [(*r, now()) for r in rows],
        )
        return max(cursor.rowcount, 0)

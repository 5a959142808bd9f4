"""The Clipper database: every read and write of articles, annotations and tags.

One :class:`Store` wraps one SQLite connection (sqlite-utils). Each public method that
changes data commits before it returns, so nothing is lost if the program dies the next
moment. A connection belongs to the thread that opened it: a worker thread opens its own
``Store`` on the same file (WAL lets readers and one writer work side by side).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from clipper import open_databases
from clipper.errors import (
    ClipperError,
    DuplicateAnnotation,
    DuplicateArticle,
    NotFound,
    UnknownTag,
)
from clipper.layout import CharLayout
from clipper.model import (
    Annotation,
    Article,
    ArticleSummary,
    ImportedArticle,
    Tag,
    content_hash,
)
from clipper.spans import validate_span
from clipper.store.schema import MIGRATION_NAMES, migrations

_ARTICLE_COLUMNS = (
    "id, title, text, outlet, author, published, url, source_name, source_kind, "
    "language, imported_at, content_hash"
)
_ANNOTATION_COLUMNS = 'id, article_id, start, "end", tag, text, note, created_at, updated_at, page'
_EDITABLE_ARTICLE_FIELDS = frozenset({"title", "outlet", "author", "published", "url", "language"})


def now() -> str:
    """The current UTC time as ISO 8601 with milliseconds, e.g. ``2026-11-24T13:21:05.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Store:
    """A Clipper database file (or ``":memory:"``), migrated to the current schema."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            # No third-party sqlite-utils plugins: they could change our connection, and
            # scanning for them costs ~15 ms at start-up.
            self.db = Database(self.path, execute_plugins=False)
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise ClipperError(
                f"{self.path} is not a Clipper database (SQLite said: {exc}). "
                "Choose another file, or a new name to create a database."
            ) from exc
        self._layout_cache: dict[int, CharLayout | None] = {}
        open_databases.register(self.path)

    # -- connection ---------------------------------------------------------------------

    def _configure(self) -> None:
        conn = self.db.conn
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")

    def _migrate(self) -> None:
        applied = [m.name for m in migrations.applied(self.db)]
        unknown = [name for name in applied if name not in MIGRATION_NAMES]
        if unknown:
            raise ClipperError(
                f"{self.path} was written by a newer version of Clipper "
                f"(schema {', '.join(unknown)}). Update Clipper to open it."
            )
        if len(applied) < len(MIGRATION_NAMES):
            migrations.apply(self.db)
            self.db.conn.execute(f"PRAGMA user_version = {len(MIGRATION_NAMES)}")

    def schema_version(self) -> int:
        """How many schema migrations this database has (the current version: all)."""
        return len(migrations.applied(self.db))

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    def data_version(self) -> int:
        """Changes whenever *another* connection commits: cheap "did anything change?"."""
        return int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        open_databases.unregister(self.path)
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def bulk_writes(self) -> Iterator[Store]:
        """For large validated merges: a bigger page cache and no per-row foreign-key
        checks (the caller guarantees the references). Use outside a transaction."""
        conn = self.db.conn
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA cache_size = -65536")
        try:
            yield self
        finally:
            conn.execute("PRAGMA cache_size = -2000")
            conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several changes into one commit (all or nothing)."""
        with self.db.atomic():
            yield self

    # -- tags ----------------------------------------------------------------------------

    def list_tags(self) -> list[Tag]:
        rows = self.db.execute(
            "SELECT name, label, colour, shortcut, position, builtin FROM tags "
            "ORDER BY position, name"
        ).fetchall()
        return [Tag(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def get_tag(self, name: str) -> Tag:
        for tag in self.list_tags():
            if tag.name == name:
                return tag
        raise UnknownTag(f"unknown tag {name!r}; known tags: {self._tag_names()}")

    def _tag_names(self) -> str:
        return ", ".join(t.name for t in self.list_tags())

    def add_tag(
        self,
        name: str,
        label: str | None = None,
        colour: str = "#8e7dbe",
        shortcut: str | None = None,
    ) -> Tag:
        """Define a new tag. Names are lower-case words; shortcuts are single keys."""
        name = name.strip().lower()
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            raise ClipperError(f"a tag name must be a word (letters, digits, - or _): {name!r}")
        tags = self.list_tags()
        if any(t.name == name for t in tags):
            raise ClipperError(f"the tag {name!r} exists already")
        if shortcut is not None and any(t.shortcut == shortcut for t in tags):
            raise ClipperError(f"the key {shortcut!r} is already used by another tag")
        position = max((t.position for t in tags), default=0) + 1
        tag = Tag(name, label or name.capitalize(), colour, shortcut, position, False)
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO tags (name, label, colour, shortcut, position, builtin) "
                "VALUES (?, ?, ?, ?, ?, 0)",
                [tag.name, tag.label, tag.colour, tag.shortcut, tag.position],
            )
        return tag

    def update_tag(
        self,
        name: str,
        *,
        label: str | None = None,
        colour: str | None = None,
        shortcut: str | None = None,
    ) -> Tag:
        """Change a tag's label, colour or key (``shortcut=""`` removes the key)."""
        tag = self.get_tag(name)
        if shortcut:
            clash = [t for t in self.list_tags() if t.shortcut == shortcut and t.name != name]
            if clash:
                raise ClipperError(f"the key {shortcut!r} is already used by {clash[0].name!r}")
        new = Tag(
            tag.name,
            label if label is not None else tag.label,
            colour if colour is not None else tag.colour,
            (shortcut or None) if shortcut is not None else tag.shortcut,
            tag.position,
            tag.builtin,
        )
        with self.db.atomic():
            self.db.execute(
                "UPDATE tags SET label = ?, colour = ?, shortcut = ? WHERE name = ?",
                [new.label, new.colour, new.shortcut, name],
            )
        return new

    # -- articles -------------------------------------------------------------------------

    def find_article_by_hash(self, digest: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [digest]
        ).fetchone()
        return None if row is None else int(row[0])

    def add_article(self, imported: ImportedArticle, *, force: bool = False) -> Article:
        """Store an imported article (and its PDF layout) in one transaction.

        Raises :class:`DuplicateArticle` if the same text is stored already, unless ``force``.
        """
        text = imported.text
        if not text.strip():
            raise ClipperError("the article has no text")
        if "\x00" in text:
            raise ClipperError("the article text contains NUL characters (is it a binary file?)")
        digest = content_hash(text)
        existing = self.find_article_by_hash(digest)
        if existing is not None and not force:
            raise DuplicateArticle(
                f"{imported.source_name or 'this text'} is already in the database as "
                f"article {existing}; use --force to import it again",
                existing,
            )
        row = {
            "title": imported.title,
            "text": text,
            "length": len(text),
            "outlet": imported.outlet,
            "author": imported.author,
            "published": imported.published,
            "url": imported.url,
            "source_name": imported.source_name,
            "source_kind": imported.source_kind,
            "language": imported.language,
            "imported_at": now(),
            "content_hash": digest,
        }
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            article_id = int(cursor.lastrowid or 0)
            if imported.layout is not None:
                self.db.execute(
                    "INSERT INTO article_layouts (article_id, data) VALUES (?, ?)",
                    [article_id, imported.layout],
                )
        return self.get_article(article_id)

    def get_article(self, article_id: int) -> Article:
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id}")
        return Article(*row)

    def article_exists(self, article_id: int) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
            is not None
        )

    def update_article(self, article_id: int, **fields: str | None) -> Article:
        """Edit metadata (title, outlet, author, published, url, language). Text never changes."""
        bad = set(fields) - _EDITABLE_ARTICLE_FIELDS
        if bad:
            raise ClipperError(f"these article fields cannot be edited: {', '.join(sorted(bad))}")
        if "title" in fields and not (fields["title"] or "").strip():
            raise ClipperError("an article needs a title")
        self.get_article(article_id)
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            with self.db.atomic():
                self.db.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    [*fields.values(), article_id],
                )
        return self.get_article(article_id)

    def delete_article(self, article_id: int) -> None:
        """Remove an article with its annotations and layout."""
        self.get_article(article_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self._layout_cache.pop(article_id, None)

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def list_articles(
        self, *, search: str | None = None, tags: Sequence[str] | None = None
    ) -> list[ArticleSummary]:
        """The library: newest first, optionally full-text searched and filtered by tag."""
        where: list[str] = []
        params: list[Any] = []
        if search and search.strip():
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(self.db.quote_fts(search.strip()))
        if tags:
            where.append(
                "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id "
                f"AND n.tag IN ({', '.join('?' * len(tags))}))"
            )
            params.extend(tags)
        sql = (
            "SELECT a.id, a.title, a.outlet, a.author, a.published, a.source_kind, "
            "a.imported_at, a.length, (SELECT json_group_object(tag, n) FROM "
            "(SELECT tag, count(*) AS n FROM annotations WHERE article_id = a.id GROUP BY tag)) "
            "FROM articles a"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.imported_at DESC, a.id DESC"
        )
        return [
            ArticleSummary(
                id=row[0],
                title=row[1],
                outlet=row[2],
                author=row[3],
                published=row[4],
                source_kind=row[5],
                imported_at=row[6],
                length=row[7],
                counts=json.loads(row[8]) if row[8] else {},
            )
            for row in self.db.execute(sql, params)
        ]

    # -- layouts (PDF page mapping) -----------------------------------------------------------

    def get_layout(self, article_id: int) -> CharLayout | None:
        """The page layout of a PDF article (``None`` for other kinds). Cached."""
        if article_id not in self._layout_cache:
            row = self.db.execute(
                "SELECT data FROM article_layouts WHERE article_id = ?", [article_id]
            ).fetchone()
            if len(self._layout_cache) >= 4:
                self._layout_cache.pop(next(iter(self._layout_cache)))
            self._layout_cache[article_id] = None if row is None else CharLayout.from_bytes(row[0])
        return self._layout_cache[article_id]

    # -- annotations -------------------------------------------------------------------------

    def add_annotation(
        self, article_id: int, start: int, end: int, tag: str, note: str = ""
    ) -> Annotation:
        """Tag ``start..end`` (code points) of an article; its text is sliced from the article."""
        row = self.db.execute("SELECT length FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id}")
        validate_span(int(row[0]), start, end)
        self._check_tag(tag)
        layout = self.get_layout(article_id)
        page = layout.first_page(start, end) if layout is not None else None
        stamp = now()
        try:
            with self.db.atomic():
                cursor = self.db.execute(
                    'INSERT INTO annotations (article_id, start, "end", tag, text, note, '
                    "created_at, updated_at, page) "
                    "SELECT id, ?, ?, ?, substr(text, ?, ?), ?, ?, ?, ? FROM articles WHERE id = ?",
                    [start, end, tag, start + 1, end - start, note, stamp, stamp, page, article_id],
                )
        except sqlite3.IntegrityError as exc:
            raise DuplicateAnnotation(
                f"{start}..{end} of article {article_id} is already tagged {tag!r}"
            ) from exc
        return self.get_annotation(int(cursor.lastrowid or 0))

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted annotation with its id and timestamps (used by undo)."""
        self._check_tag(annotation.tag)
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO annotations ({_ANNOTATION_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    annotation.id,
                    annotation.article_id,
                    annotation.start,
                    annotation.end,
                    annotation.tag,
                    annotation.text,
                    annotation.note,
                    annotation.created_at,
                    annotation.updated_at,
                    annotation.page,
                ],
            )
        return self.get_annotation(annotation.id)

    def _check_tag(self, tag: str) -> None:
        if self.db.execute("SELECT 1 FROM tags WHERE name = ?", [tag]).fetchone() is None:
            raise UnknownTag(f"unknown tag {tag!r}; known tags: {self._tag_names()}")

    def get_annotation(self, annotation_id: int) -> Annotation:
        row = self.db.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", [annotation_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no annotation {annotation_id}")
        return Annotation(*row)

    def list_annotations(
        self, article_id: int | None = None, *, tags: Sequence[str] | None = None
    ) -> list[Annotation]:
        """Annotations in text order (by article, start, end)."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            if not self.article_exists(article_id):
                raise NotFound(f"there is no article {article_id}")
            where.append("article_id = ?")
            params.append(article_id)
        if tags:
            where.append(f"tag IN ({', '.join('?' * len(tags))})")
            params.extend(tags)
        sql = (
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations"
            + (" WHERE " + " AND ".join(where) if where else "")
            + ' ORDER BY article_id, start, "end", id'
        )
        # SQLite hands out a new string object per value: let equal tags share one, and
        # updated_at share created_at when equal (never edited) - ~6 MB less at 50,000.
        tags_seen: dict[str, str] = {}
        tag_object = tags_seen.setdefault
        return [
            Annotation(
                ident,
                article,
                start,
                end,
                tag_object(tag, tag),
                text,
                note,
                created,
                created if updated == created else updated,
                page,
            )
            for ident, article, start, end, tag, text, note, created, updated, page in (
                self.db.execute(sql, params)
            )
        ]

    def update_annotation(
        self, annotation_id: int, *, tag: str | None = None, note: str | None = None
    ) -> Annotation:
        """Change an annotation's tag and/or note."""
        current = self.get_annotation(annotation_id)
        if tag is not None:
            self._check_tag(tag)
        new_tag = current.tag if tag is None else tag
        new_note = current.note if note is None else note
        if (new_tag, new_note) == (current.tag, current.note):
            return current
        try:
            with self.db.atomic():
                self.db.execute(
                    "UPDATE annotations SET tag = ?, note = ?, updated_at = ? WHERE id = ?",
                    [new_tag, new_note, now(), annotation_id],
                )
        except sqlite3.IntegrityError as exc:
            raise DuplicateAnnotation(
                f"this span is already tagged {new_tag!r} in another annotation"
            ) from exc
        return self.get_annotation(annotation_id)

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Remove an annotation; returns what was removed (for undo)."""
        annotation = self.get_annotation(annotation_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        return annotation

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
        self, rows: Sequence[tuple[int, int, int, str, str, str, str, str, int | None]]
    ) -> int:
        """Insert ``(article_id, start, end, tag, text, note, created_at, updated_at, page)``
        rows, skipping exact duplicates; returns how many were added. Call inside
        :meth:`transaction`; the caller has validated the spans."""
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            'INSERT OR IGNORE INTO annotations (article_id, start, "end", tag, text, note, '
            "created_at, updated_at, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return self.db.conn.total_changes - before

"""The Clipper database: every read and write of articles, annotations and tags.

One :class:`Store` wraps one SQLite connection (sqlite-utils). Each public method that
changes data commits before it returns, so nothing is lost if the program dies the next
moment; writes start with ``BEGIN IMMEDIATE`` so that a busy database makes them wait
(never fail half-way). Opening looks at the file first (:mod:`.probe`) and writes
nothing to a file that is not Clipper's; a schema upgrade backs the old database up
first (:mod:`.backups`); SQLite's failures come out as messages (:mod:`.failures`).
A connection belongs to the thread that opened it: a worker thread opens its own
``Store`` on the same file (WAL lets readers and one writer work side by side).
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from clipper import open_databases
from clipper.errors import (
    ClipperError,
    DatabaseError,
    DuplicateArticle,
    NoDatabase,
    NotFound,
    UnknownTag,
)
from clipper.fields import ARTICLE_FIELDS, normalise_tag_name
from clipper.layout import CharLayout
from clipper.model import (
    Article,
    ArticleSummary,
    ImportedArticle,
    Tag,
    content_hash,
    new_uuid,
    tag_uuid,
)
from clipper.paths import printable
from clipper.store import library_queries
from clipper.store.adjudication import AdjudicationStore
from clipper.store.annotation_pages import AnnotationPageStore
from clipper.store.backups import backup_path, check_destination, copy_database
from clipper.store.base import ARTICLE_FIELDS as STORED_ARTICLE_FIELDS
from clipper.store.checks import check_new_tag, check_tag_fields, clean_article_fields
from clipper.store.clock import now
from clipper.store.corpus_queries import CorpusQueryStore
from clipper.store.failures import database_error, primary_code, retry_busy
from clipper.store.interop import InteropStore
from clipper.store.library_queries import LibraryQuery
from clipper.store.probe import Kind, probe, sqlite_uri
from clipper.store.review_queries import ReviewQueryStore
from clipper.store.schema import MIGRATION_NAMES, migrations
from clipper.store.settings import SettingsStore
from clipper.store.snapshots import SnapshotStore
from clipper.store.source_files import SourceFileStore
from clipper.store.suggestions import SuggestionStore
from clipper.store.sync import SyncStore
from clipper.store.tag_edits import TagEditStore
from clipper.store.team import TeamStore

_ARTICLE_COLUMNS = ", ".join(STORED_ARTICLE_FIELDS)
_EDITABLE_ARTICLE_FIELDS = frozenset(ARTICLE_FIELDS)


class Store(
    TagEditStore,
    SnapshotStore,
    InteropStore,
    TeamStore,
    AdjudicationStore,
    SettingsStore,
    SuggestionStore,
    ReviewQueryStore,
    AnnotationPageStore,
    SourceFileStore,
    CorpusQueryStore,
    SyncStore,
):
    """A Clipper database file (or ``":memory:"``), migrated to the current schema.

    ``create=False`` refuses a file that does not exist (:class:`NoDatabase`) instead of
    creating it. ``busy_timeout``: how long a write waits while another program writes
    (an interactive app wants a short wait, a command line a long one). Another program's
    SQLite file, a database from a newer Clipper and a damaged file are refused before
    anything is written. Every SQLite failure comes out as a
    :class:`~clipper.errors.DatabaseError` that says what to do.
    """

    def __init__(self, path: str | Path, *, create: bool = True, busy_timeout: float = 5.0) -> None:
        self.path = str(path)
        #: How long a write waits for another connection's write to finish (seconds).
        self.busy_timeout = busy_timeout
        #: True if this Store created the database file.
        self.created = False
        #: Where the database was backed up before a schema upgrade (if one ran).
        self.migration_backup: Path | None = None
        self.readonly = False
        self._layout_cache: dict[int, CharLayout | None] = {}
        self._coder_ids: dict[str, int] = {}
        if self.path == ":memory:":
            self.db = Database(self.path, execute_plugins=False)
            self._configure()
            self._migrate()
            return
        try:
            found = retry_busy(lambda: probe(self.path))
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc
        if found.kind is Kind.MISSING and not create:
            raise NoDatabase(f"no database at {self.path}", self.path)
        if found.kind is Kind.EMPTY and not create:
            raise NoDatabase(f"no database at {self.path} (the file is empty)", self.path)
        if found.kind is Kind.FOREIGN:
            raise DatabaseError(
                f"{self.path} is another program's SQLite database (tables: "
                f"{', '.join(found.tables[:5])}{', …' if len(found.tables) > 5 else ''}), "
                "not a Clipper database; it was not changed. Choose another file, or a new "
                "name to create a database."
            )
        self._refuse_newer(found.applied)
        folder = os.path.dirname(os.path.abspath(self.path))
        if found.kind is Kind.MISSING and os.path.isdir(folder) and not os.access(folder, os.W_OK):
            raise DatabaseError(
                f"cannot write {self.path}: its folder is read-only, so no database can be "
                "created there. Choose a folder you can write to."
            )
        self.readonly = found.kind is not Kind.MISSING and not (
            os.access(self.path, os.W_OK) and os.access(folder, os.W_OK)
        )
        try:
            retry_busy(self._open)
        except sqlite3.Error as exc:
            if self.readonly and primary_code(exc) in (8, 14):  # READONLY, CANTOPEN
                raise DatabaseError(
                    f"cannot open {self.path}: the file or its folder is read-only, and "
                    "SQLite needs to write its -wal and -shm files beside it even to read "
                    f"(SQLite said: {exc}). Make both writable, or copy the database to a "
                    "folder you can write to."
                ) from exc
            raise database_error(self.path, exc) from exc
        except OSError as exc:  # the backup before an upgrade could not be written
            raise DatabaseError(
                f"cannot back up {self.path} before upgrading it for this version of "
                f"Clipper: {exc.strerror or exc}. Nothing was changed; free some space "
                "beside the database and try again."
            ) from exc
        self.created = found.kind is Kind.MISSING
        open_databases.register(self.path)

    # -- connection ---------------------------------------------------------------------

    def _open(self) -> None:
        """Connect, configure and migrate (retried as a whole while others hold locks)."""
        params: dict[str, str] = {}
        if self.readonly:
            params["mode"] = "ro"
            if not os.path.exists(self.path + "-wal"):
                # Nobody writes it (a writer has a -wal file): read it without the -shm
                # file SQLite could not create in a read-only folder.
                params["immutable"] = "1"
        conn = sqlite3.connect(sqlite_uri(self.path, **params), uri=True, timeout=5)
        try:
            self.db = Database(conn, execute_plugins=False)
            self._configure()
            self._migrate()
        except BaseException:
            conn.close()
            raise

    def _configure(self) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        if self.path != ":memory:" and not self.readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")

    def _refuse_newer(self, applied: Sequence[str]) -> None:
        unknown = [name for name in applied if name not in MIGRATION_NAMES]
        if unknown:
            raise DatabaseError(
                f"{self.path} was written by a newer version of Clipper "
                f"(schema {', '.join(unknown)}); it was not changed. Update Clipper to open it."
            )

    def _migrate(self) -> None:
        """Apply missing migrations in one write transaction, after a backup of the old
        database (a new database needs none)."""
        applied = [m.name for m in migrations.applied(self.db)]
        self._refuse_newer(applied)
        if len(applied) == len(MIGRATION_NAMES):
            return
        if self.readonly:
            raise DatabaseError(
                f"cannot write {self.path}: it is read-only, and this version of Clipper "
                "must upgrade it first. Make the file and its folder writable, then try again."
            )
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")  # others wait; no two processes migrate at once
        try:
            applied = [m.name for m in migrations.applied(self.db)]
            self._refuse_newer(applied)
            if applied and len(applied) < len(MIGRATION_NAMES):
                self.migration_backup = self._backup_before_migration(len(applied))
            migrations.apply(self.db)
            conn.execute(f"PRAGMA user_version = {len(MIGRATION_NAMES)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _backup_before_migration(self, version: int) -> Path | None:
        """Copy the database as it is (read by a second connection while ours holds the
        write lock, so nobody changes it in between)."""
        if self.path == ":memory:":
            return None
        dest = backup_path(self.path, version=version)
        reader = sqlite3.connect(sqlite_uri(self.path), uri=True, timeout=5)
        try:
            copy_database(reader, dest)
        finally:
            reader.close()
        return dest

    def schema_version(self) -> int:
        """How many schema migrations this database has (the current version: all)."""
        return len(migrations.applied(self.db))

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    def data_version(self) -> int:
        """Changes whenever *another* connection commits: cheap "did anything change?"."""
        return int(self.db.conn.execute("PRAGMA data_version").fetchone()[0])

    def changes_made(self) -> int:
        """Rows this connection has inserted, updated or deleted since it opened."""
        return int(self.db.conn.total_changes)

    def close(self) -> None:
        open_databases.unregister(self.path)
        self.db.close()

    def interrupt(self) -> None:
        """Stop the statement running on this store's connection, if any (safe to call
        from another thread): it fails with an "interrupted" error."""
        self.db.conn.interrupt()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- backup and restore ---------------------------------------------------------------

    def backup(self, dest: str | Path | None = None) -> Path:
        """Copy the whole database, consistent even while others write, to ``dest``
        (default: a time-stamped file beside the database); returns where it went."""
        if dest is None:
            if self.path == ":memory:":
                raise ClipperError("an in-memory database needs a file name to back up to")
            target = backup_path(self.path)
        else:
            target = Path(dest)
        check_destination(self.path, target)
        try:
            copy_database(self.db.conn, target)
        except sqlite3.Error as exc:
            raise database_error(str(target), exc) from exc
        except OSError as exc:
            raise DatabaseError(
                f"cannot write the backup {target}: {exc.strerror or exc}; nothing was "
                "written. Choose another place for it."
            ) from exc
        return target

    def restore(self, source: str | Path) -> Path:
        """Replace this database's content with a backup's, after checking the backup
        (a Clipper database, not newer, ``integrity_check`` ok) and backing up the
        current content; returns that safety backup. Other connections see the restored
        content at once (SQLite's backup API writes through the normal locks)."""
        name = str(source)
        check_destination(self.path, Path(name))  # not the database itself
        try:
            found = probe(name)
            if found.kind is not Kind.CLIPPER:
                raise DatabaseError(
                    f"{name} is not a Clipper database backup; nothing was changed"
                    if found.kind is not Kind.MISSING
                    else f"there is no backup at {name}; nothing was changed"
                )
            unknown = [n for n in found.applied if n not in MIGRATION_NAMES]
            if unknown:
                raise DatabaseError(
                    f"{name} was written by a newer version of Clipper (schema "
                    f"{', '.join(unknown)}); update Clipper to restore it. Nothing was changed."
                )
            reader = sqlite3.connect(sqlite_uri(name, mode="ro"), uri=True, timeout=5)
            try:
                problems = [row[0] for row in reader.execute("PRAGMA integrity_check")]
                if problems != ["ok"]:
                    raise DatabaseError(
                        f"{name} is damaged ({problems[0]}); it was not restored and "
                        "nothing was changed. Choose another backup."
                    )
                safety = self.backup()
                retry_busy(lambda: reader.backup(self.db.conn))
            finally:
                reader.close()
        except sqlite3.Error as exc:
            raise database_error(name, exc) from exc
        self._layout_cache.clear()
        self._coder_ids.clear()
        self._migrate()
        return safety

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def _write(self, *, patient: bool = False, single_statement: bool = False) -> Iterator[None]:
        """One write: ``BEGIN IMMEDIATE`` (takes the write lock first, so a busy database
        waits for the busy timeout instead of failing at once; ``patient``: retries for up
        to a minute), or a savepoint inside a transaction. Commits at the end; rolls back
        on any error. ``single_statement``: the write is one SQL statement (atomic by
        itself), so inside a transaction it runs without a savepoint."""
        conn = self.db.conn
        if conn.in_transaction and single_statement:
            yield
            return
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        if patient:
            retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
        else:
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def release_cache(self) -> None:
        """Free SQLite's page cache (pages read so far; they are read again from the file,
        usually the OS cache, when next needed). Keeps the database as it is."""
        try:
            self.db.conn.execute("PRAGMA shrink_memory")
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc

    @contextmanager
    def bulk_writes(self) -> Iterator[Store]:
        """For large validated merges: a bigger page cache and no per-row foreign-key
        checks (the caller guarantees the references). Use outside a transaction."""
        conn = self.db.conn
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc
        try:
            yield self
        finally:
            conn.execute("PRAGMA cache_size = -2000")
            conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several changes into one commit (all or nothing). Waits (up to a minute)
        for another program's long write to finish before starting."""
        try:
            with self._write(patient=True):
                yield self
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc

    # -- tags ----------------------------------------------------------------------------

    def list_tags(self) -> list[Tag]:
        rows = self.db.execute(
            "SELECT name, label, colour, shortcut, position, builtin, uuid FROM tags "
            "ORDER BY position, name"
        ).fetchall()
        return [Tag(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]

    def get_tag(self, name: str) -> Tag:
        rows = self.db.execute(
            "SELECT name, label, colour, shortcut, position, builtin, uuid FROM tags "
            "WHERE name = ?",
            [name],
        ).fetchall()  # one row from the primary key (each tagging key press asks)
        for r in rows:
            return Tag(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6])
        raise UnknownTag(f"unknown tag {name!r}; known tags: {self._tag_names()}")

    def _tag_names(self) -> str:
        return ", ".join(t.name for t in self.list_tags())

    def add_tag(
        self,
        name: str,
        label: str | None = None,
        colour: str = "#8e7dbe",
        shortcut: str | None = None,
        *,
        carried: bool = False,
    ) -> Tag:
        """Define a new tag. Names are lower-case words; shortcuts are single keys.
        ``carried``: the name comes from a merged file and may be one older rules allowed
        (digits only)."""
        name = normalise_tag_name(name)
        label = label or name.capitalize()
        shortcut = shortcut or None
        tags = self.list_tags()
        check_new_tag(name, label, colour, shortcut, tags, carried=carried)
        position = max((t.position for t in tags), default=0) + 1
        tag = Tag(name, label, colour, shortcut, position, False, tag_uuid(name))
        with self._write():
            self.db.execute(
                "INSERT INTO tags (name, label, colour, shortcut, position, builtin, uuid) "
                "VALUES (?, ?, ?, ?, ?, 0, ?)",
                [tag.name, tag.label, tag.colour, tag.shortcut, tag.position, tag.uuid],
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
        check_tag_fields(name, label, colour, shortcut, self.list_tags())
        new = Tag(
            tag.name,
            label if label is not None else tag.label,
            colour if colour is not None else tag.colour,
            (shortcut or None) if shortcut is not None else tag.shortcut,
            tag.position,
            tag.builtin,
            tag.uuid,
        )
        with self._write():
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

    def add_article(
        self, imported: ImportedArticle, *, force: bool = False, uuid: str | None = None
    ) -> Article:
        """Store an imported article (and its PDF layout) in one transaction.

        Raises :class:`DuplicateArticle` if the same text is stored already, unless ``force``.
        ``uuid`` keeps an identity made elsewhere (a merged export) unless another article
        has it; else a new one is made.
        """
        text = printable(imported.text)
        if not text.strip():
            raise ClipperError("the article has no text")
        if "\x00" in text:
            raise ClipperError("the article text contains NUL characters (is it a binary file?)")
        meta = clean_article_fields({name: getattr(imported, name) for name in ARTICLE_FIELDS})
        digest = content_hash(text)
        existing = self.find_article_by_hash(digest)
        if existing is not None and not force:
            raise DuplicateArticle(
                f"{imported.source_name or 'this text'} is already in the database as "
                f"article {existing}",
                existing,
            )
        row = {
            **meta,
            "text": text,
            "length": len(text),
            "source_name": imported.source_name,
            "source_kind": imported.source_kind,
            "imported_at": now(),
            "content_hash": digest,
            "uuid": new_uuid() if uuid is None or self._article_uuid_taken(uuid) else uuid,
        }
        # A file name that is not UTF-8 (or a bad escape) cannot be stored as it is.
        row = {k: printable(v) if isinstance(v, str) else v for k, v in row.items()}
        # One INSERT is all or nothing by itself: inside a caller's transaction (a batch
        # import) it needs no savepoint of its own; a PDF's layout is a second one, so it has.
        single = imported.layout is None and imported.source_file is None
        with self._write(single_statement=single):
            cursor = self.db.execute(
                f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
                f"RETURNING {_ARTICLE_COLUMNS}",  # the stored row, without reading it back
                list(row.values()),
            )
            article = Article(**dict(zip(STORED_ARTICLE_FIELDS, cursor.fetchall()[0], strict=True)))
            if imported.layout is not None:
                self.db.execute(
                    "INSERT INTO article_layouts (article_id, data) VALUES (?, ?)",
                    [article.id, imported.layout],
                )
            if imported.source_file is not None:
                self._keep_source_file(
                    article.id,
                    imported.source_file,
                    str(row["source_name"] or "source.pdf"),
                    imported.source_sha256,
                    imported.warnings,
                )
        return article

    def _article_uuid_taken(self, uuid: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM articles WHERE uuid = ?", [uuid]).fetchone() is not None
        )

    def get_article(self, article_id: int) -> Article:
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id}")
        return Article(**dict(zip(STORED_ARTICLE_FIELDS, row, strict=True)))

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
        fields = clean_article_fields(fields)
        self.get_article(article_id)
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            with self._write():
                self.db.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    [*fields.values(), article_id],
                )
        return self.get_article(article_id)

    def delete_article(self, article_id: int) -> None:
        """Remove an article with its annotations and layout."""
        self.get_article(article_id)
        with self._write():
            self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        self._layout_cache.pop(article_id, None)

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def has_articles(self) -> bool:
        """Is there any article? (One row read: ``count_articles`` reads a whole index.)"""
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def list_articles(
        self, *, search: str | None = None, tags: Sequence[str] | None = None
    ) -> list[ArticleSummary]:
        """The library: newest first, optionally full-text searched and filtered by tag."""
        ids = self.library_ids(LibraryQuery(search=search, tags=tuple(tags or ())))
        return self.article_summaries(ids)

    def library_ids(self, query: LibraryQuery, *, limit: int | None = None) -> list[int]:
        """Ids of the articles the library shows for ``query``, in display order."""
        search = query.search.strip() if query.search else ""
        condition = self.search_condition(search) if search else None
        if condition is not None:  # symbols, unspaced scripts: substrings (trigram index)
            return library_queries.article_ids(self.db.conn, None, query, limit, condition)
        fts = self.db.quote_fts(search) if search else None
        if fts and fts.endswith('"') and not search.endswith('"'):
            fts += "*"  # searched as typed: the last word may be unfinished ("Scien")
        return library_queries.article_ids(self.db.conn, fts, query, limit)

    def article_summaries(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """Library rows (title, outlet, date, tag counts …) of ``ids``, in that order."""
        return library_queries.summaries(self.db.conn, ids)

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


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    """Let an SQLite failure inside a Store method come out as a DatabaseError."""

    @functools.wraps(method)
    def translated(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from exc

    return translated


# Every public method, including those of the parts Store is made of (one wrapper each).
for _name in {n for part in Store.__mro__[:-1] for n in vars(part)}:
    _member = getattr(Store, _name)
    if (
        not _name.startswith("_")
        and callable(_member)
        and not isinstance(vars(Store).get(_name), staticmethod)
        and _name not in {"transaction", "bulk_writes", "backup", "restore"}
    ):
        setattr(Store, _name, _translating(_member))

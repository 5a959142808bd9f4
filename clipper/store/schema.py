"""The database schema, defined once as an ordered list of migrations.

A database records the migrations applied to it (sqlite-utils' ``_sqlite_migrations``
table); opening an older database applies the missing ones in place. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from clipper.model import BUILTIN_TAGS

MIGRATION_SET = "clipper"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE tags (
            name TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            colour TEXT NOT NULL,
            shortcut TEXT,
            position INTEGER NOT NULL DEFAULT 0,
            builtin INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            length INTEGER NOT NULL,
            outlet TEXT,
            author TEXT,
            published TEXT,
            url TEXT,
            source_name TEXT,
            source_kind TEXT NOT NULL,
            language TEXT,
            imported_at TEXT NOT NULL,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles (content_hash);
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            tag TEXT NOT NULL REFERENCES tags (name) ON UPDATE CASCADE,
            text TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        -- Serves "annotations of article X in text order" and forbids exact duplicates.
        CREATE UNIQUE INDEX annotations_span ON annotations (article_id, start, "end", tag);
        CREATE INDEX annotations_tag ON annotations (tag);
        """
    )
    db.table("tags").insert_all(
        [
            {
                "name": t.name,
                "label": t.label,
                "colour": t.colour,
                "shortcut": t.shortcut,
                "position": t.position,
                "builtin": int(t.builtin),
            }
            for t in BUILTIN_TAGS
        ]
    )
    db.table("articles").enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61")


@migrations(name="0002_pdf_layout")
def _pdf_layout(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE article_layouts (
            article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            data BLOB NOT NULL
        );
        ALTER TABLE annotations ADD COLUMN page INTEGER;
        """
    )


@migrations(name="0004_library_indexes")
def _library_indexes(db: Database) -> None:
    """The library's orders without reading every article's text (issue 11): at 50,000
    articles a full scan reads the whole file. The expressions match
    :mod:`clipper.store.library_queries` exactly (SQLite uses an expression index only then).
    Numbered 0004: it follows 0003_core_v2."""
    db.executescript(
        """
        CREATE INDEX articles_by_import ON articles (imported_at, id);
        CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, imported_at);
        CREATE INDEX articles_by_outlet ON articles (
            coalesce(outlet, '') COLLATE NOCASE, imported_at
        );
        CREATE INDEX articles_by_date ON articles (
            coalesce(nullif(published, ''), ' ' || imported_at) COLLATE NOCASE, imported_at
        );
        """
    )


MIGRATION_NAMES: tuple[str, ...] = tuple(m.name for m in migrations._migrations)
SCHEMA_VERSION = len(MIGRATION_NAMES)

"""The database schema, defined once as an ordered list of migrations.

A database records the migrations applied to it (sqlite-utils' ``_sqlite_migrations``
table); opening an older database applies the missing ones in place. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from clipper.model import BUILTIN_TAGS, DEFAULT_CODER, coder_uuid, tag_uuid

MIGRATION_SET = "clipper"


def _run(db: Database, script: str) -> None:
    """Run ``;``-separated statements inside the upgrade's transaction (``executescript``
    would commit it first). Statements here hold no ``;`` inside them."""
    for statement in script.split(";"):
        if statement.strip() and not all(
            line.strip().startswith("--") or not line.strip() for line in statement.splitlines()
        ):
            db.execute(statement)


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
    _run(
        db,
        """
        CREATE TABLE article_layouts (
            article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            data BLOB NOT NULL
        );
        ALTER TABLE annotations ADD COLUMN page INTEGER;
        """,
    )


#: SQL giving a new random (version 4) UUID in the usual text form, one per row.
UUID4_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


@migrations(name="0003_core_v2")
def _core_v2(db: Database) -> None:
    """Identity (UUIDs), coders, origin and status, attributes and relations; indexes for
    the library's sort orders.

    Annotations are rebuilt (ids kept) for their new columns and a unique span index that
    includes the coder; every existing annotation goes to the coder ``default``.
    """
    # A new column on articles, filled without re-indexing every text for full-text search
    # (the update trigger would delete and re-add each one): the trigger is put back after.
    trigger = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_au'"
    ).fetchone()
    db.execute("ALTER TABLE articles ADD COLUMN uuid TEXT NOT NULL DEFAULT ''")
    if trigger is not None:
        db.execute("DROP TRIGGER articles_au")
    db.execute(f"UPDATE articles SET uuid = {UUID4_SQL}")
    if trigger is not None:
        db.execute(trigger[0])
    db.execute("CREATE UNIQUE INDEX articles_uuid ON articles (uuid)")

    db.execute("ALTER TABLE tags ADD COLUMN uuid TEXT NOT NULL DEFAULT ''")
    names = [row[0] for row in db.execute("SELECT name FROM tags")]
    db.conn.executemany(
        "UPDATE tags SET uuid = ? WHERE name = ?", [(tag_uuid(n), n) for n in names]
    )
    db.execute("CREATE UNIQUE INDEX tags_uuid ON tags (uuid)")

    _run(
        db,
        """
        CREATE TABLE coders (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        ALTER TABLE annotations RENAME TO annotations_v2;
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            tag TEXT NOT NULL REFERENCES tags (name) ON UPDATE CASCADE,
            text TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            coder_id INTEGER NOT NULL REFERENCES coders (id),
            origin TEXT NOT NULL DEFAULT 'manual'
                CHECK (origin IN ('manual', 'imported', 'suggested')),
            origin_detail TEXT,
            status TEXT NOT NULL DEFAULT 'accepted'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            page INTEGER,
            CHECK (start >= 0 AND "end" > start)
        );
        """,
    )
    db.execute(
        "INSERT INTO coders (id, uuid, name, created_at) VALUES (1, ?, ?, "
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        [coder_uuid(DEFAULT_CODER), DEFAULT_CODER],
    )
    db.execute(
        'INSERT INTO annotations (id, uuid, article_id, start, "end", tag, text, note, '
        "coder_id, created_at, updated_at, page) "
        f'SELECT id, {UUID4_SQL}, article_id, start, "end", tag, text, note, 1, created_at, '
        "updated_at, page FROM annotations_v2 ORDER BY id"
    )
    _run(
        db,
        """
        DROP TABLE annotations_v2;
        -- Serves "annotations of article X in text order" and forbids exact duplicates
        -- (two coders may tag the same span).
        CREATE UNIQUE INDEX annotations_span
            ON annotations (article_id, start, "end", tag, coder_id);
        CREATE INDEX annotations_tag ON annotations (tag);
        CREATE TABLE annotation_attributes (
            annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value NOT NULL CHECK (typeof(value) IN ('text', 'integer', 'real')),
            PRIMARY KEY (annotation_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE relations (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            from_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            to_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (from_id, to_id, type),
            CHECK (from_id <> to_id)
        );
        CREATE INDEX relations_to ON relations (to_id);
        -- The library's sort orders without reading every article's text (at 50,000
        -- articles a full scan reads the whole file). The expressions match
        -- clipper.store.library_queries exactly (SQLite uses an expression index only then).
        CREATE INDEX articles_by_import ON articles (imported_at, id);
        CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, imported_at);
        CREATE INDEX articles_by_outlet ON articles (
            coalesce(outlet, '') COLLATE NOCASE, imported_at
        );
        CREATE INDEX articles_by_date ON articles (
            coalesce(nullif(published, ''), ' ' || imported_at) COLLATE NOCASE, imported_at
        );
        """,
    )


@migrations(name="0004_corpus_search")
def _corpus_search(db: Database) -> None:
    """A second full-text index of the article texts, by trigrams: finds any substring of
    3 characters or more (symbols such as "£", "€" and "%", Chinese and Japanese, parts of
    words) where the word index (``articles_fts``, unicode61) drops symbols and cannot split
    unspaced scripts. It reads the texts from ``articles`` (external content: the text is
    not stored twice); triggers keep it in step (texts never change after import, so a
    metadata edit costs nothing). Triggers hold ``;``: each is one statement here. Also an
    index for listing annotations of one status in text order."""
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_trigram USING fts5 "
        "(text, content='articles', content_rowid='id', tokenize='trigram')"
    )
    remove = "INSERT INTO articles_trigram (articles_trigram, rowid, text) "
    remove += "VALUES ('delete', old.id, old.text);"
    add = "INSERT INTO articles_trigram (rowid, text) VALUES (new.id, new.text);"
    for name, event, body in (
        ("articles_trigram_ai", "INSERT", add),
        ("articles_trigram_ad", "DELETE", remove),
        ("articles_trigram_au", "UPDATE OF text", remove + " " + add),
    ):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON articles BEGIN {body} END"
        )
    db.execute("INSERT INTO articles_trigram (articles_trigram) VALUES ('rebuild')")
    # The corpus browser's default listing (accepted annotations in text order) read from
    # the index alone, without a sort.
    db.execute(
        "CREATE INDEX IF NOT EXISTS annotations_status_span "
        'ON annotations (status, article_id, start, "end", tag, coder_id)'
    )


@migrations(name="0006_fetched_pages")
def _fetched_pages(db: Database) -> None:
    """Provenance of URL clippings: the page as fetched (HTML zlib-compressed)."""
    _run(
        db,
        """
        CREATE TABLE IF NOT EXISTS fetched_pages (
            article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            requested_url TEXT NOT NULL,
            final_url TEXT NOT NULL,
            status INTEGER NOT NULL,
            -- JSON list of {"url", "status"}: each hop before the final address
            redirects TEXT NOT NULL DEFAULT '[]',
            fetched_at TEXT NOT NULL,
            content_type TEXT,
            charset TEXT,
            html BLOB NOT NULL,
            html_bytes INTEGER NOT NULL,
            html_sha256 TEXT NOT NULL
        )
        """,
    )


@migrations(name="0007_datasette_views")
def _datasette_views(db: Database) -> None:
    """Readable SQL views for Datasette and other SQLite tools: every annotation with its
    article, tag and coder (``annotations_with_articles``), quotes with their speaker
    (``quotes_with_speakers``: the ``speaker`` attribute, else the text of the person a
    ``said_by`` relation points at) and figures with their ``value`` and ``unit``
    attributes (``figures_with_values``). Every status is included (filter on ``status``)."""
    _run(
        db,
        """
        CREATE VIEW IF NOT EXISTS annotations_with_articles AS
        SELECT
            n.id AS annotation_id,
            n.uuid AS annotation_uuid,
            n.article_id AS article_id,
            a.title AS article_title,
            a.outlet AS outlet,
            a.author AS author,
            a.published AS published,
            a.url AS url,
            n.tag AS tag,
            t.label AS tag_label,
            n.start AS start,
            n."end" AS "end",
            n.text AS text,
            n.note AS note,
            c.name AS coder,
            n.status AS status,
            n.origin AS origin,
            n.origin_detail AS origin_detail,
            n.page AS page,
            n.created_at AS created_at,
            n.updated_at AS updated_at,
            (SELECT json_group_object(x.key, x.value) FROM annotation_attributes x
             WHERE x.annotation_id = n.id) AS attributes
        FROM annotations n
        JOIN articles a ON a.id = n.article_id
        JOIN coders c ON c.id = n.coder_id
        LEFT JOIN tags t ON t.name = n.tag;

        CREATE VIEW IF NOT EXISTS quotes_with_speakers AS
        SELECT
            n.id AS annotation_id,
            n.article_id AS article_id,
            a.title AS article_title,
            a.outlet AS outlet,
            a.published AS published,
            n.text AS quote,
            coalesce(
                (SELECT x.value FROM annotation_attributes x
                 WHERE x.annotation_id = n.id AND x.key = 'speaker'),
                (SELECT p.text FROM relations r JOIN annotations p ON p.id = r.to_id
                 WHERE r.from_id = n.id AND r.type = 'said_by' ORDER BY r.id LIMIT 1)
            ) AS speaker,
            (SELECT r.to_id FROM relations r
             WHERE r.from_id = n.id AND r.type = 'said_by' ORDER BY r.id LIMIT 1)
                AS speaker_annotation_id,
            n.note AS note,
            c.name AS coder,
            n.status AS status,
            n.start AS start,
            n."end" AS "end"
        FROM annotations n
        JOIN articles a ON a.id = n.article_id
        JOIN coders c ON c.id = n.coder_id
        WHERE n.tag = 'quote';

        CREATE VIEW IF NOT EXISTS figures_with_values AS
        SELECT
            n.id AS annotation_id,
            n.article_id AS article_id,
            a.title AS article_title,
            a.outlet AS outlet,
            a.published AS published,
            n.text AS figure,
            (SELECT x.value FROM annotation_attributes x
             WHERE x.annotation_id = n.id AND x.key = 'value') AS value,
            (SELECT x.value FROM annotation_attributes x
             WHERE x.annotation_id = n.id AND x.key = 'unit') AS unit,
            n.note AS note,
            c.name AS coder,
            n.status AS status,
            n.start AS start,
            n."end" AS "end"
        FROM annotations n
        JOIN articles a ON a.id = n.article_id
        JOIN coders c ON c.id = n.coder_id
        WHERE n.tag = 'figure'
        """,
    )


@migrations(name="0008_adjudication")
def _adjudication(db: Database) -> None:
    """Adjudication: each decision about a unit of disagreement (which coders' versions
    the gold coder adopted, and the gold annotations it made), and progress per article.
    Rows name the article by uuid, with no foreign key: deleting an article leaves them
    (harmless: a decision's key names the annotations it was about), so undoing the
    deletion brings the article back with its adjudication."""
    _run(
        db,
        """
        CREATE TABLE IF NOT EXISTS adjudication_decisions (
            article_uuid TEXT NOT NULL,
            gold_coder TEXT NOT NULL,
            -- clipper.adjudication.Unit.key: a hash of the unit's annotations
            unit_key TEXT NOT NULL,
            -- JSON list of the coders whose versions were adopted ([]: neither)
            adopted TEXT NOT NULL,
            -- JSON object: a coder's annotation uuid -> the gold annotation's uuid
            copies TEXT NOT NULL,
            -- JSON list of the gold annotations' uuids this decision made
            created TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (article_uuid, gold_coder, unit_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS adjudication_progress (
            article_uuid TEXT NOT NULL,
            gold_coder TEXT NOT NULL,
            -- the coders compared, comma-separated
            coders TEXT NOT NULL,
            decided INTEGER NOT NULL,
            total INTEGER NOT NULL,
            -- when every unit was decided (NULL: still to do)
            done_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (article_uuid, gold_coder)
        ) WITHOUT ROWID
        """,
    )


@migrations(name="0009_source_files")
def _source_files(db: Database) -> None:
    _run(
        db,
        """
        -- The imported PDF itself (the page view renders it without the original file).
        CREATE TABLE IF NOT EXISTS source_files (
            article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            -- what the importer warned about (one warning a line), shown with the pages
            warnings TEXT NOT NULL DEFAULT '',
            data BLOB NOT NULL
        )
        """,
    )


@migrations(name="0010_settings")
def _settings(db: Database) -> None:
    """Per-database settings (the rating scale, the fact-checking organisation)."""
    _run(db, "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


#: The tables whose changes a team server sync sends, the entity each row is, and the
#: columns whose change counts (``None``: any change). Annotation attributes travel with
#: their annotation.
_SYNCED_TABLES = (
    ("tags", "tag", None),
    ("articles", "article", "title, outlet, author, published, url, language"),
    ("annotations", "annotation", None),
    ("relations", "relation", None),
)


@migrations(name="0011_sync")
def _sync(db: Database) -> None:
    """Team server sync (:mod:`clipper.store.sync`): a log of local changes filled by
    triggers, per-server cursors, and a copy of the server's assignments.

    ``sync_log`` is append-only (an ``INSERT OR IGNORE`` elsewhere cannot turn a trigger's
    insert into a no-op): one row per change of a tag, an article's metadata, an annotation
    (its attributes too) or a relation, naming the row by entity and uuid. A pull writes
    with a row in ``sync_applying`` (inserted and deleted inside its own transaction, so no
    other connection ever sees it): the triggers record nothing then, so what came from
    the server is not sent back as a local change."""
    _run(
        db,
        """
        CREATE TABLE IF NOT EXISTS sync_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL,
            uuid TEXT NOT NULL,
            changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX IF NOT EXISTS sync_log_entity ON sync_log (entity, uuid);
        CREATE TABLE IF NOT EXISTS sync_applying (busy INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sync_servers (
            -- the server's address without its password
            url TEXT PRIMARY KEY,
            -- the last local change (sync_log.seq) the server has
            pushed_seq INTEGER NOT NULL DEFAULT 0,
            -- the server versions pulled so far, and the oldest server transaction that
            -- was still running then (its rows are read again next time)
            pulled_version INTEGER NOT NULL DEFAULT 0,
            pulled_xmin INTEGER NOT NULL DEFAULT 0,
            synced_at TEXT
        );
        CREATE TABLE IF NOT EXISTS assignments (
            article_uuid TEXT NOT NULL,
            coder_uuid TEXT NOT NULL,
            assigned_by TEXT,
            assigned_at TEXT,
            done_at TEXT,
            PRIMARY KEY (article_uuid, coder_uuid)
        ) WITHOUT ROWID
        """,
    )
    quiet = "WHEN NOT EXISTS (SELECT 1 FROM sync_applying)"
    for table, entity, columns in _SYNCED_TABLES:
        update = f"UPDATE OF {columns}" if columns else "UPDATE"
        for suffix, event, row in (
            ("ai", "INSERT", "new"),
            ("au", update, "new"),
            ("ad", "DELETE", "old"),
        ):
            if table == "relations" and suffix == "au":
                continue  # relations are never edited
            db.execute(
                f"CREATE TRIGGER IF NOT EXISTS sync_{table}_{suffix} AFTER {event} ON {table} "
                f"{quiet} BEGIN INSERT INTO sync_log (entity, uuid) "
                f"VALUES ('{entity}', {row}.uuid); END"
            )
    for suffix, event, row in (
        ("ai", "INSERT", "new"),
        ("au", "UPDATE", "new"),
        ("ad", "DELETE", "old"),
    ):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS sync_attributes_{suffix} AFTER {event} "
            f"ON annotation_attributes {quiet} BEGIN INSERT INTO sync_log (entity, uuid) "
            f"SELECT 'annotation', uuid FROM annotations WHERE id = {row}.annotation_id; END"
        )


@migrations(name="0012_corpusperf")
def _corpusperf(db: Database) -> None:
    """Indexes that serve the corpus statistics from the index alone (no read of each
    annotation's or article's row): counts per tag and per coder of one status; each
    article's outlet and date of publication (the article's row holds its text before
    them); attributes by key (a figure's unit, a quote's speaker, a claim's rating)."""
    _run(
        db,
        """
        CREATE INDEX IF NOT EXISTS annotations_status_tag
            ON annotations (status, tag, coder_id);
        CREATE INDEX IF NOT EXISTS articles_outlet_date ON articles (id, outlet, published);
        CREATE INDEX IF NOT EXISTS annotation_attributes_key
            ON annotation_attributes (key, value)
        """,
    )
    # A database analysed before (sqlite_stat1) but not since would leave SQLite no
    # figures for these indexes, and it would take them for better than they are (seen:
    # the browser's listing in text order read through annotations_status_tag and sorted).
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        for index in (
            "annotations_status_tag",
            "articles_outlet_date",
            "annotation_attributes_key",
        ):
            db.execute(f"ANALYZE {index}")


MIGRATION_NAMES: tuple[str, ...] = tuple(m.name for m in migrations._migrations)
SCHEMA_VERSION = len(MIGRATION_NAMES)

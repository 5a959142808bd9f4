"""Look at a database file before writing anything to it (read-only, through SQLite).

Clipper refuses another program's SQLite file *unchanged*, so what a file is must be
known before the first write (switching to WAL, creating tables). The look never uses
``open()`` on the file: only SQLite, whose locks survive other connections closing.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote

from clipper.errors import DatabaseError
from clipper.store.schema import MIGRATION_SET


class Kind(Enum):
    MISSING = "missing"  # no file: a new database may be created
    EMPTY = "empty"  # a file with no tables (e.g. 0 bytes): made a Clipper database
    CLIPPER = "clipper"  # has Clipper's migration record
    FOREIGN = "foreign"  # has tables but no Clipper migration record: never touched


@dataclass(frozen=True, slots=True)
class Probe:
    kind: Kind
    applied: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()


def sqlite_uri(path: str, **params: str) -> str:
    """A ``file:`` URI for ``path`` (any bytes in the name; ``?``/``#`` escaped)."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(os.fsencode(path))}" + (f"?{query}" if query else "")


def probe(path: str) -> Probe:
    """What the file at ``path`` is. Raises :class:`sqlite3.Error` for a file SQLite
    cannot read (not a database, damaged) and :class:`DatabaseError` for a folder, a
    FIFO or a device."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Probe(Kind.MISSING)
    if stat.S_ISDIR(info.st_mode):
        raise DatabaseError(f"{path} is a folder; give the name of a database file")
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseError(f"{path} is not a regular file (a pipe or a device?)")
    if info.st_size == 0:
        return Probe(Kind.EMPTY)
    # Without a -wal or -journal file nobody is writing it: read it as immutable, which
    # takes no locks and creates no -wal/-shm files beside another program's database.
    quiet = not any(os.path.exists(path + suffix) for suffix in ("-wal", "-journal"))
    params = {"mode": "ro", **({"immutable": "1"} if quiet else {})}
    conn = sqlite3.connect(sqlite_uri(path, **params), uri=True, timeout=5)
    try:
        tables = tuple(
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        if not tables:
            return Probe(Kind.EMPTY)
        applied: tuple[str, ...] = ()
        if "_sqlite_migrations" in tables:
            applied = tuple(
                row[0]
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                    [MIGRATION_SET],
                )
            )
        return Probe(Kind.CLIPPER if applied else Kind.FOREIGN, applied, tables)
    finally:
        conn.close()

"""Online copies of a database with SQLite's backup API (never a file copy).

A backup is a complete, consistent SQLite database, taken while others may be writing;
its name says when it was taken: ``clipper.db.backup-20261201T185012.db`` on demand,
``clipper.db.backup-v1-20261201T185012.db`` before a schema upgrade from version 1.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from clipper.errors import InvalidValue
from clipper.open_databases import refuse_open_database
from clipper.store.probe import sqlite_uri


def backup_path(db_path: str | Path, *, version: int | None = None) -> Path:
    """A new file name beside the database for a backup taken now."""
    db = Path(db_path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    label = f"v{version}-{stamp}" if version is not None else stamp
    candidate = db.with_name(f"{db.name}.backup-{label}.db")
    number = 2
    while candidate.exists():
        candidate = db.with_name(f"{db.name}.backup-{label}-{number}.db")
        number += 1
    return candidate


def check_destination(db_path: str, dest: Path) -> None:
    """Refuse to back up onto the database itself, its WAL files or a folder."""
    if dest.is_dir():
        raise InvalidValue(f"{dest} is a folder; give a file name for the backup")
    if not dest.parent.is_dir():
        raise InvalidValue(f"the folder {dest.parent} does not exist; create it first")
    forbidden = {Path(db_path + suffix).resolve() for suffix in ("", "-wal", "-shm", "-journal")}
    if dest.resolve() in forbidden:
        raise InvalidValue(f"{dest} is the database itself; choose another file for the backup")
    refuse_open_database(dest, "back up to")
    if Path(f"{dest}-wal").exists():
        raise InvalidValue(
            f"{dest} is a database in use (it has a -wal file); choose another file for the backup"
        )


def copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """Copy ``source``'s database to ``dest`` (replaced atomically when complete)."""
    temp = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    try:
        target = sqlite3.connect(sqlite_uri(str(temp)), uri=True)
        try:
            source.backup(target)
            # One self-contained file (no -wal beside it when it is opened).
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        Path(f"{temp}-journal").unlink(missing_ok=True)
        raise

"""SQLite's errors turned into messages a user can act on (one place for all of them)."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from random import uniform
from typing import TypeVar

from clipper.errors import DatabaseError, Hint

T = TypeVar("T")

# Primary result codes (https://sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
    26,
)

#: How long opening (creating, migrating) a database retries while others hold it busy.
OPEN_RETRY_SECONDS = 60.0


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock: worth retrying."""
    return primary_code(exc) in (_BUSY, _LOCKED) or "locked" in str(exc)


def retry_busy(action: Callable[[], T], seconds: float = OPEN_RETRY_SECONDS) -> T:
    """Run ``action``, again after a short random pause while SQLite says it is busy."""
    deadline = time.monotonic() + seconds
    pause = 0.01
    while True:
        try:
            return action()
        except sqlite3.Error as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(uniform(pause / 2, pause))
        pause = min(pause * 2, 0.5)


def translate(path: str, error: BaseException) -> DatabaseError | None:
    """The :class:`DatabaseError` for an SQLite failure that escaped a Store method
    (``None`` for any other exception): a safety net for front ends."""
    return database_error(path, error) if isinstance(error, sqlite3.Error) else None


def disk_full(path: str) -> bool:
    """Whether the file system holding ``path`` has (almost) no space left."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def database_error(path: str, exc: sqlite3.Error) -> DatabaseError:
    """What went wrong with the database at ``path``, and what to do about it."""
    code = primary_code(exc)
    said = f"(SQLite said: {exc})"
    if code == _IOERR and disk_full(path):  # e.g. the -shm file could not grow
        code = _FULL
    if code == _FULL:
        text = (
            f"cannot write {path}: the disk is full {said}. Nothing was saved; "
            "free some space and try again."
        )
    elif code in (_READONLY, _PERM):
        text = (
            f"cannot write {path}: the file or its folder is read-only {said}. Nothing was "
            "changed; make both writable, or copy the database to a folder you can write to."
        )
    elif code in (_BUSY, _LOCKED):
        text = (
            f"{path} is busy: another program kept it locked too long {said}. Nothing was "
            "changed; try again in a moment."
        )
    elif code == _CORRUPT:
        text = (
            f"{path} is damaged {said}. Nothing was changed; restore a backup (backups are "
            "named *.backup-*.db beside the database), or rescue what can be read with "
            f"`sqlite3 {path} .recover`."
        )
        return DatabaseError(text, hint=Hint.RESTORE)
    elif code == _NOTADB:
        text = (
            f"{path} is not a Clipper database (not an SQLite file, or damaged) {said}. "
            "Choose another file, or a new name to create a database."
        )
    elif code == _CANTOPEN:
        text = (
            f"cannot open {path} {said}. Check that its folder exists and that you may "
            "read and write both."
        )
    elif code == _IOERR:
        text = (
            f"cannot read or write {path}: input/output error {said}. Nothing was saved; "
            "check the disk (full? removed? failing?) and try again."
        )
    else:
        text = f"the database {path} failed {said}."
    return DatabaseError(text)

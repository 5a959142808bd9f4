"""Which database files this process has open, so nothing else in it opens them.

SQLite's locks are POSIX advisory locks, owned by the process: if any code in the process
opens and closes the database file (or its ``-wal``/``-shm``), every lock the process holds
on it is silently released, and another program can then delete the write-ahead log under
the running app (lost changes, a damaged file). The :class:`~clipper.store.Store` registers
each file it opens; code that opens files the user names — importers, exporters — calls
:func:`refuse_open_database` first. Only ``os.stat`` is used here, which takes no lock.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

from clipper.errors import InvalidValue

#: SQLite's companion files of a database ``x.db``: ``x.db-wal``, ``x.db-shm``, ``x.db-journal``.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")

_lock = threading.Lock()
_open: Counter[tuple[int, int]] = Counter()


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def register(path: str | os.PathLike[str]) -> None:
    """Note that a Store in this process has ``path`` open (counted: once per Store)."""
    identity = _identity(path)
    if identity is not None:
        with _lock:
            _open[identity] += 1


def unregister(path: str | os.PathLike[str]) -> None:
    identity = _identity(path)
    if identity is not None:
        with _lock:
            _open[identity] -= 1
            if _open[identity] <= 0:
                del _open[identity]


def open_database_for(path: str | os.PathLike[str]) -> Path | None:
    """The open database that ``path`` is (or is a companion file of), else None."""
    with _lock:
        if not _open:
            return None
        text = os.fspath(path)  # os.path, not Path: called for every imported file
        candidates = [text]
        folder, name = os.path.split(text)
        for suffix in SIDECAR_SUFFIXES:
            if name.endswith(suffix):
                candidates.append(os.path.join(folder, name[: -len(suffix)]))
        for candidate in candidates:
            if _identity(candidate) in _open:
                return Path(candidate)
    return None


def refuse_open_database(path: str | os.PathLike[str], action: str) -> None:
    """Raise a clear :class:`ClipperError` if ``path`` belongs to a database open here.

    ``action`` completes "cannot … it", e.g. "import" or "export to".
    """
    database = open_database_for(path)
    if database is not None:
        raise InvalidValue(
            f"{path} belongs to the Clipper database that is open ({database}); "
            f"Clipper cannot {action} it. Choose another file."
        )

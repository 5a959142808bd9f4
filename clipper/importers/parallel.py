"""Batch import: read many files in worker processes, results in input order.

Used by ``clipper import *.pdf``. Each worker runs :func:`clipper.importers.read_file`;
a file that fails yields its :class:`~clipper.errors.ClipperError` instead of an article,
so one bad file never stops the batch. Workers read PDFs page by page themselves (no
nested page workers). Workers die with the importing process (Linux: the kernel kills
them when their parent dies; elsewhere they stop before their next file), so a killed
import leaves no process behind holding its output pipes.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError, ImportFailed
from clipper.importers import read_file
from clipper.importers.pdf.cores import free_cores
from clipper.importers.pdf.parallel import WORKERS_ENV, _context
from clipper.model import ImportedArticle

#: Environment override for the number of file workers (e.g. "1": read in this process).
IMPORT_WORKERS_ENV = "CLIPPER_IMPORT_WORKERS"
_PR_SET_PDEATHSIG = 1
_importer_pid = 0

Outcome = tuple[Path, ImportedArticle | ClipperError]
#: How an error crosses the process boundary: class, message, attributes.
_Transported = tuple[type[ClipperError], str, dict[str, Any]]


def _read_one(
    path: str, password: str | None, encoding: str | None, ocr: bool, ocr_language: str
) -> ImportedArticle | _Transported:
    _exit_if_orphaned()
    try:
        return read_file(
            path, password=password, encoding=encoding, ocr=ocr, ocr_language=ocr_language
        )
    except ClipperError as exc:
        return type(exc), exc.message, dict(vars(exc))
    except Exception as exc:  # a bug must not stop the batch: report it for this file
        return ImportFailed, f"{Path(path).name} could not be imported ({exc!r})", {}


def _rebuild(kind: type[ClipperError], message: str, attributes: dict[str, Any]) -> ClipperError:
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(attributes)
    error.message = message
    return error


def _exit_if_orphaned() -> None:
    """Stop this worker at once if the importing process has died."""
    if _importer_pid and not _alive(_importer_pid):
        os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - exists, another user's (pid reused)
        return False
    return True


def _watch_importer(pid: int) -> None:
    """Exit this worker as soon as the importing process ``pid`` is gone (a pidfd wakes
    up at its exit; else poll twice a second)."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        while _alive(pid):
            time.sleep(0.5)
        os._exit(1)
    select.select([handle], [], [])
    os._exit(1)


def _die_with_parent(importer_pid: int) -> None:
    """Make this worker die with the importing process. The fork server (the worker's
    parent) outlives the importer while any worker lives, so the kernel's parent-death
    signal alone is not enough: a thread also watches the importer itself."""
    global _importer_pid
    _importer_pid = importer_pid
    if sys.platform.startswith("linux"):  # covers the "spawn" start method at once
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass
    _exit_if_orphaned()  # the importer may have died before the watch starts
    threading.Thread(target=_watch_importer, args=(importer_pid,), daemon=True).start()


def _worker_setup(importer_pid: int) -> None:
    _die_with_parent(importer_pid)
    os.environ[WORKERS_ENV] = "1"


def _file_workers(requested: int | None, files: int) -> int:
    if requested is None:
        env = os.environ.get(IMPORT_WORKERS_ENV, "")
        requested = int(env) if env.isdigit() and int(env) > 0 else free_cores()
    return max(1, min(requested, files))


def _outcome(path: Path, result: ImportedArticle | _Transported) -> Outcome:
    if isinstance(result, ImportedArticle):
        return path, result
    return path, _rebuild(*result)


def read_files_parallel(
    paths: Iterable[str | Path],
    *,
    password: str | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    ocr: bool = False,
    ocr_language: str = "eng",
) -> Iterator[Outcome]:
    """Yield ``(path, article or error)`` for each path, in input order.

    ``workers``: processes to use (``None``: the free cores; 1 reads in this process).
    ``ocr``/``ocr_language``: as for :func:`~clipper.importers.read_file`.
    """
    options = (password, encoding, ocr, ocr_language)
    read = partial(
        read_file, password=password, encoding=encoding, ocr=ocr, ocr_language=ocr_language
    )
    items = [Path(p) for p in paths]
    count = 1
    if len(items) > 1:
        count = _file_workers(workers, len(items))
    if count == 1:
        for path in items:
            try:
                yield path, read(path)
            except ClipperError as exc:
                yield path, exc
        return
    with ProcessPoolExecutor(
        max_workers=count,
        mp_context=_context(),
        initializer=_worker_setup,
        initargs=(os.getpid(),),
    ) as executor:
        queue: deque[tuple[Path, Future[ImportedArticle | _Transported]]] = deque()
        pending = iter(items)
        for path in pending:  # keep a bounded number of files in flight
            queue.append((path, executor.submit(_read_one, str(path), *options)))
            if len(queue) >= 2 * count:
                break
        while queue:
            path, future = queue.popleft()
            yield _outcome(path, future.result())
            following = next(pending, None)
            if following is not None:
                queue.append((following, executor.submit(_read_one, str(following), *options)))

"""Batch import: read many files in worker processes, results in input order.

Used by ``clipper import *.pdf``. Each worker runs :func:`clipper.importers.read_file`;
a file that fails yields its :class:`~clipper.errors.ClipperError` instead of an article,
so one bad file never stops the batch. Workers read PDFs page by page themselves (no
nested page workers). Workers die with the importing process (:mod:`.lifeline`), so a
killed import leaves no process behind holding its output pipes.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path

from clipper.errors import ClipperError, ImportFailed
from clipper.importers import read_file
from clipper.importers.lifeline import die_with, exit_if_orphaned
from clipper.importers.pdf.cores import free_cores
from clipper.importers.pdf.parallel import WORKERS_ENV, _context
from clipper.model import ImportedArticle

#: Environment override for the number of file workers (e.g. "1": read in this process).
IMPORT_WORKERS_ENV = "CLIPPER_IMPORT_WORKERS"

Outcome = tuple[Path, ImportedArticle | ClipperError]


def _read_one(
    path: str, password: str | None, encoding: str | None, ocr: bool, ocr_language: str
) -> ImportedArticle | ClipperError:
    """Read one file in a worker; its error is returned (errors pickle with all their
    attributes), so that one bad file never stops the batch."""
    exit_if_orphaned()
    try:
        return read_file(
            path, password=password, encoding=encoding, ocr=ocr, ocr_language=ocr_language
        )
    except ClipperError as exc:
        return exc
    except Exception as exc:  # a bug must not stop the batch: report it for this file
        return ImportFailed(f"{Path(path).name} could not be imported ({exc!r})")


def _worker_setup(importer_pid: int) -> None:
    die_with(importer_pid)
    os.environ[WORKERS_ENV] = "1"


def _file_workers(requested: int | None, files: int) -> int:
    if requested is None:
        env = os.environ.get(IMPORT_WORKERS_ENV, "")
        requested = int(env) if env.isdigit() and int(env) > 0 else free_cores()
    return max(1, min(requested, files))


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
        queue: deque[tuple[Path, Future[ImportedArticle | ClipperError]]] = deque()
        pending = iter(items)
        for path in pending:  # keep a bounded number of files in flight
            queue.append((path, executor.submit(_read_one, str(path), *options)))
            if len(queue) >= 2 * count:
                break
        while queue:
            path, future = queue.popleft()
            yield path, future.result()
            following = next(pending, None)
            if following is not None:
                queue.append((following, executor.submit(_read_one, str(following), *options)))

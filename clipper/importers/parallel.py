"""Batch import: read many files in worker processes, results in input order.

Used by ``clipper import`` and the app's import. PDFs and web pages go to the workers,
short text files are read in the importing process (sending them to a worker costs more
than reading them). Each worker runs :func:`clipper.importers.read_file`;
a file that fails yields its :class:`~clipper.errors.ClipperError` instead of an article,
so one bad file never stops the batch. Workers read PDFs page by page themselves (no
nested page workers). Workers die with the importing process (:mod:`.lifeline`), so a
killed import leaves no process behind holding its output pipes.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError, ImportFailed
from clipper.importers import read_file
from clipper.importers.lifeline import die_with, exit_if_orphaned
from clipper.model import ImportedArticle

#: Environment override for the number of file workers (e.g. "1": read in this process).
IMPORT_WORKERS_ENV = "CLIPPER_IMPORT_WORKERS"

#: Read in worker processes when a batch has several of them (see :func:`is_heavy`).
HEAVY_SUFFIXES = frozenset({".pdf", ".html", ".htm", ".xhtml"})

Outcome = tuple[Path, ImportedArticle | ClipperError]


def _read_one(path: str, options: dict[str, Any]) -> ImportedArticle | ClipperError:
    """Read one file in a worker; its error is returned (errors pickle with all their
    attributes), so that one bad file never stops the batch."""
    exit_if_orphaned()
    try:
        return read_file(path, **options)
    except ClipperError as exc:
        return exc
    except Exception as exc:  # a bug must not stop the batch: report it for this file
        return ImportFailed(f"{Path(path).name} could not be imported ({exc!r})")


def _worker_setup(importer_pid: int) -> None:
    from clipper.importers.pdf.parallel import WORKERS_ENV

    die_with(importer_pid)
    os.environ[WORKERS_ENV] = "1"


def _file_workers(requested: int | None, files: int) -> int:
    if requested is None:
        from clipper.importers.pdf.cores import free_cores  # the PDF package: not at start-up

        env = os.environ.get(IMPORT_WORKERS_ENV, "")
        requested = int(env) if env.isdigit() and int(env) > 0 else free_cores()
    return max(1, min(requested, files))


def is_heavy(path: str | Path) -> bool:
    """PDFs and web pages take long enough to read (pages, OCR, HTML extraction) to pay for
    a worker process; short text files are read faster here than sent to one."""
    return os.path.splitext(path)[1].lower() in HEAVY_SUFFIXES


def read_files(
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    read_here: Callable[[Path], ImportedArticle] | None = None,
    **options: Any,
) -> Iterator[Outcome]:
    """Yield ``(path, article or error)`` for each path, in input order.

    PDFs and web pages (:func:`is_heavy`) are read in ``workers`` processes (``None``: the
    free cores) when there are several; everything else is read here with ``read_here``
    (default: :func:`~clipper.importers.read_file` with ``options``), while the workers
    work. ``options``: keyword arguments of :func:`~clipper.importers.read_file`.
    """
    read = read_here or partial(read_file, **options)
    items: Sequence[str | Path] = paths if isinstance(paths, Sequence) else list(paths)
    heavy = [Path(p) for p in items if is_heavy(p)]  # Paths made one at a time
    count = _file_workers(workers, len(heavy)) if len(heavy) > 1 else 1
    if count == 1:
        yield from _read_here(items, read)
        return
    from clipper.importers.pdf.parallel import _context

    with ProcessPoolExecutor(
        max_workers=count,
        mp_context=_context(),
        initializer=_worker_setup,
        initargs=(os.getpid(),),
    ) as executor:
        futures: deque[Future[ImportedArticle | ClipperError]] = deque()
        pending = iter(heavy)

        def submit_next() -> None:  # a bounded number of files in flight
            following = next(pending, None)
            if following is not None:
                futures.append(executor.submit(_read_one, str(following), options))

        for _ in range(2 * count):
            submit_next()
        for item in items:
            path = Path(item)
            if not is_heavy(path):
                yield from _read_here([path], read)
                continue
            future = futures.popleft()
            submit_next()
            yield path, future.result()


def _read_here(
    paths: Iterable[str | Path], read: Callable[[Path], ImportedArticle]
) -> Iterator[Outcome]:
    for item in paths:
        path = Path(item)
        try:
            yield path, read(path)
        except ClipperError as exc:
            yield path, exc


def read_files_parallel(
    paths: Iterable[str | Path],
    *,
    password: str | None = None,
    encoding: str | None = None,
    workers: int | None = None,
    ocr: bool = False,
    ocr_language: str = "eng",
) -> Iterator[Outcome]:
    """:func:`read_files` with the common options spelt out."""
    return read_files(
        paths,
        workers=workers,
        password=password,
        encoding=encoding,
        ocr=ocr,
        ocr_language=ocr_language,
    )

"""Page extraction, one page at a time or in worker processes (page ranges per task).

pdfplumber spends ~80 ms per page building its character objects, in pure Python, so
long documents are split into page ranges read by worker processes when more than one
core is free. Each worker opens the document once; every page is closed when done so
memory stays flat whatever the length.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError
from clipper.importers.pdf.errors import damaged, open_pdf
from clipper.importers.pdf.page import PageText, extract_page
from clipper.progress import CancelCheck, ProgressCallback, check_cancel

#: Fewer pages than this are read in-process: starting workers costs ~0.3 s.
PARALLEL_MIN_PAGES = 12
#: Each worker should get at least this many pages.
MIN_PAGES_PER_WORKER = 6
MAX_WORKERS = 4
#: Environment override for the number of page workers ("1" turns parallel reading off).
WORKERS_ENV = "CLIPPER_PDF_WORKERS"

_document: Any = None
_document_name = ""


def free_cores() -> int:
    """Cores this process may use minus the ones busy on average over the last minute."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - Windows
        load = 0.0
    return max(1, cores - int(load))


def plan_workers(pages: int, requested: int | None = None) -> int:
    """How many worker processes to read ``pages`` pages with (1 = in this process)."""
    if requested is None:
        env = os.environ.get(WORKERS_ENV, "").strip()
        if env.isdigit():
            requested = int(env)
    most = max(1, pages // MIN_PAGES_PER_WORKER)
    if requested is not None:
        return max(1, min(requested, most))
    if pages < PARALLEL_MIN_PAGES:
        return 1
    return max(1, min(free_cores(), most, MAX_WORKERS))


def extract_pages(
    pdf: Any,
    name: str,
    first: int,
    stop: int,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: CancelCheck | None = None,
) -> list[PageText]:
    """Read pages ``first..stop-1`` (0-based) of an open document, closing each after use."""
    results: list[PageText] = []
    for index in range(first, stop):
        check_cancel(cancel)
        page = pdf.pages[index]
        try:
            results.append(extract_page(page))
        except ClipperError:
            raise
        except Exception as exc:
            raise damaged(name, f"page {index + 1} cannot be read: {type(exc).__name__}") from exc
        finally:
            page.close()
        if progress is not None:
            progress(1)
    return results


def _open_in_worker(path: str, password: str | None) -> None:
    global _document, _document_name
    _document = open_pdf(Path(path), password)
    _document_name = Path(path).name


def _read_range(first: int, stop: int) -> list[PageText]:
    return extract_pages(_document, _document_name, first, stop)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["clipper.importers.pdf.parallel"])
        return context
    return multiprocessing.get_context("spawn")


def extract_parallel(
    path: Path,
    password: str | None,
    total: int,
    workers: int,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> list[PageText]:
    """Read all pages with ``workers`` processes; results in page order."""
    chunk = max(2, min(16, total // (workers * 4) or 1))
    ranges = [(start, min(start + chunk, total)) for start in range(0, total, chunk)]
    results: dict[int, list[PageText]] = {}
    done = 0
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_open_in_worker,
        initargs=(str(path), password),
    )
    try:
        futures: dict[Future[list[PageText]], int] = {
            executor.submit(_read_range, start, stop): index
            for index, (start, stop) in enumerate(ranges)
        }
        pending = set(futures)
        while pending:
            check_cancel(cancel)
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                index = futures[future]
                results[index] = future.result()
                done += ranges[index][1] - ranges[index][0]
                if progress is not None:
                    progress(done, total)
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    return [page for index in range(len(ranges)) for page in results[index]]


def _stop(executor: ProcessPoolExecutor) -> None:
    """Cancel queued ranges and end the workers this executor started."""
    processes = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()

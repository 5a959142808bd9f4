"""Page extraction, one page at a time or in worker processes (page ranges per task).

Reading a page costs ~45 ms of pure Python (pdfminer interpreting the page, then
columns and lines), so long documents are split into page ranges read by worker
processes when more than one core is free right now (:mod:`.cores`). Each worker opens
the document once and closes every page when done, so memory stays flat whatever the
length; pages come back packed (:mod:`.pagetext`), a few buffers each.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError
from clipper.importers.pdf.cores import decide_workers, free_cores
from clipper.importers.pdf.errors import damaged, open_pdf
from clipper.importers.pdf.page import PageText, extract_page
from clipper.progress import CancelCheck, ProgressCallback, check_cancel

#: Environment override for the number of page workers ("1" turns parallel reading off).
WORKERS_ENV = "CLIPPER_PDF_WORKERS"

_document: Any = None
_document_name = ""
#: Set by the importing process when the user cancels; workers check it between pages.
_cancelled: Any = None


def plan_workers(pages: int, requested: int | None = None) -> int:
    """How many worker processes to read ``pages`` pages with (1 = in this process)."""
    return decide_workers(pages, requested, os.environ.get(WORKERS_ENV), free_cores)


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


def _open_in_worker(path: str, password: str | None, cancelled: Any) -> None:
    global _document, _document_name, _cancelled
    _document = open_pdf(Path(path), password)
    _document_name = Path(path).name
    _cancelled = cancelled


def _read_range(first: int, stop: int) -> list[PageText]:
    return extract_pages(_document, _document_name, first, stop, cancel=_cancelled.is_set)


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
    context = _context()
    cancelled = context.Event()
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_open_in_worker,
        initargs=(str(path), password, cancelled),
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
        # Workers stop at their next page; never terminate them: a worker killed while
        # sending a result leaves the pool's manager thread waiting forever (and with it
        # the interpreter's exit).
        cancelled.set()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    return [page for index in range(len(ranges)) for page in results[index]]

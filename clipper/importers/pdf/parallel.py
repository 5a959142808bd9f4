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
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError, ImportFailed, InputTooLarge
from clipper.importers import lifeline, limits
from clipper.importers.limits import megabytes
from clipper.importers.pdf import guard
from clipper.importers.pdf.cores import decide_workers, free_cores
from clipper.importers.pdf.errors import damaged, open_pdf
from clipper.importers.pdf.page import PageText, extract_page
from clipper.progress import CancelCheck, ProgressCallback, check_cancel

#: Environment override for the number of page workers ("1" turns parallel reading off).
WORKERS_ENV = "CLIPPER_PDF_WORKERS"

_document: Any = None
_document_name = ""
_reading: Any = None
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
    budget = guard.active()
    if budget is None:  # called on its own: the limits still hold
        with guard.reading(name):
            return extract_pages(pdf, name, first, stop, progress=progress, cancel=cancel)
    results: list[PageText] = []
    chars = 0
    for index in range(first, stop):
        check_cancel(cancel)
        page = pdf.pages[index]
        try:
            with budget.page(index + 1):
                results.append(extract_page(page))
        except ClipperError:
            raise
        except Exception as exc:
            budget.check()  # a limit pdfminer turned into another error
            if isinstance(exc, MemoryError):
                raise out_of_memory(name, index + 1) from exc
            raise damaged(name, f"page {index + 1} cannot be read: {type(exc).__name__}") from exc
        finally:
            page.close()
            forget_page_streams(pdf, page)
        chars += results[-1].glyphs
        guard.check_chars(name, chars)
        if progress is not None:
            progress(1)
    return results


def forget_page_streams(pdf: Any, page: Any) -> None:
    """Let go of a read page's content streams. pdfminer keeps each page's streams, and
    caches every object it resolves, unpacked: without this, memory grows with every page.
    A page is read once, so its contents are not needed again."""
    page_obj = getattr(page, "page_obj", None)
    cache = getattr(getattr(pdf, "doc", None), "_cached_objs", None)
    if page_obj is None or not isinstance(getattr(page_obj, "contents", None), list):
        return  # pragma: no cover - another pdfminer
    for item in page_obj.contents:
        objid = getattr(item, "objid", None)
        if objid is not None and isinstance(cache, dict):
            cache.pop(objid, None)
    page_obj.contents = []


def out_of_memory(name: str, number: int) -> InputTooLarge:
    return InputTooLarge(
        f"{name}, page {number}, needs more memory than Clipper's limit of "
        f"{megabytes(limits.PDF_WORKER_MEMORY)} per page-reading process. {guard.BOMB}"
    )


def _open_in_worker(path: str, password: str | None, cancelled: Any, parent: int) -> None:
    global _document, _document_name, _cancelled, _reading
    lifeline.die_with(parent)  # a killed import must not leave page readers running
    limit_memory(limits.PDF_WORKER_MEMORY)
    _document_name = Path(path).name
    _cancelled = cancelled
    _reading = guard.reading(_document_name)
    _reading.__enter__()  # for the worker's lifetime
    try:
        _document = open_pdf(Path(path), password)
    except Exception:  # reported again, clearly, by the first page range
        _document = None


def limit_memory(extra: int) -> None:
    """Cap this process's address space at its current size plus ``extra`` bytes, so that
    a file beyond the reading limits fails with MemoryError instead of taking the machine."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = size + extra
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft == resource.RLIM_INFINITY or soft > cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):  # pragma: no cover - not Linux
        pass


def _read_range(first: int, stop: int) -> list[PageText]:
    if _document is None:
        raise ImportFailed(f"{_document_name} could not be opened again to read its pages.")
    try:
        return extract_pages(_document, _document_name, first, stop, cancel=_cancelled.is_set)
    except MemoryError as exc:
        raise out_of_memory(_document_name, first + 1) from exc


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
    """Read all pages with ``workers`` processes; results in page order.

    Each worker reads under its own :mod:`.guard` budget; this process checks the
    document's time and character limits as page ranges come back.
    """
    budget = guard.active() or guard.Budget(path.name)
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
        initargs=(str(path), password, cancelled, os.getpid()),
    )
    try:
        futures: dict[Future[list[PageText]], int] = {
            executor.submit(_read_range, start, stop): index
            for index, (start, stop) in enumerate(ranges)
        }
        pending = set(futures)
        chars = 0
        while pending:
            check_cancel(cancel)
            budget.check_time()
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                index = futures[future]
                try:
                    results[index] = future.result()
                except BrokenProcessPool as exc:
                    raise ImportFailed(
                        f"A process reading the pages of {path.name} stopped unexpectedly "
                        f"(pages {ranges[index][0] + 1}-{ranges[index][1]}), for example for "
                        "lack of memory. Try again; if it happens again the file is probably "
                        f"damaged. {guard.BOMB}"
                    ) from exc
                chars += sum(page.glyphs for page in results[index])
                guard.check_chars(path.name, chars)
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

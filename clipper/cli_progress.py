"""Import progress on the command line's standard error (never on standard output, so
``--json`` output stays clean).

On a terminal one line is redrawn in place: files done of all, or for the file being read
its pages (``OCR`` while OCRmyPDF recognises them), with the seconds gone by, so the line
moves even while a long OCR page is under way. Elsewhere (a log file, a pipe) only OCR is
reported, a line when a page is done and every :data:`QUIET_SECONDS`, as OCR can run for
minutes with nothing else to show.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TextIO

from clipper.library import ImportProgress
from clipper.paths import printable

#: Least time between two redraws of the terminal line (seconds).
REDRAW_SECONDS = 0.1
#: Off a terminal, an OCR line at least this often (seconds) while pages are recognised.
QUIET_SECONDS = 15.0


class ImportProgressDisplay:
    """``update`` is an :data:`~clipper.library.ImportProgressCallback`; ``clear`` removes
    the terminal line before other output is printed."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._start = time.monotonic()
        self._file_start = self._start
        self._file = ""
        self._drawn = 0
        self._last_draw = 0.0
        self._last_ocr: tuple[str, int, int] | None = None
        self._last_ocr_time = 0.0

    def __enter__(self) -> ImportProgressDisplay:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.clear()

    def update(self, progress: ImportProgress) -> None:
        now = time.monotonic()
        if progress.name != self._file:
            self._file, self._file_start = progress.name, now
        if progress.ocr:
            self._ocr_line(progress, now)
        if not self._tty or now - self._last_draw < REDRAW_SECONDS:
            return
        self._last_draw = now
        self._draw(describe(progress, now - self._file_start))

    def clear(self) -> None:
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()
            self._drawn = 0

    def _draw(self, line: str) -> None:
        padding = " " * max(0, self._drawn - len(line))
        self._stream.write("\r" + line + padding)
        self._stream.flush()
        self._drawn = len(line)

    def _ocr_line(self, progress: ImportProgress, now: float) -> None:
        """Off a terminal: a line per page recognised, and one every QUIET_SECONDS."""
        if self._tty:
            return
        state = (progress.name, progress.pages_done, progress.pages_total)
        if state == self._last_ocr and now - self._last_ocr_time < QUIET_SECONDS:
            return
        self._last_ocr, self._last_ocr_time = state, now
        self._stream.write(f"clipper: {describe(progress, now - self._file_start)}\n")
        self._stream.flush()


def describe(progress: ImportProgress, seconds: float) -> str:
    """``scan.pdf: OCR, 1 of 2 pages recognised (12 s)``, ``report.pdf: page 3 of 40``,
    ``12 of 300 files imported``."""
    name = printable(progress.name)
    if progress.ocr:
        pages = (
            f"{progress.pages_done} of {progress.pages_total} pages recognised"
            if progress.pages_total
            else "starting"
        )
        return f"{name}: OCR, {pages} ({seconds:.0f} s)"
    if progress.name and progress.pages_total:
        return f"{name}: page {progress.pages_done} of {progress.pages_total}"
    files = f"{progress.done} of {progress.total} files"
    return f"{files}, reading {name}" if progress.name and progress.total > 1 else files


class CountProgress:
    """``suggest: 120 of 10,000 articles (3 s)`` redrawn in place on a terminal (nothing
    elsewhere); ``update(done, total)`` is the callback, ``clear`` removes the line."""

    def __init__(self, stream: TextIO, what: str, noun: str = "articles") -> None:
        self._stream = stream
        self._tty = stream.isatty()
        self._what, self._noun = what, noun
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = 0

    def __enter__(self) -> CountProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.clear()

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self._tty or (now - self._last_draw < REDRAW_SECONDS and done < total):
            return
        self._last_draw = now
        line = f"{self._what}: {done:,} of {total:,} {self._noun} ({now - self._start:.0f} s)"
        self._stream.write("\r" + line + " " * max(0, self._drawn - len(line)))
        self._stream.flush()
        self._drawn = len(line)

    def clear(self) -> None:
        if self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()
            self._drawn = 0

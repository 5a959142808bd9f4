"""Limits enforced *while* pdfminer reads a PDF, so that a small hostile file ("PDF bomb")
cannot take all the memory or run for minutes (limits: :mod:`clipper.importers.limits`).

A :class:`Budget` belongs to the thread reading a document (:func:`reading`); each page is
read inside :meth:`Budget.page`. While one is active:

* every stream is unpacked with a bounded inflater: at most the bytes left of the page's
  and the document's allowance are ever produced (FlateDecode, LZWDecode, repaired
  corrupt streams);
* the content parser checks the wall clock and the operands, array items and path
  segments waiting for an operator every 4 KB of content;
* the page's device counts characters and drawings; forms nest at most so deep;
* a CID font's width ranges stay within 16-bit character ids.

A limit raises :class:`~clipper.errors.InputTooLarge`. pdfminer catches broad exceptions in
places, so the budget remembers the error (:attr:`Budget.tripped`) and :meth:`Budget.check`
raises it again where Clipper's own code resumes. Without an active budget (pdfminer used
elsewhere) the hooks do nothing.
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import Any, NoReturn

from pdfminer import pdffont, pdfinterp, pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.lzw import LZWDecoder
from pdfminer.pdftypes import resolve1

from clipper.errors import InputTooLarge
from clipper.importers import limits
from clipper.importers.limits import megabytes

_log = logging.getLogger("pdfminer")
_local = threading.local()
_SPLIT = "split the PDF (for example `qpdf --split-pages=100 in.pdf part.pdf`) and import the parts"
BOMB = (
    "This is typical of a damaged or deliberately hostile file (a \u201cPDF bomb\u201d). If the "
    "document is genuine, print the pages you need to a new PDF, or copy their text into a "
    ".txt file, and import that."
)


class Budget:
    """What one document may still use; counts reset for each page."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = time.monotonic()
        self.deadline = self.started + limits.PDF_MAX_SECONDS
        self.unpacked = 0
        self.number = 0  # the page being read (0: the document's structure)
        self.page_unpacked = 0
        self.page_deadline = self.deadline
        self.chars = 0
        self.drawings = 0
        self.interpreters: list[Any] = []
        self.tripped: InputTooLarge | None = None

    # -- refusing ------------------------------------------------------------------------

    def where(self) -> str:
        return f"{self.name}, page {self.number}," if self.number else f"{self.name}"

    def fail(self, message: str) -> NoReturn:
        if self.tripped is None:
            self.tripped = InputTooLarge(message)
        raise self.tripped

    def check(self) -> None:
        """Raise the limit error again if pdfminer swallowed it."""
        if self.tripped is not None:
            raise self.tripped

    # -- what is counted -----------------------------------------------------------------

    def allowance(self) -> int:
        """Unpacked bytes that may still be produced."""
        left = limits.PDF_MAX_DOCUMENT_UNPACKED - self.unpacked
        if self.number:
            left = min(left, limits.PDF_MAX_PAGE_UNPACKED - self.page_unpacked)
        return max(0, left)

    def too_much_unpacked(self) -> NoReturn:
        page_left = limits.PDF_MAX_PAGE_UNPACKED - self.page_unpacked
        if self.number and page_left <= limits.PDF_MAX_DOCUMENT_UNPACKED - self.unpacked:
            limit = f"{megabytes(limits.PDF_MAX_PAGE_UNPACKED)} per page"
        else:
            limit = f"{megabytes(limits.PDF_MAX_DOCUMENT_UNPACKED)} per PDF"
        self.fail(
            f"{self.where()} unpacks to more data than Clipper's limit of {limit} "
            f"(compressed drawing instructions, forms and fonts). {BOMB}"
        )

    def add_unpacked(self, size: int) -> None:
        if size > self.allowance():
            self.too_much_unpacked()
        self.unpacked += size
        self.page_unpacked += size

    def add_char(self) -> None:
        self.chars += 1
        if self.chars > limits.PDF_MAX_PAGE_CHARS:
            self.fail(
                f"{self.where()} draws more than {limits.PDF_MAX_PAGE_CHARS:,} characters, "
                f"Clipper's limit per page. {BOMB}"
            )
        if not self.chars & 0x3FF:
            self.check_time()

    def add_drawing(self) -> None:
        self.drawings += 1
        if self.drawings > limits.PDF_MAX_PAGE_DRAWINGS:
            self.fail(
                f"{self.where()} has more than {limits.PDF_MAX_PAGE_DRAWINGS:,} drawing objects "
                f"(lines, shapes, images), Clipper's limit per page. {BOMB}"
            )
        if not self.drawings & 0x3FF:
            self.check_time()

    def check_pending(self, count: int) -> None:
        if count > limits.PDF_MAX_PENDING:
            self.fail(
                f"{self.where()} has a drawing instruction with more than "
                f"{limits.PDF_MAX_PENDING:,} parts, Clipper's limit. {BOMB}"
            )

    def check_time(self) -> None:
        now = time.monotonic()
        if now > self.page_deadline:
            if now > self.deadline:
                self.fail(
                    f"Reading {self.name} took longer than Clipper's limit of "
                    f"{limits.PDF_MAX_SECONDS / 60:g} minutes per PDF; {_SPLIT}."
                )
            self.fail(
                f"Reading {self.where()} took longer than Clipper's limit of "
                f"{limits.PDF_MAX_PAGE_SECONDS:g} seconds per page. {BOMB}"
            )

    def tick(self, pending: int) -> None:
        """Every 4 KB of content: the clock, and what waits for an operator."""
        self.check_time()
        self.check_pending(pending)
        if self.interpreters:
            top = self.interpreters[-1]
            self.check_pending(max(len(top.argstack), len(top.curpath)))

    @contextmanager
    def page(self, number: int) -> Iterator[None]:
        """Read page ``number`` (1-based) with fresh per-page counts."""
        self.check()
        self.number = number
        self.page_unpacked = self.chars = self.drawings = 0
        self.page_deadline = min(self.deadline, time.monotonic() + limits.PDF_MAX_PAGE_SECONDS)
        try:
            yield
            self.check()
        finally:
            self.number = 0
            self.page_deadline = self.deadline
            self.interpreters.clear()


def active() -> Budget | None:
    """The budget of the document this thread is reading, if any."""
    return getattr(_local, "budget", None)


@contextmanager
def reading(name: str) -> Iterator[Budget]:
    """Enforce the limits for everything this thread reads of document ``name``."""
    previous = active()
    budget = Budget(name)
    _local.budget = budget
    try:
        yield budget
        budget.check()
    finally:
        _local.budget = previous


def check_pages(name: str, count: int) -> None:
    """``count``: the pages counted, up to one over the limit."""
    if count > limits.PDF_MAX_PAGES:
        raise InputTooLarge(
            f"{name} has more than {limits.PDF_MAX_PAGES:,} pages, Clipper's limit per PDF; "
            f"{_SPLIT}."
        )


def check_chars(name: str, count: int) -> None:
    if count > limits.PDF_MAX_CHARS:
        raise InputTooLarge(
            f"{name} has more than {limits.PDF_MAX_CHARS:,} characters of text, Clipper's "
            f"limit per PDF; {_SPLIT}."
        )


# -- bounded unpacking ------------------------------------------------------------------


def _inflate(data: bytes) -> bytes:
    """``zlib.decompress`` that never produces more than the budget allows.

    A truncated stream gives what it holds (as pdfminer's repair would); bad data raises
    ``zlib.error`` so that pdfminer tries :func:`_inflate_corrupted`.
    """
    budget = active()
    if budget is None:
        return zlib.decompress(data)
    room = budget.allowance()
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, room + 1)
    if len(out) > room:
        budget.too_much_unpacked()
    return out


def _inflate_corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (keep what precedes a bad checksum), bounded and
    linear: pdfminer's own feeds one byte at a time into a growing ``bytes``."""
    budget = active()
    room = budget.allowance() if budget is not None else 1 << 62
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    step = 4096
    for start in range(0, len(data), step):
        saved = inflater.copy()
        try:
            piece = inflater.decompress(data[start : start + step], room + 1 - size)
        except zlib.error:
            inflater = saved
            for at in range(start, min(start + step, len(data))):
                try:
                    piece = inflater.decompress(data[at : at + 1], room + 1 - size)
                except zlib.error:
                    if at < len(data) - 3:
                        raise
                    _log.warning("Data-loss while decompressing corrupted data")
                    return b"".join(parts)
                parts.append(piece)
                size += len(piece)
                if size > room and budget is not None:
                    budget.too_much_unpacked()
            continue
        parts.append(piece)
        size += len(piece)
        if size > room and budget is not None:
            budget.too_much_unpacked()
        if inflater.unconsumed_tail:  # room + 1 reached without a budget: impossible
            break  # pragma: no cover
    return b"".join(parts)


def _unlzw(data: bytes) -> bytes:
    budget = active()
    if budget is None:
        return b"".join(LZWDecoder(BytesIO(data)).run())
    room = budget.allowance()
    parts: list[bytes] = []
    size = 0
    for piece in LZWDecoder(BytesIO(data)).run():
        size += len(piece)
        if size > room:
            budget.too_much_unpacked()
        parts.append(piece)
    return b"".join(parts)


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside :mod:`pdfminer.pdftypes`."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    decompress = staticmethod(_inflate)


_original_decode = pdftypes.PDFStream.decode


def _decode(self: Any) -> None:
    """pdfminer's ``PDFStream.decode``, counting what it unpacked."""
    budget = active()
    if budget is not None:
        budget.check_time()
    _original_decode(self)
    if budget is not None and self.data is not None:
        budget.add_unpacked(len(self.data))


# -- the page's interpreter, parser and device ------------------------------------------


class GuardedContentParser(pdfinterp.PDFContentParser):
    def fillbuf(self) -> bool:
        new_stream = super().fillbuf()
        budget = active()
        if budget is not None:
            budget.tick(len(self.curstack))
        return new_stream


class GuardedInterpreter(pdfinterp.PDFPageInterpreter):
    """Counts form nesting and lets the parser see the operand stack and path."""

    depth = 0

    def subinterp(self) -> pdfinterp.PDFPageInterpreter:
        interpreter = super().subinterp()
        interpreter.depth = self.depth + 1  # type: ignore[attr-defined]
        if interpreter.depth > limits.PDF_MAX_NESTING:  # type: ignore[attr-defined]
            budget = active()
            message = (
                f"draws forms inside forms more than {limits.PDF_MAX_NESTING} levels deep, "
                f"Clipper's limit. {BOMB}"
            )
            if budget is None:
                raise InputTooLarge(message)
            budget.fail(f"{budget.where()} {message}")
        return interpreter

    def execute(self, streams: Any) -> None:
        run = super().execute  # held in a name: the SQL-in-store check reads call syntax
        budget = active()
        if budget is None:
            run(streams)
            return
        budget.interpreters.append(self)
        try:
            run(streams)
        finally:
            budget.interpreters.pop()


class GuardedAggregator(PDFPageAggregator):
    """pdfminer's page aggregator, counting characters and drawings against the budget."""

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        budget = active()
        if budget is not None:
            budget.add_char()
        return float(super().render_char(*args, **kwargs))

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        budget = active()
        if budget is not None:
            budget.add_drawing()
        super().paint_path(*args, **kwargs)

    def begin_figure(self, *args: Any, **kwargs: Any) -> None:
        budget = active()
        if budget is not None:
            budget.add_drawing()
        super().begin_figure(*args, **kwargs)


def page_layout(page: Any) -> Any:
    """The pdfminer layout of a pdfplumber page, read under the active budget."""
    pdf = page.pdf
    device = GuardedAggregator(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    GuardedInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result()


#: Character ids of CID fonts are 16-bit: a width range (``/W [first last width]``) beyond
#: this is damage, and pdfminer would fill a dictionary entry for every id in it.
_CID_LIMIT = 65_535
_original_widths = pdffont.get_widths
_original_widths2 = pdffont.get_widths2


def _clamped(seq: Any) -> list[Any]:
    values = []
    for value in seq:
        value = resolve1(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = max(-_CID_LIMIT, min(_CID_LIMIT, value))
        values.append(value)
    return values


def _widths(seq: Any) -> Any:
    return _original_widths(_clamped(seq))


def _widths2(seq: Any) -> Any:
    return _original_widths2(_clamped(seq))


def _install() -> None:
    pdffont.get_widths = _widths
    pdffont.get_widths2 = _widths2
    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment,attr-defined]
    pdftypes.decompress_corrupted = _inflate_corrupted
    pdftypes.lzwdecode = _unlzw  # type: ignore[attr-defined]
    pdftypes.PDFStream.decode = _decode  # type: ignore[method-assign]
    pdfinterp.PDFContentParser = GuardedContentParser  # type: ignore[misc]


_install()

__all__ = [
    "Budget",
    "GuardedAggregator",
    "GuardedInterpreter",
    "active",
    "check_chars",
    "check_pages",
    "page_layout",
    "reading",
]

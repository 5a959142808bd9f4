"""Input limits of the importers, defined once: the PDF reader and the HTML importer enforce
them while reading (memory stays bounded), and their messages and the README quote them.

A file over a limit is refused with :class:`~clipper.errors.InputTooLarge`, whose message
names the limit and what to do.
"""

from __future__ import annotations

MIB = 1024 * 1024

#: Pages in one PDF.
PDF_MAX_PAGES = 5_000
#: Bytes of unpacked (decompressed) streams read for one page: its content, forms and fonts.
PDF_MAX_PAGE_UNPACKED = 32 * MIB
#: Bytes of unpacked streams read for the whole PDF (page tree, object streams, all pages).
PDF_MAX_DOCUMENT_UNPACKED = 2048 * MIB
#: Characters drawn on one page (a dense broadsheet page has about 60,000).
PDF_MAX_PAGE_CHARS = 100_000
#: Drawing objects (lines, curves, rectangles, images, forms) on one page.
PDF_MAX_PAGE_DRAWINGS = 100_000
#: Operands, array items or path segments waiting for one drawing operator.
PDF_MAX_PENDING = 100_000
#: Forms (XObjects) drawn inside forms, at most this deep.
PDF_MAX_NESTING = 64
#: Characters of text in the whole PDF.
PDF_MAX_CHARS = 5_000_000
#: Wall-clock seconds for reading one page.
PDF_MAX_PAGE_SECONDS = 30.0
#: Wall-clock seconds for reading the whole PDF.
PDF_MAX_SECONDS = 1200.0
#: Address space of one page-reading worker process (bytes): a backstop to the limits above.
PDF_WORKER_MEMORY = 3072 * MIB

#: Bytes of an HTML file's markup and text, not counting inline data (``data:`` images,
#: fonts): a saved news page holds well under 1 MB; 10 MB takes ~15 s and ~400 MB to read.
HTML_MAX_BYTES = 10 * MIB
#: Bytes of an HTML file including inline data (pages saved as a single file).
HTML_MAX_FILE_BYTES = 100 * MIB


def megabytes(size: int) -> str:
    """``64 MB`` for 64 MiB: how the limits are written in messages."""
    return f"{size // MIB:,} MB"


__all__ = [
    "HTML_MAX_BYTES",
    "HTML_MAX_FILE_BYTES",
    "PDF_MAX_CHARS",
    "PDF_MAX_DOCUMENT_UNPACKED",
    "PDF_MAX_NESTING",
    "PDF_MAX_PAGES",
    "PDF_MAX_PAGE_CHARS",
    "PDF_MAX_PAGE_DRAWINGS",
    "PDF_MAX_PAGE_SECONDS",
    "PDF_MAX_PAGE_UNPACKED",
    "PDF_MAX_PENDING",
    "PDF_MAX_SECONDS",
    "PDF_WORKER_MEMORY",
    "QDPX_MAX_MEMBERS",
    "QDPX_MAX_PROJECT_BYTES",
    "QDPX_MAX_RATIO",
    "megabytes",
]

#: Members of a REFI-QDA archive (``.qdpx``): its project file and every source.
QDPX_MAX_MEMBERS = 100_000
#: Bytes of a REFI-QDA project file (``project.qde``) unpacked; 100,000 codings take ~70 MB.
QDPX_MAX_PROJECT_BYTES = 1024 * MIB
#: Unpacked size over packed size of any member of a ``.qdpx`` (above 1 MB unpacked): text
#: and XML pack about 3-20 times; a zip bomb packs a thousand times and more.
QDPX_MAX_RATIO = 200

"""Importers turn files into :class:`~clipper.model.ImportedArticle`; they never touch the
database. :func:`read_file` picks the importer from the file's content and name."""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from clipper.errors import ClipperError, ImportFailed, NeedsOcr
from clipper.fields import MAX_TEXT_FILE_BYTES
from clipper.importers.text import read_text
from clipper.model import ImportedArticle
from clipper.open_databases import refuse_open_database
from clipper.progress import CancelCheck, ProgressCallback

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: File-dialog filter patterns for what :func:`read_file` understands.
SUPPORTED_PATTERNS = ("*.txt", "*.text", "*.md", "*.markdown", "*.pdf", "*.html", "*.htm")

_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# White space, comments (browsers' "saved from url=" mark) and an XML declaration may come
# before the document type or the <html> tag.
_HTML_START = re.compile(
    r"(?:\s|<!--.*?-->|<\?xml\b[^>]*>)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)


def is_pdf(path: Path, head: bytes) -> bool:
    return head.startswith(b"%PDF") or path.suffix.lower() in PDF_SUFFIXES


def is_html(path: Path, head: bytes) -> bool:
    """An .html/.htm/.xhtml name, or content starting with ``<!doctype html`` or ``<html``."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    codec = "utf-8"
    for bom, utf16 in _UTF16_BOMS:
        if head.startswith(bom):
            head, codec = head[len(bom) :], utf16
    start = head.decode(codec, errors="ignore").lstrip("\ufeff")
    return _HTML_START.match(start) is not None


def check_importable(path: Path) -> None:
    """Refuse, before opening it, what is not an ordinary file or is an open database.

    Only ``os.stat`` is used: opening a FIFO or a device could block or never end, and
    opening a database this process has open would release SQLite's locks on it.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(mode):
        raise ImportFailed(f"{path} is a folder, not a file; give the files inside it")
    if not stat.S_ISREG(mode):
        raise ImportFailed(
            f"{path} is not an ordinary file (a pipe, socket or device); "
            "save its content to a file and import that"
        )
    try:
        refuse_open_database(path, "import")
    except ClipperError as exc:
        raise ImportFailed(exc.message) from None


def read_file(
    path: str | Path,
    *,
    encoding: str | None = None,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    ocr: bool = False,
    ocr_language: str = "eng",
    force_ocr: bool = False,
    ocr_progress: ProgressCallback | None = None,
) -> ImportedArticle:
    """Read one text, PDF or HTML file. Raises :class:`ImportFailed` with a user-fit message.

    ``ocr``: a PDF without a text layer (:class:`~clipper.errors.NeedsOcr`) is recognised
    with OCRmyPDF in ``ocr_language`` (Tesseract codes: eng, fra, eng+fra) when it is
    installed; without it the NeedsOcr error (with install advice) stands. ``force_ocr``:
    every PDF is recognised with OCRmyPDF, replacing its text layer (for fonts that cannot
    be decoded). ``ocr_progress(pages done, pages)`` follows OCRmyPDF's work.
    """
    path = Path(path)
    check_importable(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if is_pdf(path, head):
        from clipper.importers.pdf import read_pdf

        if force_ocr:
            from clipper.importers.ocr import read_pdf_with_ocr

            return read_pdf_with_ocr(
                path,
                password,
                ocr_language,
                progress,
                cancel,
                force=True,
                ocr_progress=ocr_progress,
            )
        try:
            return read_pdf(path, password=password, progress=progress, cancel=cancel)
        except NeedsOcr:
            from clipper.importers.ocr import ocr_available, read_pdf_with_ocr

            if not (ocr and ocr_available()):
                raise
            return read_pdf_with_ocr(
                path, password, ocr_language, progress, cancel, ocr_progress=ocr_progress
            )
    html = is_html(path, head)
    if not html and path.stat().st_size > MAX_TEXT_FILE_BYTES:
        raise ImportFailed(
            f"{path} is {path.stat().st_size / 1e6:,.0f} MB: Clipper imports text files of at "
            f"most {MAX_TEXT_FILE_BYTES / 1e6:,.0f} MB. Split it into smaller files."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if html:
        from clipper.importers.html import read_html  # trafilatura: loaded only when needed

        return read_html(data, path.name, encoding=encoding)
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "txt")
    return read_text(data, path.name, kind=kind, encoding=encoding)


def read_pasted_text(text: str, *, kind: str = "clipboard") -> ImportedArticle:
    """An article from text already decoded (clipboard, stdin as text)."""
    return read_text(text.encode("utf-8"), kind, kind=kind, encoding="utf-8")


__all__ = [
    "SUPPORTED_PATTERNS",
    "ImportFailed",
    "is_html",
    "is_pdf",
    "read_file",
    "read_pasted_text",
]

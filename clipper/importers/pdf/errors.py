"""Opening a PDF, and one clear message per way it can fail."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage

from clipper.errors import Hint, ImportFailed, InputTooLarge, NeedsOcr, PasswordRequired
from clipper.importers import limits
from clipper.importers.pdf import guard

# pdfminer logs warnings about damaged streams; without a handler Python prints them raw.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_REPAIR_HINT = (
    "Download it again, or open it in a PDF viewer and save or print it to a new PDF, "
    "then import that copy."
)


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (pdfplumber puts pdfminer's error in ``args``) and causes."""
    found: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)
    return found


def damaged(name: str, detail: str = "") -> ImportFailed:
    why = f" ({detail})" if detail else ""
    return ImportFailed(f"{name} is damaged or incomplete and cannot be read{why}. {_REPAIR_HINT}")


def _password_error(name: str, password: str | None) -> PasswordRequired:
    if password:
        return PasswordRequired(
            f"{name}: the password is wrong. Check it (passwords are case-sensitive) "
            "and give it again.",
            wrong_password=True,
        )
    return PasswordRequired(
        f"{name} is protected by a password.",  # the remedy: each front end's (Hint)
        wrong_password=False,
    )


def check_signature(path: Path) -> None:
    """Refuse empty files and files that are not PDFs before pdfminer sees them."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise ImportFailed(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if not head:
        raise ImportFailed(f"{name} is empty (0 bytes): there is nothing to import.")
    if b"%PDF-" not in head:
        raise ImportFailed(
            f"{name} is not a PDF file (it does not start with the PDF signature %PDF). "
            "If it is a text file, give it a .txt name."
        )


def open_pdf(path: Path, password: str | None = None) -> Any:
    """Open a PDF with pdfplumber and read its page tree, or raise a clear ImportFailed.

    A password that is given but not needed (owner-password-only files) is ignored.
    """
    check_signature(path)
    attempts = [password, ""] if password else [""]
    for attempt in attempts:
        try:
            pdf = pdfplumber.open(path, password=attempt or "")
        except Exception as exc:
            causes = _causes(exc)
            _raise_limit(causes)
            if any(isinstance(c, PDFPasswordIncorrect) for c in causes):
                if attempt == attempts[-1]:
                    raise _password_error(path.name, password) from exc
                continue
            if any(isinstance(c, PDFEncryptionError) for c in causes):
                raise ImportFailed(
                    f"{path.name} uses an encryption method Clipper cannot open ({exc}). "
                    "Save an unencrypted copy from a PDF viewer, then import that."
                ) from exc
            raise damaged(path.name, _describe(causes)) from exc
        try:
            guard.check_pages(path.name, count_pages(pdf))
            count = len(pdf.pages)
        except Exception as exc:
            close_pdf(pdf)
            _raise_limit(_causes(exc))
            raise damaged(path.name, _describe(_causes(exc))) from exc
        if count == 0:
            close_pdf(pdf)
            raise damaged(path.name, "no pages could be found in it")
        return pdf
    raise _password_error(path.name, password)  # pragma: no cover - loop always returns/raises


def _raise_limit(causes: list[BaseException]) -> None:
    """A reading limit hit inside pdfminer wins over whatever error it caused there."""
    for cause in causes:
        if isinstance(cause, InputTooLarge):
            raise cause
    budget = guard.active()
    if budget is not None:
        budget.check()


def count_pages(pdf: Any) -> int:
    """Pages in the page tree, counted up to one over the limit (pdfplumber's ``pages``
    builds an object for every page, however many there are)."""
    pages = PDFPage.create_pages(pdf.doc)
    return sum(1 for _ in islice(pages, limits.PDF_MAX_PAGES + 1))


def close_pdf(pdf: Any) -> None:
    """Close a pdfplumber document, also one whose page tree cannot be read.

    pdfplumber's ``close()`` walks ``pdf.pages`` again, which raises the same error once
    more for a damaged page tree: then only the file is closed.
    """
    try:
        pdf.close()
    except Exception:
        stream = getattr(pdf, "stream", None)
        if stream is not None and not getattr(pdf, "stream_is_external", True):
            stream.close()


def _describe(causes: list[BaseException]) -> str:
    for cause in reversed(causes):
        text = str(cause).strip()
        if text:
            if "Unexpected EOF" in text or type(cause).__name__ == "PSEOF":
                return "the file ends too early: it is truncated"
            if "No /Root" in text:
                return "its structure (trailer and object table) is missing"
            return f"{type(cause).__name__}: {text[:120]}"
    return type(causes[-1]).__name__ if causes else ""


def ocr_advice(name: str, *, replace_text: bool = False) -> str:
    """How to add a text layer, naming the OCR tool when one is installed.

    ``replace_text``: the PDF has a text layer that cannot be used (fonts without a Unicode
    map); OCRmyPDF refuses pages that have text unless told to replace it (``--force-ocr``).
    """
    stem = Path(name).stem
    command = f"`ocrmypdf {'--force-ocr ' if replace_text else ''}{name} {stem}-ocr.pdf`"
    if shutil.which("ocrmypdf"):
        return f"Run OCR first, e.g. {command}, then import {stem}-ocr.pdf."
    if shutil.which("tesseract"):
        return (
            "Run OCR first: convert the pages to images (e.g. `pdftoppm -png "
            f"{name} page`) and run `tesseract page-1.png {stem}-ocr pdf` on each, "
            "then import the result."
        )
    return (
        f"Run it through OCR software first (for example OCRmyPDF: {command}), "
        "then import the result."
    )


def scan_advice(name: str) -> tuple[str, Hint | None]:
    """What to do with a scan: let Clipper run OCR when OCRmyPDF is installed (the
    :attr:`Hint.OCR` a front end words as its option or offer), else how to OCR it
    elsewhere and what to install so that Clipper can."""
    if shutil.which("ocrmypdf"):
        return "OCRmyPDF is installed: Clipper can recognise the text itself.", Hint.OCR
    return (
        f"{ocr_advice(name)} To let Clipper run OCR itself, install OCRmyPDF: "
        "`sudo apt install ocrmypdf tesseract-ocr-eng`."
    ), None


def no_text(name: str, pages: int, images: int) -> NeedsOcr:
    checked = f"{pages} page{'s' if pages != 1 else ''} checked"
    if images:
        found = f"its pages are images (a scan), so there is no text to import ({checked})"
    else:
        found = f"no text was found ({checked}; letters drawn as shapes are not text)"
    advice, hint = scan_advice(name)
    return NeedsOcr(
        f"{name} has no text layer: {found}. OCR is needed. {advice}", hint=hint, suggestion=name
    )


def blank_pages_warning(numbers: Sequence[int]) -> str:
    """ "page 4 has no text layer …" or "3 pages (2, 4, 7) have no text layer …"."""
    if len(numbers) == 1:
        return (
            f"page {numbers[0]} has no text layer (a scanned image?) and is not in the text; "
            "OCR the file to include it."
        )
    listed = ", ".join(map(str, numbers[:10])) + (" …" if len(numbers) > 10 else "")
    return (
        f"{len(numbers)} pages ({listed}) have no text layer (scanned images?) and are not "
        "in the text; OCR the file to include them."
    )


def unusable_text(name: str, text: str) -> NeedsOcr:
    """A text layer with (almost) no letters: fonts that do not decode, usually."""
    flat = " ".join(text.split())
    return NeedsOcr(
        f"{name} has no usable text layer (only {len(text.strip())} characters: "
        f"{flat[:40]!r}); its fonts probably cannot be decoded. OCR is needed. "
        f"{ocr_advice(name, replace_text=True)}"
    )


def unreadable_fonts(name: str, bad: int, total: int) -> ImportFailed:
    share = round(100 * bad / max(total, 1))
    return ImportFailed(
        f"{name} cannot be imported: {share}% of its characters ({bad} of {total}) use fonts "
        "without a Unicode map, so they extract as garbage such as (cid:12). Export the "
        "document again with embedded Unicode fonts, or OCR it: "
        f"{ocr_advice(name, replace_text=True)}"
    )

"""PDF import with pdfplumber: readable text in reading order, each character mapped to
its page and box.

Steps: :mod:`.errors` opens the file (one clear message per failure), :mod:`.page` reads
each page (:mod:`.glyphs` -> :mod:`.columns` -> :mod:`.lines`, packed in a
:mod:`.pagetext`), :mod:`.parallel` spreads long documents over worker processes when
:mod:`.cores` finds cores free, :mod:`.cleanup` drops running heads and joins lines
into paragraphs, :mod:`.metadata` reads title/author/date.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from clipper.importers.pdf import guard
from clipper.importers.pdf.cleanup import assemble
from clipper.importers.pdf.errors import (
    blank_pages_warning,
    close_pdf,
    no_text,
    open_pdf,
    unreadable_fonts,
    unusable_text,
)
from clipper.importers.pdf.layering import is_layered, layered_pages_warning
from clipper.importers.pdf.metadata import headline, pdf_author, pdf_date, pdf_title
from clipper.importers.pdf.pagetext import PageText
from clipper.importers.pdf.parallel import extract_pages, extract_parallel, plan_workers
from clipper.importers.text import derive_title
from clipper.layout import CharLayout
from clipper.model import ImportedArticle, file_sha256
from clipper.progress import CancelCheck, ProgressCallback, check_cancel

#: Refuse a document when more than this share of its glyphs are unmapped ``(cid:N)``.
MAX_CID_SHARE = 0.3
#: Fewer letters/digits than this in the whole document: the text layer is unusable.
MIN_READABLE = 5


def read_pdf(
    path: str | Path,
    *,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    workers: int | None = None,
) -> ImportedArticle:
    """Import a PDF. ``workers``: page-reading processes (``None`` = decide from free cores).

    Raises :class:`~clipper.errors.PasswordRequired`, :class:`~clipper.errors.NeedsOcr`,
    :class:`~clipper.errors.ImportFailed` or :class:`~clipper.errors.Cancelled`.
    """
    path = Path(path)
    check_cancel(cancel)
    with guard.reading(path.name):
        pages, info = _read_pages(path, password, progress, cancel, workers)
    article = build_article(path.name, pages, info)
    article.source_file, article.source_sha256 = str(path), file_sha256(path)
    return article


def _read_pages(
    path: Path,
    password: str | None,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
    workers: int | None,
) -> tuple[list[PageText], dict[str, Any]]:
    pdf = open_pdf(path, password)
    try:
        total = len(pdf.pages)
        info = _metadata(pdf)
        count = plan_workers(total, workers)
        if count > 1:
            close_pdf(pdf)
            pages = extract_parallel(path, password, total, count, progress=progress, cancel=cancel)
        else:
            done = [0]

            def step(pages_read: int) -> None:
                done[0] += pages_read
                if progress is not None:
                    progress(done[0], total)

            pages = extract_pages(pdf, path.name, 0, total, progress=step, cancel=cancel)
    finally:
        close_pdf(pdf)
    return pages, info


def _metadata(pdf: Any) -> dict[str, Any]:
    try:
        return dict(pdf.metadata or {})
    except Exception:  # a damaged info dictionary is not worth failing the import
        return {}


def _derived_title(pages: Sequence[PageText]) -> str | None:
    first = next((p for p in pages if p.main_lines), None)
    return None if first is None else headline(first.lines[: first.main_lines])


def build_article(name: str, pages: Sequence[PageText], info: dict[str, Any]) -> ImportedArticle:
    """Check the extracted pages and turn them into an article (or refuse clearly)."""
    glyphs = sum(p.glyphs for p in pages)
    cids = sum(p.cids for p in pages)
    if glyphs == 0:
        raise no_text(name, len(pages), sum(p.images for p in pages))
    if cids > MAX_CID_SHARE * glyphs:
        raise unreadable_fonts(name, cids, glyphs)
    text, page_numbers, boxes = assemble(pages)
    readable = sum(1 for _ in islice(filter(str.isalnum, text), MIN_READABLE))
    if readable < MIN_READABLE:
        raise unusable_text(name, text)
    warnings: list[str] = []
    if cids:
        warnings.append(
            f"{cids} character{'s' if cids != 1 else ''} could not be decoded (a font has no "
            "Unicode map); they appear as \ufffd in the text."
        )
    blank = [p.number for p in pages if p.glyphs == 0]
    if blank:
        warnings.append(blank_pages_warning(blank))
    layered = [p.number for p in pages if is_layered(p.layered)]
    if layered:
        warnings.append(layered_pages_warning(layered))
    layout = CharLayout(page_numbers, boxes)
    return ImportedArticle(
        text=text,
        title=pdf_title(info) or _derived_title(pages) or derive_title(text),
        source_name=name,
        source_kind="pdf",
        author=pdf_author(info),
        published=pdf_date(info),
        layout=layout.to_bytes(),
        warnings=warnings,
    )


__all__ = ["build_article", "read_pdf"]

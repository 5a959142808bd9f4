"""PDF import with pdfplumber (placeholder until the full importer lands: issue 3)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from clipper.errors import ImportFailed
from clipper.model import ImportedArticle
from clipper.progress import CancelCheck, ProgressCallback, check_cancel


def read_pdf(
    path: Path,
    *,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ImportedArticle:
    """Extract a PDF's text page by page."""
    parts: list[str] = []
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages, 1):
                check_cancel(cancel)
                parts.append(page.extract_text() or "")
                page.close()
                if progress:
                    progress(number, total)
    except Exception as exc:
        raise ImportFailed(f"{path.name} could not be read as a PDF ({type(exc).__name__})") from exc
    text = "\n\n".join(p for p in parts if p.strip())
    if not text.strip():
        raise ImportFailed(f"{path.name} has no text layer")
    title = text.strip().split("\n", 1)[0][:90]
    return ImportedArticle(text=text, title=title, source_name=path.name, source_kind="pdf")

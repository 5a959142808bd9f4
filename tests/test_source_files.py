"""An imported PDF keeps its bytes in the database (for the page view), streamed in and out."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from clipper.importers import read_file
from clipper.library import import_files
from clipper.model import file_sha256
from clipper.store import Store

PDF = "pdfjs__tracemonkey.pdf"


def test_imported_pdf_keeps_its_bytes(store: Store, fixtures: Path) -> None:
    path = fixtures / "pdfs" / PDF
    [outcome] = import_files(store, [path])
    assert outcome.article_id is not None
    info = store.source_file_info(outcome.article_id)
    assert info is not None
    assert (info.name, info.size, info.sha256) == (PDF, path.stat().st_size, file_sha256(path))
    out = io.BytesIO()
    store.copy_source_file(outcome.article_id, out)
    assert out.getvalue() == path.read_bytes()


def test_text_articles_keep_no_source(store: Store, fixtures: Path) -> None:
    text = next((fixtures / "articles").iterdir())
    [outcome] = import_files(store, [text])
    assert outcome.article_id is not None
    assert store.source_file_info(outcome.article_id) is None
    assert store.copy_source_file(outcome.article_id, io.BytesIO()) is None


def test_a_file_changed_after_reading_is_not_kept(
    store: Store, fixtures: Path, tmp_path: Path
) -> None:
    path = tmp_path / PDF
    shutil.copy(fixtures / "pdfs" / PDF, path)
    imported = read_file(path)
    path.write_bytes(path.read_bytes() + b"%changed\n")
    article = store.add_article(imported)
    assert article.text == imported.text
    assert store.source_file_info(article.id) is None


def test_undoing_a_delete_brings_the_source_back(store: Store, fixtures: Path) -> None:
    [outcome] = import_files(store, [fixtures / "pdfs" / PDF])
    assert outcome.article_id is not None
    snapshot = store.snapshot_article(outcome.article_id)
    store.delete_article(outcome.article_id)
    assert store.source_file_info(outcome.article_id) is None
    restored = store.restore_article(snapshot)
    info = store.source_file_info(restored.id)
    assert info is not None and info.sha256 == file_sha256(fixtures / "pdfs" / PDF)

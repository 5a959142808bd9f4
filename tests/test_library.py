"""Shared operations: batch import (parallel), progress, the sample clipping."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipper.errors import Cancelled, DuplicateArticle, ImportFailed
from clipper.library import ImportOptions, import_files, open_sample
from clipper.model import ArticleMeta
from clipper.store import Store

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
PDFS = Path(__file__).parent / "fixtures" / "pdfs"


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_import_keeps_order_and_reports_each_failure(
    store: Store, tmp_path: Path, workers: int
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    paths = [ARTICLES / "wikinews_news_crane.txt", empty, ARTICLES / "wikinews_news_nasa.txt"]
    seen: list[tuple[int, int]] = []
    outcomes = import_files(
        store,
        paths,
        ImportOptions(meta=ArticleMeta(outlet="Wikinews"), workers=workers),
        progress=lambda p: seen.append((p.done, p.total)) if not p.name else None,
    )
    assert [o.ok for o in outcomes] == [True, False, True]
    assert isinstance(outcomes[1].error, ImportFailed) and "is empty" in str(outcomes[1].error)
    assert [a.outlet for a in store.list_articles()] == ["Wikinews", "Wikinews"]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    again = import_files(store, paths[:1] + paths[2:], ImportOptions(workers=workers))
    assert all(isinstance(o.error, DuplicateArticle) for o in again)


def test_one_pdf_reports_page_progress(store: Store) -> None:
    pdf = next(PDFS.glob("*2023-06-20-PV*.pdf"))
    seen: list[tuple[int, int]] = []
    [outcome] = import_files(
        store, [pdf], progress=lambda p: seen.append((p.pages_done, p.pages_total))
    )
    assert outcome.ok and outcome.article_id is not None
    assert store.get_article(outcome.article_id).source_kind == "pdf"
    assert (2, 2) in seen


def test_cancel_stops_before_storing(store: Store) -> None:
    with pytest.raises(Cancelled):
        import_files(store, [ARTICLES / "wikinews_news_crane.txt"], cancel=lambda: True)
    assert store.count_articles() == 0


def test_sample_is_imported_once_with_its_metadata(store: Store) -> None:
    first = open_sample(store)
    assert (first.outlet, first.published) == ("Wikinews", "2015-09-12")
    assert open_sample(store).id == first.id and store.count_articles() == 1


def test_sample_has_no_stray_image_caption(store: Store) -> None:
    """The date line is followed by the first paragraph, not a leftover photo caption."""
    text = open_sample(store).text
    assert "pilgrims at Mecca's Grand Mosque in 2008" not in text
    paragraphs = [p for p in text.split("\n") if p.strip()]
    assert paragraphs[1] == "Saturday, September 12, 2015"
    assert paragraphs[2].startswith("A storm yesterday caused a crane to fall")

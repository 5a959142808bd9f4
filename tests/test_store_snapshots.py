"""Snapshots for undo: an article or annotations deleted and put back as they were."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from clipper.errors import ClipperError, DuplicateAnnotation
from clipper.importers import read_file
from clipper.model import ImportedArticle
from clipper.store import Store

PDF = Path(__file__).parent / "fixtures" / "pdfs" / "pdfjs__tracemonkey.pdf"


@functools.cache
def read_pdf() -> ImportedArticle:
    return read_file(PDF)


def everything(store: Store) -> tuple[object, ...]:
    """All rows that undo must bring back, by identity."""
    return (
        [
            (a.uuid, a.id, a.article_id, a.start, a.end, a.tag, a.coder, a.page, dict(a.attributes))
            for a in store.list_annotations()
        ],
        [(r.uuid, r.from_id, r.to_id, r.type) for r in store.list_relations()],
        [(a.id, a.title) for a in store.list_articles()],
    )


@pytest.fixture
def pdf_store(store: Store) -> tuple[Store, int, int]:
    """A real PDF (with its layout) and a text article, annotated and related."""
    pdf = store.add_article(read_pdf()).id
    other = store.add_article(ImportedArticle("Elsewhere someone agreed.", "O", "o", "txt")).id
    text = store.get_article(pdf).text
    start = text.index("Trace")
    late = len(text) - 40
    quote = store.add_annotation(pdf, start, start + 5, "quote", note="n", coder="bob")
    figure = store.add_annotation(
        pdf, late, late + 10, "figure", attributes={"value": 1.5, "n": 2, "unit": "s"}
    )
    elsewhere = store.add_annotation(other, 0, 9, "person")
    store.add_relation(quote.id, figure.id, "supported_by")
    store.add_relation(quote.id, elsewhere.id, "said_by")
    return store, pdf, other


def test_restore_article_brings_everything_back_with_the_same_identities(
    pdf_store: tuple[Store, int, int],
) -> None:
    store, pdf, _ = pdf_store
    before = everything(store)
    layout = store.get_layout(pdf)
    assert layout is not None and (store.list_annotations(pdf)[-1].page or 0) > 1
    snapshot = store.snapshot_article(pdf)
    store.delete_article(pdf)
    assert store.list_relations() == [] and store.get_layout(pdf) is None
    restored = store.restore_article(snapshot)
    assert restored == snapshot.article
    assert everything(store) == before
    again = store.get_layout(pdf)
    assert again is not None and again.to_bytes() == layout.to_bytes() == snapshot.layout
    assert store.list_articles(search="Trace")[0].id == pdf  # found by full-text search
    with pytest.raises(ClipperError, match="in the database already"):
        store.restore_article(snapshot)


def test_restore_article_under_a_new_id_when_the_old_one_is_taken(
    pdf_store: tuple[Store, int, int],
) -> None:
    store, _, other = pdf_store
    snapshot = store.snapshot_article(other)
    store.delete_article(other)
    # row ids are reused: another program's article takes the old id
    store.db.execute(
        "INSERT INTO articles (id, title, text, length, source_kind, imported_at, "
        "content_hash, uuid) VALUES (?, 'X', 'x', 1, 'txt', 't', 'h', 'u')",
        [other],
    )
    store.db.conn.commit()
    restored = store.restore_article(snapshot)
    assert restored.id != other and restored.uuid == snapshot.article.uuid
    [person] = store.list_annotations(restored.id)
    assert person.uuid == snapshot.annotations.annotations[0].uuid
    assert [r.type for r in store.list_relations(annotation_id=person.id)] == ["said_by"]


def test_restore_annotations_with_attributes_and_relations(
    pdf_store: tuple[Store, int, int],
) -> None:
    store, pdf, _ = pdf_store
    before = everything(store)
    ids = [a.id for a in store.list_annotations(pdf)]
    snapshot = store.snapshot_annotations(ids)
    assert store.delete_annotations(ids) == list(snapshot.annotations)
    assert store.list_relations() == []
    restored = store.restore_annotations(snapshot)
    assert [a.uuid for a in restored] == [a.uuid for a in snapshot.annotations]
    assert everything(store) == before
    with pytest.raises(DuplicateAnnotation):
        store.restore_annotations(snapshot)
    assert everything(store) == before  # all or nothing


def test_a_relation_whose_other_end_is_gone_stays_gone(pdf_store: tuple[Store, int, int]) -> None:
    store, pdf, other = pdf_store
    snapshot = store.snapshot_article(pdf)
    store.delete_article(pdf)
    store.delete_article(other)
    store.restore_article(snapshot)
    assert [r.type for r in store.list_relations()] == ["supported_by"]

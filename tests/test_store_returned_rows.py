"""What a write returns is what is stored: add_annotation and add_article hand back the row
their INSERT stored (RETURNING) instead of reading it back, so they must equal a fresh read."""

from __future__ import annotations

from clipper.errors import DuplicateArticle
from clipper.library import ImportOptions, store_imported
from clipper.model import ImportedArticle
from clipper.store import Store

TEXT = "Ms Wu said prices rose 4.5% in 2025, said the minister."


def test_added_annotation_equals_the_stored_one(store: Store) -> None:
    article_id = store.add_article(ImportedArticle(TEXT, "T", "x.txt", "txt")).id
    plain = store.add_annotation(article_id, 0, 5, "person", "a note")
    assert plain == store.get_annotation(plain.id)
    assert plain.text == "Ms Wu" and plain.coder == "default"
    by_coder = store.add_annotation(
        article_id, 0, 5, "person", coder="  Alice ", origin="suggested", status="pending"
    )
    assert by_coder == store.get_annotation(by_coder.id)
    assert by_coder.coder == "Alice"
    with_attributes = store.add_annotation(
        article_id, 23, 27, "figure", attributes={"value": 4.5, "unit": "%"}
    )
    assert with_attributes == store.get_annotation(with_attributes.id)
    assert dict(with_attributes.attributes) == {"value": 4.5, "unit": "%"}


def test_added_article_equals_the_stored_one(store: Store) -> None:
    plain = store.add_article(
        ImportedArticle(TEXT, "A title", "x.txt", "txt", outlet="The Herald", url="https://e.org/")
    )
    assert plain == store.get_article(plain.id)
    with store.transaction():  # a batch: no savepoint per plain article
        batched = store.add_article(ImportedArticle(TEXT + " Again.", "B", "y.txt", "txt"))
        assert batched == store.get_article(batched.id)


def test_a_batch_keeps_each_file_all_or_nothing(store: Store) -> None:
    store.db.execute(  # the second INSERT of a PDF (its layout) fails
        "CREATE TEMP TRIGGER no_layouts BEFORE INSERT ON main.article_layouts "
        "BEGIN SELECT RAISE(ABORT, 'no layouts today'); END"
    )
    items = [
        ("a.txt", ImportedArticle("First text.", "First", "a.txt", "txt")),
        ("b.txt", ImportedArticle("First text.", "Again", "b.txt", "txt")),
        ("c.pdf", ImportedArticle("Paged text.", "PDF", "c.pdf", "pdf", layout=b"x")),
        ("d.txt", ImportedArticle("Third text.", "Third", "d.txt", "txt")),
    ]
    outcomes = store_imported(store, items, ImportOptions())
    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert isinstance(outcomes[1].error, DuplicateArticle)
    # the PDF's article row went out with its failed layout; the others stayed
    assert sorted(a.title for a in store.list_articles()) == ["First", "Third"]


def test_a_long_listing_then_more_work(store: Store) -> None:
    """After a long listing SQLite's page cache is released; the store works on as before."""
    text = "word " * 12_000
    article_id = store.add_article(ImportedArticle(text, "Long", "l.txt", "txt")).id
    with store.transaction():
        for n in range(10_000):
            store.add_annotation(article_id, 5 * n, 5 * n + 4, "quote")
    listed = store.list_annotations(article_id)
    assert len(listed) == 10_000 and listed[0].text == "word"
    added = store.add_annotation(article_id, 50_000, 50_004, "person")
    assert store.list_annotations(article_id)[-1] == added
    store.release_cache()
    assert store.get_annotation(added.id) == added

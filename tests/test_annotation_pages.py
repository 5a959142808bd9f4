"""Reading one article's annotations a part at a time (AnnotationPageStore), on a real
database file: the same rows, order and counts as reading them all."""

from __future__ import annotations

from clipper.importers import read_pasted_text
from clipper.model import RATING
from clipper.store import Store

TEXT = "Headline\n\n" + " ".join(f"word{n:04d}" for n in range(2000))


def _seed(store: Store) -> int:
    article = store.add_article(read_pasted_text(TEXT))
    words = [(i, i + 8) for i in range(10, len(article.text) - 8, 9)]
    tags = ["figure", "quote", "person", "claim"]
    for n, (s, e) in enumerate(words[:200]):
        store.add_annotation(
            article.id,
            s,
            e,
            tags[n % 4],
            "a note" if n == 150 else "",
            coder="ana" if n % 5 == 0 else None,
            origin="suggested" if n % 7 == 0 else "manual",
            status=("rejected" if n % 14 == 0 else "pending") if n % 7 == 0 else "accepted",
            attributes={RATING: "True"} if n == 33 else None,
        )
    store.add_annotation(article.id, 5, 4000, "claim")  # a long span over many others
    return article.id


def test_pages_counts_and_ranks_match_a_full_listing(store: Store) -> None:
    article_id = _seed(store)
    listed = [a for a in store.list_annotations(article_id) if a.status != "rejected"]
    listed.sort(key=lambda a: (a.start, a.end, a.id))
    assert store.count_listed_annotations(article_id) == len(listed)
    pages = [
        a.id for o in range(0, len(listed), 64) for a in store.annotation_page(article_id, o, 64)
    ]
    assert pages == [a.id for a in listed]
    quotes = [a for a in listed if a.tag == "quote"]
    assert store.count_listed_annotations(article_id, "quote") == len(quotes)
    assert [a.id for a in store.annotation_page(article_id, 10, 5, "quote")] == [
        a.id for a in quotes[10:15]
    ]
    for row in (0, 17, len(listed) - 1):
        a = listed[row]
        assert store.annotation_rank(article_id, (a.start, a.end, a.id)) == row
    a = quotes[7]
    assert store.annotation_rank(article_id, (a.start, a.end, a.id), "quote") == 7


def test_a_count_and_a_rank_are_one_statement_each(store: Store) -> None:
    """A tagging key press counts the rows and ranks the new one: each is one statement
    (no second read of the rejected count), right with and without rejected suggestions."""
    article_id = _seed(store)
    plain = store.add_article(read_pasted_text("Other\n\n" + TEXT))
    for n, s in enumerate(range(10, 400, 9)):
        store.add_annotation(plain.id, s, s + 8, "quote" if n % 2 else "figure")
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        for article in (article_id, plain.id):
            listed = [a for a in store.list_annotations(article) if a.status != "rejected"]
            listed.sort(key=lambda a: (a.start, a.end, a.id))
            quotes = [a for a in listed if a.tag == "quote"]
            statements.clear()
            assert store.count_listed_annotations(article) == len(listed)
            assert len(statements) == 1
            for row in (0, 5, len(listed) - 1):
                a = listed[row]
                statements.clear()
                assert store.annotation_rank(article, (a.start, a.end, a.id)) == row
                assert len(statements) == 1
            a = quotes[3]
            assert store.annotation_rank(article, (a.start, a.end, a.id), "quote") == 3
    finally:
        store.db.conn.set_trace_callback(None)


def test_spans_of_a_window_include_long_spans_and_skip_rejected(store: Store) -> None:
    article_id = _seed(store)
    everything = store.list_annotations(article_id)
    window = (900, 1000)
    want = sorted(
        (a.start, a.end, a.id, a.tag, a.status)
        for a in everything
        if a.start < window[1] and a.end > window[0] and a.status != "rejected"
    )
    got = store.annotation_spans(article_id, *window)
    assert got == want
    assert any(e - s > 1000 for s, e, *_ in got)  # the long one, starting far before


def test_summary_counts_from_indexes(store: Store) -> None:
    article_id = _seed(store)
    listed = [a for a in store.list_annotations(article_id) if a.status != "rejected"]
    summary = store.annotation_summary(article_id)
    assert summary.stored == len(store.list_annotations(article_id))
    assert summary.shown == len(listed)
    assert summary.pending == sum(1 for a in listed if a.status == "pending")
    assert summary.rated == 1
    assert summary.notes == 1 and store.has_notes(article_id)
    assert dict(summary.coders) == {
        name: sum(1 for a in listed if a.coder == name) for name in {a.coder for a in listed}
    }
    assert store.count_with_status(article_id, "pending") == summary.pending

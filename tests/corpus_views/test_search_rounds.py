"""Search over more articles than one round ranks: the best articles come first, then the
rest, in exactly the order of FTS5's ``ORDER BY rank`` (ties by id), and every hit's
code-point offsets slice the stored text (prefixes, phrases, "£", "€", "%", CJK, and
characters outside the Basic Multilingual Plane before the hit)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clipper.corpus.search import iter_hits, search
from clipper.corpus_query import parse_search
from clipper.model import ImportedArticle
from clipper.store import Store
from clipper.store.corpus_queries import trigram_match, word_match

#: 70 articles (more than the first round's 25 and than one later batch of 100 hits):
#: the word "harbour" 1-3 times in texts of different lengths (different BM25 scores,
#: with ties), emoji and CJK before the hits (code points, not UTF-16 units or bytes).
ARTICLES = 70


def _text(n: int) -> str:
    filler = " ".join(["lorem"] * (n % 9))
    times = 1 + n % 3
    body = " ".join(["the harbour's pier"] * times)
    return (
        f"😀𝄞 中国 {filler} {body} costs £{n}bn, €{n}m, up {n}% "
        f'"new port" {"harbourmaster " if n % 4 == 0 else ""}人民银行 end {n}.'
    )


@pytest.fixture
def texts(store: Store, db_path: Path) -> dict[int, str]:
    found: dict[int, str] = {}
    for n in range(ARTICLES):
        article = store.add_article(
            ImportedArticle(
                text=_text(n), title=f"Port {n}", source_name=f"p{n}", source_kind="txt"
            )
        )
        found[article.id] = article.text
    return found


def _reference_order(db_path: Path, query: str) -> list[int]:
    """FTS5's own ranking of the articles, as the sqlite3 module runs it."""
    parsed = parse_search(query)
    with sqlite3.connect(db_path) as conn:
        if parsed.substrings:
            match = trigram_match(parsed)
            sql = "SELECT rowid FROM articles_trigram WHERE articles_trigram MATCH ? ORDER BY rank"
        else:
            match = word_match(parsed)
            sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank"
        return [r[0] for r in conn.execute(sql, [match])]


def _articles_in_order(hits: list[object]) -> list[int]:
    order: list[int] = []
    for hit in hits:
        article_id = hit.article_id  # type: ignore[attr-defined]
        if not order or order[-1] != article_id:
            order.append(article_id)
    return order


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", {"harbour"}),
        ("harb*", {"harbour", "harbourmaster"}),
        ('"harbour s pier"', {"harbour's pier"}),
        ('"new port" harbour', {"new port", "harbour"}),
        ("£1", {"£1"}),
        ("€", {"€"}),
        ("%", {"%"}),
        ("人民银行", {"人民银行"}),
        ("中国", {"中国"}),
    ],
)
def test_every_round_gives_hits_that_slice_the_text(
    store: Store, texts: dict[int, str], query: str, expected: set[str]
) -> None:
    hits = list(iter_hits(store, query))
    assert hits
    for hit in hits:
        text = texts[hit.article_id]
        assert text[hit.start : hit.end] == hit.text
        assert text[hit.start - len(hit.left) : hit.start] == hit.left
        assert text[hit.end : hit.end + len(hit.right)] == hit.right
    assert {h.text.lower() for h in hits} == {e.lower() for e in expected}
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)
    assert sorted(set(ranks)) == list(range(len(set(ranks))))


@pytest.mark.parametrize("query", ["harbour", "harb*", '"new port"', "bn, €", "人民银行"])
def test_articles_come_in_the_index_s_rank_order_across_rounds(
    store: Store, db_path: Path, texts: dict[int, str], query: str
) -> None:
    reference = _reference_order(db_path, query)
    assert len(reference) > 25
    assert _articles_in_order(list(iter_hits(store, query))) == reference
    for limit in (5, 25, 26, 40, 200):  # search() ranks about as many as it shows
        found = search(store, query, limit=limit)
        assert found == list(iter_hits(store, query))[:limit]


def test_hits_per_article_across_rounds(store: Store, texts: dict[int, str]) -> None:
    one_each = search(store, "harbour", limit=60, per_article=1)
    assert len(one_each) == 60
    assert len({h.article_id for h in one_each}) == 60
    all_hits = list(iter_hits(store, "harbour"))
    words = sum(t.count("harbour") - t.count("harbourmaster") for t in texts.values())
    assert len(all_hits) == words


def test_prefix_offsets_are_code_points(store: Store, texts: dict[int, str]) -> None:
    hit = search(store, "harbourm*", limit=1)[0]
    text = texts[hit.article_id]
    assert hit.text == "harbourmaster"
    assert hit.start == text.index("harbourmaster")  # Python str index: code points
    assert len(text[: hit.start].encode("utf-16-le")) // 2 > hit.start  # 😀𝄞 are 2 units

"""Search across the corpus: words, phrases, prefixes, symbols and CJK, with code-point
offsets that slice the stored text to the hit."""

from __future__ import annotations

import pytest
from corpus_fixture import Corpus, build_corpus

from clipper.corpus_query import parse_search
from clipper.errors import InvalidValue
from clipper.store import Store
from clipper.store.library_queries import LibraryQuery


@pytest.fixture
def corpus(store: Store) -> Corpus:
    return build_corpus(store)


def hits(corpus: Corpus, query: str, limit: int = 100) -> list[tuple[int, str]]:
    found = corpus.session.search_corpus(query, limit=limit)
    for hit in found:  # every offset slices the stored text to the hit and its context
        text = corpus.texts[hit.article_id]
        assert text[hit.start : hit.end] == hit.text
        assert text[hit.start - len(hit.left) : hit.start] == hit.left
        assert text[hit.end : hit.end + len(hit.right)] == hit.right
    return [(h.article_id, h.text) for h in found]


def test_a_word_is_found_whole_ignoring_case(corpus: Corpus) -> None:
    crane = corpus.ids["wikinews_news_crane.txt"]
    found = hits(corpus, "CRANE")
    assert found and all(t.casefold() == "crane" for _, t in found)
    assert {a for a, _ in found} == {crane}
    assert len(found) == corpus.texts[crane].lower().count("crane ")  # "cranes" not a hit


def test_a_phrase_and_a_prefix(corpus: Corpus) -> None:
    nasa = corpus.ids["wikinews_news_nasa.txt"]
    assert set(hits(corpus, '"shuttle launch"')) == {(nasa, "shuttle launch")}
    assert len(hits(corpus, '"shuttle launch"')) == corpus.texts[nasa].count("shuttle launch")
    words = {t.lower() for _, t in hits(corpus, "shuttl*")}
    assert words == {"shuttle", "shuttles"}


def test_all_words_must_occur_in_one_article(corpus: Corpus) -> None:
    found = hits(corpus, "crane Mecca")
    assert {a for a, _ in found} == {corpus.ids["wikinews_news_crane.txt"]}
    assert {t.lower() for _, t in found} == {"crane", "mecca"}
    assert hits(corpus, "crane shuttle") == []


@pytest.mark.parametrize(
    ("query", "article", "expected"),
    [
        ("£", "Pound and euro", ["£", "£"]),
        ("£5bn", "Pound and euro", ["£5bn"]),
        ("€", "Pound and euro", ["€"]),
        ("€5.8bn", "Pound and euro", ["€5.8bn"]),
        ("%", "Inflation", ["%", "%"]),
        ("5.25%", "Inflation", ["5.25%"]),
        ("人民银行", "人民银行", ["人民银行"]),
        ("中国", "人民银行", ["中国"]),
        ("万亿元", "人民银行", ["万亿元"]),
    ],
)
def test_symbols_and_cjk_are_found(
    corpus: Corpus, query: str, article: str, expected: list[str]
) -> None:
    article_id = corpus.ids[article]
    found = [(a, t) for a, t in hits(corpus, query) if a == article_id]
    assert [t for _, t in found] == expected


def test_percent_is_found_in_every_article_that_has_one(corpus: Corpus) -> None:
    with_percent = {a for a, text in corpus.texts.items() if "%" in text}
    assert {a for a, _ in hits(corpus, "%", limit=1000)} == with_percent


def test_a_substring_search_ignores_case(corpus: Corpus) -> None:
    assert [t for _, t in hits(corpus, "£5BN")] == ["£5bn"]


def test_best_article_first(corpus: Corpus) -> None:
    found = corpus.session.search_corpus("shuttle", limit=100)
    ranks = [h.rank for h in found]
    assert ranks == sorted(ranks)
    assert found[0].article_id == corpus.ids["wikinews_news_nasa.txt"]


def test_limit_and_per_article(corpus: Corpus) -> None:
    assert len(corpus.session.search_corpus("the", limit=7)) == 7
    one_each = corpus.session.search_corpus("the", limit=100, per_article=1)
    assert len({h.article_id for h in one_each}) == len(one_each)


def test_an_empty_search_is_refused_with_a_message(corpus: Corpus) -> None:
    with pytest.raises(InvalidValue, match="to search for"):
        corpus.session.search_corpus('  "" ')


def test_fts_syntax_is_taken_literally(corpus: Corpus) -> None:
    assert hits(corpus, "NOT") == [] or all(t.lower() == "not" for _, t in hits(corpus, "NOT"))
    assert hits(corpus, 'crane"') is not None  # an odd quote is no error
    assert hits(corpus, "(crane") is not None


def test_the_query_routes(corpus: Corpus) -> None:
    assert not parse_search('crane "shuttle launch" shutt*').substrings
    assert parse_search("£5bn").substrings
    assert parse_search("人民").substrings
    assert [t.text for t in parse_search("£ 12%").scanned] == ["£"]


def test_the_library_finds_symbols_too(corpus: Corpus, store: Store) -> None:
    found = store.library_ids(LibraryQuery(search="£"))
    assert found == [corpus.ids["Pound and euro"]]
    assert store.library_ids(LibraryQuery(search="人民银行")) == [corpus.ids["人民银行"]]


def test_the_trigram_index_follows_imports_and_deletes(corpus: Corpus, store: Store) -> None:
    pound = corpus.ids["Pound and euro"]
    corpus.session.edit_article(pound, title="Sterling")  # a metadata edit: still found
    assert {a for a, _ in hits(corpus, "£5bn")} == {pound}
    corpus.session.delete_article(pound)
    assert hits(corpus, "£5bn") == []
    corpus.session.undo()
    assert {a for a, _ in hits(corpus, "£5bn")} == {pound}


def test_the_library_search_finds_the_word_being_typed(corpus: Corpus, store: Store) -> None:
    # Searched as you type: the last word may be unfinished ("Mec" on the way to "Mecca").
    crane = corpus.ids["wikinews_news_crane.txt"]
    assert crane in store.library_ids(LibraryQuery(search="Mec"))
    assert crane in store.library_ids(LibraryQuery(search="crane Mec"))
    assert store.library_ids(LibraryQuery(search="crane Mec")) == store.library_ids(
        LibraryQuery(search="crane Mecca")
    )
    # A closed phrase is searched as it is.
    assert crane not in store.library_ids(LibraryQuery(search='"Mec"'))

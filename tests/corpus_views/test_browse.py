"""Annotations across the corpus: filters and keyword in context on real texts."""

from __future__ import annotations

import pytest
from annotated import CRANE, HILL, annotated_corpus
from corpus_fixture import Corpus

from clipper.corpus_query import ANNOTATION_SORTS, AnnotationFilter
from clipper.errors import InvalidValue
from clipper.store import Store


@pytest.fixture
def corpus(store: Store) -> Corpus:
    return annotated_corpus(store)


def rows(corpus: Corpus, **given: object) -> list[tuple[str, str]]:
    selected = AnnotationFilter(**given)  # type: ignore[arg-type]
    ids = corpus.session.corpus_annotation_ids(selected)
    page = corpus.session.corpus_annotation_page(ids)
    streamed = list(corpus.session.iter_corpus_annotations(selected))
    assert page == streamed  # the paged and the streamed listing agree
    for row in page:
        text = corpus.texts[row.article_id]
        assert text[row.start : row.end] == row.text
        assert text[row.start - len(row.left) : row.start] == row.left
        assert text[row.end : row.end + len(row.right)] == row.right
        assert len(row.left) == min(40, row.start)
    return [(r.tag, r.text) for r in page]


def test_accepted_annotations_by_default(corpus: Corpus) -> None:
    found = rows(corpus)
    assert len(found) == 11
    assert ("figure", "3.2%") not in found and ("figure", "5.25%") not in found
    assert len(rows(corpus, statuses=())) == 13
    assert rows(corpus, statuses=("pending",)) == [("figure", "3.2%")]


def test_kwic_on_a_real_text(corpus: Corpus) -> None:
    ids = corpus.session.corpus_annotation_ids(AnnotationFilter(text="Suleiman"))
    [row] = corpus.session.corpus_annotation_page(ids)
    assert row.left == "ority.\n\nCivil Defense Authority director General "[-40:]
    assert row.right.startswith(", in remarks to al-Ikhbariya")
    assert row.title == "At least 107 killed in Mecca crane collapse"
    assert (row.outlet, row.published, row.coder) == ("Wikinews", "2015-09-12", "ann")


def test_filters(corpus: Corpus) -> None:
    assert [t for t, _ in rows(corpus, tags=("person",))] == ["person"] * 3
    assert rows(corpus, coders=("bob",)) == [
        ("person", "Christopher Hill"),
        ("quote", "My Presidential qualifications"),
    ]
    assert rows(corpus, text="bn") == [("figure", "£5bn"), ("figure", "€5.8bn")]
    assert len(rows(corpus, outlets=("Daily Ledger",))) == 3
    assert len(rows(corpus, date_from="2015-09", date_to="2015-09-30")) == 6  # crane only
    assert len(rows(corpus, date_from="2024")) == 3
    assert len(rows(corpus, date_to="2015")) == 8  # crane (6) and Hill (2)


def test_speaker_from_attribute_or_said_by(corpus: Corpus) -> None:
    assert rows(corpus, speaker="al-amr") == [("quote", '"All those who were wounded')]
    assert rows(corpus, speaker="Maeena") == [("quote", '"Had it happened an hour later')]
    ids = corpus.session.corpus_annotation_ids(AnnotationFilter(tags=("quote",)))
    speakers = [r.speaker for r in corpus.session.corpus_annotation_page(ids)]
    assert sorted(s or "" for s in speakers) == [
        "Christopher Hill",
        "Khaled Al-Maeena",
        "Suleiman al-Amr",
    ]


@pytest.mark.parametrize("sort", ANNOTATION_SORTS)
def test_every_sort_lists_the_same_rows(corpus: Corpus, sort: str) -> None:
    everything = set(corpus.session.corpus_annotation_ids(AnnotationFilter()))
    for descending in (False, True):
        ids = corpus.session.corpus_annotation_ids(
            AnnotationFilter(), sort=sort, descending=descending
        )
        assert set(ids) == everything and len(ids) == len(everything)


def test_sorted_by_text_and_by_date(corpus: Corpus) -> None:
    ids = corpus.session.corpus_annotation_ids(AnnotationFilter(), sort="text")
    texts = [r.text.lower() for r in corpus.session.corpus_annotation_page(ids)]
    assert texts == sorted(texts)
    ids = corpus.session.corpus_annotation_ids(AnnotationFilter(), sort="date", descending=True)
    dates = [r.published for r in corpus.session.corpus_annotation_page(ids)]
    assert dates == sorted(dates, reverse=True)


def test_a_bad_sort_is_refused(corpus: Corpus) -> None:
    with pytest.raises(InvalidValue, match="cannot sort"):
        corpus.session.corpus_annotation_ids(AnnotationFilter(), sort="colour")


def test_filter_choices(corpus: Corpus) -> None:
    choices = corpus.session.corpus_filter_choices()
    assert choices["coders"] == ["ann", "bob", "default"] or choices["coders"] == ["ann", "bob"]
    assert choices["outlets"] == ["Daily Ledger", "Wikinews", "新华社"]
    assert choices["tags"][:4] == ["figure", "quote", "person", "claim"]
    assert HILL and CRANE

"""Statistics checked against counts made by hand (see annotated.py)."""

from __future__ import annotations

import csv
import io

import pytest
from annotated import annotated_corpus
from corpus_fixture import Corpus

from clipper.corpus import write_csv
from clipper.corpus.stats import with_tag_labels
from clipper.corpus_query import AnnotationFilter
from clipper.errors import InvalidValue
from clipper.model import tag_labels
from clipper.store import Store


@pytest.fixture
def corpus(store: Store) -> Corpus:
    return annotated_corpus(store)


def table(corpus: Corpus, by: str, **given: object) -> list[tuple[object, ...]]:
    selected = AnnotationFilter(**given) if given else None  # type: ignore[arg-type]
    return list(corpus.session.corpus_statistics(by, selected).rows)


def test_counts_by_tag_outlet_coder_and_month(corpus: Corpus) -> None:
    assert table(corpus, "tag") == [("figure", 4), ("person", 3), ("quote", 3), ("claim", 1)]
    assert table(corpus, "outlet") == [("Wikinews", 8), ("Daily Ledger", 3)]
    assert table(corpus, "coder") == [("ann", 9), ("bob", 2)]
    assert table(corpus, "month") == [("2015-01", 2), ("2015-09", 6), ("2024-03", 3)]
    assert table(corpus, "tag", statuses=()) == [
        ("figure", 6),
        ("person", 3),
        ("quote", 3),
        ("claim", 1),
    ]
    assert table(corpus, "coder", tags=("quote",)) == [("ann", 2), ("bob", 1)]


def test_most_quoted_people_and_figures_by_unit(corpus: Corpus) -> None:
    assert table(corpus, "speaker") == [
        ("Christopher Hill", 1),
        ("Khaled Al-Maeena", 1),
        ("Suleiman al-Amr", 1),
    ]
    assert table(corpus, "unit") == [("people", 2, 345.0), ("EUR", 1, 5.8e9), ("GBP", 1, 5e9)]
    assert table(corpus, "unit", statuses=()) == [
        ("people", 2, 345.0),
        ("EUR", 1, 5.8e9),
        ("GBP", 1, 5e9),
        ("percent", 1, 3.2),
    ]


def test_co_occurrence_of_tags_and_people(corpus: Corpus) -> None:
    assert table(corpus, "tags_together") == [
        ("person", "quote", 2),
        ("claim", "figure", 1),
        ("figure", "person", 1),
        ("figure", "quote", 1),
    ]
    assert table(corpus, "people_together") == [("Khaled Al-Maeena", "Suleiman al-Amr", 1)]


def test_csv_of_a_table(corpus: Corpus) -> None:
    stream = io.StringIO()
    write_csv(corpus.session.corpus_statistics("tag"), stream)
    assert list(csv.reader(io.StringIO(stream.getvalue()))) == [
        ["tag", "annotations"],
        ["figure", "4"],
        ["person", "3"],
        ["quote", "3"],
        ["claim", "1"],
    ]


def test_an_unknown_statistic_is_refused(corpus: Corpus) -> None:
    with pytest.raises(InvalidValue, match="no statistic"):
        corpus.session.corpus_statistics("colour")


def test_tag_names_are_shown_as_labels_in_one_place(corpus: Corpus) -> None:
    tags = corpus.session.list_tags()
    by_tag = with_tag_labels(corpus.session.corpus_statistics("tag"), tags)
    assert by_tag.rows == (("Figure", 4), ("Person", 3), ("Quote", 3), ("Claim", 1))
    pairs = with_tag_labels(corpus.session.corpus_statistics("tags_together"), tags)
    assert {(a, b) for a, b, _n in pairs.rows} <= {(x.label, y.label) for x in tags for y in tags}
    outlets = corpus.session.corpus_statistics("outlet")
    assert with_tag_labels(outlets, tags) == outlets  # no tag names: unchanged
    assert tag_labels(tags)("gone") == "gone"  # a tag deleted meanwhile shows its name

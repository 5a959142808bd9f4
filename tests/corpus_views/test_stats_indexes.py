"""Migration ``0012_corpusperf``: indexes that serve the statistics from the index alone;
applying it again changes nothing; SQLite's plans use them (checked with EXPLAIN QUERY
PLAN on the statements the statistics run)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_fixture import Corpus, build_corpus, tag

from clipper.corpus.stats import STATISTICS, statistics
from clipper.corpus_query import AnnotationFilter
from clipper.store import Store
from clipper.store.schema import MIGRATION_NAMES, migrations

INDEXES = {"annotations_status_tag", "articles_outlet_date", "annotation_attributes_key"}


def _indexes(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return {
            str(r[0]): str(r[1])
            for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
            if r[1] is not None
        }


def test_the_migration_adds_the_indexes_once(db_path: Path) -> None:
    assert "0012_corpusperf" in MIGRATION_NAMES
    Store(db_path).close()
    before = _indexes(db_path)
    assert set(before) >= INDEXES
    with sqlite3.connect(db_path) as conn:  # applying the body again: no error, no change
        from sqlite_utils import Database

        db = Database(conn)
        (step,) = [m for m in migrations._migrations if m.name == "0012_corpusperf"]
        step.fn(db)
    assert _indexes(db_path) == before


@pytest.fixture
def tagged(store: Store) -> Corpus:
    corpus = build_corpus(store)
    tag(corpus, "Pound and euro", "£5bn", "figure", attributes={"unit": "GBP", "value": 5})
    tag(corpus, "Pound and euro", "€5.8bn", "figure", attributes={"unit": "EUR"})
    tag(corpus, "Inflation", "3.2%", "figure", attributes={"unit": "percent", "value": 3.2})
    return corpus


@pytest.fixture
def plans(store: Store) -> Iterator[list[str]]:
    """The query plans of every statement the store runs meanwhile."""
    found: list[str] = []
    real = store.db.execute

    def explain(sql: str, params: object = None) -> object:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            rows = real("EXPLAIN QUERY PLAN " + sql, params or [])  # type: ignore[arg-type]
            found.extend(str(r[3]) for r in rows)
        return real(sql, params) if params is not None else real(sql)  # type: ignore[arg-type]

    store.db.execute = explain  # type: ignore[method-assign]
    yield found
    store.db.execute = real  # type: ignore[method-assign]


@pytest.mark.parametrize(
    ("by", "index"),
    [
        ("tag", "COVERING INDEX annotations_status_tag"),
        ("coder", "COVERING INDEX annotations_status_tag"),
        ("outlet", "COVERING INDEX articles_outlet_date"),
        ("month", "COVERING INDEX articles_outlet_date"),
        ("tags_together", "COVERING INDEX annotations_status_span"),
        ("unit", "annotation_attributes_key"),
    ],
)
def test_statistics_read_indexes_not_rows(
    store: Store, tagged: Corpus, plans: list[str], by: str, index: str
) -> None:
    statistics(store, by)
    assert any(index in plan for plan in plans), plans


def test_tags_together_counts_each_article_once(store: Store, tagged: Corpus) -> None:
    tag(tagged, "Pound and euro", "deal", "claim")
    tag(tagged, "Inflation", "Inflation", "claim")
    table = statistics(store, "tags_together")
    assert table.rows == (("claim", "figure", 2),)
    everything = AnnotationFilter(statuses=())
    assert statistics(store, "tags_together", everything).rows == (("claim", "figure", 2),)


def test_every_statistic_runs_on_an_empty_database(store: Store) -> None:
    for by in STATISTICS:
        assert statistics(store, by).rows == ()


def test_an_analysed_database_gets_figures_for_the_new_indexes(tmp_path: Path) -> None:
    """A database ANALYZEd before the upgrade gets figures for the new indexes (without
    them, at 100,000 annotations, SQLite listed annotations in text order through
    annotations_status_tag and sorted them: 100-300 ms instead of under 1 ms)."""
    from sqlite_utils import Database

    path = tmp_path / "analysed.db"
    db = Database(path)
    migrations.apply(db, stop_before="0012_corpusperf")
    db.execute(
        "INSERT INTO articles (id, title, text, length, source_kind, imported_at, "
        "content_hash, uuid) VALUES (1, 'A', 'Some text here for tags.', 24, 'txt', 'i', 'h', 'u')"
    )
    db.conn.executemany(
        'INSERT INTO annotations (uuid, article_id, start, "end", tag, text, coder_id, '
        "created_at, updated_at) VALUES (?, 1, ?, ?, ?, 'x', 1, 'c', 'u')",
        [(f"a{n}", n, n + 1, ("quote", "figure")[n % 2]) for n in range(20)],
    )
    db.conn.commit()
    db.execute("ANALYZE")
    db.close()
    with Store(path) as store:
        plan = [
            str(r[3])
            for r in store.db.execute(
                "EXPLAIN QUERY PLAN SELECT n.id FROM annotations n WHERE n.status = ? "
                'ORDER BY n.article_id, n.start, n."end", n.tag, n.coder_id LIMIT 200',
                ["accepted"],
            )
        ]
        assert plan == ["SEARCH n USING COVERING INDEX annotations_status_span (status=?)"]
        names = {r[0] for r in store.db.execute("SELECT idx FROM sqlite_stat1")}
        assert names >= INDEXES - {"annotation_attributes_key"}  # its table is empty

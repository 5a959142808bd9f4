"""Corpus-view benchmarks (issue 14): search top-20 over 10,000 and 100,000 articles, the
annotation browser's first rows for 100,000 annotations with KWIC, statistics over
500,000 annotations. Each against a same-run reference on a plain sqlite3 connection.

Run: nice python tests/benchmarks/bench_corpus.py [--keep DIR]
The databases are built once (from paragraphs of the real articles in tests/fixtures, with
figures in £/€/%, and Chinese in 1 article of 100) and kept in DIR for later runs.
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table

from clipper.corpus.browse import annotation_ids, annotation_page
from clipper.corpus.search import search
from clipper.corpus.stats import STATISTICS
from clipper.corpus.stats import statistics as corpus_statistics
from clipper.corpus_query import AnnotationFilter
from clipper.store import Store, now

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
OUTLETS = ["Wikinews", "Daily Ledger", "The Courier", "Morning Post", "新华社", "Le Monde"]
PEOPLE = ["Suleiman al-Amr", "Khaled Al-Maeena", "Christopher Hill", "Jack Ma", "Ann Lee"]
UNITS = ["GBP", "EUR", "USD", "percent", "people"]
QUERIES = {
    "word": "government",
    "common word": "said",
    "phrase": '"the United States"',
    "prefix": "invest*",
    "symbol £ (scan)": "£",
    "substring £…bn (trigram)": "£12",
    "CJK (trigram)": "人民银行",
}


def paragraphs() -> list[str]:
    found: list[str] = []
    for path in sorted(ARTICLES.glob("*.txt")):
        found.extend(p.strip() for p in path.read_text("utf-8").split("\n\n") if len(p) > 80)
    return found


def build(path: Path, articles: int, per_article: int, seed: int = 14) -> None:
    """Articles of 4–6 real paragraphs plus a line of figures; ``per_article`` accepted
    annotations each (figures with unit/value, quotes with a speaker or said_by)."""
    rng = random.Random(seed)
    pool = paragraphs()
    Store(path).close()  # the schema, with its triggers
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(
        "INSERT OR IGNORE INTO coders (id, uuid, name, created_at) VALUES (2, 'b', 'bob', ?)",
        [now()],
    )
    stamp = now()
    annotation_id = 0
    for first in range(0, articles, 2000):
        rows = []
        notes = []
        for n in range(first, min(first + 2000, articles)):
            figure = f"£{rng.randint(1, 99)}bn" if n % 3 else f"€{rng.randint(1, 99)}m"
            text = "\n\n".join(rng.sample(pool, rng.randint(4, 6)))[:2400]
            text += f"\n\nThe deal is worth {figure}, up {rng.randint(1, 40)}% on last year."
            if n % 100 == 0:
                text += "\n\n中国人民银行宣布下调存款准备金率。"
            month = f"20{rng.randint(10, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            rows.append(
                (
                    n + 1,
                    f"Article {n + 1}",
                    text,
                    len(text),
                    OUTLETS[n % len(OUTLETS)],
                    month,
                    "txt",
                    stamp,
                    f"h{n}",
                    f"u{n}",
                )
            )
            notes.append(text)
        conn.executemany(
            "INSERT INTO articles (id, title, text, length, outlet, published, source_kind, "
            "imported_at, content_hash, uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        annotations = []
        attributes = []
        relations = []
        for (article_id, *_rest), text in zip(rows, notes, strict=True):
            person = None
            for k in range(per_article):
                annotation_id += 1
                start = (k * 97) % (len(text) - 40)
                tag = ("person", "quote", "figure", "claim", "figure")[k % 5]
                annotations.append(
                    (
                        annotation_id,
                        f"a{annotation_id}",
                        article_id,
                        start,
                        start + 12 + k % 20,
                        tag,
                        text[start : start + 12 + k % 20],
                        1 + (k % 2),
                        stamp,
                        stamp,
                    )
                )
                if tag == "person":
                    person = annotation_id
                elif tag == "quote" and person is not None and k % 2:
                    relations.append((f"r{annotation_id}", annotation_id, person, "said_by", stamp))
                elif tag == "quote":
                    attributes.append((annotation_id, "speaker", PEOPLE[annotation_id % 5]))
                elif tag == "figure":
                    attributes.append((annotation_id, "unit", UNITS[annotation_id % 5]))
                    attributes.append((annotation_id, "value", annotation_id % 1000))
        conn.executemany(
            'INSERT INTO annotations (id, uuid, article_id, start, "end", tag, text, coder_id, '
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            annotations,
        )
        conn.executemany(
            "INSERT INTO annotation_attributes (annotation_id, key, value) VALUES (?, ?, ?)",
            attributes,
        )
        conn.executemany(
            "INSERT INTO relations (uuid, from_id, to_id, type, created_at) VALUES (?, ?, ?, ?, ?)",
            relations,
        )
        conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median milliseconds of ``repeat`` runs after one warm-up."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def ensure(path: Path, articles: int, per_article: int) -> Path:
    if not path.exists():
        start = time.perf_counter()
        build(path, articles, per_article)
        emit(
            f"build {articles:,} articles / {articles * per_article:,} annotations",
            time.perf_counter() - start,
            "s",
        )
    return path


def bench_search(path: Path, label: str, goal: float) -> None:
    reference = sqlite3.connect(path)
    with Store(path) as store:
        for kind, query in QUERIES.items():
            ms = timed(lambda q=query: search(store, q, limit=20))
            hits = len(search(store, query, limit=20))
            emit(f"search top-20, {label}, {kind}", ms, "ms", goal=f"≤ {goal:g} ms", hits=hits)
        # The same-run reference: the ranked ids alone, straight from the word index.
        ref = timed(
            lambda: reference.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'government' "
                "ORDER BY rank LIMIT 20"
            ).fetchall()
        )
        emit(f"reference: sqlite3 ranked ids only, {label}, word", ref, "ms")
        ref = timed(
            lambda: reference.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'said' "
                "ORDER BY rank LIMIT 20"
            ).fetchall()
        )
        emit(f"reference: sqlite3 ranked ids only, {label}, common word", ref, "ms")
        for kind, word in (("word", "government"), ("common word", "said")):
            # the floor of exact BM25 top-20: the index scores every match all the same
            ref = timed(
                lambda w=word: reference.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                    "ORDER BY bm25(articles_fts), rowid LIMIT 20",
                    [f'text : ("{w}")'],  # the app's expression: the text column
                ).fetchall()
            )
            emit(f"reference: sqlite3 ranked ids, bm25() LIMIT 20, {label}, {kind}", ref, "ms")
    reference.close()


def bench_browser(path: Path) -> None:
    reference = sqlite3.connect(path)
    with Store(path) as store:
        count = len(annotation_ids(store, AnnotationFilter()))

        def first_rows() -> object:  # what the browser shows first: one page, with KWIC
            return annotation_page(store, annotation_ids(store, AnnotationFilter(), limit=200))

        def whole_list() -> object:  # then, in its own worker: every id (for scrolling)
            return annotation_ids(store, AnnotationFilter())

        emit(
            f"browser first 200 rows with KWIC of {count:,} annotations",
            timed(first_rows, 5),
            "ms",
            goal="≤ 300 ms",
        )
        emit(f"browser all {count:,} ids (second worker)", timed(whole_list, 5), "ms")
        for label, selected, sort in (
            ("sorted by date", AnnotationFilter(), "date"),
            ("speaker filter", AnnotationFilter(speaker="Hill"), "article"),
            ("text filter", AnnotationFilter(text="government"), "article"),
        ):
            ms = timed(
                lambda f=selected, s=sort: annotation_page(
                    store, annotation_ids(store, f, sort=s, limit=200)
                ),
                3,
            )
            emit(f"browser first rows, {label}, {count:,} annotations", ms, "ms")
    ref = timed(
        lambda: reference.execute(
            "SELECT id FROM annotations WHERE status = 'accepted' "
            'ORDER BY article_id, start, "end", tag, coder_id'
        ).fetchall(),
        5,
    )
    emit(f"reference: sqlite3 all ids of {count:,} annotations", ref, "ms")
    reference.close()


def bench_stats(path: Path) -> None:
    reference = sqlite3.connect(path)
    with Store(path) as store:
        count = store.count_annotations()
        for by in STATISTICS:
            ms = timed(lambda b=by: corpus_statistics(store, b), 3)
            emit(f"stats by {by}, {count:,} annotations", ms, "ms", goal="≤ 1000 ms")
    ref = timed(
        lambda: reference.execute(
            "SELECT tag, count(*) FROM annotations WHERE status = 'accepted' GROUP BY tag"
        ).fetchall(),
        3,
    )
    emit(f"reference: sqlite3 count per tag, {count:,} annotations", ref, "ms")
    reference.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, default=Path("/tmp/clipper-bench-corpus"))
    parser.add_argument(
        "--small-only", action="store_true", help="only the 10,000-article database"
    )
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    small = ensure(args.keep / "corpus-10k.db", 10_000, 10)  # 100,000 annotations
    bench_search(small, "10,000 articles", 20)
    bench_browser(small)
    if not args.small_only:
        large = ensure(args.keep / "corpus-100k.db", 100_000, 5)  # 500,000 annotations
        bench_search(large, "100,000 articles", 100)
        bench_stats(large)
    table("Corpus views")
    print(
        json.dumps(
            {
                "database_sizes_mb": {
                    p.name: round(p.stat().st_size / 1e6) for p in args.keep.glob("*.db")
                }
            }
        )
    )


if __name__ == "__main__":
    main()

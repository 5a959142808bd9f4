"""Team work: merging two coders' databases of 100,000 annotations each (goal ≤ 10 s) and
agreement over 10,000 annotations by three coders (goal ≤ 2 s), on real database files.

Run with ``nice python tests/benchmarks/bench_team.py [REPEATS]`` from the project root
(default 3 repeats; the median is reported, each merge into a new team database). One JSON
object per line, then a table. Asserts nothing about time. The coders' databases are
built with the store's bulk merge (not 100,000 single saves), which is not what is timed.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import emit, peak_rss_mb, table
from _synthetic import annotate_article, article_text

from clipper.model import ImportedArticle
from clipper.operations.agreement import measure_agreement
from clipper.operations.merge import merge_files, total_report
from clipper.store import Store

ARTICLES = 1_000
PER_ARTICLE = 100  # x ARTICLES = 100,000 annotations per coder


def build(path: Path, coder: str, articles: int, per_article: int, seed: int) -> int:
    """A coder's database: ``articles`` shared texts, ``per_article`` spans each (10%
    with an attribute, 5% with a relation to the span before)."""
    rng = random.Random(seed)
    count = 0
    with Store(path) as store, store.bulk_writes(), store.transaction():
        for number in range(articles):
            text = article_text(number)
            article = store.add_article(ImportedArticle(text, f"Article {number}", "", "txt"))
            count += annotate_article(
                store, article.id, text, number, per_article, seed, coder, rng
            )
    return count


def timed_merge(team: Path, sources: list[Path]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of this process (the machine may be shared), and how
    many annotations were added."""
    with Store(team) as store:
        start, cpu = time.perf_counter(), time.process_time()
        report = total_report(merge_files(store, sources))
        return (
            time.perf_counter() - start,
            time.process_time() - cpu,
            report.annotations_added,
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        a, b = root / "alice.db", root / "bob.db"
        made = build(a, "alice", ARTICLES, PER_ARTICLE, 1) + build(
            b, "bob", ARTICLES, PER_ARTICLE, 2
        )
        repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
        first = [timed_merge(root / f"team{i}.db", [a, b]) for i in range(repeats)]
        again = [timed_merge(root / f"team{i}.db", [a, b]) for i in range(repeats)]
        seconds, cpu = (statistics.median(r[i] for r in first) for i in (0, 1))
        emit("merge two databases, 100,000 annotations each (median)", seconds, "s",
             goal="≤ 10 s", annotations=first[0][2], built=made, repeats=repeats)  # fmt: skip
        emit("merge two databases, 100,000 annotations each (CPU time, median)", cpu, "s")
        seconds, cpu = (statistics.median(r[i] for r in again) for i in (0, 1))
        emit("merge the same two again (adds nothing; median)", seconds, "s",
             annotations=again[0][2])  # fmt: skip
        emit("merge the same two again (CPU time, median)", cpu, "s")

        parts = [root / f"coder{i}.db" for i in range(3)]
        for i, path in enumerate(parts):
            build(path, f"coder{i}", 100, 34, 10 + i)  # 3 x 3,400 annotations
        team = root / "agreement.db"
        timed_merge(team, parts)
        runs = []
        with Store(team) as store:
            count = store.count_annotations()
            for _ in range(repeats):
                start, cpu = time.perf_counter(), time.process_time()
                report = measure_agreement(store)
                runs.append((time.perf_counter() - start, time.process_time() - cpu))
        seconds, cpu = (statistics.median(r[i] for r in runs) for i in (0, 1))
        emit("agreement, three coders (median)", seconds, "s", goal="≤ 2 s", annotations=count,
             alpha_u=round(report.overall.alpha_u or 0, 3))  # fmt: skip
        emit("agreement, three coders (CPU time, median)", cpu, "s")
        emit("peak memory", peak_rss_mb(), "MB")
    table("Team work")


if __name__ == "__main__":
    main()

"""What row-level security costs on the team server (issue 17): reading every visible
annotation the way a pull does (``version > 0 ORDER BY version``) as each role, and a coder
inserting their own annotations (the policies' WITH CHECK), at 100,000 annotations.

Run: nice python3 tests/benchmarks/bench_server_rls.py [ANNOTATIONS]
Starts its own PostgreSQL like the tests (tests/team/postgres_harness.py).
"""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "team"))

import psycopg
from _report import emit, table
from postgres_harness import postgres_bindir, start_server

from clipper.operations import team_server

CODERS = 5
ARTICLES = 2_000


def _pull(url: str) -> tuple[int, float]:
    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        rows = conn.execute(
            "SELECT * FROM annotations WHERE version > 0 ORDER BY version"
        ).fetchall()
        return len(rows), time.perf_counter() - started


def _insert(url: str, coder: str, articles: list[str], batch: int, name: str) -> None:
    """``batch`` annotations of ``coder``: row by row (executemany), then in one statement."""
    insert = 'INSERT INTO annotations (uuid, article_uuid, coder_uuid, start, "end", tag) '
    with psycopg.connect(url) as conn:
        rows: list[tuple[Any, ...]] = [
            (str(uuid.uuid4()), articles[i % ARTICLES], coder) for i in range(batch)
        ]
        started = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany(insert + "VALUES (%s, %s, %s, 0, 5, 'figure')", rows)
        conn.commit()
        emit(
            f"server: {batch:,} annotations INSERTed (executemany) as {name}",
            time.perf_counter() - started,
            "s",
        )
        uuids = [str(uuid.uuid4()) for _ in range(batch)]
        started = time.perf_counter()
        conn.execute(
            insert
            + "SELECT u, a, %s, 0, 5, 'figure' FROM unnest(%s::uuid[], %s::uuid[]) AS t(u, a)",
            (coder, uuids, [articles[i % ARTICLES] for i in range(batch)]),
        )
        conn.commit()
        emit(
            f"server: {batch:,} annotations INSERTed (one statement, unnest) as {name}",
            time.perf_counter() - started,
            "s",
        )


def main(total: int) -> None:
    bindir = postgres_bindir()
    if bindir is None:
        sys.exit("PostgreSQL is not installed")
    server = start_server(bindir)
    try:
        url = server.new_database()
        team_server.init_server(url)
        tag = uuid.uuid4().hex[:6]
        coders = [team_server.add_server_coder(url, f"coder{i} {tag}") for i in range(CODERS)]
        lead = team_server.add_server_coder(url, f"lead {tag}", role="lead")
        analyst = team_server.add_server_coder(url, f"analyst {tag}", role="analyst")
        text = "Sales rose 12% to £4.2bn, the chief executive said on Tuesday. " * 20
        with psycopg.connect(url) as conn:
            articles = [str(uuid.uuid4()) for _ in range(ARTICLES)]
            with conn.cursor().copy("COPY articles (uuid, title, text, length) FROM STDIN") as cp:
                for a in articles:
                    cp.write_row((a, "t", text, len(text)))
            started = time.perf_counter()
            with conn.cursor().copy(
                'COPY annotations (uuid, article_uuid, coder_uuid, start, "end", tag, text, '
                "attributes) FROM STDIN"
            ) as cp:
                for i in range(total):
                    cp.write_row(
                        (
                            str(uuid.uuid4()),
                            articles[i % ARTICLES],
                            coders[i % CODERS].uuid,
                            0,
                            5,
                            "figure",
                            "Sales",
                            '{"n": 1}',
                        )
                    )
        emit(
            f"server: COPY {total:,} annotations as the administrator (no RLS)",
            time.perf_counter() - started,
            "s",
        )
        login = {c.name: server.as_role(url, c.login or "") for c in [*coders, lead, analyst]}
        for name, who in (
            ("administrator (superuser: no RLS)", url),
            ("lead (RLS)", login[lead.name]),
            ("analyst (RLS)", login[analyst.name]),
            ("coder, blind (RLS: own only)", login[coders[0].name]),
        ):
            count, seconds = _pull(who)
            emit(f"server: read {count:,} visible annotations by version as {name}", seconds, "s")
        with psycopg.connect(url) as conn:
            conn.execute("UPDATE articles SET opened = true")
        count, seconds = _pull(login[coders[0].name])
        emit(f"server: read {count:,} annotations as a coder, all opened (RLS)", seconds, "s")
        batch = 10_000
        for name, who in (
            ("the administrator (no RLS)", url),
            ("a coder (RLS WITH CHECK)", login[coders[0].name]),
        ):
            _insert(who, coders[0].uuid, articles, batch, name)
    finally:
        server.stop()
    table("Team server row-level security")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

"""Syncs in real processes (``clipper sync``): concurrent coders, a sync killed midway and
resumed, concurrent server writers and the pull cursor, and no psycopg installed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from postgres_harness import PostgresServer
from sync_helpers import annotation_rows, article, make_team, run_sync

from clipper.model import new_uuid
from clipper.operations.sync import PAUSE_ENV
from clipper.store import Store

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop(PAUSE_ENV, None)
    env.update(extra)
    return env


def _clipper(db: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(**env),
    )


def _sync_cli(db: Path, url: str) -> dict[str, object]:
    proc = _clipper(db, "sync", url, "--json")
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    result: dict[str, object] = json.loads(out)
    return result


def _annotate(db: Path, coder: str, count: int, *, offset: int = 0) -> set[str]:
    """``count`` new annotations by ``coder`` spread over the database's articles."""
    made = set()
    with Store(db) as store, store.transaction():
        ids = [a.id for a in store.list_articles()]
        for i in range(count):
            start = 2 * (offset + i)
            note = f"{coder} {offset + i}"
            made.add(
                store.add_annotation(
                    ids[i % len(ids)], start, start + 1, "figure", note, coder=coder
                ).uuid
            )
    return made


def _team_with_articles(server: PostgresServer, tmp_path: Path, *names: str, articles: int = 4):
    team = make_team(server, *names)
    lead = tmp_path / "lead.db"
    with Store(lead) as store:
        for n in range(articles):
            store.add_article(article(n, words=400))
    run_sync(lead, team.lead)
    return team, lead


def test_three_coders_syncing_at_once_lose_nothing(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    names = ("alice", "bob", "carol")
    team, lead = _team_with_articles(postgres_server, tmp_path, *names)
    made: set[str] = set()
    dbs = {name: tmp_path / f"{name}.db" for name in names}
    for name, db in dbs.items():
        run_sync(db, team.coders[name])
    for round_ in range(3):
        for name, db in dbs.items():
            made |= _annotate(db, name, 60, offset=60 * round_)
        procs = [_clipper(db, "sync", team.coders[name], "--json") for name, db in dbs.items()]
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err
            assert json.loads(out)["pushed"] == 60
    run_sync(lead, team.lead)
    on_lead = annotation_rows(lead)
    assert len(made) == 540
    assert {r[0] for r in on_lead} == made and len(on_lead) == 540
    with psycopg.connect(team.lead) as conn:
        assert conn.execute(
            "SELECT count(*), count(DISTINCT uuid) FROM annotations"
        ).fetchone() == (
            540,
            540,
        )


def _killed_at(db: Path, url: str, point: str) -> None:
    proc = _clipper(db, "sync", url, **{PAUSE_ENV: point})
    assert proc.stderr is not None
    line = proc.stderr.readline()
    while line and "paused" not in line:
        line = proc.stderr.readline()
    assert f"paused at {point}" in line, proc.communicate(timeout=60)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def test_a_sync_killed_anywhere_resumes_without_duplicates_or_losses(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team, lead = _team_with_articles(postgres_server, tmp_path, "alice")
    alice = tmp_path / "alice.db"
    run_sync(alice, team.coders["alice"])
    made = _annotate(alice, "alice", 200)

    def on_server() -> tuple[int, int]:
        with psycopg.connect(team.lead) as conn:
            row = conn.execute("SELECT count(*), count(DISTINCT uuid) FROM annotations").fetchone()
        assert row is not None
        return int(row[0]), int(row[1])

    _killed_at(alice, team.coders["alice"], "push-uploaded")  # before the server commit
    assert on_server() == (0, 0)
    _killed_at(alice, team.coders["alice"], "push-committed")  # before the local cursor
    assert on_server() == (200, 200)
    _killed_at(alice, team.coders["alice"], "pull-applied")  # before the local commit
    resumed = _sync_cli(alice, team.coders["alice"])
    assert resumed["conflicts"] == []
    assert on_server() == (200, 200)
    assert {r[0] for r in annotation_rows(alice)} == made
    # the lead's pull is killed before it commits, then resumed
    _killed_at(lead, team.lead, "pull-applied")
    assert annotation_rows(lead) == set()
    _sync_cli(lead, team.lead)
    assert {r[0] for r in annotation_rows(lead)} == made
    assert annotation_rows(lead) == annotation_rows(alice)
    again = _sync_cli(lead, team.lead)
    assert (again["pushed"], again["pulled"]) == (0, 0)


def test_a_row_committed_late_with_a_lower_version_is_still_pulled(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """Two server writers: the first draws its version, the second draws a higher one and
    commits first; a pull in between sees only the second. The cursor must not pass the
    first's version for good: the next pull still receives it."""
    team, _lead = _team_with_articles(postgres_server, tmp_path, "alice", articles=1)
    reader = tmp_path / "reader.db"
    run_sync(reader, team.lead)
    with psycopg.connect(team.lead) as conn:
        row = conn.execute("SELECT uuid FROM articles").fetchone()
        coder = conn.execute("SELECT uuid FROM coders WHERE name = 'alice'").fetchone()
    assert row is not None and coder is not None
    insert = (
        'INSERT INTO annotations (uuid, article_uuid, coder_uuid, start, "end", tag, text, '
        "note, origin, status, created_at, updated_at) VALUES (%s, %s, %s, %s, %s, 'figure', "
        "'x', '', 'manual', 'accepted', now(), now()) RETURNING version"
    )
    early, late = new_uuid(), new_uuid()
    slow = psycopg.connect(team.lead)
    try:
        first = slow.execute(insert, [early, row[0], coder[0], 0, 3]).fetchone()  # not committed
        with psycopg.connect(team.lead) as fast:
            second = fast.execute(insert, [late, row[0], coder[0], 4, 8]).fetchone()
        assert first is not None and second is not None and first[0] < second[0]
        run_sync(reader, team.lead)
        assert {r[0] for r in annotation_rows(reader)} == {late}
        slow.commit()
    finally:
        slow.close()
    run_sync(reader, team.lead)
    assert {r[0] for r in annotation_rows(reader)} == {early, late}


_BLOCK_PSYCOPG = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "psycopg" or name.startswith("psycopg."):
            raise ImportError("psycopg hidden by the test")
        return None
sys.meta_path.insert(0, Block())
from clipper.cli import main
main(sys.argv[1:])
"""


def test_without_psycopg_the_cli_says_how_to_add_it(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _BLOCK_PSYCOPG,
            "--db",
            str(tmp_path / "x.db"),
            "sync",
            "postgresql://someone@localhost/team",
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    assert proc.returncode == 1
    assert 'pip install "clipper[team]"' in proc.stderr
    assert "Traceback" not in proc.stderr

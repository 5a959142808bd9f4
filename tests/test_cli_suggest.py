"""``clipper suggest`` and ``clipper evaluate``: output shape, storing, workers, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "gold"
ARTICLES = sorted((GOLD / "dev").glob("*.txt")) + sorted((GOLD / "test").glob("*.txt"))


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def seeded(db_path: Path) -> Path:
    code, _out, err = run(db_path, "import", *map(str, ARTICLES))
    assert code == 0, err
    return db_path


def test_storing_again_says_there_is_nothing_new(seeded: Path) -> None:
    code, _out, err = run(seeded, "suggest", "1", "--store")
    assert code == 0 and "stored " in err and " pending annotations in 1 article" in err
    code, out, err = run(seeded, "suggest", "1", "--store")
    assert code == 0 and out == ""
    assert "nothing new to store" in err and "stored 0" not in err


def test_suggest_json_lines_shape(seeded: Path) -> None:
    code, out, _ = run(seeded, "suggest", "1", "2", "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records and {r["article_id"] for r in records} == {1, 2}
    for r in records:
        assert set(r) == {"article_id", "start", "end", "tag", "text", "score", "attributes"}
        assert r["tag"] in {"figure", "quote", "person", "claim"}
        assert 0 < r["score"] <= 1 and r["end"] > r["start"]
    money = next(r for r in records if r["text"] == "$53 billion")
    assert money["attributes"] == {"value": 53_000_000_000, "unit": "USD"}
    quotes = [r for r in records if r["tag"] == "quote"]
    assert all("speaker" in r["attributes"] for r in quotes)


def test_suggest_tag_filter_and_accept_without_duplicates(seeded: Path) -> None:
    code, out, err = run(seeded, "suggest", "1", "--tag", "figure", "--accept")
    assert code == 0
    assert {line.split("\t")[3] for line in out.splitlines()} == {"figure"}
    assert "stored 7 accepted annotations in 1 article" in err
    assert "1 articles" not in err
    code, out, _ = run(seeded, "annotations", "1", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 7
    assert {(r["origin"], r["status"]) for r in rows} == {("suggested", "accepted")}
    code, out, err = run(seeded, "suggest", "1", "--tag", "figure", "--accept")
    assert (code, out) == (0, "")
    assert "nothing new to store" in err


def test_suggest_refuses_bad_arguments(seeded: Path) -> None:
    assert run(seeded, "suggest")[0] != 0
    assert run(seeded, "suggest", "1", "--all")[0] != 0
    code, _out, err = run(seeded, "suggest", "99")
    assert code == 1 and "there is no article 99" in err


@pytest.mark.slow
def test_suggest_all_in_worker_processes_same_as_in_one(seeded: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}

    def suggest_all(workers: str) -> list[str]:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "clipper",
                "--db",
                str(seeded),
                "suggest",
                "--all",
                "--json",
                "--workers",
                workers,
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=True,
        )
        return done.stdout.splitlines()

    one = suggest_all("1")
    assert len({json.loads(line)["article_id"] for line in one}) == len(ARTICLES)
    assert suggest_all("2") == one


def _stored(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """What a database holds after storing suggestions: annotations (with attributes)
    and relations, by span (ids and identities differ between runs)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        annotations = conn.execute(
            'SELECT n.article_id, n.start, n."end", n.tag, n.text, n.status, n.origin, '
            "(SELECT group_concat(a.key || '=' || a.value) FROM annotation_attributes a "
            "WHERE a.annotation_id = n.id) FROM annotations n ORDER BY 1, 2, 3, 4"
        ).fetchall()
        relations = conn.execute(
            'SELECT f.article_id, f.start, f."end", f.tag, r.type, t.start, t."end", t.tag '
            "FROM relations r JOIN annotations f ON f.id = r.from_id "
            "JOIN annotations t ON t.id = r.to_id ORDER BY 1, 2, 3, 4, 5"
        ).fetchall()
    return annotations, relations


def test_suggest_accept_in_storing_workers_same_as_in_one(seeded: Path, tmp_path: Path) -> None:
    """With workers, each worker stores what it finds: the same rows, links and output
    as storing in one process, and a second run stores nothing."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    copies = {w: tmp_path / f"w{w}.db" for w in ("1", "2")}
    for copy in copies.values():
        code, _out, err = run(seeded, "backup", "-o", str(copy))
        assert code == 0, err

    def accept_all(workers: str) -> tuple[list[str], str]:
        done = subprocess.run(
            [sys.executable, "-m", "clipper", "--db", str(copies[workers]), "suggest",
             "--all", "--json", "--accept", "--workers", workers],
            capture_output=True, text=True, env=env, timeout=300, check=True,
        )  # fmt: skip
        return done.stdout.splitlines(), done.stderr

    one, _err_one = accept_all("1")
    two, err_two = accept_all("2")
    assert two == one
    stored = _stored(copies["1"])
    assert _stored(copies["2"]) == stored
    assert len(stored[0]) == len(one) > 0 and stored[1]
    assert {row[5] for row in stored[0]} == {"accepted"}
    assert f"stored {len(one)} accepted annotations in {len(ARTICLES)} articles" in err_two
    again, err_again = accept_all("2")
    assert again == [] and "stored 0" not in err_again
    assert "nothing new to store" in err_again


def test_evaluate_prints_scores_per_tag(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["evaluate", str(GOLD / "dev"), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = {r["tag"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(rows) == {"figure", "quote", "person", "claim"}
    assert rows["figure"]["gold"] == 22
    assert 0 <= rows["quote"]["exact"]["f1"] <= 1
    assert "value_unit_accuracy" in rows["figure"] and "speaker_accuracy" in rows["quote"]
    text = CliRunner().invoke(cli, ["evaluate", str(GOLD / "dev"), "--tag", "person"])
    assert text.stdout.startswith("person ")


def test_evaluate_explains_a_bad_gold_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and "holds no gold files" in result.stderr
    (tmp_path / "a.jsonl").write_text('{"start": 0}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and "a.jsonl line 1" in result.stderr

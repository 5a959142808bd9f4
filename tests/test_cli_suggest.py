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
    assert "stored 7 accepted annotations in 1 articles" in err
    code, out, _ = run(seeded, "annotations", "1", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 7
    assert {(r["origin"], r["status"]) for r in rows} == {("suggested", "accepted")}
    code, out, err = run(seeded, "suggest", "1", "--tag", "figure", "--accept")
    assert (code, out) == (0, "")
    assert "stored 0 accepted" in err


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

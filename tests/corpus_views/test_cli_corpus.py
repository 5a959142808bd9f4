"""``clipper search``, ``clipper annotations --all`` and ``clipper stats``."""

from __future__ import annotations

import json
from pathlib import Path

from annotated import annotated_corpus
from click.testing import CliRunner

from clipper.cli import cli
from clipper.store import Store


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def corpus_db(db_path: Path) -> dict[int, str]:
    with Store(db_path) as store:
        return annotated_corpus(store).texts


def test_search_json_hits_slice_the_text(db_path: Path) -> None:
    texts = corpus_db(db_path)
    code, out, _ = run(db_path, "search", "£", "--json")
    assert code == 0
    hits = [json.loads(line) for line in out.splitlines()]
    assert [h["text"] for h in hits] == ["£", "£"]
    for h in hits:
        assert texts[h["article_id"]][h["start"] : h["end"]] == h["text"]
        assert set(h) >= {"article_id", "start", "end", "text", "left", "right"}


def test_search_text_and_limit(db_path: Path) -> None:
    corpus_db(db_path)
    code, out, _ = run(db_path, "search", "crane", "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and all(line.split("\t")[4].lower() == "crane" for line in lines)
    assert run(db_path, "search", "crane", "--limit", "0")[1].count("\n") > 2


def test_an_empty_search_is_an_error_not_a_traceback(db_path: Path) -> None:
    corpus_db(db_path)
    code, _, err = run(db_path, "search", " ", "--json")
    assert code == 1 and json.loads(err)["error"] == "invalid_value"


def test_annotations_all_with_context(db_path: Path) -> None:
    texts = corpus_db(db_path)
    code, out, _ = run(db_path, "annotations", "--all", "--tag", "quote", "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    for r in records:
        text = texts[r["article_id"]]
        assert text[r["start"] - len(r["left"]) : r["start"]] == r["left"]
        assert text[r["end"] : r["end"] + len(r["right"])] == r["right"]
    code, out, _ = run(db_path, "annotations", "--speaker", "maeena")
    assert code == 0 and len(out.splitlines()) == 1
    fields = out.rstrip("\n").split("\t")
    assert fields[6] == '"Had it happened an hour later' and fields[8] == "ann"
    code, out, _ = run(db_path, "annotations", "--all", "--coder", "bob", "--text", "Hill")
    assert out.count("\n") == 1
    code, out, _ = run(db_path, "annotations", "--all", "--status", "any")
    assert out.count("\n") == 13


def test_stats(db_path: Path) -> None:
    corpus_db(db_path)
    code, out, _ = run(db_path, "stats")
    assert code == 0 and out.splitlines()[0] == "figure\t4"
    code, out, _ = run(db_path, "stats", "--by", "speaker", "--json")
    assert [json.loads(line)["speaker"] for line in out.splitlines()] == [
        "Christopher Hill",
        "Khaled Al-Maeena",
        "Suleiman al-Amr",
    ]
    code, out, _ = run(db_path, "stats", "--by", "month", "--status", "any")
    assert out.splitlines() == ["2015-01\t2", "2015-09\t6", "2024-03\t3", "2024-04\t2"]

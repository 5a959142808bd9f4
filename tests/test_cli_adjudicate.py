"""`clipper adjudicate`: an article's disagreements and the progress, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store

TEXT = "Sales rose 12% to £4.2bn, the chief executive said on Tuesday."


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(db_path: Path) -> Path:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Sales", "sales.txt", "txt"))
        session = Session(store)
        session.add_annotation(1, 0, 5, "person", coder="ann")
        session.add_annotation(1, 0, 5, "person", coder="bob")
        session.add_annotation(1, 18, 24, "figure", coder="ann")
        session.add_annotation(1, 19, 24, "figure", coder="bob")
        session.add_annotation(1, 11, 14, "figure", coder="bob", attributes={"value": 12})
        unit = next(u for u in session.compare(1, ["ann", "bob"]).units if u.kind == "missing")
        session.adjudicate(1, unit, ["bob"], coders=["ann", "bob"])
    return db_path


def test_lists_disagreements_with_decisions(db: Path) -> None:
    code, out, err = run(db, "adjudicate", "--article", "1", "--coders", "ann,bob")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "# 1 Sales: ann vs bob into gold: 1 of 3 decided, 1 disagreement to do"
    assert lines[1].split("\t") == [
        "missing",
        "11",
        "14",
        "ann: —",
        "bob: figure “12%” 11–14 value=12",
        "bob",
    ]
    assert lines[2].split("\t")[:3] == ["boundary", "18", "24"]
    assert len(lines) == 3  # the agreement only with --all
    _, out, _ = run(db, "adjudicate", "--article", "1", "--coders", "ann,bob", "--all")
    assert out.splitlines()[1].startswith("agreement\t0\t5\t")


def test_json_and_overview(db: Path) -> None:
    code, out, err = run(db, "adjudicate", "--article", "1", "--coders", "ann,bob", "--json")
    assert code == 0, err
    record = json.loads(out)
    assert record["progress"] == {
        "decided": 1,
        "total": 3,
        "disagreements_left": 1,
        "done": False,
    }
    assert record["kinds"]["boundary"] == 1
    (missing, boundary) = record["units"]
    assert missing["adopted"] == ["bob"] and missing["versions"]["ann"] is None
    assert boundary["versions"]["bob"]["start"] == 19 and boundary["adopted"] is None
    _, out, _ = run(db, "adjudicate")
    assert out == "1\tto do\t1/3\tann,bob\tgold\n"
    _, out, _ = run(db, "adjudicate", "--json")
    assert json.loads(out)["decided"] == 1


def test_refusals(db: Path) -> None:
    code, _, err = run(db, "adjudicate", "--article", "1", "--coders", "ann,zed")
    assert code == 1 and "there is no coder 'zed'" in err and "ann" in err
    code, _, err = run(db, "adjudicate", "--article", "1")
    assert code == 2 and "--coders" in err
    code, _, err = run(db, "adjudicate", "--article", "1", "--coders", "ann")
    assert code == 2 and "two or more coders" in err
    code, _, err = run(db, "adjudicate", "--article", "9", "--coders", "ann,bob", "--json")
    assert code == 1 and json.loads(err)["error"] == "not_found"

"""clipper merge and clipper agreement on real files, and the agreement operation's choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.library import open_sample
from clipper.operations.agreement import measure_agreement
from clipper.store import Store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def coded(path: Path, coder: str, spans: list[tuple[int, int, str]]) -> None:
    with Store(path) as store:
        article = open_sample(store)
        for start, end, tag in spans:
            store.add_annotation(article.id, start, end, tag, coder=coder)
        # Neither a pending suggestion nor a rejected one counts for agreement.
        store.add_annotation(
            article.id, 100, 120, "claim", coder=coder, origin="suggested", status="pending"
        )
        store.add_annotation(
            article.id, 130, 140, "claim", coder=coder, origin="suggested", status="rejected"
        )


@pytest.fixture
def team(tmp_path: Path) -> Path:
    coded(tmp_path / "a.db", "alice", [(0, 8, "figure"), (20, 30, "quote")])
    coded(tmp_path / "b.db", "bob", [(0, 8, "figure"), (22, 30, "quote")])
    output = tmp_path / "team.db"
    code, out, err = run("merge", str(tmp_path / "a.db"), str(tmp_path / "b.db"), "-o", str(output))
    assert code == 0, err
    assert "a.db: articles 1 created, 0 matched; annotations 4 added" in out
    assert "b.db: articles 0 created, 1 matched; annotations 4 added" in out
    return output


def test_merge_into_the_db_database(tmp_path: Path, team: Path) -> None:
    other = tmp_path / "other.db"
    code, out, _ = run("--db", str(other), "merge", str(team))
    assert code == 0 and "team.db: articles 1 created" in out
    with Store(other, create=False) as store:
        assert store.count_annotations() == 8  # with the suggestions


def test_merge_json_report_and_second_run(team: Path, tmp_path: Path) -> None:
    code, out, _ = run(
        "merge", str(tmp_path / "a.db"), str(tmp_path / "b.db"), "-o", str(team), "--json"
    )
    record = json.loads(out)
    assert code == 0 and record["total"]["annotations_added"] == 0
    assert record["total"]["annotations_skipped"] == 8 and record["total"]["conflicts"] == []
    assert [s["sources"] for s in record["sources"]] == [["a.db"], ["b.db"]]


def test_agreement_counts_accepted_annotations_only(team: Path) -> None:
    code, out, _ = run("--db", str(team), "agreement", "--json")
    report = json.loads(out)
    assert code == 0 and report["coders"] == ["alice", "bob"]
    assert [t["tag"] for t in report["tags"]] == ["figure", "quote"]  # no claim: not accepted
    figure, quote = report["tags"]
    assert (figure["alpha_u"], figure["kappa"], figure["f1_exact"]) == (1.0, 1.0, 1.0)
    assert quote["f1_exact"] == 0.0 and quote["f1_overlap"] == 1.0
    assert report["overall"]["units"] == 4 and report["overall"]["coders"] == 2
    assert report["characters"] == report["overall"]["characters"] > 0


def test_agreement_text_table(team: Path) -> None:
    code, out, _ = run("--db", str(team), "agreement", "--tag", "Quote", "--coders", "alice,bob")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("coders: alice, bob (2); articles: 1;")
    assert lines[1].split() == [
        "tag",
        "alpha_u",
        "Cohen",
        "k",
        "F1",
        "exact",
        "F1",
        "overlap",
        "units",
    ]
    assert lines[2].split()[0] == "quote" and lines[3].split()[:2] == ["all", "tags"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--coders", "alice"], "at least two coders"),
        (["--coders", "alice,zoe"], "no coder 'zoe'"),
        (["--tag", "gossip"], "unknown tag 'gossip'"),
        (["--articles", "1,x"], "--articles takes article ids"),
        (["--articles", "7"], "no article 7"),
        (["--coders", ","], "--coders takes coder names"),
    ],
)
def test_agreement_errors_are_clear(team: Path, args: list[str], words: str) -> None:
    code, out, err = run("--db", str(team), "agreement", *args)
    assert code == 1 and out == "" and words in err and "Traceback" not in err


def test_agreement_errors_as_json(team: Path) -> None:
    code, _, err = run("--db", str(team), "agreement", "--coders", "alice", "--json")
    assert code == 1 and json.loads(err)["error"] == "invalid_value"


def test_merge_errors_are_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIPPER_DB", raising=False)
    code, _, err = run("merge", str(tmp_path / "x.db"))  # no -o, --db or $CLIPPER_DB
    assert code == 1 and "-o" in err
    code, _, err = run("merge", "-o", str(tmp_path / "team.db"))
    assert code == 1 and "give the databases or exports to merge" in err
    code, _, err = run("merge", str(tmp_path / "missing.db"), "-o", str(tmp_path / "team.db"))
    assert code == 1 and "missing.db: no such file" in err


def test_a_single_coder_database_has_no_agreement(tmp_path: Path) -> None:
    coded(tmp_path / "a.db", "alice", [(0, 8, "figure")])
    with Store(tmp_path / "a.db") as store, pytest.raises(Exception, match="two coders"):
        measure_agreement(store)


def test_gold_is_left_out_unless_named(team: Path) -> None:
    with Store(team) as store:
        store.add_annotation(1, 0, 8, "figure", coder="gold")
        assert measure_agreement(store).coders == ("alice", "bob")
        assert measure_agreement(store, coders=["alice", "gold"]).coders == ("alice", "gold")

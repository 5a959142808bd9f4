"""The commands over the operations layer: coders, attributes, --match, relations, article
and tag edits (click's runner; the coder from the environment in a real process too)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from clipper.cli import cli

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
#: A real pasted clipping; a header of non-BMP characters (emoji, a mathematical letter, a
#: flag) goes before it, as in a post copied from social media, so that UTF-16 or UTF-8
#: positions would differ from code points.
HEADER = "🚀 AI 𝔸lert 🇨🇳\n"
CLIPPING = HEADER + (ARTICLES / "seed_alibaba_ai_investment.txt").read_text("utf-8")


def run(db: Path, *args: str, input: str | None = None, **env: str) -> tuple[int, str, str]:
    result = CliRunner(env=env or None).invoke(cli, ["--db", str(db), *args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def ok(db: Path, *args: str, **env: str) -> str:
    code, out, err = run(db, *args, **env)
    assert code == 0, err
    return out


def records(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def db(db_path: Path) -> Path:
    code, out, err = run(db_path, "import", "-", "--title", "Alibaba", input=CLIPPING)
    assert (code, out) == (0, "1\tAlibaba\n"), err
    return db_path


def code_point_offsets(text: str, needle: str, occurrence: int) -> tuple[int, int]:
    """Offsets counted independently of ``str.find``: over UTF-32 code units."""
    units = text.encode("utf-32-le")
    wanted = needle.encode("utf-32-le")
    position = -4
    for _ in range(occurrence):
        position = units.find(wanted, position + 4)
        while position % 4:  # a match must start on a code point
            position = units.find(wanted, position + 1)
    return position // 4, position // 4 + len(needle)


def test_match_occurrence_2_tags_exact_code_point_offsets(db: Path) -> None:
    out = ok(db, "annotate", "1", "person", "--match", "Alibaba", "--occurrence", "2")
    start, end = code_point_offsets(CLIPPING, "Alibaba", 2)
    assert start > CLIPPING.index("Wu describing") - 40  # the second one, past the BMP header
    assert len(HEADER.encode("utf-16-le")) // 2 != len(HEADER)  # surrogates: not UTF-16
    assert out == f"1\t1\t{start}\t{end}\tperson\tAlibaba\n"
    stored = ok(db, "show", "1")
    assert stored[start:end] == "Alibaba"
    # The first occurrence is the default; text across non-BMP characters matches too.
    [first] = records(ok(db, "annotate", "1", "figure", "--match", "$53 billion", "--json"))
    assert (first["start"], first["end"]) == code_point_offsets(CLIPPING, "$53 billion", 1)
    [flag] = records(ok(db, "annotate", "1", "quote", "--match", "𝔸lert 🇨🇳", "--json"))
    assert (flag["start"], flag["end"], flag["text"]) == (5, 13, "𝔸lert 🇨🇳")


def test_match_that_is_missing_or_too_rare_is_a_clear_error(db: Path) -> None:
    code, _, err = run(db, "annotate", "1", "figure", "--match", "$53 billion", "--occurrence", "2")
    assert code == 1
    assert err == (
        "clipper: error: the text '$53 billion' occurs once in the article; there is no "
        "occurrence 2\n"
    )
    code, _, err = run(db, "annotate", "1", "figure", "--match", "Tencent")
    assert (code, err) == (1, "clipper: error: the text 'Tencent' does not occur in the article\n")
    code, _, err = run(db, "annotate", "1", "0", "5", "figure", "--match", "Alibaba")
    assert code == 1 and "with --match, give the article and the tag only" in err
    code, _, err = run(db, "annotate", "1", "figure")
    assert code == 1 and "give START END TAG" in err
    code, _, err = run(db, "annotate", "1", "0", "5", "figure", "--occurrence", "2")
    assert code == 1 and "--occurrence goes with --match" in err
    code, _, err = run(db, "annotate", "1", "figure", "--match", "Alibaba", "--occurrence", "0")
    assert code == 1 and "the occurrence must be 1 or more" in err
    assert ok(db, "annotations") == ""


def test_two_coders_tag_the_same_span(db: Path) -> None:
    ok(db, "annotate", "1", "0", "7", "person", "--coder", "alice")
    ok(db, "annotate", "1", "0", "7", "person", "--coder", "bob")
    code, _, err = run(db, "annotate", "1", "0", "7", "person", "--coder", "bob")
    assert code == 1 and "already tagged" in err  # the same coder twice: refused
    listed = records(ok(db, "annotations", "--json"))
    assert [(a["start"], a["end"], a["coder"]) for a in listed] == [(0, 7, "alice"), (0, 7, "bob")]
    assert len({a["uuid"] for a in listed}) == 2
    only_bob = records(ok(db, "annotations", "1", "--coder", "bob", "--json"))
    assert [a["coder"] for a in only_bob] == ["bob"]
    assert ok(db, "coders").splitlines()[1:] == [
        f"alice\t{_uuid5('coder:alice')}",
        f"bob\t{_uuid5('coder:bob')}",
    ]


def _uuid5(name: str) -> str:
    import uuid

    from clipper.model import CLIPPER_NAMESPACE

    return str(uuid.uuid5(CLIPPER_NAMESPACE, name))


def test_coder_comes_from_the_option_then_the_environment_then_the_default(db: Path) -> None:
    [a] = records(ok(db, "annotate", "1", "0", "7", "figure", "--json"))
    [b] = records(ok(db, "annotate", "1", "0", "7", "figure", "--json", CLIPPER_CODER="bob"))
    [c] = records(
        ok(
            db,
            "annotate",
            "1",
            "0",
            "7",
            "figure",
            "--coder",
            "carol",
            "--json",
            CLIPPER_CODER="bob",
        )
    )
    assert (a["coder"], b["coder"], c["coder"]) == ("default", "bob", "carol")


def test_clipper_coder_in_a_real_process(db: Path) -> None:
    env = os.environ | {"CLIPPER_CODER": "dora", "PYTHONPATH": str(Path(__file__).parent.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "clipper", "annotate", "1", "0", "7", "quote", "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    [listed] = records(ok(db, "annotations", "--json"))
    assert listed["coder"] == "dora"
    assert "dora" in ok(db, "coders", "add", "dora")  # an existing name: left as it is
    ok(db, "coders", "add", "  erin ")
    assert [line.split("\t")[0] for line in ok(db, "coders").splitlines()] == [
        "default",
        "dora",
        "erin",
    ]
    code, _, err = run(db, "coders", "add", "bad\x07name")
    assert code == 1 and "is not a coder name" in err


def test_attributes_are_typed_and_edited(db: Path) -> None:
    [a] = records(
        ok(
            db,
            "annotate",
            "1",
            "figure",
            "--match",
            "$53 billion",
            "--attr",
            "value=53000000000",
            "--attr",
            "unit=USD",
            "--attr",
            "share=0.5",
            "--attr",
            "code=007a",
            "--json",
        )
    )
    assert a["attributes"] == {"value": 53000000000, "unit": "USD", "share": 0.5, "code": "007a"}
    assert type(a["attributes"]["value"]) is int
    assert a["origin"] == "manual" and a["status"] == "accepted"
    [edited] = records(
        ok(
            db,
            "edit-annotation",
            str(a["id"]),
            "--attr",
            "unit=",
            "--attr",
            "speaker=Eddie Wu",
            "--note",
            "checked",
            "--status",
            "pending",
            "--tag",
            "Claim",
            "--json",
        )
    )
    assert edited["attributes"] == {
        "value": 53000000000,
        "share": 0.5,
        "code": "007a",
        "speaker": "Eddie Wu",
    }
    assert (edited["note"], edited["status"], edited["tag"]) == ("checked", "pending", "claim")
    assert edited["uuid"] == a["uuid"]
    code, _, err = run(db, "edit-annotation", str(a["id"]), "--attr", "Bad Key=1")
    assert code == 1 and "is not an attribute key" in err
    code, _, err = run(db, "edit-annotation", str(a["id"]), "--attr", "novalue")
    assert code == 1 and "is not KEY=VALUE" in err
    code, _, err = run(db, "annotate", "1", "0", "7", "figure", "--attr", "unit=")
    assert code == 1 and "--attr needs a value" in err
    code, _, _ = run(db, "edit-annotation", str(a["id"]), "--status", "maybe")
    assert code == 2  # click refuses a status that is not one of the three


def test_relate_lists_both_ends_and_goes_with_a_deleted_annotation(db: Path) -> None:
    [quote] = records(ok(db, "annotate", "1", "quote", "--match", "once-in-a-generation", "--json"))
    [person] = records(ok(db, "annotate", "1", "person", "--match", "Eddie Wu", "--json"))
    out = ok(db, "relate", str(quote["id"]), str(person["id"]), "said_by")
    relation_id = int(out.split("\t")[0])
    assert out == f"{relation_id}\t{quote['id']}\t{person['id']}\tsaid_by\n"
    by_id = {a["id"]: a for a in records(ok(db, "annotations", "--json"))}
    assert by_id[quote["id"]]["relations"] == [
        {"type": "said_by", "to": person["uuid"], "to_id": person["id"], "uuid": _rel(by_id)}
    ]
    assert by_id[person["id"]]["relations"][0]["from"] == quote["uuid"]
    # A relation's other end outside the listing is still named by uuid.
    [only] = records(ok(db, "annotations", "--tag", "quote", "--json"))
    assert only["relations"][0]["to"] == person["uuid"]
    code, _, err = run(db, "relate", str(quote["id"]), str(person["id"]), "said_by")
    assert code == 1 and "already related" in err
    code, _, err = run(db, "relate", str(quote["id"]), str(quote["id"]), "said_by")
    assert code == 1 and "itself" in err
    code, _, err = run(db, "relate", str(quote["id"]), "999", "said_by")
    assert code == 1 and "no annotation 999" in err
    ok(db, "delete-annotation", str(person["id"]))
    [left] = records(ok(db, "annotations", "--json"))
    assert left["relations"] == []  # deleted with its end
    code, _, err = run(db, "unrelate", str(relation_id))
    assert code == 1 and f"no relation {relation_id}" in err


def _rel(by_id: dict[int, dict[str, Any]]) -> str:
    return str(next(r["uuid"] for a in by_id.values() for r in a["relations"]))


def test_unrelate(db: Path) -> None:
    ok(db, "annotate", "1", "0", "7", "person")
    ok(db, "annotate", "1", "figure", "--match", "$53 billion")
    relation_id = ok(db, "relate", "1", "2", "supported_by", "--json")
    [made] = records(relation_id)
    ok(db, "unrelate", str(made["id"]))
    assert all(a["relations"] == [] for a in records(ok(db, "annotations", "--json")))


def test_edit_article_uses_the_import_metadata_options(db: Path) -> None:
    out = ok(db, "edit-article", "1", "--title", "Alibaba bets on AI", "--date", "2025-02-24")
    assert out == "1\tAlibaba bets on AI\n"
    ok(db, "edit-article", "1", "--outlet", "Wire", "--url", "https://example.org/a")
    [article] = records(ok(db, "articles", "--json"))
    assert (article["title"], article["published"], article["outlet"]) == (
        "Alibaba bets on AI",
        "2025-02-24",
        "Wire",
    )
    ok(db, "edit-article", "1", "--outlet", "")
    assert records(ok(db, "articles", "--json"))[0]["outlet"] is None
    code, _, err = run(db, "edit-article", "1", "--date", "24/02/2025")
    assert code == 1 and err.startswith("clipper: error: '24/02/2025' is not a date")
    code, _, err = run(db, "edit-article", "1")
    assert code == 1 and "give at least one of --title" in err
    code, _, err = run(db, "edit-article", "7", "--title", "x")
    assert code == 1 and "no article 7" in err


def test_delete_article_cascades_to_annotations_and_relations(db: Path) -> None:
    code, out, _ = run(db, "import", "-", "--title", "Other", input="Another text entirely.")
    assert out == "2\tOther\n"
    ok(db, "annotate", "1", "0", "7", "person")
    ok(db, "annotate", "1", "figure", "--match", "$53 billion")
    ok(db, "annotate", "2", "0", "7", "claim")
    ok(db, "relate", "1", "2", "supported_by")
    code, _, err = run(db, "delete-article", "1")
    assert (code, err) == (0, "deleted article 1 ('Alibaba')\n")
    assert [a["article_id"] for a in records(ok(db, "annotations", "--json"))] == [2]
    code, _, err = run(db, "show", "1")
    assert code == 1 and "no article 1" in err
    code, _, err = run(db, "delete-article", "1")
    assert code == 1 and "no article 1" in err


def test_tags_rename_delete_and_merge(db: Path) -> None:
    ok(db, "tags", "add", "source", "--key", "7")
    ok(db, "tags", "add", "speaker")
    ok(db, "annotate", "1", "0", "7", "source", "--coder", "alice")
    ok(db, "annotate", "1", "0", "7", "person", "--coder", "alice")
    ok(db, "annotate", "1", "person", "--match", "Eddie Wu", "--coder", "alice")
    ok(db, "annotate", "1", "speaker", "--match", "Eddie Wu", "--coder", "bob")
    [before] = [t for t in ok(db, "tags").splitlines() if t.startswith("source\t")]
    ok(db, "tags", "rename", "source", "Named-Source")
    names = [line.split("\t")[0] for line in ok(db, "tags").splitlines()]
    assert "named-source" in names and "source" not in names
    assert [a["tag"] for a in records(ok(db, "annotations", "--json"))].count("named-source") == 1
    assert (
        before.split("\t")[1:]
        == next(t for t in ok(db, "tags").splitlines() if t.startswith("named-source")).split("\t")[
            1:
        ]
    )
    code, _, err = run(db, "tags", "rename", "quote", "citation")
    assert code == 1 and "built-in" in err
    # merge: alice's source on 0..7 is dropped (she has person there), the rest moves.
    code, _, err = run(db, "tags", "merge", "named-source", "person")
    assert (code, err) == (
        0,
        "merged the tag named-source into person; 1 duplicate annotation(s) dropped\n",
    )
    ok(db, "tags", "merge", "speaker", "person")
    listed = records(ok(db, "annotations", "--json"))
    assert sorted((a["text"], a["tag"], a["coder"]) for a in listed) == [
        ("Eddie Wu", "person", "alice"),
        ("Eddie Wu", "person", "bob"),
        (CLIPPING[:7], "person", "alice"),
    ]
    # delete: in use is refused unless --force, which deletes its annotations too
    ok(db, "tags", "add", "obsolete")
    ok(db, "annotate", "1", "0", "7", "obsolete")
    code, _, err = run(db, "tags", "delete", "obsolete")
    assert code == 1 and "used by 1 annotation" in err
    code, _, err = run(db, "tags", "delete", "obsolete", "--force")
    assert (code, err) == (0, "deleted the tag obsolete and 1 annotation(s)\n")
    assert "obsolete" not in ok(db, "tags")
    assert len(records(ok(db, "annotations", "--json"))) == 3
    code, _, err = run(db, "tags", "delete", "figure")
    assert code == 1 and "built-in" in err
    code, _, err = run(db, "tags", "delete", "nope")
    assert code == 1 and "unknown tag 'nope'" in err


def test_annotations_json_carries_the_v3_fields(db: Path) -> None:
    ok(db, "annotate", "1", "0", "7", "person", "--attr", "kind=company")
    [record] = records(ok(db, "annotations", "--json"))
    assert list(record) == [
        "id",
        "uuid",
        "article_id",
        "start",
        "end",
        "tag",
        "text",
        "note",
        "coder",
        "origin",
        "status",
        "attributes",
        "relations",
        "page",
        "created_at",
        "updated_at",
    ]
    assert (record["coder"], record["origin"], record["status"]) == (
        "default",
        "manual",
        "accepted",
    )
    assert record["attributes"] == {"kind": "company"} and record["relations"] == []

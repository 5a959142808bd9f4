"""Verdicts on claims: the scale, the rules, one undoable step with evidence, the CLI,
and the round trip through the JSON export and merge."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clipper.corpus_query import AnnotationFilter
from clipper.errors import InvalidField, InvalidValue, NotFound
from clipper.exporters import export_to_path
from clipper.library import import_article
from clipper.model import (
    CHECKED_ON,
    CHECKER,
    CONTRADICTED_BY,
    EVIDENCE_URLS,
    RATING,
    RATING_VALUE,
    REVIEW_URL,
    SUPPORTED_BY,
    VERDICT,
    ImportedArticle,
)
from clipper.operations import Session
from clipper.store import Store
from clipper.verdicts import DEFAULT_SCALE, RatingLevel, check_scale, parse_scale, rating_labels

CLAIM_TEXT = "The mayor said crime fell 20% last year.\n\nIt was the best year on record."
EVIDENCE_TEXT = "Police statistics\n\nRecorded crime rose by 5% last year, police data show."


def _article(store: Store, text: str, title: str) -> int:
    imported = ImportedArticle(text=text, title=title, source_name=title, source_kind="txt")
    return import_article(store, imported).id


@pytest.fixture
def session(store: Store) -> Session:
    return Session(store, coder="ana")


def _claim_and_evidence(session: Session) -> tuple[int, int, int]:
    first = _article(session.store, CLAIM_TEXT, "Mayor")
    second = _article(session.store, EVIDENCE_TEXT, "Police")
    claim = session.add_annotation(first, 15, 39, "claim").annotations_added[0].id
    start = EVIDENCE_TEXT.index("Recorded")
    rise = session.add_annotation(second, start, start + 35, "figure").annotations_added[0].id
    at = CLAIM_TEXT.index("It was")
    best = session.add_annotation(first, at, len(CLAIM_TEXT), "quote").annotations_added[0].id
    return claim, rise, best


def test_the_default_scale_and_a_scale_of_ones_own() -> None:
    assert [lv.label for lv in DEFAULT_SCALE.levels][:2] == ["True", "Mostly true"]
    assert (DEFAULT_SCALE.best, DEFAULT_SCALE.worst) == (5, 1)
    assert DEFAULT_SCALE.find("unproven") == RatingLevel("Unproven", None)
    scale = parse_scale("Correct=1; Misleading=0.5; Wrong=0; Satire")
    assert (scale.best, scale.worst) == (1, 0) and scale.find("misleading").value == 0.5
    assert parse_scale(scale.to_text()) == scale
    with pytest.raises(InvalidField, match="twice"):
        parse_scale("True=1; true=0")
    with pytest.raises(InvalidField, match="not a number"):
        parse_scale("True=high")
    with pytest.raises(InvalidField, match="needs a number"):
        check_scale([RatingLevel("Unproven", None)])


def test_rating_a_claim_sets_every_field_and_evidence_in_one_undoable_step(
    session: Session,
) -> None:
    claim, rise, best = _claim_and_evidence(session)
    steps = len(session.undo_log)
    session.rate_claim(
        claim,
        {
            RATING: " mostly FALSE ",
            VERDICT: "Police data show a rise of 5%.",
            EVIDENCE_URLS: "example.org/stats\nhttps://example.org/stats\n",
            REVIEW_URL: "https://check.example.org/mayor-crime",
        },
        contradicted_by=[rise],
        supported_by=[best],
    )
    attributes = dict(session.get_annotation(claim).attributes)
    assert attributes[RATING] == "Mostly false" and attributes[RATING_VALUE] == 2
    assert attributes[EVIDENCE_URLS] == "https://example.org/stats"  # normalised, once
    assert attributes[CHECKER] == "ana" and len(str(attributes[CHECKED_ON])) == 10
    relations = {(r.type, r.to_id) for r in session.list_relations(annotation_id=claim)}
    assert relations == {(CONTRADICTED_BY, rise), (SUPPORTED_BY, best)}
    assert len(session.undo_log) == steps + 1
    assert session.undo_log.undo_label.startswith("Rate ")
    session.undo()
    assert dict(session.get_annotation(claim).attributes) == {}
    assert session.list_relations(annotation_id=claim) == []
    session.redo()
    assert session.get_annotation(claim).attributes[RATING] == "Mostly false"
    assert len(session.list_relations(annotation_id=claim)) == 2


def test_evidence_can_be_replaced(session: Session) -> None:
    claim, rise, best = _claim_and_evidence(session)
    session.rate_claim(claim, {RATING: "False"}, supported_by=[best])
    session.rate_claim(claim, {}, supported_by=[], contradicted_by=[rise], replace_evidence=True)
    relations = {(r.type, r.to_id) for r in session.list_relations(annotation_id=claim)}
    assert relations == {(CONTRADICTED_BY, rise)}


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({RATING: "Pants on fire"}, "not a rating on this database's scale"),
        ({CHECKED_ON: "2026-02-30"}, "write YYYY-MM-DD"),
        ({CHECKED_ON: "2026"}, "write YYYY-MM-DD"),
        ({EVIDENCE_URLS: "javascript:alert(1)"}, "evidence link"),
        ({REVIEW_URL: "not a url"}, "fact-check's address"),
        ({RATING_VALUE: 3}, "comes from the scale"),
        ({VERDICT: "x" * 10_001}, "verdict is 10,001 characters"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    session: Session, changes: dict[str, object], words: str
) -> None:
    claim, rise, _best = _claim_and_evidence(session)
    steps = len(session.undo_log)
    with pytest.raises(InvalidField, match=words):
        session.rate_claim(claim, changes, contradicted_by=[rise])  # type: ignore[arg-type]
    with pytest.raises(InvalidField, match=words):  # the same rules on the general path
        session.edit_annotation(claim, attributes=changes)  # type: ignore[arg-type]
    assert dict(session.get_annotation(claim).attributes) == {}
    assert session.list_relations(annotation_id=claim) == []
    assert len(session.undo_log) == steps


def test_only_claims_are_rated_and_evidence_must_exist(session: Session) -> None:
    claim, rise, _best = _claim_and_evidence(session)
    with pytest.raises(InvalidValue, match="not claim"):
        session.rate_claim(rise, {RATING: "True"})
    with pytest.raises(NotFound, match="no annotation 999"):
        session.rate_claim(claim, {RATING: "True"}, supported_by=[999])
    with pytest.raises(InvalidValue, match="its own evidence"):
        session.rate_claim(claim, {RATING: "True"}, supported_by=[claim])
    assert dict(session.get_annotation(claim).attributes) == {}


def test_a_database_scale_is_used(session: Session) -> None:
    claim, _rise, _best = _claim_and_evidence(session)
    session.set_rating_scale(parse_scale("Correct=1; Wrong=0"))
    session.rate_claim(claim, {RATING: "wrong"})
    assert session.get_annotation(claim).attributes[RATING_VALUE] == 0
    with pytest.raises(InvalidField, match="Correct, Wrong"):
        session.rate_claim(claim, {RATING: "False"})


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_verdicts_and_evidence_survive_export_and_merge(
    session: Session, tmp_path: Path, fmt: str
) -> None:
    claim, rise, best = _claim_and_evidence(session)
    session.rate_claim(
        claim,
        {
            RATING: "Mostly false",
            VERDICT: "A rise, not a fall.",
            EVIDENCE_URLS: "https://a.example/1",
        },
        contradicted_by=[rise],
        supported_by=[best],
    )
    out = tmp_path / f"out.{fmt}"
    export_to_path(session.store, out, fmt)
    with Store(tmp_path / "other.db") as other:
        Session(other).import_annotations(out)
        merged = Session(other)
        [copy] = merged.list_claims(rated=True)
        original = session.claim(claim)
        assert dict(copy.annotation.attributes) == dict(original.annotation.attributes)
        assert {(r.type, e.uuid) for r, e in copy.evidence} == {
            (r.type, e.uuid) for r, e in original.evidence
        }
        assert len({e.article_id for _r, e in copy.evidence}) == 2  # across articles


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_command_line_rates_and_lists_claims(session: Session) -> None:
    claim, rise, _best = _claim_and_evidence(session)
    db = Path(session.store.path)
    rated = _cli(
        db, "rate", str(claim), "--rating", "Half true", "--verdict", "Partly.",
        "--evidence-url", "https://a.example/1", "--evidence-url", "b.example/2",
        "--contradicted-by", str(rise), "--json",
    )  # fmt: skip
    assert rated.returncode == 0, rated.stderr
    record = json.loads(rated.stdout)
    assert record["attributes"][RATING_VALUE] == 3
    assert record["attributes"][EVIDENCE_URLS] == "https://a.example/1\nhttps://b.example/2"
    assert record["evidence"] == [
        {
            "type": CONTRADICTED_BY,
            "annotation_id": rise,
            "article_id": 2,
            "text": EVIDENCE_TEXT[19:54],
        }
    ]
    listed = _cli(db, "claims", "--rated")
    assert listed.returncode == 0 and listed.stdout.startswith(f"{claim}\t1\tHalf true\t")
    bad = _cli(db, "rate", str(claim), "--rating", "Bogus")
    assert bad.returncode == 1 and "not a rating" in bad.stderr and "Traceback" not in bad.stderr
    settings = _cli(
        db, "factcheck-settings", "--organisation", "Example Check",
        "--organisation-url", "check.example.org", "--scale", "Yes=1; No=0; Unclear", "--json",
    )  # fmt: skip
    assert json.loads(settings.stdout) == {
        "organisation": "Example Check",
        "organisation_url": "https://check.example.org",
        "scale": [
            {"label": "Yes", "value": 1},
            {"label": "No", "value": 0},
            {"label": "Unclear", "value": None},
        ],
        "best": 1,
        "worst": 0,
    }


def _three_claims(session: Session) -> tuple[int, int, int]:
    """Claims rated False and Mostly true, and one not rated."""
    article = _article(session.store, CLAIM_TEXT, "Mayor")
    at = CLAIM_TEXT.index("It was")
    ids = [
        session.add_annotation(article, start, end, "claim").annotations_added[0].id
        for start, end in ((0, 9), (15, 39), (at, at + 6))
    ]
    session.rate_claim(ids[0], {RATING: "False"})
    session.rate_claim(ids[1], {RATING: "Mostly true"})
    return ids[0], ids[1], ids[2]


def test_the_corpus_listing_filters_and_sorts_by_rating(session: Session) -> None:
    false, mostly_true, unrated = _three_claims(session)

    def listed(**given: Any) -> list[int]:
        return session.corpus_annotation_ids(AnnotationFilter(**given))

    assert listed(ratings=("False",)) == [false]
    assert listed(ratings=("mostly TRUE", "False")) == [false, mostly_true]  # ASCII case
    assert listed(ratings=("Half true",)) == []
    assert listed(rated=True) == [false, mostly_true]
    assert unrated in listed(tags=("claim",))
    best_first = session.corpus_annotation_ids(
        AnnotationFilter(tags=("claim",)), sort="rating", descending=True
    )
    assert best_first == [mostly_true, false, unrated]
    [row] = session.corpus_annotation_page([mostly_true])
    assert row.rating == "Mostly true" and row.record()["rating"] == "Mostly true"
    assert rating_labels(DEFAULT_SCALE, [" mostly  true ", "Other", "", "False"]) == (
        "Mostly true",
        "Other",
        "False",
    )


def test_the_command_line_lists_annotations_by_rating(session: Session) -> None:
    false, mostly_true, _unrated = _three_claims(session)
    db = Path(session.store.path)
    found = _cli(db, "annotations", "--rating", "mostly true", "--rating", "false", "--json")
    assert found.returncode == 0, found.stderr
    records = [json.loads(line) for line in found.stdout.splitlines()]
    assert [(r["id"], r["rating"]) for r in records] == [
        (false, "False"),
        (mostly_true, "Mostly true"),
    ]
    rated = _cli(db, "annotations", "--rated")
    assert [int(line.split("\t")[0]) for line in rated.stdout.splitlines()] == [false, mostly_true]
    none = _cli(db, "annotations", "--all", "--rating", "Unproven")
    assert none.returncode == 0 and none.stdout == ""

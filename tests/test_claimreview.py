"""ClaimReview export: schema.org JSON-LD per rated claim, checked against the schema.org
vocabulary's definitions (tests/schemaorg_check.py) and what fact-check consumers require
(Google's ClaimReview guidelines: claimReviewed, reviewRating with alternateName, author,
datePublished, itemReviewed; a numeric rating within bestRating..worstRating)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from schemaorg_check import Vocabulary

from clipper.exporters import EXPORT_FORMATS, ExportSelection, export_to_stream, format_for
from clipper.exporters.registry import ExportOptions
from clipper.library import import_article
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store
from clipper.verdicts import parse_scale

TEXT = (
    "Crime in the city\n\nMayor Jane Smith said crime fell 20% last year. "
    "Police data show that recorded crime rose by 5%."
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary()


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def session(store: Store) -> Session:
    session = Session(store, coder="ana")
    article = import_article(
        store,
        ImportedArticle(
            text=TEXT,
            title="Crime in the city",
            source_name="crime.txt",
            source_kind="txt",
            outlet="The Herald",
            published="2026-11-30",
            url="https://herald.example/crime",
        ),
    ).id
    claim = session.add_annotation(article, *_span(TEXT, "crime fell 20% last year"), "claim")
    person = session.add_annotation(article, *_span(TEXT, "Jane Smith"), "person")
    rise = session.add_annotation(article, *_span(TEXT, "recorded crime rose by 5%"), "figure")
    claim_id = claim.annotations_added[0].id
    session.add_relation(claim_id, person.annotations_added[0].id, "claimed_by")
    session.rate_claim(
        claim_id,
        {
            "rating": "Mostly false",
            "verdict": "Police data show a rise of 5%.",
            "checked_on": "2026-12-01",
            "evidence_urls": "https://police.example/stats-2025",
            "review_url": "https://check.example/mayor-crime",
        },
        contradicted_by=[rise.annotations_added[0].id],
    )
    unrated = session.add_annotation(article, *_span(TEXT, "Police data show"), "claim")
    assert unrated.annotations_added
    session.set_organisation("Example Check", "https://check.example")
    return session


def _export(store: Store, **options: Any) -> list[dict[str, Any]]:
    out = io.BytesIO()
    count = export_to_stream(
        store, out, "claimreview", ExportSelection(), options=ExportOptions(**options)
    )
    reviews = json.loads(out.getvalue())
    assert count == len(reviews)
    return reviews  # type: ignore[no-any-return]


def _required(review: dict[str, Any]) -> list[str]:
    missing = [
        key
        for key in ("claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed")
        if key not in review
    ]
    rating = review.get("reviewRating", {})
    if "alternateName" not in rating:
        missing.append("reviewRating.alternateName")
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    return missing


def test_one_valid_claimreview_per_rated_claim(session: Session, vocabulary: Vocabulary) -> None:
    [review] = _export(session.store)
    assert vocabulary.problems(review) == []
    assert _required(review) == []
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "crime fell 20% last year"
    assert review["reviewBody"] == "Police data show a rise of 5%."
    assert review["datePublished"] == "2026-12-01"
    assert review["url"] == "https://check.example/mayor-crime"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Check",
        "url": "https://check.example",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"] == {"@type": "Person", "name": "Jane Smith"}
    assert item["datePublished"] == "2026-11-30"
    assert item["appearance"][0]["url"] == "https://herald.example/crime"
    assert item["appearance"][0]["publisher"] == {"@type": "Organization", "name": "The Herald"}
    cited = review["citation"]
    assert cited[0] == {"@type": "CreativeWork", "url": "https://police.example/stats-2025"}
    assert cited[1]["text"] == "recorded crime rose by 5%"
    assert cited[1]["description"] == "contradicts the claim"


def test_a_rating_without_a_number_and_a_source_attribute(
    session: Session, vocabulary: Vocabulary
) -> None:
    [claim] = session.list_claims(rated=True)
    session.rate_claim(claim.annotation.id, {"rating": "Unproven"})
    session.edit_annotation(claim.annotation.id, attributes={"source": "City Hall"})
    [review] = _export(session.store)
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}
    assert review["itemReviewed"]["author"]["name"] == "City Hall"
    assert vocabulary.problems(review) == [] and _required(review) == []


def test_options_win_over_settings_and_the_scale_gives_best_and_worst(session: Session) -> None:
    session.set_rating_scale(parse_scale("Correct=1; Misleading=0.5; Wrong=0"))
    [claim] = session.list_claims(rated=True)
    session.rate_claim(claim.annotation.id, {"rating": "misleading"})
    [review] = _export(session.store, organisation="Other Desk")
    assert review["author"] == {"@type": "Organization", "name": "Other Desk"}
    assert review["reviewRating"]["ratingValue"] == 0.5
    assert (review["reviewRating"]["bestRating"], review["reviewRating"]["worstRating"]) == (1, 0)


def test_the_checker_catches_what_is_wrong(vocabulary: Vocabulary) -> None:
    bad = {
        "@type": "ClaimReview",
        "claimReviewed": "x",
        "ratingValue": 3,  # a property of Rating, not of ClaimReview
        "itemReviewed": {"@type": "Claim", "appearance": "not a work"},
        "reviewRating": {"@type": "Rating", "bestRating": {"@type": "Person"}},
        "verdict": "made up",
    }
    problems = vocabulary.problems(bad)
    assert any("ratingValue: not a property of ClaimReview" in p for p in problems)
    assert any("appearance[0]" in p for p in problems)
    assert any("bestRating[0]: a Person" in p for p in problems)
    assert any("verdict: not a schema.org property" in p for p in problems)


def test_no_rated_claims_is_an_empty_list(store: Store) -> None:
    assert _export(store) == []


def test_the_format_is_in_the_registry_and_found_by_its_suffix(
    session: Session, tmp_path: Path
) -> None:
    assert EXPORT_FORMATS["claimreview"].suffix == ".claimreview.json"
    assert format_for(Path("review.claimreview.json"), None) == "claimreview"
    out = tmp_path / "reviews.claimreview.json"
    run = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", session.store.path, "export", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(out.read_text())[0]["@type"] == "ClaimReview"

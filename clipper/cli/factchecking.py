"""Fact-checking: rate claims with a verdict and evidence, list claims, the settings."""

from __future__ import annotations

import json
from typing import Any

import click

from clipper.cli.base import Context, cli, json_option, pass_context
from clipper.cli.reading import annotation_record
from clipper.model import (
    CHECKED_ON,
    CHECKER,
    EVIDENCE_URLS,
    RATING,
    REVIEW_URL,
    VERDICT,
    AttributeValue,
)
from clipper.operations.factcheck import Claim
from clipper.verdicts import parse_scale


@cli.command("rate")
@click.argument("annotation_id", type=int)
@click.option("--rating", help='A rating of the scale, e.g. "Mostly false" ("" removes it).')
@click.option("--verdict", help="The short verdict text.")
@click.option("--checker", help="Who checked it (default for a new rating: the coder).")
@click.option("--checked-on", help="When, YYYY-MM-DD (default for a new rating: today).")
@click.option(
    "--evidence-url",
    "evidence_urls",
    multiple=True,
    help="A link to the evidence (repeatable; added to those the claim has).",
)
@click.option("--review-url", help="The address of the published fact-check.")
@click.option(
    "--supported-by",
    type=int,
    multiple=True,
    metavar="ID",
    help="An annotation (any article) that supports the claim (repeatable).",
)
@click.option(
    "--contradicted-by",
    type=int,
    multiple=True,
    metavar="ID",
    help="An annotation (any article) that contradicts the claim (repeatable).",
)
@click.option("--coder", help="Who rates (default: $CLIPPER_CODER, else the default coder).")
@json_option("Print the rated claim as JSON.")
@pass_context
def rate_command(
    ctx: Context,
    annotation_id: int,
    rating: str | None,
    verdict: str | None,
    checker: str | None,
    checked_on: str | None,
    evidence_urls: tuple[str, ...],
    review_url: str | None,
    supported_by: tuple[int, ...],
    contradicted_by: tuple[int, ...],
    coder: str | None,
    as_json: bool,
) -> None:
    """Give a claim annotation a verdict: a rating of the database's scale (see
    factcheck-settings), a verdict text, the checker, the date, evidence links and
    evidence spans (annotations of any article). Options not given stay as they are.

    Example: clipper rate 12 --rating "Mostly false" --verdict "Police data show a rise"
    --evidence-url https://example.org/stats --contradicted-by 31
    """
    session = ctx.session(coder=coder)
    changes: dict[str, AttributeValue | None] = {}
    for key, value in (
        (RATING, rating),
        (VERDICT, verdict),
        (CHECKER, checker),
        (CHECKED_ON, checked_on),
        (REVIEW_URL, review_url),
    ):
        if value is not None:
            changes[key] = value
    if evidence_urls:
        have = str(session.get_annotation(annotation_id).attributes.get(EVIDENCE_URLS, ""))
        changes[EVIDENCE_URLS] = "\n".join([have, *evidence_urls]).strip()
    session.rate_claim(
        annotation_id,
        changes,
        supported_by=supported_by or None,
        contradicted_by=contradicted_by or None,
    )
    _echo_claim(session.claim(annotation_id), as_json)


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as ``claims --json`` prints it: the annotation, its article's title and
    address, and its evidence spans."""
    return {
        **annotation_record(claim.annotation),
        "article_title": claim.article.title,
        "article_url": claim.article.url,
        "evidence": [
            {
                "type": relation.type,
                "annotation_id": evidence.id,
                "article_id": evidence.article_id,
                "text": evidence.text,
            }
            for relation, evidence in claim.evidence
        ],
    }


def _echo_claim(claim: Claim, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(claim_record(claim), ensure_ascii=False))
        return
    a = claim.annotation
    rating = str(a.attributes.get(RATING, "unrated"))
    text = a.text.replace("\n", "⏎")
    evidence = ", ".join(f"{r.type} {e.id}" for r, e in claim.evidence)
    click.echo(f"{a.id}\t{a.article_id}\t{rating}\t{text}" + (f"\t{evidence}" if evidence else ""))


@cli.command("claims")
@click.option("--rated", is_flag=True, help="Only claims with a rating.")
@json_option("JSON Lines: one object per claim (attributes, evidence, article).")
@pass_context
def claims_command(ctx: Context, rated: bool, as_json: bool) -> None:
    """List claim annotations with their rating: id, article id, rating, text, evidence.

    Example: clipper claims --rated --json
    """
    session = ctx.session()
    for claim in session.list_claims(rated=rated):
        _echo_claim(claim, as_json)


@cli.command("factcheck-settings")
@click.option("--organisation", help='Who publishes the fact-checks ("" clears it).')
@click.option("--organisation-url", help='The organisation\'s address ("" clears it).')
@click.option(
    "--scale",
    help='The rating scale, e.g. "True=5; Mostly true=4; Half true=3; Mostly false=2; '
    'False=1; Unproven" (higher is truer; a rating without =N has no number).',
)
@click.option("--default-scale", is_flag=True, help="Go back to the default rating scale.")
@json_option("Print the settings as JSON.")
@pass_context
def factcheck_settings_command(
    ctx: Context,
    organisation: str | None,
    organisation_url: str | None,
    scale: str | None,
    default_scale: bool,
    as_json: bool,
) -> None:
    """Show or change this database's fact-checking settings: the organisation (the
    author of ClaimReview exports) and the rating scale.

    Example: clipper factcheck-settings --organisation "Example Check" --organisation-url
    https://check.example.org
    """
    changing = organisation is not None or organisation_url is not None
    session = ctx.session(create=changing or scale is not None or default_scale)
    if changing:
        session.set_organisation(organisation, organisation_url)
    if scale is not None:
        session.set_rating_scale(parse_scale(scale))
    elif default_scale:
        session.set_rating_scale(None)
    current = session.rating_scale()
    who = session.organisation()
    if as_json:
        record = {
            "organisation": who.name,
            "organisation_url": who.url,
            "scale": [{"label": lv.label, "value": lv.value} for lv in current.levels],
            "best": current.best,
            "worst": current.worst,
        }
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    click.echo(f"organisation: {who.name or '(not set)'}")
    click.echo(f"organisation url: {who.url or '(not set)'}")
    click.echo(f"scale: {current.to_text()}")

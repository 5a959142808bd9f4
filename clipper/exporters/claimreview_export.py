"""ClaimReview export: schema.org ``ClaimReview`` JSON-LD for every rated claim.

The file is a JSON array (valid JSON-LD) of ClaimReview objects, one per claim annotation
with a ``rating``, each standing alone (its own ``@context``), ready to paste into a
published fact-check's ``<script type="application/ld+json">``::

    {"@context": "https://schema.org", "@type": "ClaimReview",
     "claimReviewed": the claim's text, "reviewBody": the verdict,
     "datePublished": checked_on, "url": review_url,
     "author": {"@type": "Organization", "name", "url"},          # the settings
     "reviewRating": {"@type": "Rating", "ratingValue", "bestRating", "worstRating",
                      "alternateName": the rating's label},
     "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name"},
                      "datePublished": the article's date,
                      "appearance": [{"@type": "CreativeWork", "url", "headline", …}]},
     "citation": [evidence links and evidence spans as CreativeWork]}

The claim's author is its ``source`` attribute, else the text of the person annotation it
is ``claimed_by``. A rating without a number on the scale (e.g. "Unproven") has only its
``alternateName``. The organisation comes from the export options, else from the
database's settings (``clipper factcheck-settings``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from clipper.model import (
    CHECKED_ON,
    CLAIM_SOURCE,
    CLAIMED_BY,
    CONTRADICTED_BY,
    EVIDENCE_URLS,
    RATING,
    RATING_VALUE,
    REVIEW_URL,
    SUPPORTED_BY,
    VERDICT,
    Annotation,
    Article,
)
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store
from clipper.store.export_queries import Selection
from clipper.verdicts import (
    ORGANISATION_SETTING,
    ORGANISATION_URL_SETTING,
    SCALE_SETTING,
    RatingScale,
    scale_from_setting,
)

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions

#: The tag of rated annotations.
CLAIM_TAG = "claim"
_EVIDENCE = {SUPPORTED_BY: "supports the claim", CONTRADICTED_BY: "contradicts the claim"}


def write_claimreview(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write one ClaimReview per rated claim of the selection; returns how many."""
    scale = scale_from_setting(store.get_setting(SCALE_SETTING))
    organisation: str | None = options.organisation
    organisation_url: str | None = options.organisation_url
    if not organisation:  # options naming an organisation give its address too (or none)
        organisation = store.get_setting(ORGANISATION_SETTING)
        organisation_url = store.get_setting(ORGANISATION_URL_SETTING)
    if selection.tags is not None and CLAIM_TAG not in selection.tags:
        stream.write(b"[]\n")
        return 0
    statuses = set(selection.statuses or ())
    claims = [
        a
        for a in store.iter_annotations(tags=[CLAIM_TAG])
        if RATING in a.attributes
        and (selection.article_ids is None or a.article_id in selection.article_ids)
        and (not statuses or a.status in statuses)
    ]
    articles: dict[int, Article] = {}
    stream.write(b"[")
    for number, claim in enumerate(claims):
        check_cancel(cancel)
        if claim.article_id not in articles:
            articles[claim.article_id] = store.get_article(claim.article_id)
        review = claim_review(
            store,
            claim,
            articles[claim.article_id],
            scale,
            organisation,
            organisation_url,
            statuses=selection.statuses,
        )
        text = json.dumps(review, ensure_ascii=False, indent=1)
        stream.write(("\n" if number == 0 else ",\n").encode() + text.encode("utf-8"))
        if progress is not None:
            progress(number + 1, len(claims))
    stream.write(b"\n]\n" if claims else b"]\n")
    return len(claims)


def claim_review(
    store: Store,
    claim: Annotation,
    article: Article,
    scale: RatingScale,
    organisation: str | None,
    organisation_url: str | None,
    *,
    statuses: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The ClaimReview object of one rated claim (see the module docstring); its speaker
    and evidence come only from annotations with one of ``statuses`` (``None`` or ``()``:
    any), so a pending suggestion is never cited."""
    attributes = claim.attributes
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
    }
    if attributes.get(VERDICT):
        review["reviewBody"] = attributes[VERDICT]
    review["datePublished"] = str(attributes.get(CHECKED_ON) or claim.updated_at[:10])
    if attributes.get(REVIEW_URL):
        review["url"] = attributes[REVIEW_URL]
    if organisation:
        author: dict[str, Any] = {"@type": "Organization", "name": organisation}
        if organisation_url:
            author["url"] = organisation_url
        review["author"] = author
    review["reviewRating"] = _rating(attributes, scale)
    linked = set(statuses or ())

    def usable(annotation: Annotation) -> bool:
        return not linked or annotation.status in linked

    review["itemReviewed"] = _claim(store, claim, article, usable)
    citations = _citations(store, claim, attributes.get(EVIDENCE_URLS), usable)
    if citations:
        review["citation"] = citations
    return review


def _rating(attributes: Any, scale: RatingScale) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    value = attributes.get(RATING_VALUE)
    if isinstance(value, int | float) and scale.best is not None:
        rating.update(ratingValue=value, bestRating=scale.best, worstRating=scale.worst)
    rating["alternateName"] = attributes[RATING]
    return rating


def _claim(
    store: Store, claim: Annotation, article: Article, usable: Callable[[Annotation], bool]
) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    speaker = _speaker(store, claim, usable)
    if speaker:
        item["author"] = {"@type": "Person", "name": speaker}
    if article.published:
        item["datePublished"] = article.published
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        appearance["url"] = article.url
    appearance["headline"] = article.title
    if article.published:
        appearance["datePublished"] = article.published
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    item["appearance"] = [appearance]
    return item


def _speaker(store: Store, claim: Annotation, usable: Callable[[Annotation], bool]) -> str | None:
    source = claim.attributes.get(CLAIM_SOURCE)
    if isinstance(source, str) and source.strip():
        return source.strip()
    for relation in store.list_relations(annotation_id=claim.id):
        if relation.type == CLAIMED_BY and relation.from_id == claim.id:
            person = store.get_annotation(relation.to_id)
            if usable(person):
                return " ".join(person.text.split())
    return None


def _citations(
    store: Store, claim: Annotation, urls: object, usable: Callable[[Annotation], bool]
) -> list[dict[str, Any]]:
    cited: list[dict[str, Any]] = [
        {"@type": "CreativeWork", "url": url}
        for url in (urls.splitlines() if isinstance(urls, str) else [])
        if url.strip()
    ]
    for relation in store.list_relations(annotation_id=claim.id):
        if relation.from_id != claim.id or relation.type not in _EVIDENCE:
            continue
        evidence = store.get_annotation(relation.to_id)
        if not usable(evidence):
            continue
        source = store.get_article(evidence.article_id)
        work: dict[str, Any] = {"@type": "CreativeWork", "text": evidence.text}
        if source.url:
            work["url"] = source.url
        work["headline"] = source.title
        work["description"] = _EVIDENCE[relation.type]
        cited.append(work)
    return cited

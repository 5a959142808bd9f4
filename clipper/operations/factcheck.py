"""Fact-checking operations: rate a claim (verdict, evidence links and spans) as one
undoable step; the rating scale and the organisation (per-database settings); reading
claims with their verdicts and a URL clipping's provenance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from clipper.errors import InvalidValue, NotFound
from clipper.fields import normalise_url, text_problem, url_problem
from clipper.model import (
    CHECKED_ON,
    CHECKER,
    CONTRADICTED_BY,
    RATING,
    SUPPORTED_BY,
    Annotation,
    Article,
    AttributeValue,
    Relation,
)
from clipper.operations.annotations import AnnotationOperations
from clipper.operations.base import _preview
from clipper.operations.changes import NO_CHANGES, Changes
from clipper.verdicts import (
    ORGANISATION_SETTING,
    ORGANISATION_URL_SETTING,
    SCALE_SETTING,
    RatingScale,
    check_verdict,
    scale_from_setting,
)

#: The tag of the annotations that can be rated.
CLAIM_TAG = "claim"
#: The evidence relations, in the order shown.
EVIDENCE_TYPES = (SUPPORTED_BY, CONTRADICTED_BY)


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim annotation with its article and its evidence (relation, evidence
    annotation) pairs."""

    annotation: Annotation
    article: Article
    evidence: tuple[tuple[Relation, Annotation], ...] = ()

    @property
    def rated(self) -> bool:
        return RATING in self.annotation.attributes


@dataclass(frozen=True, slots=True)
class Organisation:
    """Who publishes the fact-checks (ClaimReview ``author``)."""

    name: str | None = None
    url: str | None = None


class FactCheckOperations(AnnotationOperations):
    """Verdicts on claims and the settings they use."""

    # -- settings -------------------------------------------------------------------------

    def rating_scale(self) -> RatingScale:
        """This database's rating scale (the default until one is set)."""
        return scale_from_setting(self.store.get_setting(SCALE_SETTING))

    def set_rating_scale(self, scale: RatingScale | None) -> None:
        """Use ``scale`` from now on (``None``: back to the default). Ratings given
        already keep their label and number."""
        self.store.set_setting(SCALE_SETTING, None if scale is None else scale.to_json())

    def organisation(self) -> Organisation:
        return Organisation(
            self.store.get_setting(ORGANISATION_SETTING),
            self.store.get_setting(ORGANISATION_URL_SETTING),
        )

    def set_organisation(self, name: str | None, url: str | None = None) -> Organisation:
        """Name (and address) of the fact-checking organisation; ``""`` clears one."""
        if name is not None and name.strip():
            problem = text_problem(name.strip(), 500)
            if problem is not None or not name.strip().isprintable():
                raise InvalidValue(f"the organisation's name {problem or 'must be one line'}")
        if url is not None and url.strip():
            url = normalise_url(url)
            problem = url_problem(url)
            if problem is not None:
                raise InvalidValue(f"the organisation's address: {problem}")
        with self._atomic():
            if name is not None:
                self.store.set_setting(ORGANISATION_SETTING, name.strip() or None)
            if url is not None:
                self.store.set_setting(ORGANISATION_URL_SETTING, url.strip() or None)
        return self.organisation()

    # -- reads ----------------------------------------------------------------------------

    def fetched_page_info(self, article_id: int) -> dict[str, Any] | None:
        """Where a URL clipping came from (``None``: not fetched by Clipper)."""
        return self.store.fetched_page_info(article_id)

    def claim(self, annotation_id: int) -> Claim:
        """A claim with its article and evidence; :class:`InvalidValue` for another tag."""
        annotation = self.store.get_annotation(annotation_id)
        if annotation.tag != CLAIM_TAG:
            raise InvalidValue(
                f"annotation {annotation_id} ({_preview(annotation.text)}) is tagged "
                f"{annotation.tag}, not claim: only claims are rated. Tag it as a claim first."
            )
        return self._claim(annotation, {})

    def _claim(self, annotation: Annotation, articles: dict[int, Article]) -> Claim:
        if annotation.article_id not in articles:
            articles[annotation.article_id] = self.store.get_article(annotation.article_id)
        evidence = []
        for relation in self.store.list_relations(annotation_id=annotation.id):
            if relation.from_id == annotation.id and relation.type in EVIDENCE_TYPES:
                evidence.append((relation, self.store.get_annotation(relation.to_id)))
        return Claim(annotation, articles[annotation.article_id], tuple(evidence))

    def list_claims(self, *, rated: bool = False) -> list[Claim]:
        """Every claim (``rated``: only those with a rating), in article and text order."""
        articles: dict[int, Article] = {}
        claims = []
        for annotation in self.store.iter_annotations(tags=[CLAIM_TAG]):
            if rated and RATING not in annotation.attributes:
                continue
            claims.append(self._claim(annotation, articles))
        return claims

    # -- rating -----------------------------------------------------------------------------

    def rate_claim(
        self,
        annotation_id: int,
        attributes: Mapping[str, AttributeValue | None],
        *,
        supported_by: Sequence[int] | None = None,
        contradicted_by: Sequence[int] | None = None,
        replace_evidence: bool = False,
    ) -> Changes:
        """Give a claim its verdict attributes (checked by :mod:`clipper.verdicts`;
        ``None`` removes one) and evidence spans, as one undoable step in one transaction.

        ``supported_by``/``contradicted_by``: evidence annotation ids (any article), added
        to those the claim has; with ``replace_evidence`` they are the claim's evidence of
        that kind from now on (``None``: that kind unchanged). A new rating without a
        checker or a date gets the session's coder and today.
        """
        claim = self.claim(annotation_id)
        changes = dict(attributes)
        if changes.get(RATING):
            if not changes.get(CHECKER) and CHECKER not in claim.annotation.attributes:
                changes[CHECKER] = self.coder
            if not changes.get(CHECKED_ON) and CHECKED_ON not in claim.annotation.attributes:
                changes[CHECKED_ON] = date.today().isoformat()
        changes = check_verdict(changes, self.rating_scale())  # before anything is written
        wanted = {SUPPORTED_BY: supported_by, CONTRADICTED_BY: contradicted_by}
        to_add: list[tuple[int, str]] = []
        to_remove: list[Relation] = []
        for kind, ids in wanted.items():
            if ids is None:
                continue
            have = {r.to_id: r for r, _ in claim.evidence if r.type == kind}
            for evidence_id in dict.fromkeys(ids):
                if evidence_id == annotation_id:
                    raise InvalidValue("a claim cannot be its own evidence")
                try:
                    self.store.get_annotation(evidence_id)
                except NotFound:
                    raise NotFound(
                        f"there is no annotation {evidence_id} to use as evidence"
                    ) from None
                if evidence_id not in have:
                    to_add.append((evidence_id, kind))
            if replace_evidence:
                to_remove += [r for to_id, r in have.items() if to_id not in set(ids)]
        current = dict(claim.annotation.attributes)
        if all(current.get(k) == v for k, v in changes.items()) and not (to_add or to_remove):
            return NO_CHANGES
        done = NO_CHANGES
        label = f"Rate {_preview(claim.annotation.text)}"
        with self._atomic(), self.undo_log.group(label, self._atomically):
            if changes:
                done |= self.edit_annotation(annotation_id, attributes=changes)
            for relation in to_remove:
                done |= self.delete_relation(relation.id)
            for evidence_id, kind in to_add:
                done |= self.add_relation(annotation_id, evidence_id, kind)
        return done

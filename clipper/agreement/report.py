"""Agreement per tag and overall for texts coded by several coders.

Per tag, every coder's spans of the tag are that coder's units (spans of the tag that
overlap become one unit) and the rest of the text is gap: ``α_u`` is the coefficient of
:mod:`.unitizing` on that partition, kappa is computed at character level (in the tag or
not), F1 between every pair of coders (the mean over pairs). Tags may overlap (a figure
inside a quote), so *overall* treats each tag as one layer of the texts and pools them:
``α_u = 1 − Σ D_o / Σ D_e`` over the tags, kappa over (character, tag) items, F1 over the
spans of all tags. Every figure comes with the number of units (spans), characters and
coders it rests on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from clipper.agreement.f1 import SpanMatches, match_spans
from clipper.agreement.kappa import CohenCounts, FleissCounts
from clipper.agreement.segments import merge_overlapping
from clipper.agreement.unitizing import AlphaResult, Coincidences, pooled_alpha

__all__ = ["AgreementReport", "CodedSpan", "CodedText", "TagAgreement", "agreement_report"]


@dataclass(frozen=True, slots=True)
class CodedSpan:
    coder: str
    tag: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CodedText:
    """One text (an article) that every coder coded: its length and their spans."""

    length: int
    spans: Sequence[CodedSpan]


@dataclass(frozen=True, slots=True)
class TagAgreement:
    """The measures for one tag (``tag=None``: all tags, pooled)."""

    tag: str | None
    alpha_u: float | None
    kappa: float | None
    #: "Cohen" (two coders) or "Fleiss" (more).
    kappa_kind: str
    f1_exact: float | None
    f1_overlap: float | None
    #: Spans of the tag by the coders compared.
    units: int
    characters: int
    coders: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "tag": self.tag,
            "alpha_u": _rounded(self.alpha_u),
            "kappa": _rounded(self.kappa),
            "kappa_kind": self.kappa_kind,
            "f1_exact": _rounded(self.f1_exact),
            "f1_overlap": _rounded(self.f1_overlap),
            "units": self.units,
            "characters": self.characters,
            "coders": self.coders,
        }


@dataclass(frozen=True, slots=True)
class AgreementReport:
    coders: tuple[str, ...]
    texts: int
    characters: int
    tags: tuple[TagAgreement, ...]
    overall: TagAgreement

    def to_dict(self) -> dict[str, Any]:
        return {
            "coders": list(self.coders),
            "articles": self.texts,
            "characters": self.characters,
            "tags": [t.to_dict() for t in self.tags],
            "overall": self.overall.to_dict(),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


@dataclass(slots=True)
class _TagSums:
    coincidences: Coincidences
    cohen: CohenCounts = field(default_factory=CohenCounts)
    fleiss: FleissCounts | None = None
    pairs: defaultdict[tuple[int, int], SpanMatches] = field(
        default_factory=lambda: defaultdict(SpanMatches)
    )
    units: int = 0


def agreement_report(
    texts: Iterable[CodedText], coders: Sequence[str], tags: Sequence[str]
) -> AgreementReport:
    """The agreement of ``coders`` on ``tags`` over ``texts`` (spans of other coders or
    tags are left out)."""
    coders = tuple(coders)
    m = len(coders)
    index = {name: i for i, name in enumerate(coders)}
    sums = {tag: _TagSums(Coincidences(m), fleiss=FleissCounts(m)) for tag in tags}
    count = characters = 0
    for text in texts:
        count += 1
        characters += text.length
        by_tag: dict[str, list[list[tuple[int, int]]]] = {tag: [[] for _ in coders] for tag in tags}
        for span in text.spans:
            spans = by_tag.get(span.tag)
            at = index.get(span.coder)
            if spans is not None and at is not None:
                spans[at].append((span.start, span.end))
        for tag, per_coder in by_tag.items():
            _add_text(sums[tag], text.length, per_coder)
    rows = tuple(_row(tag, sums[tag], m, characters) for tag in tags)
    return AgreementReport(coders, count, characters, rows, _overall(sums, m, characters))


def _add_text(sums: _TagSums, length: int, per_coder: list[list[tuple[int, int]]]) -> None:
    units = [[(s, e, 1) for s, e in merge_overlapping(spans)] for spans in per_coder]
    sums.units += sum(len(set(spans)) for spans in per_coder)
    cut = sums.coincidences.add(length, units)
    fleiss = sums.fleiss
    two = len(per_coder) == 2
    for width, values in cut:
        if two:
            sums.cohen.add(width, values[0] is not None, values[1] is not None)
        if fleiss is not None and len(values) >= 2:
            fleiss.add(width, [v is not None for v in values])
    for a, b in combinations(range(len(per_coder)), 2):
        if per_coder[a] or per_coder[b]:
            sums.pairs[a, b].merge(match_spans(per_coder[a], per_coder[b]))


def _kappa(cohen: CohenCounts, fleiss: FleissCounts | None, m: int) -> tuple[float | None, str]:
    if m == 2:
        return cohen.kappa(), "Cohen"
    return (fleiss.kappa() if fleiss is not None and m > 2 else None), "Fleiss"


def _mean_f1(pairs: dict[tuple[int, int], SpanMatches]) -> tuple[float | None, float | None]:
    exact = [v for p in pairs.values() if (v := p.f1_exact()) is not None]
    overlap = [v for p in pairs.values() if (v := p.f1_overlap()) is not None]
    return (
        sum(exact) / len(exact) if exact else None,
        sum(overlap) / len(overlap) if overlap else None,
    )


def _row(tag: str, sums: _TagSums, m: int, characters: int) -> TagAgreement:
    alpha: AlphaResult = sums.coincidences.result()
    kappa, kind = _kappa(sums.cohen, sums.fleiss, m)
    exact, overlap = _mean_f1(sums.pairs)
    return TagAgreement(tag, alpha.alpha, kappa, kind, exact, overlap, sums.units, characters, m)


def _overall(sums: dict[str, _TagSums], m: int, characters: int) -> TagAgreement:
    cohen = CohenCounts()
    fleiss = FleissCounts(m)
    pairs: defaultdict[tuple[int, int], SpanMatches] = defaultdict(SpanMatches)
    for tag_sums in sums.values():
        cohen.merge(tag_sums.cohen)
        if tag_sums.fleiss is not None:
            fleiss.merge(tag_sums.fleiss)
        for pair, matches in tag_sums.pairs.items():
            pairs[pair].merge(matches)
    alpha = pooled_alpha(s.coincidences.result() for s in sums.values())
    kappa, kind = _kappa(cohen, fleiss, m)
    exact, overlap = _mean_f1(pairs)
    units = sum(s.units for s in sums.values())
    return TagAgreement(None, alpha, kappa, kind, exact, overlap, units, characters, m)

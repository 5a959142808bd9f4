"""Aligning several coders' annotations of one article into units to adjudicate. No I/O.

A *unit* holds at most one annotation per coder, those that the coders meant as "the same
thing", and says how they differ:

- ``agreement``: every coder has the same span, tag and attributes;
- ``missing``: some coder has nothing there (another has an annotation no one of theirs
  overlaps, or overlaps only with a worse match);
- ``boundary``: the same tag on overlapping spans with different offsets;
- ``tag``: overlapping spans with different tags;
- ``attribute``: the same span and tag with different attributes (notes are not compared).

Alignment is a greedy best-first matching: every pair of overlapping annotations of two
different coders is a candidate, ranked (1) same span and tag, (2) same tag, most overlap
first, (3) same span, other tag, (4) other tag, most overlap first; ties by text position
and coder order. Candidates join two units when those units have no coder in common and
every pair of their annotations overlaps. The result is the same for the same input, in
text order (start, end, then the units' keys).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from clipper.errors import ClipperError
from clipper.model import Annotation
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.quoting import quote

#: The kinds of unit, agreements last.
DISAGREEMENTS = ("missing", "boundary", "tag", "attribute")
KINDS = (*DISAGREEMENTS, "agreement")


@dataclass(frozen=True, slots=True)
class Unit:
    """One place where the coders agree or disagree."""

    kind: str
    start: int
    end: int
    #: Each compared coder's annotation here (``None``: that coder has none).
    versions: Mapping[str, Annotation | None] = field(hash=False)
    #: :attr:`key`, once computed.
    _key: str = field(default="", init=False, repr=False, compare=False, hash=False)

    @property
    def is_disagreement(self) -> bool:
        return self.kind != "agreement"

    @property
    def key(self) -> str:
        """The identity of the unit while its annotations stay as they are (a decision
        is stored under it): a hash of each annotation's coder, identity, span, tag and
        attributes. A coder's later edit makes it another unit, to be decided again."""
        if self._key:
            return self._key
        parts = [
            [c, a.uuid, a.start, a.end, a.tag, sorted(a.attributes.items())]
            for c, a in sorted(self.versions.items())
            if a is not None
        ]
        key = hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:32]
        object.__setattr__(self, "_key", key)  # computed once (a frozen unit)
        return key

    def annotations(self) -> list[Annotation]:
        """The unit's annotations in coder order."""
        return [a for a in self.versions.values() if a is not None]

    def coders_with(self) -> list[str]:
        """The coders who have an annotation here, in coder order."""
        return [c for c, a in self.versions.items() if a is not None]


def _overlap(a: Annotation, b: Annotation) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _rank(a: Annotation, b: Annotation) -> tuple[int, float]:
    """How good a match ``a`` and ``b`` are (lower is better): class, then -Jaccard."""
    same_span = (a.start, a.end) == (b.start, b.end)
    union = max(a.end, b.end) - min(a.start, b.start)
    jaccard = _overlap(a, b) / union
    if a.tag == b.tag:
        return (0 if same_span else 1, -jaccard)
    return (2 if same_span else 3, -jaccard)


def _kind(versions: Mapping[str, Annotation | None]) -> str:
    present = [a for a in versions.values() if a is not None]
    if len(present) < len(versions):
        return "missing"
    first = present[0]
    if any(a.tag != first.tag for a in present):
        return "tag"
    if any((a.start, a.end) != (first.start, first.end) for a in present):
        return "boundary"
    if any(dict(a.attributes) != dict(first.attributes) for a in present):
        return "attribute"
    return "agreement"


#: Annotations swept between two progress reports / cancel checks of :func:`align`.
_STEP = 2048


def align(
    annotations: Iterable[Annotation],
    coders: Sequence[str],
    *,
    accepted_only: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> list[Unit]:
    """The units of one article's ``annotations`` by ``coders`` (two or more; others'
    annotations are left out, and unless ``accepted_only`` is false so are those not
    ``accepted``), in text order. ``progress(done, total)`` counts the annotations swept;
    ``cancel`` is checked between steps (:class:`~clipper.errors.Cancelled`)."""
    order = list(dict.fromkeys(coders))
    if len(order) < 2:
        raise ValueError("adjudication compares two or more coders")
    rank_of = {c: i for i, c in enumerate(order)}
    chosen = sorted(
        (
            a
            for a in annotations
            if a.coder in rank_of and (not accepted_only or a.status == "accepted")
        ),
        key=lambda a: (a.start, a.end, a.tag, rank_of[a.coder], a.uuid, a.id),
    )
    # candidate pairs: a sweep over the spans sorted by start
    pairs: list[tuple[tuple[int, float], int, int, int, int]] = []
    total = len(chosen)
    for i, a in enumerate(chosen):
        if not i % _STEP:
            check_cancel(cancel)
            if progress is not None:
                progress(i, total)
        for j in range(i + 1, len(chosen)):
            b = chosen[j]
            if b.start >= a.end:
                break
            if b.coder != a.coder and _overlap(a, b) > 0:
                pairs.append((_rank(a, b), a.start, b.start, i, j))
    check_cancel(cancel)
    pairs.sort()
    # units as sets of indices into ``chosen`` (a union of disjoint-coder groups)
    group_of = list(range(len(chosen)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(chosen))}
    for *_, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if {chosen[k].coder for k in left} & {chosen[k].coder for k in right}:
            continue
        if any(_overlap(chosen[x], chosen[y]) <= 0 for x in left for y in right):
            continue
        members[gi] = left + right
        for k in right:
            group_of[k] = gi
        del members[gj]
    units = []
    for indices in members.values():
        found = {chosen[k].coder: chosen[k] for k in indices}
        versions: dict[str, Annotation | None] = {c: found.get(c) for c in order}
        present = list(found.values())
        units.append(
            Unit(
                kind=_kind(versions),
                start=min(a.start for a in present),
                end=max(a.end for a in present),
                versions=MappingProxyType(versions),
            )
        )
    check_cancel(cancel)
    units.sort(key=lambda u: (u.start, u.end, [_sort_key(a) for a in u.versions.values()]))
    if progress is not None:
        progress(total, total)
    return units


def adopted(unit: Unit, coders: Sequence[str]) -> list[Annotation]:
    """The annotations the gold coder gets when ``coders``' versions of ``unit`` are
    adopted (``[]``: neither). Refused (:class:`ClipperError`) for a coder not compared
    or without an annotation here, and when two chosen versions have the same span and
    tag (a coder tags a span with a tag once: choose one of them)."""
    chosen: list[Annotation] = []
    for coder in dict.fromkeys(coders):
        if coder not in unit.versions:
            raise ClipperError(f"{coder!r} is not one of the coders compared")
        annotation = unit.versions[coder]
        if annotation is None:
            raise ClipperError(f"{coder} has no annotation here; choose another version")
        if any(
            (a.start, a.end, a.tag) == (annotation.start, annotation.end, annotation.tag)
            for a in chosen
        ):
            raise ClipperError(
                "both versions tag the same span with the same tag (they differ in "
                "attributes only): adopt one of them"
            )
        chosen.append(annotation)
    return chosen


def _sort_key(a: Annotation | None) -> tuple[int, int, str, str]:
    return (-1, -1, "", "") if a is None else (a.start, a.end, a.tag, a.uuid)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far one article's adjudication is: units decided of all units."""

    decided: int
    total: int
    #: Disagreements not yet decided (agreements not yet adopted are ``total - decided``
    #: minus these).
    disagreements_left: int = 0

    @property
    def done(self) -> bool:
        return self.decided >= self.total

    def __str__(self) -> str:
        if self.total == 0:
            return "nothing to adjudicate"
        return f"{self.decided} of {self.total} decided"


def describe(annotation: Annotation | None, text_limit: int = 40) -> str:
    """One coder's version in a line: tag, quoted text, offsets and attributes."""
    if annotation is None:
        return "—"
    attributes = "".join(f" {k}={v}" for k, v in sorted(annotation.attributes.items()))
    text = quote(annotation.text, text_limit)
    return f"{annotation.tag} {text} {annotation.start}–{annotation.end}{attributes}"


def count_kinds(units: Iterable[Unit]) -> dict[str, int]:
    """How many units of each kind (every kind listed)."""
    counts = dict.fromkeys(KINDS, 0)
    for unit in units:
        counts[unit.kind] += 1
    return counts


@dataclass(frozen=True, slots=True)
class Decision:
    """What the gold coder adopted for one unit (stored under the unit's key)."""

    unit_key: str
    #: The coders whose versions were adopted (``()``: neither).
    adopted: tuple[str, ...]
    #: A coder's annotation uuid → the gold annotation's uuid (its copy).
    copies: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    #: The gold annotations this decision made (removed again when the unit is decided anew).
    created: tuple[str, ...] = ()
    decided_at: str = ""


@dataclass(frozen=True, slots=True)
class ArticleProgress:
    """The stored progress of one article's adjudication into one gold coder."""

    article_id: int
    gold: str
    coders: tuple[str, ...]
    decided: int
    total: int
    #: When every unit was decided (``None``: still to do).
    done_at: str | None
    updated_at: str

    @property
    def done(self) -> bool:
        return self.done_at is not None

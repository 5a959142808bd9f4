"""Adjudication: settle the coders' disagreements into a gold coder, one undoable step each.

Adopting a coder's version of a unit copies its span, tag, note and attributes into an
annotation of the gold coder (default :data:`~clipper.model.GOLD_CODER`) with
``origin='manual'`` (a person decided it) and ``origin_detail='adjudicated:<coder>'`` (whose
version it is). A relation between two annotations whose versions are both adopted is
copied between their gold copies. Deciding a unit again first removes the gold annotations
the earlier decision made. Decisions and per-article progress are stored
(:mod:`clipper.store.adjudication`) so that "neither" is remembered too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from types import MappingProxyType

from clipper.adjudication import (
    ArticleProgress,
    Decision,
    Progress,
    Unit,
    adopted,
    align,
)
from clipper.errors import ClipperError, InvalidField
from clipper.fields import coder_name_problem, normalise_coder_name
from clipper.model import GOLD_CODER, Annotation, AnnotationsSnapshot
from clipper.operations.base import SessionBase, _preview
from clipper.operations.changes import NO_CHANGES, Changes
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import now

#: ``origin_detail`` of a gold annotation: this prefix and the coder whose version it is.
ADJUDICATED_PREFIX = "adjudicated:"


@dataclasses.dataclass(frozen=True, slots=True)
class Comparison:
    """One article's annotations by several coders, aligned, with the decisions so far."""

    article_id: int
    coders: tuple[str, ...]
    gold: str
    units: tuple[Unit, ...]
    decisions: dict[str, Decision]
    progress: Progress

    def decision(self, unit: Unit) -> Decision | None:
        return self.decisions.get(unit.key) if self.decisions else None


def _check_coders(coders: Sequence[str], gold: str) -> tuple[tuple[str, ...], str]:
    names = tuple(dict.fromkeys(normalise_coder_name(c) for c in coders if c.strip()))
    gold = normalise_coder_name(gold)
    problem = coder_name_problem(gold)
    if problem is not None:
        raise InvalidField(problem)
    if len(names) < 2:
        raise InvalidField("choose two or more coders to compare")
    if gold in names:
        raise InvalidField(
            f"the gold coder {gold!r} cannot be one of the coders compared; choose another "
            "gold coder"
        )
    return names, gold


class AdjudicationOperations(SessionBase):
    """Comparing coders and adopting their versions into a gold coder (undoable)."""

    def compare(
        self,
        article_id: int,
        coders: Sequence[str],
        *,
        gold: str = GOLD_CODER,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> Comparison:
        """Align ``coders``' accepted annotations of an article (see
        :func:`clipper.adjudication.align`, which gets ``progress`` and ``cancel``) with
        the decisions made into ``gold``."""
        names, gold = _check_coders(coders, gold)
        self.store.get_article(article_id)  # NotFound for a bad id
        for name in names:
            self.store.get_coder(name)  # NotFound (with the known coders) for a typo
        accepted = self.store.list_annotations(article_id, coders=names, status="accepted")
        check_cancel(cancel)
        units = tuple(align(accepted, names, progress=progress, cancel=cancel))
        decisions = self.store.get_decisions(article_id, gold)
        return Comparison(article_id, names, gold, units, decisions, _progress(units, decisions))

    def adjudication_progress(
        self, article_id: int, coders: Sequence[str], *, gold: str = GOLD_CODER
    ) -> Progress:
        """How many of an article's units are decided (computed now)."""
        return self.compare(article_id, coders, gold=gold).progress

    def adjudication_overview(self, gold: str | None = GOLD_CODER) -> list[ArticleProgress]:
        """The stored progress of every article adjudicated so far (``gold=None``: into
        any gold coder)."""
        return self.store.list_progress(gold)

    def adjudicate(
        self,
        article_id: int,
        unit: Unit,
        adopt: Sequence[str],
        *,
        coders: Sequence[str],
        gold: str = GOLD_CODER,
    ) -> Changes:
        """Adopt ``adopt``'s versions of ``unit`` (one coder's, several, or ``[]``:
        neither) into ``gold``: one transaction, one undo step."""
        return self.adjudicate_units(article_id, [(unit, adopt)], coders=coders, gold=gold)

    def adopt_agreements(
        self, article_id: int, coders: Sequence[str], *, gold: str = GOLD_CODER
    ) -> Changes:
        """Adopt every undecided agreement of an article into ``gold`` in one step."""
        comparison = self.compare(article_id, coders, gold=gold)
        todo = [
            (u, comparison.coders[:1])
            for u in comparison.units
            if not u.is_disagreement and u.key not in comparison.decisions
        ]
        if not todo:
            return NO_CHANGES
        return self.adjudicate_units(article_id, todo, coders=coders, gold=gold)

    def adjudicate_units(
        self,
        article_id: int,
        choices: Sequence[tuple[Unit, Sequence[str]]],
        *,
        coders: Sequence[str],
        gold: str = GOLD_CODER,
    ) -> Changes:
        """Decide several units at once (one transaction, one undo step); see
        :meth:`adjudicate`. Refused, with nothing changed, if a unit's annotations were
        changed or deleted meanwhile."""
        names, gold = _check_coders(coders, gold)
        if not choices:
            return NO_CHANGES
        with self._atomic():
            plan = [(unit, adopted(unit, adopt)) for unit, adopt in choices]
            compared = [a for unit, _ in plan for a in unit.annotations()]
            for was, now_ in zip(compared, self._current_all(compared), strict=True):
                if _content(was) != _content(now_):
                    raise ClipperError(
                        f"{_preview(was.text)} was changed since the comparison; compare "
                        "the coders again"
                    )
            if any(a.article_id != article_id for u, _ in plan for a in u.annotations()):
                raise ClipperError("a unit to adjudicate belongs to another article")
            known = self.store.get_decisions(article_id, gold)
            progress_before = self.store.get_progress(article_id, gold)
            keys = list(dict.fromkeys(unit.key for unit, _ in plan))
            before = {key: known.get(key) for key in keys}
            # the gold annotations made by the decisions being replaced go first
            stale = [u for d in before.values() if d is not None for u in d.created]
            removed = (
                self._delete(list(self.store.annotations_by_uuid(stale).values()))
                if stale
                else (AnnotationsSnapshot(()))
            )
            copies = {
                source: copy
                for key, d in known.items()
                if key not in before
                for source, copy in d.copies.items()
            }
            gold_spans = {
                (a.start, a.end, a.tag): a
                for a in self.store.list_annotations(article_id, coders=[gold])
            }
            created: list[Annotation] = []
            after: dict[str, Decision] = {}
            stamp = now()
            for unit, sources in plan:
                made: list[str] = []
                unit_copies: dict[str, str] = {}
                for source in sources:
                    there = gold_spans.get((source.start, source.end, source.tag))
                    if there is None:
                        there = self.store.add_annotation(
                            article_id,
                            source.start,
                            source.end,
                            source.tag,
                            source.note,
                            coder=gold,
                            origin="manual",
                            origin_detail=ADJUDICATED_PREFIX + source.coder,
                            attributes=source.attributes,
                        )
                        gold_spans[(there.start, there.end, there.tag)] = there
                        created.append(there)
                        made.append(there.uuid)
                    unit_copies[source.uuid] = there.uuid
                copies.update(unit_copies)
                decision = Decision(
                    unit.key,
                    tuple(a.coder for a in sources),
                    MappingProxyType(unit_copies),
                    tuple(made),
                    stamp,
                )
                after[unit.key] = decision
                self.store.set_decision(article_id, gold, unit.key, decision)
            self._copy_relations(article_id, copies, {a.uuid for a in created})
            state = self.store.snapshot_annotations([a.id for a in created])
            progress_after = self._store_progress(article_id, names, gold)

        def undo() -> Changes:
            nonlocal state, removed
            state = self._delete(self._stored_by_uuid(state.annotations))
            removed = self._restore(removed)
            for key, decision in before.items():
                self.store.set_decision(article_id, gold, key, decision)
            self.store.put_progress(article_id, gold, progress_before)
            return Changes(
                annotations_added=removed.annotations,
                annotations_removed=state.annotations,
                relations=True,
            )

        def redo() -> Changes:
            nonlocal state, removed
            removed = self._delete(self._stored_by_uuid(removed.annotations))
            state = self._restore(state)
            for key, decision in after.items():
                self.store.set_decision(article_id, gold, key, decision)
            self.store.put_progress(article_id, gold, progress_after)
            return Changes(
                annotations_added=state.annotations,
                annotations_removed=removed.annotations,
                relations=True,
            )

        self._record(_label(plan), undo, redo)
        return Changes(
            annotations_added=state.annotations,
            annotations_removed=removed.annotations,
            relations=bool(state.relations or removed.relations),
        )

    # -- helpers --------------------------------------------------------------------------

    def _stored_by_uuid(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        """These annotations as stored now, found by identity (ids change on restore);
        an error if one is gone."""
        found = self.store.annotations_by_uuid([a.uuid for a in annotations])
        missing = [a for a in annotations if a.uuid not in found]
        if missing:
            self._current(missing[0])  # raises the "deleted by another program" error
        return [found[a.uuid] for a in annotations]

    def _copy_relations(self, article_id: int, copies: dict[str, str], new: set[str]) -> None:
        """Copy each relation of the article whose two ends have gold copies, one of them
        new (the others were copied when those were made)."""
        if not new:
            return
        relations = self.store.list_relations(article_id)
        if not relations:
            return
        ids = {r.from_id for r in relations} | {r.to_id for r in relations}
        by_id = {a.id: a for a in self.store.get_annotations(ids)}
        gold_ids = {
            u: a.id for u, a in self.store.annotations_by_uuid(list(set(copies.values()))).items()
        }
        for relation in relations:
            ends = by_id.get(relation.from_id), by_id.get(relation.to_id)
            if ends[0] is None or ends[1] is None:
                continue
            copy_from, copy_to = copies.get(ends[0].uuid), copies.get(ends[1].uuid)
            if copy_from is None or copy_to is None or not ({copy_from, copy_to} & new):
                continue
            from_id, to_id = gold_ids.get(copy_from), gold_ids.get(copy_to)
            if from_id is None or to_id is None or from_id == to_id:
                continue
            if any(
                r.to_id == to_id and r.type == relation.type
                for r in self.store.list_relations(annotation_id=from_id)
            ):
                continue
            self.store.add_relation(from_id, to_id, relation.type)

    def _store_progress(
        self, article_id: int, coders: tuple[str, ...], gold: str
    ) -> ArticleProgress:
        units = align(self.store.list_annotations(article_id, coders=coders), coders)
        progress = _progress(units, self.store.get_decisions(article_id, gold))
        return self.store.set_progress(article_id, gold, coders, progress.decided, progress.total)


def _content(a: Annotation) -> tuple[object, ...]:
    return (a.start, a.end, a.tag, a.note, a.status, dict(a.attributes))


def _progress(units: Sequence[Unit], decisions: dict[str, Decision]) -> Progress:
    if not decisions:  # nothing decided yet: no unit's key is needed
        return Progress(0, len(units), sum(1 for u in units if u.is_disagreement))
    decided = sum(1 for u in units if u.key in decisions)
    left = sum(1 for u in units if u.is_disagreement and u.key not in decisions)
    return Progress(decided, len(units), left)


def _label(plan: Sequence[tuple[Unit, Sequence[Annotation]]]) -> str:
    if len(plan) > 1:
        return f"Adjudicate {len(plan)} units"
    unit, sources = plan[0]
    text = _preview(unit.annotations()[0].text)
    if not sources:
        return f"Adopt neither version of {text}"
    who = " and ".join(a.coder for a in sources)
    return f"Adopt {who}'s version of {text}"

"""Assisted tagging in a database: suggestions stored as pending annotations, accepted or
rejected by the coder (undoable), and what those decisions teach the suggesters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from clipper.model import CLAIMED_BY, SAID_BY, SAME_AS
from clipper.operations.base import SessionBase, _moved
from clipper.operations.changes import NO_CHANGES, Changes

if TYPE_CHECKING:  # the suggesters (big compiled patterns) load when first used
    from clipper.suggest import Lexicon, Suggestion

#: The relation a suggestion's ``target`` (a person mention) stands for, by tag.
TARGET_RELATIONS = {"quote": SAID_BY, "person": SAME_AS, "claim": CLAIMED_BY}


class SuggestionOperations(SessionBase):
    """Suggest, store, accept and reject (see :mod:`clipper.suggest`)."""

    def lexicon(self) -> Lexicon:
        """What this database's coders taught: accepted names, rejected suggestions and the
        accepted/rejected counts of patterns."""
        from clipper.suggest import Lexicon

        lexicon = Lexicon()
        texts: dict[int, str] = {}
        for (
            article_id,
            start,
            end,
            tag,
            _text,
            status,
            _origin,
            unit,
        ) in self.store.iter_learning_rows():
            if article_id not in texts:
                texts.clear()  # rows come by article: keep one text at a time
                texts[article_id] = self.store.get_article(article_id).text
            lexicon.learn(tag, texts[article_id], start, end, status, unit)
        return lexicon

    def suggestions_for(
        self,
        article_id: int,
        tags: Sequence[str] | None = None,
        lexicon: Lexicon | None = None,
    ) -> list[Suggestion]:
        """New suggestions for an article: none where the article has the span tagged
        already (any coder or status), none rejected before (same text and context)."""
        text = self.store.get_article(article_id).text
        from clipper.suggest import suggest_with

        found = suggest_with(text, lexicon if lexicon is not None else self.lexicon(), tags)
        return without_existing(found, self.store.annotated_spans(article_id))

    def add_suggestions(
        self,
        article_id: int,
        suggestions: Iterable[Suggestion],
        *,
        status: str = "pending",
    ) -> Changes:
        """Store suggestions as annotations of the session's coder (origin "suggested",
        ``status`` "pending" to review or "accepted"), with their ``said_by``/``same_as``/
        ``claimed_by`` links to person annotations of the article; existing spans are
        skipped. In bulk: one transaction (all or nothing), the article's text read once.
        One undo step removes them all."""
        with self._atomic():
            ids = self._store_suggestions(article_id, suggestions, status)
            if not ids:
                return NO_CHANGES
            state = self.store.snapshot_annotations(ids)

        def undo() -> Changes:
            nonlocal state
            state = self._delete(state.annotations)
            return Changes(annotations_removed=state.annotations, relations=True)

        def redo() -> Changes:
            nonlocal state
            state = self._restore(state)
            return Changes(annotations_added=state.annotations, relations=True)

        label = f"Suggest {len(ids)} annotation{'s' if len(ids) != 1 else ''}"
        self._record(label, undo, redo)
        return Changes(annotations_added=state.annotations, relations=bool(state.relations))

    def store_suggestions(
        self,
        batch: Iterable[tuple[int, Iterable[Suggestion]]],
        *,
        status: str = "pending",
    ) -> list[int]:
        """:meth:`add_suggestions` for many articles (``clipper suggest --store/--accept``):
        ``(article_id, suggestions)`` pairs stored in one transaction (all or nothing: a
        commit per article costs more than storing its rows), with the same checks, rows
        and links, but no undo step and nothing read back. Returns how many were added per
        article, in order."""
        with self._atomic():
            return [
                len(self._store_suggestions(article_id, suggestions, status))
                for article_id, suggestions in batch
            ]

    def _store_suggestions(
        self, article_id: int, suggestions: Iterable[Suggestion], status: str
    ) -> list[int]:
        from clipper.suggest import ORIGIN_DETAIL

        rows = [
            (s.start, s.end, s.tag, s.attributes, s.target, TARGET_RELATIONS.get(s.tag))
            for s in suggestions
        ]
        return self.store.add_suggested_annotations(
            article_id, rows, coder=self.coder, origin_detail=ORIGIN_DETAIL, status=status
        )

    def accept_suggestions(self, ids: Sequence[int]) -> Changes:
        """Accept suggestions (undoable, one step)."""
        return self._decide(ids, "accepted")

    def reject_suggestions(self, ids: Sequence[int]) -> Changes:
        """Reject suggestions: the rows stay (status "rejected") so that they are never
        offered again (undoable, one step)."""
        return self._decide(ids, "rejected")

    def accept_suggestions_of_tag(self, article_id: int, tag: str) -> Changes:
        """Accept every pending suggestion of ``tag`` in an article: found and changed in
        SQL (no annotation read to choose them), one transaction, one undo step."""
        with self._atomic():
            ids = self.store.decide_pending_of_tag(article_id, tag, "accepted")
            if not ids:
                return NO_CHANGES
            after = tuple(self.store.get_annotations(ids))

        def put(status: str) -> Callable[[], Changes]:
            def apply() -> Changes:  # (in a transaction: a refusal leaves nothing changed)
                self.store.set_status_of(ids, status)
                now = {a.id: a for a in self.store.get_annotations(ids)}
                for was in after:  # the same annotations still (a row id may be reused)
                    if was.id not in now or now[was.id].uuid != was.uuid:
                        raise _moved(was)
                return Changes(annotations_updated=tuple(now[a.id] for a in after))

            return apply

        self._record(f"Accept {len(ids)} annotations", put("pending"), put("accepted"))
        return Changes(annotations_updated=after)

    def _decide(self, ids: Sequence[int], status: str) -> Changes:
        return self.set_status(ids, status)

    def set_status(self, ids: Sequence[int], status: str) -> Changes:
        """(From :class:`~clipper.operations.annotations.AnnotationOperations`.)"""
        raise NotImplementedError


def without_existing(
    suggestions: Iterable[Suggestion], existing: set[tuple[int, int, str]]
) -> list[Suggestion]:
    """Suggestions whose span does not carry their tag already, none twice."""
    seen = set(existing)
    out = []
    for s in suggestions:
        key = (s.start, s.end, s.tag)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


__all__ = ["TARGET_RELATIONS", "SuggestionOperations", "without_existing"]

"""Reviewing suggestions (issue 12): which suggestion comes next, the per-database
"suggest when an article is opened or imported" setting, and one suggesting run for an
article (what a background job of the app calls). Qt-free; the app's keys live in
:mod:`clipper.gui.review`."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from clipper.attribute_values import parse_value
from clipper.errors import Cancelled, InvalidValue
from clipper.model import FIGURE_UNIT, FIGURE_VALUE, QUOTE_SPEAKER, Annotation, AttributeValue
from clipper.operations.session import Session

#: Statuses (see :data:`clipper.model.STATUSES`).
PENDING = "pending"
ACCEPTED = "accepted"
REJECTED = "rejected"

#: The per-database setting (``settings`` table): "on" suggests in the background when
#: an article is opened or imported; anything else (or no row) is off, the default.
AUTO_SUGGEST_SETTING = "suggest.automatically"
_ON = "on"

#: The attributes a reviewer sees and edits, by tag (a figure's number and unit, a
#: quote's speaker). Other tags show the keys they carry.
REVIEW_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "figure": (FIGURE_VALUE, FIGURE_UNIT),
    "quote": (QUOTE_SPEAKER,),
}

_ALL_REVIEW_KEYS = tuple(dict.fromkeys(k for keys in REVIEW_ATTRIBUTES.values() for k in keys))

#: A suggestion's identity before it is stored: ``(start, end, tag)``.
SpanKey = tuple[int, int, str]


def review_keys(annotation: Annotation) -> tuple[str, ...]:
    """The data fields a reviewer sees for an annotation: its tag's (a figure's value and
    unit, a quote's speaker), plus any of those keys it carries under another tag."""
    keys = list(REVIEW_ATTRIBUTES.get(annotation.tag, ()))
    for key in _ALL_REVIEW_KEYS:
        if key in annotation.attributes and key not in keys:
            keys.append(key)
    return tuple(keys)


def review_value(key: str, text: str) -> AttributeValue | None:
    """The value to store for a data field typed as ``text`` (``None``: remove the key).
    A figure's value must be a number; other fields keep the text."""
    text = text.strip()
    if not text:
        return None
    if key == FIGURE_VALUE:
        value = parse_value(text.replace(",", "").replace("_", ""))
        if isinstance(value, str):
            raise InvalidValue(
                f"{text[:40]!r} is not a number: type the figure's value as digits "
                "(e.g. 53000000000 or 4.5)"
            )
        return value
    return text


def is_pending(annotation: Annotation) -> bool:
    """Is this a suggestion waiting for the coder's decision?"""
    return annotation.status == PENDING


def auto_suggest(session: Session) -> bool:
    """Does this database suggest when an article is opened or imported?"""
    return session.store.get_setting(AUTO_SUGGEST_SETTING) == _ON


def set_auto_suggest(session: Session, on: bool) -> None:
    """Turn suggesting on opening/importing on or off for this database (no undo step:
    a preference, not an edit of the coding)."""
    session.store.set_setting(AUTO_SUGGEST_SETTING, _ON if on else None)


def step_pending(
    annotations: Sequence[Annotation],
    *,
    position: int,
    current: Annotation | None,
    forward: bool,
) -> tuple[Annotation | None, bool]:
    """The pending suggestion after (``forward``) or before the ``current`` one (else
    after/before the code point ``position``), in text order (start, end, id), wrapping
    round. ``annotations`` are sorted by (start, end, id). Returns (it or ``None``,
    whether the search wrapped)."""
    pending = [a for a in annotations if a.status == PENDING]
    if not pending:
        return None, False
    keys = [(a.start, a.end, a.id) for a in pending]
    if current is not None:
        key = (current.start, current.end, current.id)
        index = bisect_right(keys, key) if forward else bisect_left(keys, key) - 1
    else:
        index = (
            bisect_left(keys, (position, -1, -1))
            if forward
            else bisect_left(keys, (position, -1, -1)) - 1
        )
    if 0 <= index < len(pending):
        return pending[index], False
    return (pending[0] if forward else pending[-1]), True


def pending_step(
    session: Session,
    article_id: int,
    *,
    position: int,
    current: Annotation | None,
    forward: bool,
    other_than_tag: str | None = None,
    excluding: Collection[int] = (),
) -> tuple[int | None, bool]:
    """:func:`step_pending` over the article's stored suggestions, found by the store (one
    index lookup, nothing else read): the id of the pending suggestion after
    (``forward``) or before the ``current`` one (else the code point ``position``), in
    text order, wrapping round; ``other_than_tag`` leaves out that tag's, ``excluding``
    those ids. Returns (its id or ``None``, whether the search wrapped)."""
    key = (current.start, current.end, current.id) if current is not None else (position, -1, -1)
    store = session.store
    beyond = store.pending_beyond
    found = beyond(
        article_id, key, forward=forward, other_than_tag=other_than_tag, excluding=excluding
    )
    if found is not None:
        return found, False
    first = beyond(
        article_id, None, forward=forward, other_than_tag=other_than_tag, excluding=excluding
    )
    return first, first is not None


def pending_number(session: Session, annotation: Annotation) -> tuple[int, int]:
    """(its number in text order, how many) of a pending suggestion among its article's
    (two index counts)."""
    store = session.store
    key = (annotation.start, annotation.end, annotation.id)
    total = store.count_with_status(annotation.article_id, PENDING)
    return store.pending_rank(annotation.article_id, key) + 1, total


def pending_scores(
    session: Session, article_id: int, scores: Mapping[SpanKey, float]
) -> dict[int, float]:
    """The scores of a suggesting run (by span) given to the article's pending
    suggestions with that span, by id (their spans read from an index)."""
    found: dict[int, float] = {}
    for ident, start, end, tag in session.store.pending_spans(article_id):
        score = scores.get((start, end, tag))
        if score is not None:
            found[ident] = score
    return found


@dataclass(frozen=True, slots=True)
class TagCounts:
    """An article's annotations per tag as a reader counts them: ``coded`` = accepted ones
    (made by hand or accepted suggestions), ``pending`` = suggestions waiting for review
    (all tags), ``every`` = per tag whatever the status (rejected ones included; empty
    when not read)."""

    coded: dict[str, int]
    pending: int
    every: dict[str, int]


def tag_counts(session: Session, article_id: int) -> TagCounts:
    """:class:`TagCounts` of an article (one query)."""
    coded: dict[str, int] = {}
    every: dict[str, int] = {}
    pending = 0
    for (tag, status), n in session.store.tag_status_counts(article_id).items():
        every[tag] = every.get(tag, 0) + n
        if status == ACCEPTED:
            coded[tag] = n
        elif status == PENDING:
            pending += n
    return TagCounts(coded, pending, every)


def pending_count(session: Session, article_id: int) -> int:
    """How many suggestions of an article wait for review (an index count)."""
    return session.store.count_with_status(article_id, PENDING)


@dataclass(frozen=True, slots=True)
class SuggestRun:
    """What one suggesting run for an article found and stored."""

    article_id: int
    #: The score of every suggestion the engine makes for the article now (stored ones
    #: included), by span.
    scores: dict[SpanKey, float] = field(default_factory=dict)
    #: The pending suggestions this run stored (none already there, none rejected before).
    added: tuple[Annotation, ...] = ()


def suggest_article(
    session: Session,
    article_id: int,
    *,
    store: bool = True,
    cancelled: Callable[[], bool] = lambda: False,
) -> SuggestRun:
    """Suggest for one article with what this database taught (see
    :meth:`~clipper.operations.suggestions.SuggestionOperations.lexicon`); with ``store``,
    keep the new ones as pending suggestions of the session's coder, all in one bulk
    transaction (the store skips spans already annotated or rejected, in the same
    transaction; a 1 MB article's thousands of suggestions take a fraction of a second).
    Raises :class:`Cancelled` when ``cancelled()`` turns true before storing."""
    lexicon = session.lexicon()
    if cancelled():
        raise Cancelled("suggesting was cancelled")
    text = session.get_article(article_id).text
    from clipper.suggest import suggest_with  # the suggesters load when first used

    found = suggest_with(text, lexicon, None)
    scores = {(s.start, s.end, s.tag): s.score for s in found}
    if not store:
        return SuggestRun(article_id, scores)
    if cancelled():
        raise Cancelled("suggesting was cancelled")
    added = session.add_suggestions(article_id, found).annotations_added
    return SuggestRun(article_id, scores, tuple(added))


__all__ = [
    "ACCEPTED",
    "AUTO_SUGGEST_SETTING",
    "PENDING",
    "REJECTED",
    "REVIEW_ATTRIBUTES",
    "SuggestRun",
    "TagCounts",
    "auto_suggest",
    "is_pending",
    "pending_count",
    "pending_number",
    "pending_scores",
    "pending_step",
    "review_keys",
    "review_value",
    "set_auto_suggest",
    "step_pending",
    "suggest_article",
    "tag_counts",
]

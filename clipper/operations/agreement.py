"""Inter-coder agreement on a database: which coders, tags and articles, then the numbers.

The choice of what is compared is made here, once, for the command line and the app:

* coders: those given (each must exist; at least two), else every coder with accepted
  annotations except the adjudication coder ``gold``;
* articles: those given (each must exist), else those in which every chosen coder has at
  least one accepted annotation (a coder with no annotation in an article may not have
  coded it);
* tags: those given (each must exist), else every tag with accepted annotations there.

Only accepted annotations count (``status = 'accepted'``: suggestions waiting and rejected
ones are not a coder's decision).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from clipper.agreement import AgreementReport, CodedSpan, CodedText, agreement_report
from clipper.errors import InvalidValue, NotFound, UnknownTag
from clipper.model import find_tag
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store

__all__ = ["GOLD", "AgreementChoices", "agreement_choices", "measure_agreement"]

#: The adjudication coder, left out unless named (see :mod:`clipper.model`).
GOLD = "gold"


def measure_agreement(
    store: Store,
    *,
    tags: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
    articles: Sequence[int] | None = None,
    cancel: CancelCheck | None = None,
    progress: ProgressCallback | None = None,
) -> AgreementReport:
    """The agreement of the chosen coders on the chosen tags and articles (see above);
    ``progress(done, total)`` counts the articles read."""
    chosen_coders = _coders(store, coders)
    chosen_articles = _articles(store, articles, chosen_coders)
    chosen_tags = _tags(store, tags)
    texts = list(_texts(store, chosen_articles, chosen_coders, chosen_tags, cancel, progress))
    if not tags:  # only the tags that occur
        used = {s.tag for t in texts for s in t.spans}
        chosen_tags = [t for t in chosen_tags if t in used]
    return agreement_report(texts, chosen_coders, chosen_tags)


@dataclass(frozen=True, slots=True)
class AgreementChoices:
    """What a front end offers to choose from before measuring agreement."""

    #: Every coder with accepted annotations, by name.
    coders: tuple[str, ...]
    #: Those compared when none are named (all but the adjudication coder).
    default_coders: tuple[str, ...]
    #: ``(id, title)`` of every article with accepted annotations, by id.
    articles: tuple[tuple[int, str], ...]
    #: Every tag of the database, in the tag bar's order.
    tags: tuple[str, ...] = ()
    #: Each tag's label (what people read), by name, in the same order.
    labels: tuple[str, ...] = ()


def agreement_choices(store: Store) -> AgreementChoices:
    """The coders, articles and tags :func:`measure_agreement` may be given."""
    coders = tuple(store.coders_with_accepted())
    tags = store.list_tags()
    return AgreementChoices(
        coders,
        tuple(_by_default(coders)),
        tuple(store.articles_with_accepted()),
        tuple(t.name for t in tags),
        tuple(t.label for t in tags),
    )


def _coders(store: Store, given: Sequence[str] | None) -> list[str]:
    if given:
        names = list(dict.fromkeys(store.get_coder(name).name for name in given))
    else:
        names = _by_default(store.coders_with_accepted())
    if len(names) < 2:
        found = ", ".join(names) or "none"
        raise InvalidValue(
            f"agreement needs at least two coders; coders with accepted annotations: {found}. "
            "Merge the coders' databases first (clipper merge), or name the coders."
        )
    return names


def _by_default(coders: Sequence[str]) -> list[str]:
    """The coders compared when none are named: all but the adjudication coder."""
    return [n for n in coders if n != GOLD]


def _articles(store: Store, given: Sequence[int] | None, coders: list[str]) -> list[int]:
    if given:
        wanted = list(dict.fromkeys(given))
        found = store.existing_article_ids(wanted)
        missing = [i for i in wanted if i not in set(found)]
        if missing:
            raise NotFound(f"there is no article {', '.join(map(str, missing[:5]))}")
        return found
    found = store.articles_coded_by_all(coders)
    if not found:
        raise InvalidValue(
            f"no article has accepted annotations by every one of {', '.join(coders)}: "
            "agreement compares texts all of them coded. Name the articles, or fewer coders."
        )
    return found


def _tags(store: Store, given: Sequence[str] | None) -> list[str]:
    known = store.list_tags()
    if not given:
        return [t.name for t in known]
    names: list[str] = []
    for name in given:
        tag = find_tag(known, name)
        if tag is None:
            raise UnknownTag(
                f"unknown tag {name!r}; known tags: {', '.join(t.name for t in known)}"
            )
        names.append(tag.name)
    return list(dict.fromkeys(names))


def _texts(
    store: Store,
    articles: list[int],
    coders: list[str],
    tags: list[str],
    cancel: CancelCheck | None,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedText]:
    rows_by_article = store.iter_coded_rows(articles, coders, tags)
    for done, (_article_id, length, rows) in enumerate(rows_by_article, 1):
        check_cancel(cancel)
        if progress is not None:
            progress(done, len(articles))
        yield CodedText(length, [CodedSpan(*row) for row in rows])

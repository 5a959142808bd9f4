"""Suggestions for many articles, in worker processes: the articles' texts go out in
chunks, the suggestions come back in article order (then filtered against what each
article has, in this process). Workers die with the process that started them.

Storing them (``suggest --store/--accept``) costs about as much as suggesting: with
workers, each worker stores what it found (one transaction per chunk, on its own
connection; SQLite lets one write at a time, while the other worker suggests), so that
this process, which reads the texts and prints, does not become the bottleneck."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from clipper.importers.lifeline import die_with, exit_if_orphaned
from clipper.operations.session import Session
from clipper.operations.suggestions import without_existing
from clipper.store import Store

if TYPE_CHECKING:  # the suggesters (big compiled patterns) load when first used
    from clipper.suggest import Lexicon, Suggestion

#: Environment override for the number of suggesting workers ("1": in this process).
SUGGEST_WORKERS_ENV = "CLIPPER_SUGGEST_WORKERS"
#: Articles sent to a worker at once (fewer round trips for short clippings).
CHUNK = 16
#: Articles whose suggestions are stored in one transaction (a commit per article costs
#: more than writing its rows; a worker that stores gets chunks this long); an
#: interrupted run keeps the batches committed before.
STORE_ARTICLES = 64

#: A suggestion as it crosses a process boundary (plain, picklable values).
_Plain = tuple[int, int, str, float, dict[str, Any], tuple[int, int] | None, str]

_worker_state: dict[str, Any] = {}


def _context() -> Any:
    """Fork when this process runs one thread (the command line: workers start in
    milliseconds with the suggesters loaded; a fork server takes seconds and measured 2-3×
    slower per text), else a fork server (forking a threaded process is unsafe)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _plain(s: Suggestion) -> _Plain:
    return (s.start, s.end, s.tag, s.score, dict(s.attributes), s.target, s.pattern)


def _unplain(p: _Plain) -> Suggestion:
    from clipper.suggest import Suggestion

    return Suggestion(p[0], p[1], p[2], p[3], p[4], p[5], p[6])


def _setup(
    parent: int,
    lexicon: Lexicon,
    tags: Sequence[str] | None,
    store: tuple[str, str, str] | None = None,
) -> None:
    """A worker's state; ``store`` = (database path, coder, status) when the worker stores
    what it finds (on its own connection, closed when the worker exits)."""
    die_with(parent)
    _worker_state.update(lexicon=lexicon, tags=tags, store=store, session=None)


def _worker_session() -> Session | None:
    store = _worker_state["store"]
    if store is None:
        return None
    session: Session | None = _worker_state["session"]
    if session is None:
        from multiprocessing.util import Finalize

        path, coder, _status = store
        connection = Store(path, create=False)
        Finalize(connection, connection.close, exitpriority=10)
        session = _worker_state["session"] = Session(connection, coder=coder)
    return session


def _run_chunk(texts: list[tuple[int, str]]) -> list[tuple[int, list[_Plain], int]]:
    """``(article_id, new suggestions, how many were stored)`` per article of a chunk."""
    from clipper.suggest import suggest_with

    exit_if_orphaned()
    lexicon, tags = _worker_state["lexicon"], _worker_state["tags"]
    found = [(i, suggest_with(t, lexicon, tags)) for i, t in texts]
    session = _worker_session()
    if session is None:
        return [(i, [_plain(s) for s in f], 0) for i, f in found]
    fresh = [(i, without_existing(f, session.store.annotated_spans(i))) for i, f in found]
    added = session.store_suggestions(fresh, status=_worker_state["store"][2])
    return [(i, [_plain(s) for s in f], n) for (i, f), n in zip(fresh, added, strict=True)]


def workers_for(requested: int | None, articles: int) -> int:
    """Worker processes for ``articles`` (``None``: $CLIPPER_SUGGEST_WORKERS, else the
    free cores); 1 means in this process."""
    if requested is None:
        env = os.environ.get(SUGGEST_WORKERS_ENV, "")
        from clipper.importers.pdf.cores import free_cores  # the PDF package: not at start-up

        requested = int(env) if env.isdigit() and int(env) > 0 else free_cores()
    return max(1, min(requested, (articles + CHUNK - 1) // CHUNK))


def suggest_many(
    session: Session,
    article_ids: Sequence[int],
    *,
    tags: Sequence[str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[int, list[Suggestion]]]:
    """``(article_id, new suggestions)`` for each article, in the given order."""
    for article_id, _text, found in suggest_many_with_texts(
        session, article_ids, tags=tags, workers=workers, progress=progress
    ):
        yield article_id, found


def suggest_many_with_texts(
    session: Session,
    article_ids: Sequence[int],
    *,
    tags: Sequence[str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[int, str, list[Suggestion]]]:
    """``(article_id, text, new suggestions)`` for each article, in the given order (the
    text read once, for callers that show the suggested spans)."""
    for article_id, text, found, _added in _suggest_many(
        session, article_ids, tags, workers, progress, None
    ):
        yield article_id, text, found


def suggest_and_store_many(
    session: Session,
    article_ids: Sequence[int],
    *,
    status: str,
    tags: Sequence[str] | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[int, str, list[Suggestion], int]]:
    """:func:`suggest_many_with_texts`, storing the new suggestions with ``status``
    ("pending" or "accepted") as the session's coder (see
    :meth:`~clipper.operations.suggestions.SuggestionOperations.store_suggestions`):
    ``(article_id, text, new suggestions, how many were stored)``, each article once its
    suggestions are committed (by a worker, or here :data:`STORE_ARTICLES` at a time)."""
    return _suggest_many(session, article_ids, tags, workers, progress, status)


def _suggest_many(
    session: Session,
    article_ids: Sequence[int],
    tags: Sequence[str] | None,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    status: str | None,
) -> Iterator[tuple[int, str, list[Suggestion], int]]:
    lexicon = session.lexicon()
    total = len(article_ids)
    count = workers_for(workers, total)
    if count == 1 or (status is not None and session.store.path == ":memory:"):
        yield from _suggest_here(session, article_ids, lexicon, tags, progress, status)
        return
    store = None if status is None else (session.store.path, session.coder, status)
    with ProcessPoolExecutor(
        count,
        mp_context=_context(),
        initializer=_setup,
        initargs=(os.getpid(), lexicon, tags, store),
    ) as pool:
        pending: deque[tuple[dict[int, str], Future[list[tuple[int, list[_Plain], int]]]]]
        pending = deque()
        size = CHUNK if status is None else STORE_ARTICLES  # a commit per chunk
        chunks = (article_ids[i : i + size] for i in range(0, total, size))
        done = 0

        def submit() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            texts = {i: session.get_article(i).text for i in chunk}
            pending.append((texts, pool.submit(_run_chunk, list(texts.items()))))
            return True

        for _ in range(count * 2):
            if not submit():
                break
        while pending:
            texts, future = pending.popleft()
            results = future.result()
            submit()
            for article_id, plain, added in results:
                found = [_unplain(p) for p in plain]
                if status is None:  # (a storing worker has left out what is there)
                    found = without_existing(found, session.store.annotated_spans(article_id))
                yield article_id, texts[article_id], found, added
                done += 1
                if progress:
                    progress(done, total)


def _suggest_here(
    session: Session,
    article_ids: Sequence[int],
    lexicon: Lexicon,
    tags: Sequence[str] | None,
    progress: Callable[[int, int], None] | None,
    status: str | None,
) -> Iterator[tuple[int, str, list[Suggestion], int]]:
    """In this process (stored :data:`STORE_ARTICLES` at a time)."""
    from clipper.suggest import suggest_with

    total = len(article_ids)
    batch: list[tuple[int, str, list[Suggestion]]] = []
    for done, article_id in enumerate(article_ids, 1):
        text = session.get_article(article_id).text
        found = suggest_with(text, lexicon, tags)
        existing = session.store.annotated_spans(article_id)
        batch.append((article_id, text, without_existing(found, existing)))
        if status is None or len(batch) >= STORE_ARTICLES or done == total:
            added = [0] * len(batch)
            if status is not None:
                added = session.store_suggestions([(i, f) for i, _t, f in batch], status=status)
            for (i, t, f), n in zip(batch, added, strict=True):
                yield i, t, f, n
            batch.clear()
        if progress:
            progress(done, total)

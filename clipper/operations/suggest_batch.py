"""Suggestions for many articles, in worker processes: the articles' texts go out in
chunks, the suggestions come back in article order (then filtered against what each
article has, in this process). Workers die with the process that started them."""

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

if TYPE_CHECKING:  # the suggesters (big compiled patterns) load when first used
    from clipper.suggest import Lexicon, Suggestion

#: Environment override for the number of suggesting workers ("1": in this process).
SUGGEST_WORKERS_ENV = "CLIPPER_SUGGEST_WORKERS"
#: Articles sent to a worker at once (fewer round trips for short clippings).
CHUNK = 16

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


def _setup(parent: int, lexicon: Lexicon, tags: Sequence[str] | None) -> None:
    die_with(parent)
    _worker_state.update(lexicon=lexicon, tags=tags)


def _run_chunk(texts: list[tuple[int, str]]) -> list[tuple[int, list[_Plain]]]:
    from clipper.suggest import suggest_with

    exit_if_orphaned()
    lexicon, tags = _worker_state["lexicon"], _worker_state["tags"]
    return [(i, [_plain(s) for s in suggest_with(t, lexicon, tags)]) for i, t in texts]


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
    lexicon = session.lexicon()
    total = len(article_ids)
    count = workers_for(workers, total)
    if count == 1:
        from clipper.suggest import suggest_with

        for done, article_id in enumerate(article_ids, 1):
            text = session.get_article(article_id).text
            found = suggest_with(text, lexicon, tags)
            existing = session.store.annotated_spans(article_id)
            yield article_id, text, without_existing(found, existing)
            if progress:
                progress(done, total)
        return
    with ProcessPoolExecutor(
        count, mp_context=_context(), initializer=_setup, initargs=(os.getpid(), lexicon, tags)
    ) as pool:
        pending: deque[tuple[dict[int, str], Future[list[tuple[int, list[_Plain]]]]]] = deque()
        chunks = (article_ids[i : i + CHUNK] for i in range(0, total, CHUNK))
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
            for article_id, plain in results:
                existing = session.store.annotated_spans(article_id)
                found = [_unplain(p) for p in plain]
                yield article_id, texts[article_id], without_existing(found, existing)
                done += 1
                if progress:
                    progress(done, total)

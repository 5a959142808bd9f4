# ruff: noqa: B023  (the lambdas run inside their loop iteration)
"""The views that used to read every annotation of the article the first time they need
them (issue 11): suggestion review, compare coders, the PDF page view — in the real main
window (MainWindow, Controller, Store, offscreen).

Each figure is the UI thread's CPU time (``time.thread_time``: waiting for a core on a loaded
machine stretches wall time, not CPU time) and the Python memory the action allocates at its
peak (tracemalloc, a separate repetition), for an article with thousands of annotations against
the same run's reference: **the same action on the same text with few annotations**.

- review: a suggesting run's result shown (``_show_run``; the suggestions are made from
  precomputed spans and stored by this benchmark on its own connection, as the background job
  does: *stored_by_bench* in the names), then the first Next suggestion (Ctrl+]); Accept all
  of one tag (Ctrl+Shift+Return), then its Undo (Ctrl+Z).
- compare: Team › Compare coders opened on an article coded by two coders: the UI thread's
  CPU for opening (the comparison then runs in a background job), the UI thread's CPU from
  opening until the units are listed (the job's result shown; the event loop waits idle
  meanwhile), and the wall time until then. Code without the background job (no
  ``compared`` signal) lists the units while opening.
- pageview: View › Page view (F9) turned on for a long PDF article, until page 1 is painted;
  then the page's boxes drawn again after a change (what a repaint after an edit costs).

Run: nice python tests/benchmarks/bench_lazy_views.py [--only review|compare|pageview]
[--sizes 10000,50000] [--runs 5] [--pages 60]. Prints JSON lines, then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table  # noqa: E402
from _scratch import scratch_dir  # noqa: E402
from bench_main_window import app  # noqa: E402

from clipper.gui.workers import Job  # noqa: E402

TMP = scratch_dir("clipper-bench-lazy-")
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
#: The reference: the same text with this many annotations.
FEW = 10
#: Characters of text per annotation (10,000 annotations: a 1 MB article, as issue 11 says).
CHARS_PER_ANNOTATION = 100


# ------------------------------------------------------------------ measuring
def cpu_ms(fn: Callable[[], object]) -> float:
    """The UI thread's CPU time of ``fn`` (which runs the event loop as it needs)."""
    c0 = time.thread_time()
    fn()
    return (time.thread_time() - c0) * 1000


def peak_mb(fn: Callable[[], object]) -> float:
    """Python memory allocated by ``fn`` at its peak, above what was allocated before."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        fn()
        return (tracemalloc.get_traced_memory()[1] - base) / 2**20
    finally:
        tracemalloc.stop()


def events() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def wait(done: Callable[[], bool], timeout: float = 120.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not answer in time")
        QApplication.processEvents()
        time.sleep(0.0005)


def window(db: Path, article_id: int) -> object:
    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings

    settings = Settings(TMP / f"settings-{time.monotonic_ns()}.ini")
    w = create_main_window(db, settings=settings, article_id=article_id)
    w.resize(1400, 860)
    w.show()
    w.activateWindow()
    events()
    return w


def close(w: object) -> None:
    Job.shutdown_all(30_000)
    w.close()  # type: ignore[attr-defined]
    w.controller.close()  # type: ignore[attr-defined]
    w.deleteLater()  # type: ignore[attr-defined]
    events()


def quiet(w: object) -> None:
    """Wait for the background suggesting an opened article starts (its scores): its
    allocations would count in tracemalloc's figures."""
    events()
    wait(lambda: not w.review.busy())  # type: ignore[attr-defined]
    events()


def key(target: object, name: str) -> None:
    """A key sequence through Qt (the real shortcut), then the event loop."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    combo = QKeySequence(name)[0]
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())  # type: ignore[arg-type]
    events()


def spans(text: str, count: int, seed: int) -> list[tuple[int, int, str]]:
    """``count`` distinct random word spans of ``text`` with a built-in tag each."""
    import random
    import re

    from clipper.model import BUILTIN_TAGS

    rng = random.Random(seed)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    tags = [t.name for t in BUILTIN_TAGS]
    found: set[tuple[int, int, str]] = set()
    while len(found) < count:
        i = rng.randrange(len(words) - 8)
        k = rng.randint(1, 6)
        found.add((words[i][0], words[i + k - 1][1], rng.choice(tags)))
    return sorted(found)


# ------------------------------------------------------------------ review
def review_db(size: int, count: int) -> tuple[Path, int, list[tuple[int, int, str]]]:
    """An article of ``size`` characters with ``count // 5`` accepted annotations; the
    ``count - count // 5`` spans its suggesting run will store (returned)."""
    from bench_gui import make_text

    from clipper.importers import read_pasted_text
    from clipper.store import Store, now

    path = TMP / f"review-{size}-{count}.db"
    with Store(path) as store, store.transaction():
        article = store.add_article(read_pasted_text(make_text(size)))
        every = spans(article.text, count, seed=count)
        coded, suggested = every[::5], [s for i, s in enumerate(every) if i % 5]
        stamp = now()
        store.insert_annotations_ignoring_duplicates(
            (article.id, s, e, t, article.text[s:e], "", stamp, stamp, None) for s, e, t in coded
        )
    return path, article.id, suggested


def bench_review(sizes: list[int], runs: int) -> None:
    from clipper.operations.review import PENDING, SuggestRun
    from clipper.store import Store

    for count in sizes:
        figures: dict[str, dict[bool, float]] = {}

        def note(name: str, big: bool, value: float) -> None:
            figures.setdefault(name, {})[big] = value

        for big in (False, True):
            n = count if big else FEW
            db, article_id, suggested = review_db(count * CHARS_PER_ANNOTATION, n)
            w = window(db, article_id)
            other = Store(db)
            rows = [(s, e, t, {}, None, None) for s, e, t in suggested]
            series: dict[str, list[float]] = {}
            for run in range(runs + 1):  # the last run measures memory
                memory = run == runs
                other.db.execute(
                    "DELETE FROM annotations WHERE article_id = ? AND status = ?",
                    [article_id, PENDING],
                )
                w.open_article(None)  # type: ignore[attr-defined]
                w.open_article(article_id)  # type: ignore[attr-defined]
                quiet(w)
                events()
                ids = other.add_suggested_annotations(article_id, rows, status=PENDING)
                # the window's poll would reload after another connection's write: now,
                # not inside a measurement (the app's own job reports instead)
                w.controller.refresh_if_changed_elsewhere()  # type: ignore[attr-defined]
                events()
                result = SuggestRun(
                    article_id,
                    {(s, e, t): 0.5 for s, e, t in suggested},
                    tuple(other.get_annotations(ids)),
                )
                view = w.view  # type: ignore[attr-defined]
                view.setFocus()
                measure = peak_mb if memory else cpu_ms
                steps: list[tuple[str, Callable[[], object]]] = [
                    ("show_run_stored_by_bench", lambda: (w.review._show_run(result), events())),  # type: ignore[attr-defined]
                    ("first_next_suggestion", lambda: key(view, "Ctrl+]")),
                    ("accept_all_of_tag", lambda: key(view, "Ctrl+Shift+Return")),
                    ("undo_accept_all_of_tag", lambda: key(view, "Ctrl+Z")),
                ]
                for name, step in steps:
                    series.setdefault(name + ("_memory" if memory else ""), []).append(
                        measure(step)
                    )
            for name, values in series.items():
                note(name, big, statistics.median(values))
            other.close()
            close(w)
        label = f"{count * CHARS_PER_ANNOTATION // 1000}kB_{count}"
        for name, by in figures.items():
            unit = "MB" if name.endswith("_memory") else "ms"
            kind = "peak" if unit == "MB" else "cpu_median"
            emit(f"review_{label}_{name}_{kind}", by[True], unit)
            emit(f"review_{label}_{name}_ref_{FEW}_annotations", by[False], unit)
            if unit == "ms":
                emit(f"review_{label}_{name}_cpu_ratio", by[True] / max(by[False], 1e-3), "x")


# ------------------------------------------------------------------ compare
def compare_db(size: int, count: int) -> tuple[Path, int]:
    """An article coded by ann and bob (``count`` accepted annotations in all: a fifth of
    the spans tagged by both, the rest by one of them), plus what the comparison leaves
    out: a third coder's ``count`` annotations and ``count // 2`` rejected suggestions of
    ann (none pending: opening the article starts no background scoring)."""
    from bench_gui import make_text

    from clipper.importers import read_pasted_text
    from clipper.store import Store, now

    path = TMP / f"compare-{size}-{count}.db"
    with Store(path) as store, store.transaction():
        article = store.add_article(read_pasted_text(make_text(size)))
        every = spans(article.text, count, seed=7)
        stamp = now()
        for coder in ("ann", "bob", "cy"):
            store.add_coder(coder)
        for coder, chosen in (
            ("ann", every[: count // 2 + count // 10]),
            ("bob", every[count // 2 - count // 10 : count]),
            ("cy", spans(article.text, count, seed=8)),
        ):
            store.merge_annotations(
                article.id,
                [
                    (
                        s,
                        e,
                        t,
                        article.text[s:e],
                        "",
                        stamp,
                        stamp,
                        None,
                        None,
                        coder,
                        "manual",
                        None,
                        "accepted",
                        {},
                        (),
                    )
                    for s, e, t in chosen
                ],
            )
        more = [(s, e, t, {}, None, None) for s, e, t in spans(article.text, count // 2, seed=9)]
        store.add_suggested_annotations(article.id, more, coder="ann", status="rejected")
    return path, article.id


def listed(w: object, opened: Callable[[], object]) -> None:
    """Run ``opened`` (which opens the compare window), then the event loop until the
    units are listed (its ``compared`` signal; idle while the job runs)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from clipper.gui.compare_dialog import CompareDialog

    loop = QEventLoop()
    done: list[bool] = []

    def finish() -> None:
        done.append(True)
        loop.quit()

    existing = w.findChild(CompareDialog, "compareDialog")  # type: ignore[attr-defined]
    if existing is not None and hasattr(existing, "compared"):
        existing.compared.connect(finish)
    opened()
    dialog = w.findChild(CompareDialog, "compareDialog")  # type: ignore[attr-defined]
    if not hasattr(dialog, "compared") or not dialog.busy():  # listed while opening
        return
    if existing is None:
        dialog.compared.connect(finish)
    wake = QTimer()  # the loop looks again now and then (a lost signal never hangs)
    wake.timeout.connect(loop.quit)
    wake.start(250)
    end = time.monotonic() + 600
    while not done and dialog.busy() and time.monotonic() < end:
        loop.exec()
    wake.stop()
    events()


def bench_compare(sizes: list[int], runs: int) -> None:
    from clipper.gui.compare_dialog import CompareDialog, open_compare

    for count in sizes:
        figures: dict[str, dict[bool, float]] = {}
        for big in (False, True):
            db, article_id = compare_db(count * CHARS_PER_ANNOTATION, count if big else FEW)
            w = window(db, article_id)
            series: dict[str, list[float]] = {}
            for run in range(runs + 1):
                w.open_article(None)  # type: ignore[attr-defined]
                w.open_article(article_id)  # type: ignore[attr-defined]
                quiet(w)
                for d in w.findChildren(CompareDialog):  # type: ignore[attr-defined]
                    d.close()
                    d.setParent(None)  # a new one is made (deleteLater waits for a loop)
                    del d
                events()
                Job.shutdown_all(30_000)  # a stopped comparison's thread, if any
                events()

                def open_it() -> None:
                    open_compare(w)  # type: ignore[arg-type]
                    events()

                if run == runs:  # tracemalloc sees every thread: the job's too
                    series["open_until_listed_memory"] = [peak_mb(lambda: listed(w, open_it))]
                    continue
                cpu: list[float] = []

                def measured() -> None:
                    cpu.append(cpu_ms(open_it))

                t0 = time.perf_counter()
                series.setdefault("until_listed", []).append(cpu_ms(lambda: listed(w, measured)))
                series.setdefault("until_listed_time", []).append((time.perf_counter() - t0) * 1000)
                series.setdefault("open", []).append(cpu[0])
            for name, values in series.items():
                figures.setdefault(name, {})[big] = statistics.median(values)
            for d in w.findChildren(CompareDialog):  # type: ignore[attr-defined]
                d.close()
            close(w)
        label = f"{count * CHARS_PER_ANNOTATION // 1000}kB_{count}"
        for name, by in figures.items():
            unit = "MB" if name.endswith("_memory") else "ms"
            kind = "peak" if unit == "MB" else "wall_median" if "_time" in name else "cpu_median"
            emit(f"compare_{label}_{name}_{kind}", by[True], unit)
            emit(f"compare_{label}_{name}_ref_{FEW}_annotations", by[False], unit)
            if kind == "cpu_median":
                emit(f"compare_{label}_{name}_cpu_ratio", by[True] / max(by[False], 1e-3), "x")


# ------------------------------------------------------------------ page view
def pdf_db(pages: int) -> tuple[Path, int]:
    """A database holding a ``pages``-page PDF article (tracemonkey repeated), imported once."""
    from bench_page_view import make_long_pdf

    from clipper.library import ImportOptions, import_files
    from clipper.store import Store

    path = TMP / f"pdf-{pages}.db"
    with Store(path) as store:
        [outcome] = import_files(store, [make_long_pdf(pages)], ImportOptions(workers=2))
        assert outcome.article_id is not None, outcome.error
        return path, outcome.article_id


def annotated_copy(path: Path, article_id: int, count: int) -> Path:
    import sqlite3

    from clipper.store import Store, now

    copy = path.with_name(f"{path.stem}-{count}.db")
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    with Store(copy) as store, store.transaction():
        text = store.get_article(article_id).text
        stamp = now()
        store.insert_annotations_ignoring_duplicates(
            (article_id, s, e, t, text[s:e], "", stamp, stamp, None)
            for s, e, t in spans(text, count, seed=3)
        )
    return copy


def bench_pageview(sizes: list[int], runs: int, pages: int) -> None:
    base, article_id = pdf_db(pages)
    for count in sizes:
        figures: dict[str, dict[bool, float]] = {}
        for big in (False, True):
            db = annotated_copy(base, article_id, count if big else FEW)
            w = window(db, article_id)
            pane_action = w.actions_by_name["page_view"]  # type: ignore[attr-defined]
            series: dict[str, list[float]] = {}
            for run in range(runs + 1):
                memory = run == runs
                measure = peak_mb if memory else cpu_ms
                pane_action.setChecked(False)
                w.open_article(None)  # type: ignore[attr-defined]
                w.open_article(article_id)  # type: ignore[attr-defined]
                quiet(w)
                events()
                pane = None

                def turn_on() -> None:
                    nonlocal pane
                    pane_action.setChecked(True)
                    pane = w.page_view  # type: ignore[attr-defined]
                    wait(lambda: pane.ready and pane.cache.get(0) is not None)
                    pane.canvas.viewport().repaint()

                def boxes_again() -> None:
                    pane.annotations_changed()  # type: ignore[union-attr]
                    pane.canvas.viewport().repaint()  # type: ignore[union-attr]

                suffix = "_memory" if memory else ""
                series.setdefault("first_page_shown" + suffix, []).append(measure(turn_on))
                series.setdefault("boxes_repainted" + suffix, []).append(measure(boxes_again))
            for name, values in series.items():
                figures.setdefault(name, {})[big] = statistics.median(values)
            pane_action.setChecked(False)
            close(w)
        label = f"{pages}pages_{count}"
        for name, by in figures.items():
            unit = "MB" if name.endswith("_memory") else "ms"
            kind = "peak" if unit == "MB" else "cpu_median"
            emit(f"pageview_{label}_{name}_{kind}", by[True], unit)
            emit(f"pageview_{label}_{name}_ref_{FEW}_annotations", by[False], unit)
            if unit == "ms":
                emit(f"pageview_{label}_{name}_cpu_ratio", by[True] / max(by[False], 1e-3), "x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["review", "compare", "pageview"])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    app()
    groups = [args.only] if args.only else ["review", "compare", "pageview"]
    if "review" in groups:
        bench_review(sizes, args.runs)
    if "compare" in groups:
        bench_compare(sizes, args.runs)
    if "pageview" in groups:
        bench_pageview(sizes, args.runs, args.pages)
    table("views that read an article's annotations (real main window, offscreen)")


if __name__ == "__main__":
    main()

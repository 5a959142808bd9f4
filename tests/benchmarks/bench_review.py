"""Reviewing suggestions in the real main window (issue 12): real MainWindow, Controller,
Store and suggesters, offscreen, on an article with about 500 pending suggestions (the
fixture articles repeated).

Same-run references: one highlight added with the normal tag key (``1``) on the same
article; opening the same text without annotations; the UI event loop's longest gap while
idle. Key figures are a key press through Qt then the event loop until painted.

Run: nice python tests/benchmarks/bench_review.py [--runs 30]
Prints JSON lines, then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table  # noqa: E402
from _scratch import scratch_dir  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "articles"
TMP = scratch_dir("clipper-bench-review-")
WANTED = 500


def median_ms(values: list[float]) -> float:
    return statistics.median(values)


def article_text() -> str:
    """The fixture articles, repeated until the suggesters find about WANTED spans."""
    from clipper.suggest import suggest

    parts = [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    once = "\n".join(parts)
    per_copy = len(suggest(once))
    copies = max(1, round(WANTED / max(per_copy, 1)))
    return "\n".join([once] * copies)


def build(text: str, *, with_suggestions: bool) -> tuple[Path, int, int]:
    """A database with the article; its suggestions stored as pending (count returned)."""
    from clipper.model import ImportedArticle
    from clipper.operations import Session
    from clipper.store import Store

    db = TMP / f"review-{time.monotonic_ns()}.db"
    with Store(db) as store:
        article = store.add_article(ImportedArticle(text, "Review bench", "bench.txt", "txt"))
        n = 0
        if with_suggestions:
            session = Session(store, coder="bench")
            t0 = time.perf_counter()
            n = len(
                session.add_suggestions(
                    article.id, session.suggestions_for(article.id)
                ).annotations_added
            )
            emit(
                "suggest and store for the article (core, no window)",
                (time.perf_counter() - t0) * 1000,
                "ms",
                suggestions=n,
            )
    return db, article.id, n


def window(db: Path, article_id: int) -> object:
    from PySide6.QtWidgets import QApplication

    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings

    settings = Settings(TMP / f"settings-{time.monotonic_ns()}.ini")
    w = create_main_window(db, settings=settings, article_id=article_id)
    w.resize(1400, 860)
    w.show()
    for _ in range(5):
        QApplication.processEvents()
    return w


def close(w: object) -> None:
    from PySide6.QtWidgets import QApplication

    from clipper.gui.workers import Job

    Job.shutdown_all(30_000)
    QApplication.processEvents()
    w.close()  # type: ignore[attr-defined]
    w.controller.close()  # type: ignore[attr-defined]
    w.deleteLater()  # type: ignore[attr-defined]
    QApplication.processEvents()


def key_to_paint(target: object, key: object, modifier: object = None) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    t0 = time.perf_counter()
    QTest.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)  # type: ignore[arg-type]
    QApplication.processEvents()
    return (time.perf_counter() - t0) * 1000


def loop_gaps(duration_s: float, until: Callable[[], bool] | None = None) -> tuple[float, float]:
    """Run the event loop with a 5 ms timer for ``duration_s`` (or until ``until()``);
    returns (longest gap between ticks, elapsed) in ms."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    loop = QEventLoop()
    clock = QElapsedTimer()
    clock.start()
    last = [0.0]
    worst = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        worst[0] = max(worst[0], now - last[0])
        last[0] = now
        if now >= duration_s * 1000 or (until is not None and until()):
            loop.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    return worst[0], clock.nsecsElapsed() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    assert app is not None
    text = article_text()
    emit("article length", len(text), "characters")
    db, article_id, n = build(text, with_suggestions=True)
    plain_db, plain_id, _ = build(text, with_suggestions=False)

    # opening: with ~500 pending suggestions vs the same text without annotations
    from clipper.operations.review import PENDING

    w = window(plain_db, plain_id)
    opens = []
    for _ in range(5):
        t0 = time.perf_counter()
        w.open_article(None)  # type: ignore[attr-defined]
        w.open_article(plain_id)  # type: ignore[attr-defined]
        QApplication.processEvents()
        opens.append((time.perf_counter() - t0) * 1000)
    emit("open the article, no annotations (reference)", median_ms(opens), "ms")
    close(w)

    w = window(db, article_id)
    view = w.view  # type: ignore[attr-defined]
    review = w.review  # type: ignore[attr-defined]
    controller = w.controller  # type: ignore[attr-defined]
    opens = []
    for _ in range(5):
        t0 = time.perf_counter()
        w.open_article(None)  # type: ignore[attr-defined]
        w.open_article(article_id)  # type: ignore[attr-defined]
        QApplication.processEvents()
        opens.append((time.perf_counter() - t0) * 1000)
    emit(f"open the article with {n} pending suggestions", median_ms(opens), "ms")
    # the open started a scores-only background run: let it finish
    while review.busy():
        QApplication.processEvents()
        time.sleep(0.005)
    view.setFocus()
    QApplication.processEvents()

    # reference: the normal tag key adds one highlight
    starts = [i for i in range(0, len(text) - 40, max(1, len(text) // (args.runs + 2)))]
    tag_times = []
    for start in starts[: args.runs]:
        view.select_span(start, start + 6)
        tag_times.append(key_to_paint(view, Qt.Key.Key_1))
    emit("tag key adds one highlight (reference)", median_ms(tag_times), "ms", runs=len(tag_times))
    for _ in tag_times:
        controller.undo()
    QApplication.processEvents()

    # next suggestion
    view.setFocus()
    next_times = [
        key_to_paint(view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        for _ in range(args.runs)
    ]
    emit(
        f"next suggestion key ({n} pending)",
        median_ms(next_times),
        "ms",
        runs=len(next_times),
        p95=sorted(next_times)[int(0.95 * (len(next_times) - 1))],
    )

    # accept: Enter on the current suggestion (the next one becomes current)
    accept_times = []
    for _ in range(args.runs):
        assert review.current() is not None
        accept_times.append(key_to_paint(view, Qt.Key.Key_Return))
    emit(
        f"accept key ({n} pending)",
        median_ms(accept_times),
        "ms",
        runs=len(accept_times),
        p95=sorted(accept_times)[int(0.95 * (len(accept_times) - 1))],
    )
    reject_times = [key_to_paint(view, Qt.Key.Key_Backspace) for _ in range(args.runs)]
    emit(f"reject key ({n} pending)", median_ms(reject_times), "ms", runs=len(reject_times))
    t0 = time.perf_counter()
    for _ in range(2 * args.runs):
        controller.undo()
    QApplication.processEvents()
    emit(
        "undo one accept or reject (mean)",
        (time.perf_counter() - t0) * 1000 / (2 * args.runs),
        "ms",
    )

    # accept all of one tag, and its undo (one step)
    review.step(True)
    current = review.current()
    tag = current.tag
    count = sum(1 for a in controller.annotations.values() if a.status == PENDING and a.tag == tag)
    elapsed = key_to_paint(
        view,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    emit(f"accept all {count} {tag} suggestions (one step)", elapsed, "ms")
    t0 = time.perf_counter()
    controller.undo()
    QApplication.processEvents()
    emit(f"undo accept-all of {count}", (time.perf_counter() - t0) * 1000, "ms")

    # background run: the UI event loop's longest gap, idle vs while suggesting
    idle_gap, _ = loop_gaps(1.0)
    emit("UI event loop longest gap, idle (reference)", idle_gap, "ms")
    review.suggest_current()
    gap, elapsed = loop_gaps(120.0, until=lambda: not review.busy())
    emit(
        "UI event loop longest gap while suggesting in the background",
        gap,
        "ms",
        run_ms=round(elapsed),
    )
    close(w)

    # a fresh ~1 MB article (nothing stored yet): suggest and store in the background
    # while the event loop runs, then show the new suggestions
    big = "\n".join([text] * max(1, round(1_000_000 / len(text))))
    big_db, big_id, _ = build(big, with_suggestions=False)
    w = window(big_db, big_id)
    review = w.review  # type: ignore[attr-defined]
    idle_gap, _ = loop_gaps(1.0)
    emit("UI event loop longest gap, idle, 1 MB article open (reference)", idle_gap, "ms")
    review.suggest_current()
    gap, elapsed = loop_gaps(600.0, until=lambda: not review.busy())
    shown = sum(1 for a in w.controller.annotations.values() if a.status == PENDING)  # type: ignore[attr-defined]
    emit(
        f"UI event loop longest gap while suggesting a {len(big) // 1000} kB article",
        gap,
        "ms",
        run_ms=round(elapsed),
        suggestions_shown=shown,
    )
    view = w.view  # type: ignore[attr-defined]
    view.setFocus()
    QApplication.processEvents()
    next_times = [
        key_to_paint(view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        for _ in range(args.runs)
    ]
    emit(f"next suggestion key ({shown} pending, 1 MB)", median_ms(next_times), "ms")
    accept_times = [key_to_paint(view, Qt.Key.Key_Return) for _ in range(args.runs)]
    emit(f"accept key ({shown} pending, 1 MB)", median_ms(accept_times), "ms")
    close(w)
    table("Reviewing suggestions (real main window, offscreen)")


if __name__ == "__main__":
    main()

"""Where a tagging key press spends the UI thread's CPU (issue 11), stage by stage, in the
real main window (see bench_main_window.py): the core operation (validation, insert,
commit, undo record), each pane's update, the paint — and, within the paint, each widget.

Stages are timed by wrapping the methods named in :data:`STAGES` (each wrapper adds a
microsecond or two: the names say ``instrumented``); time goes to the innermost stage
running, so the stages add up to the press. Each widget's paint is the CPU from its paint
event to the next widget's. A press is counted until the event loop is idle, as in
bench_main_window.py; one full repaint of the article view is the same-run reference.

Run: nice python tests/benchmarks/bench_add_stages.py [--sizes 1,50000] [--presses 100]
[--data DIR]. Prints JSON lines (mean ms per press), then a table. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_main_window as bench  # noqa: E402
from _report import emit, table  # noqa: E402

#: (what to wrap, attribute, stage name): the window's objects, found from the window.
STAGES: list[tuple[Callable[[Any], object], str, str]] = [
    (lambda w: w, "tag_selection", "tag_selection"),
    (lambda w: w.controller, "_apply", "controller"),
    (lambda w: w.controller.session, "add_annotation", "core_operation"),
    (lambda w: w, "on_changed", "on_changed"),
    (lambda w: w.view, "add_annotations", "article_view_add"),
    (lambda w: w.annotations, "add_many", "annotations_pane_add"),
    (lambda w: w.annotations, "select_annotation", "annotations_pane_select"),
    (lambda w: w.annotations, "_update_count", "annotations_pane_count"),
    (lambda w: w, "_update_status_counts", "status_counts"),
    (lambda w: w.library.model, "update_counts", "library_row"),
    (lambda w: w, "_update_undo_actions", "undo_actions"),
    (lambda w: w, "show_message", "status_message"),
]


class Stages:
    """Exclusive CPU per stage: a stack of (name, since)."""

    def __init__(self) -> None:
        self.spent: Counter[str] = Counter()
        self.stack: list[list[Any]] = []

    def enter(self, name: str) -> None:
        now = time.thread_time()
        if self.stack:
            self.spent[self.stack[-1][0]] += now - self.stack[-1][1]
        self.stack.append([name, now])

    def leave(self) -> None:
        now = time.thread_time()
        name, since = self.stack.pop()
        self.spent[name] += now - since
        if self.stack:
            self.stack[-1][1] = now

    def wrap(self, owner: object, attribute: str, name: str) -> None:
        original = getattr(owner, attribute)

        def wrapped(*args: object, **kwargs: object) -> object:
            self.enter(name)
            try:
                return original(*args, **kwargs)
            finally:
                self.leave()

        setattr(owner, attribute, wrapped)


def measure(size: int, presses: int) -> None:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    app = bench.app()
    w: Any = bench.window(bench.scratch_copy(bench.library(size)))
    w.activateWindow()
    stages = Stages()
    for owner, attribute, name in STAGES:
        stages.wrap(owner(w), attribute, name)
    paints: Counter[str] = Counter()
    marks: list[tuple[str, float]] = []
    watching = [False]

    def label(widget: QObject) -> str:
        name = widget.objectName() or type(widget).__name__
        parent = widget.parent()
        if parent is None:
            return name
        return f"{name}_in_{parent.objectName() or type(parent).__name__}"

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if watching[0]:
                kind = event.type()
                if kind == QEvent.Type.UpdateRequest and watched is w:
                    stages.enter("paint")
                    marks.append(("", time.thread_time()))
                elif kind == QEvent.Type.Paint:
                    marks.append((label(watched), time.thread_time()))
            return False

    watcher = Watcher()
    app.installEventFilter(watcher)  # type: ignore[attr-defined]
    window_event = type(w).event

    def event(self: Any, e: QEvent) -> bool:
        done = window_event(self, e)
        if watching[0] and e.type() == QEvent.Type.UpdateRequest and self is w:
            marks.append(("", time.thread_time()))
            stages.leave()
        return bool(done)

    type(w).event = event
    text = w.controller.article.text
    words = [m.span() for m in re.finditer(r"\w+", text)]
    rng = random.Random(3)
    counted = 0
    total = 0.0
    try:
        for _ in range(presses):
            i = rng.randrange(len(words) - 3)
            w.view.select_span(words[i][0], words[i + 2][1])
            bench.settle(w)
            bench.until_idle()
            before = len(w.controller.annotations)
            spent, painted = Counter(stages.spent), Counter(paints)
            marks.clear()
            watching[0] = True
            stages.enter("key_dispatch_and_events")
            c0 = time.thread_time()
            QTest.keyClick(w.view, Qt.Key.Key_2)
            bench.until_idle()
            took = time.thread_time() - c0
            stages.leave()
            watching[0] = False
            if len(w.controller.annotations) == before:  # a duplicate span: nothing added
                stages.spent, paints = spent, painted
                continue
            for (name, t0), (_next, t1) in pairwise(marks):
                if name:
                    paints[name] += t1 - t0
            counted += 1
            total += took
    finally:
        type(w).event = window_event
        app.removeEventFilter(watcher)  # type: ignore[attr-defined]
    n = max(counted, 1)
    prefix = f"add_highlight_library_{size}_instrumented"
    emit(f"{prefix}_press_cpu_mean", total / n * 1000, "ms")
    for name, spent_s in stages.spent.most_common():
        emit(f"{prefix}_stage_{name}_cpu_mean", spent_s / n * 1000, "ms")
    for name, spent_s in paints.most_common(8):
        emit(f"{prefix}_paint_{name}_cpu_mean", spent_s / n * 1000, "ms")
    emit(f"{prefix}_ref_viewport_repaint_cpu", bench.viewport_repaint_cpu(w), "ms")
    bench.close(w)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,50000")
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--data", type=Path, help="keep the built libraries in DIR")
    args = parser.parse_args()
    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
        bench.TMP = args.data
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.presses)
    table("add one highlight, CPU per stage (instrumented)")


if __name__ == "__main__":
    main()

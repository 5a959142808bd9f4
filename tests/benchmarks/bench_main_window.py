# ruff: noqa: B023  (the lambdas run inside their loop iteration)
"""The real main window (issue 11): real MainWindow, Controller, Store and tagging code, offscreen,
with libraries of 1, 1,000, 10,000 and 50,000 articles.

Every figure has a same-run reference: the same window with a 1-article library, the same text
without annotations, one full viewport repaint, ``import PySide6.QtWidgets`` in a fresh process.
Libraries are built once per run with bulk inserts in a temporary folder.

Run: nice python tests/benchmarks/bench_main_window.py [--quick] [--only GROUP] [--sizes 1,1000]
[--data DIR] [--python PY] [--runs N]. Groups: add, open, library, annotations, startup, memory.
Prints JSON lines, then a table. Asserts nothing. ``--data`` keeps the built libraries for later
runs (tagging works on a copy); ``--python`` times start-up in another Python, e.g. a venv with
only the app installed (``python3 -m venv V && V/bin/pip install -c constraints.txt -e .``): the
start-up figures say which Python, whether it is a venv and whether pandas was importable
(sqlite-utils imports it). Figures come with the UI thread's (or the child's) CPU time: waiting for
a core on a loaded machine stretches wall time, not CPU time. A tagging key press is counted until
the event loop is idle (whatever it posted runs and counts too); ``add_highlight_…_cpu_ratio`` is
its median CPU over the median CPU of one full repaint of the article view in the same run
(``…_ref_viewport_repaint_cpu``). Instruction counts, which do not change with the load, come from
callgrind: bench_add_callgrind.py (a tagging key press against one full viewport repaint) and
bench_open_callgrind.py (opening an article).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table  # noqa: E402
from _scratch import scratch_dir  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "articles"
TMP = scratch_dir("clipper-bench-window-")
_LIBRARIES: dict[int, Path] = {}


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


# ------------------------------------------------------------------ data
def texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def library(count: int) -> Path:
    """A database with ``count`` short articles (a few annotations on some), built once."""
    if count in _LIBRARIES:
        return _LIBRARIES[count]
    from clipper.model import BUILTIN_TAGS, ImportedArticle
    from clipper.store import Store, now

    path = TMP / f"library-{count}.db"
    if path.exists():  # kept from an earlier run (--data DIR)
        _LIBRARIES[count] = path
        return path
    bodies = texts()
    tags = [t.name for t in BUILTIN_TAGS]
    rng = random.Random(count)
    outlets = ["The Herald", "Wikinews", "Le Monde", "The Ledger", None]
    stamp = now()
    with Store(path) as store, store.bulk_writes(), store.transaction():
        for n in range(count):
            body = bodies[n % len(bodies)]
            text = f"Clipping {n}\n\n{body}"
            article = store.add_article(
                ImportedArticle(
                    text,
                    f"Clipping {n}: {body[:40].strip()}",
                    f"{n}.txt",
                    "txt",
                    outlet=outlets[n % len(outlets)],
                    published=None if n % 9 == 0 else f"20{10 + n % 15}-0{1 + n % 9}-1{n % 10}",
                )
            )
            if n % 3 == 0:
                words = [m.span() for m in re.finditer(r"\w+", text)][:200]
                rows = []
                for _ in range(rng.randint(1, 4)):
                    i = rng.randrange(len(words) - 3)
                    s, e = words[i][0], words[i + 2][1]
                    rows.append(
                        (article.id, s, e, rng.choice(tags), text[s:e], "", stamp, stamp, None)
                    )
                store.insert_annotations_ignoring_duplicates(rows)
    _LIBRARIES[count] = path
    return path


def scratch_copy(path: Path) -> Path:
    """A copy of ``path`` to change (SQLite's backup API), so that a kept library stays as built."""
    import sqlite3

    copy = scratch_dir("clipper-bench-scratch-") / path.name
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    target.close()
    return copy


def big_article_db(size: int, count: int, *, annotated: bool) -> Path:
    """One article of ``size`` characters with ``count`` annotations (or none), in a
    1-article library: the same text either way."""
    from bench_gui import make_annotations, make_text

    from clipper.importers import read_pasted_text
    from clipper.store import Store, now

    path = TMP / f"big-{size}-{count if annotated else 0}.db"
    if path.exists():
        return path
    stamp = now()
    with Store(path) as store, store.bulk_writes(), store.transaction():
        article = store.add_article(read_pasted_text(make_text(size)))
        if annotated:
            rows = [
                (
                    article.id,
                    a.start,
                    a.end,
                    a.tag,
                    article.text[a.start : a.end],
                    a.note,
                    stamp,
                    stamp,
                    None,
                )  # type: ignore[attr-defined]
                for a in make_annotations(article.text, count)
            ]
            store.insert_annotations_ignoring_duplicates(rows)
    return path


# ------------------------------------------------------------------ the window
def app() -> object:
    from PySide6.QtWidgets import QApplication

    from clipper.gui.app import configure_application

    existing = QApplication.instance()
    if existing is not None:
        return existing
    new = QApplication([])
    configure_application(new)
    return new


def window(db: Path) -> object:
    """The real window as the app builds it (temporary settings), shown and painted."""

    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings

    settings = Settings(TMP / f"settings-{time.monotonic_ns()}.ini")
    w = create_main_window(db, settings=settings)
    w.resize(1400, 860)
    w.show()
    settle(w)
    return w


def settle(w: object, timeout: float = 30.0) -> None:
    """Process events until the library has finished any background query."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    QApplication.processEvents()
    while time.monotonic() < end:
        busy = getattr(w.library, "is_loading", lambda: False)()  # type: ignore[attr-defined]
        if not busy:
            break
        time.sleep(0.002)
        QApplication.processEvents()
    QApplication.processEvents()


def close(w: object) -> None:
    from PySide6.QtWidgets import QApplication

    w.close()  # type: ignore[attr-defined]
    w.controller.close()  # type: ignore[attr-defined]
    w.deleteLater()  # type: ignore[attr-defined]
    QApplication.processEvents()


def key_to_paint(w: object, key: object, target: object) -> float:
    """A key press on ``target`` through Qt, then the event loop until painted and idle:
    whatever the press posted (a delayed layout, a paint, what those post in turn) is
    counted too, until a pass of the event loop finds nothing to do."""
    from PySide6.QtTest import QTest

    global LAST_CPU_MS
    t0, c0 = time.perf_counter(), time.thread_time()
    QTest.keyClick(target, key)
    until_idle()
    LAST_CPU_MS = (time.thread_time() - c0) * 1000
    return (time.perf_counter() - t0) * 1000


def until_idle(passes: int = 10) -> None:
    """Run the event loop until a pass handles nothing (its CPU time, about that of an
    empty pass, shows it), at most ``passes`` times."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    for _ in range(passes):
        c0 = time.thread_time()
        QApplication.processEvents()
        if time.thread_time() - c0 < IDLE_PASS_S:
            return


#: A pass of the event loop that took less CPU than this found nothing to do.
IDLE_PASS_S = 30e-6

#: The UI thread's CPU time of the last :func:`key_to_paint` (steadier on a loaded machine).
LAST_CPU_MS = 0.0


def viewport_repaint(w: object, runs: int = 20) -> float:
    view = w.view  # type: ignore[attr-defined]
    return statistics.median(ms(view.viewport().repaint) for _ in range(runs))


def viewport_repaint_cpu(w: object, runs: int = 20) -> float:
    """The UI thread's CPU time of one full repaint of the article view (median)."""
    view = w.view  # type: ignore[attr-defined]
    times = []
    for _ in range(runs):
        c0 = time.thread_time()
        view.viewport().repaint()
        times.append((time.thread_time() - c0) * 1000)
    return statistics.median(times)


# ------------------------------------------------------------------ groups
def bench_add(sizes: Sequence[int], presses: int) -> None:
    """Select three words, press "2" (Quote): the real shortcut, controller, store, panes."""
    from PySide6.QtCore import Qt

    for size in sizes:
        w = window(scratch_copy(library(size)))
        w.activateWindow()  # type: ignore[attr-defined]
        view = w.view  # type: ignore[attr-defined]
        text = w.controller.article.text  # type: ignore[attr-defined]
        words = [m.span() for m in re.finditer(r"\w+", text)]
        rng = random.Random(3)
        times, cpu = [], []
        for _ in range(presses):
            i = rng.randrange(len(words) - 3)
            view.select_span(words[i][0], words[i + 2][1])
            settle(w)
            before = len(w.controller.annotations)  # type: ignore[attr-defined]
            times.append(key_to_paint(w, Qt.Key.Key_2, view))
            cpu.append(LAST_CPU_MS)
            if len(w.controller.annotations) == before:  # type: ignore[attr-defined]
                times.pop()  # a duplicate span: nothing added
                cpu.pop()
        emit(f"add_highlight_library_{size}_median", statistics.median(times), "ms")
        emit(f"add_highlight_library_{size}_p90", pct(times, 0.9), "ms", goal="<= 8 ms")
        emit(f"add_highlight_library_{size}_cpu_median", statistics.median(cpu), "ms")
        emit(f"add_highlight_library_{size}_cpu_p90", pct(cpu, 0.9), "ms", goal="<= 8 ms")
        emit(f"add_highlight_library_{size}_ref_viewport_repaint", viewport_repaint(w), "ms")
        repaint_cpu = viewport_repaint_cpu(w)
        emit(f"add_highlight_library_{size}_ref_viewport_repaint_cpu", repaint_cpu, "ms")
        emit(
            f"add_highlight_library_{size}_cpu_ratio",
            statistics.median(cpu) / repaint_cpu,
            "x",
            goal="<= 1.0x",
        )
        close(w)


def bench_open(runs: int, big: bool) -> None:
    """Open a 1 MB / 10,000-annotation article in the window against the same text without."""
    from PySide6.QtWidgets import QApplication

    cases = [(1_000_000, 10_000, "1MB_10k", "<= 60 ms, <= 1.3x")]
    if big:
        cases.append((5_000_000, 50_000, "5MB_50k", "<= 250 ms"))
    for size, count, label, goal in cases:
        results: dict[bool, float] = {}
        cpus: dict[bool, float] = {}
        ends: dict[bool, float] = {}
        for annotated in (False, True):
            w = window(big_article_db(size, count, annotated=annotated))
            article_id = w.controller.article_id  # type: ignore[attr-defined]

            def reopen() -> None:
                w.open_article(article_id)  # type: ignore[attr-defined]
                QApplication.processEvents()

            def to_the_end() -> None:
                bar = w.view.verticalScrollBar()  # type: ignore[attr-defined]
                bar.setValue(bar.maximum())
                w.annotations.table.scrollToBottom()  # type: ignore[attr-defined]
                QApplication.processEvents()

            times, cpu, jumps = [], [], []
            for _ in range(runs):
                w.open_article(None)  # type: ignore[attr-defined]
                QApplication.processEvents()
                c0 = time.thread_time()
                times.append(ms(reopen))
                cpu.append((time.thread_time() - c0) * 1000)
                c0 = time.thread_time()
                to_the_end()  # what opening left unread: the spans and rows at the end
                jumps.append((time.thread_time() - c0) * 1000)
            results[annotated] = statistics.median(times)
            cpus[annotated] = statistics.median(cpu)
            ends[annotated] = statistics.median(jumps)
            close(w)
        emit(f"open_article_{label}_median", results[True], "ms", goal=goal)
        emit(f"open_article_{label}_ref_same_text_no_annotations", results[False], "ms")
        emit(f"open_article_{label}_ratio", results[True] / results[False], "x", goal="<= 1.3x")
        emit(f"open_article_{label}_cpu_median", cpus[True], "ms", goal=goal)
        emit(f"open_article_{label}_ref_cpu_median", cpus[False], "ms")
        emit(f"open_article_{label}_cpu_ratio", cpus[True] / cpus[False], "x", goal="<= 1.3x")
        emit(f"open_article_{label}_then_scroll_to_end_cpu_median", ends[True], "ms")
        emit(f"open_article_{label}_then_scroll_to_end_ref_cpu_median", ends[False], "ms")


def bench_annotations(runs: int) -> None:
    """The annotations pane with 10,000 rows: filter by tag and back."""
    from PySide6.QtWidgets import QApplication

    w = window(big_article_db(1_000_000, 10_000, annotated=True))
    combo = w.annotations.tag_filter  # type: ignore[attr-defined]
    times = []
    for _ in range(runs):
        for index in (2, 0):
            times.append(
                ms(lambda i=index: (combo.setCurrentIndex(i), QApplication.processEvents()))
            )
    emit("annotations_10k_filter_by_tag_median", statistics.median(times), "ms")
    emit("annotations_10k_ref_viewport_repaint", viewport_repaint(w), "ms")
    close(w)


def idle(lib: object) -> bool:
    """No search waiting for its pause, no query running."""
    loading = getattr(lib, "is_loading", lambda: False)()
    return not lib._timer.isActive() and not loading  # type: ignore[attr-defined]


class StallMeter:
    """The longest gap between 1 ms timer ticks on the UI thread while something runs."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0
        self.last_cpu = 0.0
        #: The UI thread's own CPU time in the worst gap (a loaded machine stretches wall
        #: gaps with waits for a core; this does not).
        self.worst_cpu = 0.0
        self.max_cpu = 0.0  # the worst CPU gap over several runs (reset by the caller)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, (now - self.last) * 1000)
        self.worst_cpu = max(self.worst_cpu, (cpu - self.last_cpu) * 1000)
        self.last, self.last_cpu = now, cpu

    def run(self, fn: Callable[[], object], until: Callable[[], bool]) -> tuple[float, float]:
        """Run ``fn`` from the event loop; returns (ms until ``until()``, worst stall ms)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.worst = self.worst_cpu = 0.0
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()
        t0 = time.perf_counter()
        QTimer.singleShot(0, fn)
        QApplication.processEvents()
        end = t0 + 60
        while not until() and time.perf_counter() < end:
            QApplication.processEvents()
            time.sleep(0.0005)
        took = (time.perf_counter() - t0) * 1000
        self._tick()  # the gap since the last tick (fn may have run without any tick)
        self.timer.stop()
        self.max_cpu = max(self.max_cpu, self.worst_cpu)
        return took, self.worst


def bench_library(sizes: Sequence[int], runs: int) -> None:
    """Fill, search as you type, clear, Next article — with the empty library as reference."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    meter = StallMeter()
    for size in sizes:
        w = window(library(size))
        lib = w.library  # type: ignore[attr-defined]
        fills, stalls = [], []
        meter.max_cpu = 0.0
        for _ in range(runs):
            if hasattr(lib.model, "set_rows"):
                lib.model.set_rows([], [])
            else:
                lib.model.clear()
            QApplication.processEvents()
            took, worst = meter.run(w.reload_library, lambda: lib.model.rowCount() > 0)  # type: ignore[attr-defined]
            settle(w)
            fills.append(took)
            stalls.append(worst)
        emit(f"library_{size}_first_rows_median", statistics.median(fills), "ms", goal="<= 100 ms")
        emit(f"library_{size}_fill_worst_ui_stall", max(stalls), "ms", goal="<= 16 ms")
        emit(f"library_{size}_fill_worst_ui_stall_cpu", meter.max_cpu, "ms", goal="<= 16 ms")
        meter.max_cpu = 0.0

        # search as you type: each key, then wait until the result is shown
        type_stalls, type_times = [], []
        for _ in range(runs):
            lib.search.clear()
            settle(w)
            QApplication.processEvents()
            for char in "clipping 12":
                _took, worst = meter.run(
                    lambda c=char: QTest.keyClicks(lib.search, c), lambda: True
                )
                type_stalls.append(worst)
            took, worst = meter.run(lambda: None, lambda: idle(lib))
            type_stalls.append(worst)
            type_times.append(took)
            took, worst = meter.run(
                lib.search.clear, lambda: idle(lib) and lib.model.rowCount() == size
            )
            type_stalls.append(worst)
        emit(
            f"library_{size}_search_results_after_typing_median",
            statistics.median(type_times),
            "ms",
        )
        emit(
            f"library_{size}_search_as_you_type_worst_ui_stall_cpu",
            meter.max_cpu,
            "ms",
            goal="<= 16 ms",
        )
        emit(
            f"library_{size}_search_as_you_type_worst_ui_stall",
            max(type_stalls),
            "ms",
            goal="<= 16 ms",
        )

        # Next article (Ctrl+PgDown / the action): open the next row
        step = w.actions_by_name["next_article"]  # type: ignore[attr-defined]
        w.open_article(lib.visible_article_ids()[0])  # type: ignore[attr-defined]
        settle(w)
        nexts, next_cpu = [], []
        for _ in range(runs * 5):
            c0 = time.thread_time()
            nexts.append(ms(lambda s=step: (s.trigger(), QApplication.processEvents())))
            next_cpu.append((time.thread_time() - c0) * 1000)
        emit(f"library_{size}_next_article_median", statistics.median(nexts), "ms", goal="<= 16 ms")
        emit(f"library_{size}_next_article_p90", pct(nexts, 0.9), "ms")
        emit(f"library_{size}_next_article_cpu_median", statistics.median(next_cpu), "ms")
        close(w)


STARTUP_REFERENCE = "import PySide6.QtWidgets"
#: Where the start-up benchmark runs Python (``--python``; default: this interpreter).
STARTUP_PYTHON = sys.executable


#: The reference, reporting its CPU time and the monotonic clock when the import is done
#: (like the app at its first paint).
STARTUP_REFERENCE_AT_END = (
    "import PySide6.QtWidgets, resource, sys, time; "
    "now = time.clock_gettime(time.CLOCK_MONOTONIC); u = resource.getrusage(resource.RUSAGE_SELF); "
    "print(f'clipper: first paint after {(u.ru_utime + u.ru_stime) * 1000:.1f} ms of CPU "
    "at {now:.6f} s', file=sys.stderr)"
)
_PAINT_CPU = re.compile(r"clipper: first paint after ([0-9.]+) ms of CPU(?: at ([0-9.]+) s)?")


class Start(NamedTuple):
    """One child process, in milliseconds: wall and CPU (user + system) to its exit, and
    CPU and wall to its first paint as the child reports it (NaN if it reports none)."""

    wall_to_exit: float
    cpu_to_exit: float
    cpu_at_paint: float
    wall_to_paint: float


def _run(cmd: list[str], env: dict[str, str]) -> Start:
    """Start ``cmd`` and wait for its exit. The wall time to the first paint runs from the
    parent's ``CLOCK_MONOTONIC`` just before the spawn to the child's reading (system-wide)
    when its paint is done (``CLIPPER_QUIT_AFTER_PAINT``): the start-up without the teardown
    after it (closing the window, the library's background job, Python and Qt exiting)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.clock_gettime(time.CLOCK_MONOTONIC)
    done = subprocess.run(cmd, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    wall = (time.clock_gettime(time.CLOCK_MONOTONIC) - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    found = _PAINT_CPU.search(done.stderr)
    nan = float("nan")
    at_paint = float(found.group(1)) if found else nan
    to_paint = (float(found.group(2)) - t0) * 1000 if found and found.group(2) else nan
    return Start(wall, cpu, at_paint, to_paint)


def _environment(python: str, env: dict[str, str]) -> dict[str, object]:
    """Which Python the start-up ran in, and whether pandas was importable there
    (sqlite-utils imports it when it is: ~0.3 s more at every start)."""
    probe = (
        "import importlib.util, json, sys; print(json.dumps({'python': sys.executable, "
        "'venv': sys.prefix != sys.base_prefix, "
        "'pandas_importable': importlib.util.find_spec('pandas') is not None}))"
    )
    out = subprocess.run(
        [python, "-c", probe], env=env, check=True, capture_output=True, text=True
    ).stdout
    import json

    found: dict[str, object] = json.loads(out)
    return found


def _off_cpu(starts: list[Start]) -> float:
    """Median of wall minus CPU time to the first paint (the reference: to the end of its
    import): time spent waiting, for the disk, for another thread or, on a loaded machine,
    for a core (CPU time counts every thread: work in parallel lowers it)."""
    return statistics.median(start.wall_to_paint - start.cpu_at_paint for start in starts)


def bench_startup(sizes: Sequence[int], runs: int) -> None:
    """``python -m clipper --db X gui`` to the first painted window (CLIPPER_QUIT_AFTER_PAINT),
    against ``import PySide6.QtWidgets`` in the same Python, runs interleaved (a reference
    start, then the app, and so on: a change in the machine's load hits both alike).

    The goal's figures (``…_first_paint_wall…``, ``…_cpu_at_first_paint…``) run from the spawn
    to the first paint (the reference: to the end of its import), as the child reports it.
    ``…_to_exit_wall…`` and ``…_cpu_to_exit…`` time the whole child until it exits: they add
    the teardown after the paint (and the reference's interpreter exit)."""
    python = STARTUP_PYTHON
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLIPPER_QUIT_AFTER_PAINT="1")
    if python == sys.executable:  # this tree, not the installed copy
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["XDG_CONFIG_HOME"] = str(TMP / "config")  # no saved layout or last article
    # As installed: modules compiled once (pip writes .pyc files; an editable install writes
    # them at the first start), so one untimed start first, with bytecode writing allowed.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _run([python, "-m", "clipper", "--db", str(library(min(sizes))), "gui"], env)
    where = _environment(python, env)
    emit("startup_environment", 0, "info", bytecode_cached=True, **where)
    load = os.getloadavg()
    ref = "startup_ref_import_PySide6_QtWidgets"
    refs: list[Start] = []
    ref_ends: list[Start] = []
    apps: dict[int, list[Start]] = {size: [] for size in sizes}
    for _ in range(runs):
        refs.append(_run([python, "-c", STARTUP_REFERENCE], env))
        ref_ends.append(_run([python, "-c", STARTUP_REFERENCE_AT_END], env))
        for size in sizes:
            apps[size].append(
                _run([python, "-m", "clipper", "--db", str(library(size)), "gui"], env)
            )

    def median(starts: list[Start], field: str) -> float:
        return statistics.median(getattr(start, field) for start in starts)

    emit(
        "startup_load_average",
        load[0],
        "load",
        before=[round(x, 2) for x in load],
        after=[round(x, 2) for x in os.getloadavg()],
        runs=runs,
    )
    ref_wall = median(ref_ends, "wall_to_paint")
    ref_at_end = median(ref_ends, "cpu_at_paint")
    emit(f"{ref}_wall_at_end_median", ref_wall, "ms")
    emit(f"{ref}_cpu_at_end_median", ref_at_end, "ms")
    emit(f"{ref}_off_cpu_at_end_median", _off_cpu(ref_ends), "ms")
    emit(f"{ref}_to_exit_wall_median", median(refs, "wall_to_exit"), "ms")
    emit(f"{ref}_cpu_to_exit_median", median(refs, "cpu_to_exit"), "ms")
    for size in sizes:
        times = apps[size]
        name = f"startup_library_{size}"
        to_paint = [t.wall_to_paint for t in times]
        wall = median(times, "wall_to_paint")
        emit(f"{name}_first_paint_wall_median", wall, "ms")
        emit(
            f"{name}_first_paint_wall_spread",
            max(to_paint) - min(to_paint),
            "ms",
            low=round(min(to_paint), 1),
            high=round(max(to_paint), 1),
        )
        emit(f"{name}_first_paint_wall_ratio", wall / ref_wall, "x", goal="<= 3x")
        at_paint = median(times, "cpu_at_paint")
        emit(f"{name}_cpu_at_first_paint_median", at_paint, "ms")
        emit(f"{name}_first_paint_off_cpu_median", _off_cpu(times), "ms")
        emit(f"{name}_cpu_at_first_paint_ratio", at_paint / ref_at_end, "x", goal="<= 3x")
        # The whole process, teardown included (the figure reported before 2026-12-02).
        emit(f"{name}_to_exit_wall_median", median(times, "wall_to_exit"), "ms")
        emit(
            f"{name}_to_exit_wall_ratio",
            median(times, "wall_to_exit") / median(refs, "wall_to_exit"),
            "x",
        )
        emit(f"{name}_cpu_to_exit_median", median(times, "cpu_to_exit"), "ms")
        emit(
            f"{name}_cpu_to_exit_ratio",
            median(times, "cpu_to_exit") / median(refs, "cpu_to_exit"),
            "x",
        )


def memory_child(db: Path) -> None:
    """In a fresh interpreter: RSS of the window with no article shown, then with the
    5 MB / 50,000-annotation article open, scrolled through (text and pane) as in use."""
    import gc
    import json

    from PySide6.QtWidgets import QApplication

    def rss_mb() -> float:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    app()
    w = window(db)
    article_id = w.controller.article_id  # type: ignore[attr-defined]
    w.open_article(None)  # type: ignore[attr-defined]
    QApplication.processEvents()
    gc.collect()
    empty = rss_mb()
    w.open_article(article_id)  # type: ignore[attr-defined]
    QApplication.processEvents()
    bar = w.view.verticalScrollBar()  # type: ignore[attr-defined]
    table = w.annotations.table  # type: ignore[attr-defined]
    for frac in (0.25, 0.5, 0.75, 1.0):
        bar.setValue(int(bar.maximum() * frac))
        table.verticalScrollBar().setValue(int(table.verticalScrollBar().maximum() * frac))
        QApplication.processEvents()
        w.view.viewport().repaint()  # type: ignore[attr-defined]
    gc.collect()
    print(json.dumps({"empty": empty, "loaded": rss_mb()}))


def bench_memory() -> None:
    """RSS of the open 5 MB / 50,000-annotation article above the same window without it."""
    import json

    db = big_article_db(5_000_000, 50_000, annotated=True)
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(db)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    numbers = json.loads(out.strip().splitlines()[-1])
    emit(
        "window_memory_5MB_50k_open_and_scrolled_above_no_article",
        numbers["loaded"] - numbers["empty"],
        "MB",
        goal="<= 60 MB",
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--memory-child":
        memory_child(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--only", choices=["add", "open", "library", "annotations", "startup", "memory"]
    )
    parser.add_argument("--sizes", default="1,1000,10000,50000")
    parser.add_argument(
        "--data", type=Path, help="keep the built libraries in DIR and reuse them in later runs"
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the Python to time start-up in (e.g. a venv with only the app installed)",
    )
    parser.add_argument("--runs", type=int, help="runs per figure (default 7; 3 with --quick)")
    args = parser.parse_args()
    global STARTUP_PYTHON
    STARTUP_PYTHON = args.python
    if args.data:
        global TMP
        args.data.mkdir(parents=True, exist_ok=True)
        TMP = args.data
    sizes = [int(s) for s in args.sizes.split(",")]
    app()
    runs = args.runs or (3 if args.quick else 7)
    groups = [args.only] if args.only else ["add", "open", "annotations", "library", "startup"]
    if "add" in groups:
        bench_add(sizes, 20 if args.quick else 60)
    if "open" in groups:
        bench_open(runs, big=not args.quick)
    if "annotations" in groups:
        bench_annotations(runs)
    if "library" in groups:
        bench_library(sizes, runs)
    if "memory" in groups:
        bench_memory()
    if "startup" in groups:
        bench_startup(sizes, runs)
    table("real main window (offscreen)")


if __name__ == "__main__":
    main()

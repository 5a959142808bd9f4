# ruff: noqa: B023  (the lambdas run inside their loop iteration)
"""Corpus views as the user meets them (issue 14), each with a same-run reference.

- CLI: ``clipper --db DB search QUERY --limit 20`` and ``clipper --db DB stats --by KEY``
  as subprocesses (Python start-up and imports included), against the ``sqlite3`` command-
  line shell running the ranked-ids query / the count on the same database, against
  ``python3 -c pass`` and ``python3 -c "import clipper.cli"`` (the start-up alone); wall
  time and the child's CPU time (``cpu_ms``: what a loaded machine does not stretch).
- GUI: the real main window (offscreen), its Corpus menu's dialogs: search (time from
  ``run_search`` to hits in the table), the annotation browser (from the menu action to
  the first rows with KWIC read and painted; then the whole list), statistics (from the
  choice to the chart and table filled); each with the longest stall of the UI thread
  (gap between 1 ms timer ticks) and, as reference, one repaint of the window.

Databases: the ones ``bench_corpus.py`` builds (``--keep DIR``; built here if missing).
Every figure is the median of ``--repeats`` runs, with min and max. Run it with ``nice``:
the machine may be shared (say so when quoting the figures). Asserts nothing.

Run: nice python tests/benchmarks/bench_corpus_user.py [--keep DIR] [--repeats 5]
     [--only cli|gui] [--small-only]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from _report import emit, table  # noqa: E402
from _scratch import scratch_dir  # noqa: E402
from bench_corpus import QUERIES, ensure  # noqa: E402

from clipper.corpus_query import parse_search  # noqa: E402
from clipper.store.corpus_queries import trigram_match, word_match  # noqa: E402

CLI_QUERIES = {k: QUERIES[k] for k in ("word", "common word", "prefix", "substring £…bn (trigram)")}


def spread(name: str, runs: list[float], unit: str = "ms", **extra: object) -> None:
    emit(
        name,
        statistics.median(runs),
        unit,
        min=round(min(runs), 1),
        max=round(max(runs), 1),
        runs=len(runs),
        **extra,
    )


#: CPU time (user + system) of each child run by :func:`wall`, ms: on a loaded machine the
#: wall time mostly measures the wait for a core, this does not.
CPU: list[float] = []


def wall(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_env())
    took = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return took


def timed_cli(name: str, command: list[str], repeats: int) -> None:
    """Wall time (median, min, max) and the child's CPU time (median) of ``command``."""
    CPU.clear()
    runs = [wall(command) for _ in range(repeats)]
    spread(name, runs, cpu_ms=round(statistics.median(CPU), 1))


#: Compiled modules kept between runs, as an installed package has them (this machine's
#: environment may set PYTHONDONTWRITEBYTECODE, which would compile every module each run).
PYCACHE = Path(tempfile.gettempdir()) / "clipper-bench-corpus-pycache"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def ranked_sql(query: str) -> str:
    """The ranked ids of ``query`` as one SQL statement for the sqlite3 shell."""
    parsed = parse_search(query)
    if parsed.substrings:
        match, index = trigram_match(parsed), "articles_trigram"
    else:
        match, index = word_match(parsed), "articles_fts"
    quoted = "'" + str(match).replace("'", "''") + "'"
    return f"SELECT rowid FROM {index} WHERE {index} MATCH {quoted} ORDER BY rank LIMIT 20;"


def bench_cli(path: Path, label: str, repeats: int, stats: bool) -> None:
    sqlite3_shell = shutil.which("sqlite3")
    clipper = [sys.executable, "-m", "clipper", "--db", str(path)]
    wall([*clipper, "search", "warm", "--limit", "1"])  # the page cache, the migration
    timed_cli(f"CLI reference: python3 -c pass, {label}", [sys.executable, "-c", "pass"], repeats)
    timed_cli(
        f"CLI reference: import clipper.cli (start-up, no query), {label}",
        [sys.executable, "-c", "import clipper.cli"],
        repeats,
    )
    for kind, query in CLI_QUERIES.items():
        command = [*clipper, "search", query, "--limit", "20"]
        timed_cli(f"CLI clipper search top-20, {label}, {kind}", command, repeats)
        if sqlite3_shell:
            shell = [sqlite3_shell, str(path), ranked_sql(query)]
            timed_cli(f"CLI reference: sqlite3 shell ranked ids, {label}, {kind}", shell, repeats)
    if stats:
        for by in ("tag", "outlet", "speaker", "tags_together"):
            command = [*clipper, "stats", "--by", by]
            timed_cli(f"CLI clipper stats --by {by}, {label}", command, repeats)
        if sqlite3_shell:
            sql = "SELECT tag, count(*) FROM annotations WHERE status = 'accepted' GROUP BY tag;"
            shell = [sqlite3_shell, str(path), sql]
            timed_cli(f"CLI reference: sqlite3 shell count per tag, {label}", shell, repeats)


# ------------------------------------------------------------------ GUI
class StallMeter:
    """The longest gap between 1 ms timer ticks on the UI thread while something runs."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, (now - self.last) * 1000)
        self.last = now

    def run(self, fn: Callable[[], object], until: Callable[[], bool]) -> tuple[float, float]:
        """Run ``fn`` from the event loop; (ms until ``until()``, worst UI stall ms)."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.worst = 0.0
        self.last = time.perf_counter()
        self.timer.start()
        t0 = time.perf_counter()
        QTimer.singleShot(0, fn)
        end = t0 + 120
        while time.perf_counter() < end:
            QApplication.processEvents()
            if until():
                break
            time.sleep(0.0005)
        took = (time.perf_counter() - t0) * 1000
        self._tick()
        self.timer.stop()
        return took, self.worst


def bench_gui(path: Path, label: str, repeats: int, stats: bool) -> None:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings
    from clipper.gui.workers import Job

    app = QApplication.instance() or QApplication([])
    settings_dir = scratch_dir("clipper-bench-corpus-gui-")
    window = create_main_window(path, settings=Settings(settings_dir / "settings.ini"))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    views = window.findChild(QObject, "corpusViews")
    meter = StallMeter()

    def repaint() -> float:
        start = time.perf_counter()
        window.repaint()
        return (time.perf_counter() - start) * 1000

    repaints = [repaint() for _ in range(repeats)]
    spread(f"GUI reference: one repaint of the main window, {label}", repaints)

    # search: the dialog's own worker, from run_search to the hits in its table
    views.show_search()
    dialog = views.search
    for kind, query in QUERIES.items():
        times, stalls = [], []
        for attempt in range(repeats + 1):
            dialog.query.blockSignals(True)  # no debounce timer: run_search is timed
            dialog.query.setText(query)
            dialog.query.blockSignals(False)
            dialog.model.set_hits([])
            took, worst = meter.run(
                dialog.run_search, lambda: not dialog.busy() and dialog.model.rowCount() > 0
            )
            if attempt:  # the first run warms the page cache
                times.append(took)
                stalls.append(worst)
        hits = dialog.model.rowCount()
        spread(f"GUI search dialog, hits shown, {label}, {kind}", times, hits=hits)
        spread(f"GUI search dialog, longest UI stall, {label}, {kind}", stalls)
    dialog.close()

    # the annotation browser: the menu action until the first rows are read and painted
    def first_rows_painted() -> bool:
        browser = views.browser
        if browser is None or browser.model.rowCount() == 0:
            return False
        return browser.model.row(0) is not None

    times, stalls = [], []
    opened = False
    for attempt in range(repeats + 1):
        if opened:
            views.browser.close()
            views.browser.model.set_ids([])
            trigger = views.browser.reload
        else:
            trigger = window.actions_by_name["annotation_browser"].trigger
        took, worst = meter.run(
            lambda t=trigger: (t(), views.browser.show() if views.browser else None),
            first_rows_painted,
        )
        app.processEvents()  # the paint of the rows
        opened = True
        if attempt:
            times.append(took)
            stalls.append(worst)
        _total, _stall = meter.run(lambda: None, lambda: not views.browser.busy())
    browser = views.browser
    count = browser.model.rowCount()
    spread(f"GUI browser first rows with KWIC, {count:,} annotations, {label}", times)
    spread(f"GUI browser longest UI stall until first rows, {label}", stalls)
    whole, worst_whole = [], []
    for _ in range(repeats):
        browser.model.set_ids([])
        took, worst = meter.run(browser.reload, lambda: not browser.busy())
        whole.append(took)
        worst_whole.append(worst)
    spread(f"GUI browser whole list of {count:,} ids listed, {label}", whole)
    spread(f"GUI browser longest UI stall until the whole list, {label}", worst_whole)
    scroll = []
    for _ in range(repeats):  # the last page: read and painted on the UI thread
        browser.model._pages.clear()
        start = time.perf_counter()
        browser.table.scrollToBottom()
        browser.model.row(count - 1)
        app.processEvents()
        scroll.append((time.perf_counter() - start) * 1000)
    spread(f"GUI browser jump to the last page (read + paint), {label}", scroll)
    browser.close()

    if stats:
        window.actions_by_name["statistics"].trigger()
        dialog = views.stats
        meter.run(lambda: None, lambda: not dialog.busy())
        from clipper.corpus.stats import STATISTICS

        for row, by in enumerate(STATISTICS):
            times, stalls = [], []
            for attempt in range(repeats + 1):
                dialog.choices.setCurrentRow(-1 if row == 0 else 0)
                meter.run(lambda: None, lambda: not dialog.busy())
                took, worst = meter.run(
                    lambda r=row: dialog.choices.setCurrentRow(r),
                    lambda: (
                        not dialog.busy()
                        and dialog.table_data is not None
                        and dialog.table_data.name == by
                    ),
                )
                app.processEvents()
                if attempt:
                    times.append(took)
                    stalls.append(worst)
            spread(f"GUI statistics {by}: chart and table filled, {label}", times)
            spread(f"GUI statistics {by}: longest UI stall, {label}", stalls)
        dialog.close()
    Job.shutdown_all(30_000)
    window.close()
    window.controller.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, default=Path("/tmp/clipper-bench-corpus"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", choices=("cli", "gui"))
    parser.add_argument("--small-only", action="store_true")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    emit("machine load average (1 min) at start", os.getloadavg()[0], "", cores=os.cpu_count())
    databases = [(ensure(args.keep / "corpus-10k.db", 10_000, 10), "10,000 articles", False)]
    if not args.small_only:
        large = ensure(args.keep / "corpus-100k.db", 100_000, 5)
        databases.append((large, "100,000 articles / 500,000 annotations", True))
    for path, label, stats in databases:
        if args.only in (None, "cli"):
            bench_cli(path, label, args.repeats, stats)
        if args.only in (None, "gui"):
            bench_gui(path, label, args.repeats, stats)
    emit("machine load average (1 min) at end", os.getloadavg()[0], "", cores=os.cpu_count())
    table("Corpus views, the user's path (median of runs; min/max in the JSON lines)")


if __name__ == "__main__":
    main()

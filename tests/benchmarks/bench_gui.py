"""GUI performance: the article view with many highlights (offscreen Qt, in process).

SHORTCUT: these figures are for a bare ArticleView (no main window, no library, no
annotations pane, no Controller); their names start with ``bare_view_``. The real window is
measured by bench_main_window.py.

Run with ``python tests/benchmarks/bench_gui.py`` from the project root. Prints one JSON object
per line ``{"name", "value", "unit", "goal"}`` and then a readable table. Asserts nothing about
time. Texts are real Wikinews articles repeated to 1 MB / 5 MB (with an emoji every 25th
paragraph so the UTF-16 position map is exercised); annotations are random word-aligned spans
of 1–8 words (so some overlap).

Options: ``--quick`` (fewer repetitions), ``--only NAME`` (run one group: open, add, scroll,
memory, startup).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CORPUS_DIRS = (Path("/work/shared/corpus/articles"), ROOT / "tests" / "fixtures" / "articles")
WIDTH, HEIGHT = 1000, 800
RESULTS: list[dict[str, object]] = []


def report(name: str, value: float, unit: str, goal: str = "") -> None:
    row: dict[str, object] = {"name": name, "value": round(value, 3), "unit": unit}
    if goal:
        row["goal"] = goal
    RESULTS.append(row)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# ------------------------------------------------------------------ data
def corpus_text() -> str:
    for folder in CORPUS_DIRS:
        files = sorted(folder.glob("wikinews_*.txt"))
        if files:
            from clipper.importers.text import normalise_newlines

            return "\n\n".join(normalise_newlines(f.read_text(encoding="utf-8")) for f in files)
    raise SystemExit("no Wikinews articles found in " + ", ".join(map(str, CORPUS_DIRS)))


def make_text(size: int) -> str:
    base = corpus_text()
    paragraphs = base.split("\n\n")
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        if i % 25 == 0:
            p = "📰 " + p
        out.append(p)
        total += len(p) + 2
        i += 1
    return "\n\n".join(out)[:size]


def make_annotations(text: str, count: int, seed: int = 1) -> list[object]:
    from clipper.model import BUILTIN_TAGS, Annotation

    rng = random.Random(seed)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    tags = [t.name for t in BUILTIN_TAGS]
    anns = []
    for n in range(count):
        i = rng.randrange(len(words) - 8)
        k = rng.randint(1, 8)
        start, end = words[i][0], words[i + k - 1][1]
        note = "checked" if n % 7 == 0 else ""
        anns.append(
            Annotation(n + 1, 1, start, end, rng.choice(tags), text[start:end], note, "", "")
        )
    anns.sort(key=lambda a: (a.start, a.end, a.id))
    return anns


def build_db(path: Path, size: int, count: int) -> int:
    """A real Store file holding one article of ``size`` characters with ``count`` annotations."""
    from clipper.errors import ClipperError
    from clipper.importers import read_pasted_text
    from clipper.store import Store

    with Store(path) as store:
        article = store.add_article(read_pasted_text(make_text(size)))
        with store.transaction():
            for a in make_annotations(article.text, count):
                with contextlib.suppress(ClipperError):  # a duplicate random span: skip
                    store.add_annotation(article.id, a.start, a.end, a.tag)  # type: ignore[attr-defined]
        return article.id


# ------------------------------------------------------------------ Qt
def qt_app() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def new_view() -> object:
    from PySide6.QtWidgets import QApplication

    from clipper.gui.article_view import ArticleView

    view = ArticleView()
    view.resize(WIDTH, HEIGHT)
    view.show()
    QApplication.processEvents()
    return view


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def bench_open(size: int, count: int, goal: str, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from clipper.gui.annotation_index import AnnotationIndex
    from clipper.gui.positions import PositionMap, qt_safe_text
    from clipper.model import BUILTIN_TAGS

    label = f"{size // 1_000_000}MB_{count // 1000}k"
    text = make_text(size)
    anns = make_annotations(text, count)
    view = new_view()
    QApplication.processEvents()

    def open_and_paint() -> None:
        view.set_article(text, anns, BUILTIN_TAGS)
        view.viewport().repaint()

    first = timed(open_and_paint)
    times = []
    for _ in range(runs):
        view.set_article("", [], BUILTIN_TAGS)
        QApplication.processEvents()
        gc.collect()
        times.append(timed(open_and_paint))
    report(f"bare_view_open_{label}_first", first, "ms", goal)
    report(f"bare_view_open_{label}_median", statistics.median(times), "ms", goal)
    # where the time goes
    report(f"bare_view_open_{label}_part_position_map", timed(lambda: PositionMap(text)), "ms")
    report(
        f"bare_view_open_{label}_part_annotation_index", timed(lambda: AnnotationIndex(anns)), "ms"
    )
    report(f"bare_view_open_{label}_part_qt_safe_text", timed(lambda: qt_safe_text(text)), "ms")
    view.set_article("", [], BUILTIN_TAGS)
    report(
        f"bare_view_open_{label}_part_setPlainText",
        timed(lambda: view.setPlainText(text)),
        "ms",
    )
    view.set_article(text, anns, BUILTIN_TAGS)
    QApplication.processEvents()
    paints = [timed(view.viewport().repaint) for _ in range(20)]
    report(f"bare_view_paint_{label}_viewport_median", statistics.median(paints), "ms")
    view.close()


def bench_add(size: int, count: int, runs: int) -> None:
    """Key press "2" -> Store.add_annotation -> view.add_annotation -> repainted."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from clipper.store import Store

    label = f"{size // 1_000_000}MB_{count // 1000}k"
    with tempfile.TemporaryDirectory() as tmp:
        article_id = build_db(Path(tmp) / "bench.db", size, count)
        store = Store(Path(tmp) / "bench.db")
        article = store.get_article(article_id)
        text = article.text
        existing = store.list_annotations(article.id)
        view = new_view()
        view.set_article(text, existing, store.list_tags())
        view.activateWindow()
        view.setFocus()
        QApplication.processEvents()
        added: list[int] = []

        def tag_selection() -> None:
            span = view.selected_span()
            if span is None:
                return
            a = store.add_annotation(article.id, span[0], span[1], "quote")
            view.add_annotation(a)
            view.viewport().repaint()
            added.append(a.id)

        action = QAction("Quote", view)
        action.setShortcut(QKeySequence("2"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(tag_selection)
        view.addAction(action)

        rng = random.Random(7)
        words = [m.span() for m in re.finditer(r"\w+", text)]
        times = []
        for _ in range(runs):
            i = rng.randrange(len(words) - 3)
            view.select_span(words[i][0], words[i + 2][1])
            QApplication.processEvents()
            t0 = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_2)
            times.append((time.perf_counter() - t0) * 1000)
        if len(added) != runs:
            print(f"warning: only {len(added)} of {runs} key presses added a highlight")
        report(f"bare_view_add_highlight_{label}_median", statistics.median(times), "ms")
        report(f"bare_view_add_highlight_{label}_p90", pct(times, 0.9), "ms", "<= 8 ms")
        report(f"bare_view_add_highlight_{label}_max", max(times), "ms", "<= 16 ms")
        view.close()
        store.close()


def bench_scroll(size: int, count: int, runs: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from clipper.model import BUILTIN_TAGS

    label = f"{size // 1_000_000}MB_{count // 1000}k"
    text = make_text(size)
    anns = make_annotations(text, count)
    view = new_view()
    view.set_article(text, anns, BUILTIN_TAGS)
    view.setFocus()
    QApplication.processEvents()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        view.viewport().repaint()
        times.append((time.perf_counter() - t0) * 1000)
    # and with the scroll bar (dragging / wheel): one page further each time
    bar = view.verticalScrollBar()
    bar_times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        bar_times.append((time.perf_counter() - t0) * 1000)
    report(f"bare_view_scroll_page_key_{label}_median", statistics.median(times), "ms")
    report(f"bare_view_scroll_page_key_{label}_p90", pct(times, 0.9), "ms", "<= 16 ms")
    report(f"bare_view_scroll_page_bar_{label}_p90", pct(bar_times, 0.9), "ms", "<= 16 ms")
    view.close()


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory_child(db: str, article_id: int) -> None:
    """Runs in a fresh interpreter: RSS of an empty window, then of the 5 MB / 50k article
    read from a real Store (what the app holds: stored text, annotation list, Qt document)."""
    from PySide6.QtWidgets import QApplication

    from clipper.store import Store

    qt_app()
    view = new_view()
    view.viewport().repaint()
    QApplication.processEvents()
    store = Store(db)
    tags = store.list_tags()
    gc.collect()
    empty = rss_mb()
    article = store.get_article(article_id)
    anns = store.list_annotations(article_id)
    gc.collect()
    data = rss_mb()
    view.set_article(article.text, anns, tags)
    view.viewport().repaint()
    QApplication.processEvents()
    # scroll through a few places so some layouts exist, as in real use
    bar = view.verticalScrollBar()
    for frac in (0.25, 0.5, 0.75, 1.0):
        bar.setValue(int(bar.maximum() * frac))
        view.viewport().repaint()
    gc.collect()
    loaded = rss_mb()
    print(json.dumps({"empty": empty, "data": data, "loaded": loaded, "count": len(anns)}))


def bench_memory() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "memory.db"
        article_id = build_db(db, 5_000_000, 50_000)
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(db), str(article_id)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    numbers = json.loads(out.strip().splitlines()[-1])
    goal = "<= 60 MB"
    report("bare_view_memory_empty_window_rss", numbers["empty"], "MB")
    report(
        "bare_view_memory_5MB_50k_total_above_empty",
        numbers["loaded"] - numbers["empty"],
        "MB",
        goal,
    )
    report(
        "bare_view_memory_5MB_50k_part_text_and_annotations",
        numbers["data"] - numbers["empty"],
        "MB",
    )
    report("bare_view_memory_5MB_50k_part_view", numbers["loaded"] - numbers["data"], "MB")


STARTUP_SNIPPET = r"""
import os, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from clipper.gui.article_view import ArticleView
from clipper.model import BUILTIN_TAGS
app = QApplication([])
view = ArticleView()
class First(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = First(); view.viewport().installEventFilter(f)
view.set_article("Hello 😀 world. " * 200, [], BUILTIN_TAGS)
view.resize(1000, 800); view.show()
app.exec()
print("in-process ms", (time.perf_counter() - t0) * 1000)
"""


def app_start_command(db: Path) -> tuple[list[str], dict[str, str], str] | None:
    """The real app's command if clipper/gui/app.py supports quitting after the first paint."""
    app_py = ROOT / "clipper" / "gui" / "app.py"
    if not app_py.exists():
        return None
    source = app_py.read_text(encoding="utf-8")
    match = re.search(r"[\"'](CLIPPER_[A-Z_]*(?:FIRST_PAINT|QUIT|EXIT)[A-Z_]*)[\"']", source)
    if not match:
        return None
    env = dict(os.environ, **{match.group(1): "1"})
    return [sys.executable, "-m", "clipper", "--db", str(db), "gui"], env, match.group(1)


def _time_process(cmd: list[str], env: dict[str, str], runs: int) -> list[float] | None:
    env = dict(env, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
        times.append((time.perf_counter() - t0) * 1000)
        if proc.returncode != 0:
            print("# startup command failed:", proc.stderr.strip()[-500:])
            return None
    return times


def bench_startup(runs: int) -> None:
    """Process start to first painted window, measured from outside (spawn to exit)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "start.db"
        real = app_start_command(db)
        if real is not None:
            cmd, env, var = real
            print(f"# startup: python -m clipper --db tmp.db gui with {var}=1")
            times = _time_process(cmd, env, runs)
            if times:
                name = "startup_main_window_first_paint"
                report(f"{name}_median", statistics.median(times), "ms", "<= 400 ms")
                report(f"{name}_min", min(times), "ms")
        else:
            print("# startup: clipper/gui/app.py has no quit-after-first-paint hook yet")
        bare = _time_process([sys.executable, "-c", STARTUP_SNIPPET], dict(os.environ), runs)
        if bare:
            name = "startup_bare_article_view_first_paint"
            report(f"{name}_median", statistics.median(bare), "ms")
        empty = _time_process([sys.executable, "-c", "pass"], dict(os.environ), runs)
        if empty:
            report("startup_reference_empty_python", statistics.median(empty), "ms")


def print_table() -> None:
    print()
    print(f"{'benchmark':<46} {'value':>10}  {'unit':<4} goal")
    print("-" * 76)
    for row in RESULTS:
        print(f"{row['name']!s:<46} {row['value']!s:>10}  {row['unit']!s:<4} {row.get('goal', '')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", choices=["open", "add", "scroll", "memory", "startup"])
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child[0], int(args.memory_child[1]))
        return
    qt_app()
    runs = 3 if args.quick else 7
    groups = [args.only] if args.only else ["open", "add", "scroll", "memory", "startup"]
    if "open" in groups:
        bench_open(1_000_000, 10_000, "<= 60 ms", runs)
        bench_open(5_000_000, 50_000, "<= 250 ms", runs)
    if "add" in groups:
        bench_add(1_000_000, 10_000, 30 if args.quick else 100)
    if "scroll" in groups:
        bench_scroll(1_000_000, 10_000, 30 if args.quick else 100)
        bench_scroll(5_000_000, 50_000, 30 if args.quick else 100)
    if "memory" in groups:
        bench_memory()
    if "startup" in groups:
        bench_startup(3 if args.quick else 5)
    print_table()


if __name__ == "__main__":
    main()

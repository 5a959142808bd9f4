"""Instructions per key press that adds a highlight in the real main window (issue 11),
against one full repaint of the article view's viewport, counted by callgrind.

Instruction counts do not change with the machine's load, unlike wall or CPU time. The
window, Controller, Store and tagging code are the real ones (see bench_main_window.py);
only the measured part is counted: each key press (or repaint) runs inside a C call
(glibc's ``lfind`` with a Python callback) and callgrind collects only inside that
function (``--toggle-collect=ffi_call``), so start-up, building the library and selecting
the text between presses are not counted.

Run: nice python tests/benchmarks/bench_add_callgrind.py [--sizes 1,10000] [--presses 10]
[--data DIR]. Needs valgrind (``apt-get install valgrind``). Prints JSON lines. Asserts
nothing. A run takes a few minutes (Python under valgrind is ~50× slower).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _callgrind import counted, run_counted  # noqa: E402
from _report import emit, table  # noqa: E402


def child(db: Path, what: str, presses: int) -> None:
    """In valgrind: open the window on ``db`` and press "2" (or repaint) ``presses`` times."""
    import bench_main_window as bench
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    bench.app()
    w = bench.window(bench.scratch_copy(db))
    w.activateWindow()  # type: ignore[attr-defined]
    view = w.view  # type: ignore[attr-defined]
    text = w.controller.article.text  # type: ignore[attr-defined]
    words = [m.span() for m in re.finditer(r"\w+", text)]
    rng = random.Random(3)
    added = 0

    def press() -> None:
        QTest.keyClick(view, Qt.Key.Key_2)
        for _ in range(4):  # stored, repainted, and whatever was deferred (until idle)
            QApplication.processEvents()

    for _ in range(presses):
        i = rng.randrange(len(words) - 3)
        view.select_span(words[i][0], words[i + 2][1])
        bench.settle(w)
        before = len(w.controller.annotations)  # type: ignore[attr-defined]
        if what == "press":
            counted(press)
        else:
            counted(view.viewport().repaint)
        added += len(w.controller.annotations) - before  # type: ignore[attr-defined]
    print(f"ADDED {added}", flush=True)
    bench.close(w)


def instructions(db: Path, what: str, presses: int) -> tuple[int, int, str]:
    """Instructions counted, annotations added, the profile's path."""
    counted_instructions, stdout, profile = run_counted(
        __file__, ["--child", str(db), what, str(presses)]
    )
    added = int(re.findall(r"^ADDED (\d+)", stdout, re.M)[-1])
    return counted_instructions, added, profile


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10000")
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--data", type=Path, help="keep the built libraries in DIR")
    args = parser.parse_args()
    import bench_main_window as bench

    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
        bench.TMP = args.data
    for size in (int(s) for s in args.sizes.split(",")):
        db = bench.library(size)
        press, added, press_out = instructions(db, "press", args.presses)
        repaint, _, _ = instructions(db, "repaint", args.presses)
        per_press, per_repaint = press / max(added, 1), repaint / args.presses
        emit(
            f"add_highlight_library_{size}_instructions_per_press",
            per_press,
            "instructions",
            profile=press_out,
        )
        emit(
            f"add_highlight_library_{size}_ref_viewport_repaint_instructions",
            per_repaint,
            "instructions",
        )
        emit(
            f"add_highlight_library_{size}_instructions_ratio",
            per_press / per_repaint,
            "x",
            goal="<= 1.0x",
        )
    table("add one highlight, instructions (callgrind)")


if __name__ == "__main__":
    main()

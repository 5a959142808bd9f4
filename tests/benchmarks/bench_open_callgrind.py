"""Instructions to open a 1 MB / 10,000-annotation article in the real main window
(issue 11), against the same text without annotations, counted by callgrind.

The same measured path as ``bench_main_window.py --only open`` (``open_article`` and one
pass of the event loop: painted), counted only inside :func:`_callgrind.counted`
(start-up, building the databases and closing the article between opens are not counted).
Instruction counts do not change with the machine's load.

Run: nice python tests/benchmarks/bench_open_callgrind.py [--size 1000000] [--opens 3]
[--data DIR]. Needs valgrind. Prints JSON lines. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _callgrind import counted, run_counted  # noqa: E402
from _report import emit, table  # noqa: E402


def child(db: Path, opens: int) -> None:
    """In valgrind: open the window on ``db``, then reopen its article ``opens`` times."""
    import bench_main_window as bench
    from PySide6.QtWidgets import QApplication

    bench.app()
    w = bench.window(db)
    article_id = w.controller.article_id  # type: ignore[attr-defined]

    def reopen() -> None:
        w.open_article(article_id)  # type: ignore[attr-defined]
        QApplication.processEvents()

    for _ in range(opens):
        w.open_article(None)  # type: ignore[attr-defined]
        QApplication.processEvents()
        counted(reopen)
    bench.close(w)


def instructions(db: Path, opens: int) -> int:
    return run_counted(__file__, ["--child", str(db), str(opens)])[0]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--opens", type=int, default=3)
    parser.add_argument("--data", type=Path, help="keep the built databases in DIR")
    args = parser.parse_args()
    import bench_main_window as bench

    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
        bench.TMP = args.data
    count = args.size // 100
    label = f"{args.size // 1_000_000}MB_{count // 1000}k"
    per_open = {}
    for annotated in (True, False):
        db = bench.big_article_db(args.size, count, annotated=annotated)
        per_open[annotated] = instructions(db, args.opens) / args.opens
    emit(f"open_article_{label}_instructions", per_open[True], "instructions")
    emit(f"open_article_{label}_ref_no_annotations_instructions", per_open[False], "instructions")
    emit(
        f"open_article_{label}_instructions_ratio",
        per_open[True] / per_open[False],
        "x",
        goal="<= 1.3x",
    )
    table("open an article, instructions (callgrind)")


if __name__ == "__main__":
    main()

"""Instructions from process start to the first painted window (issue 11), against
``import PySide6.QtWidgets`` in a fresh process, counted by callgrind.

The app runs as ``clipper --db LIBRARY gui`` does (through ``clipper.cli.main``) and the
process ends at the window's first paint (``os._exit`` where the app would finish its
start, so the teardown is not counted); the reference process ends when its import is
done. Both are counted whole, interpreter start included. One untimed start first writes
bytecode (and the other caches an installed app keeps). Instruction counts do not change
with the machine's load; CPU time is in ``bench_main_window.py --only startup``.

Run: nice python tests/benchmarks/bench_startup_callgrind.py [--size 50000] [--data DIR]
[--python PY]. With ``--python``, ``PYTHONPATH`` chooses the copy of Clipper measured (the
children run outside the source tree). Needs valgrind. Prints JSON lines. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from _report import emit, table  # noqa: E402

#: The app to its first paint (argv[1]: the database).
_APP = """
import gc, os, sys
gc.disable()
import clipper.cli
gc.enable()
import clipper.gui.app as app
app._finish_start = lambda _app: os._exit(0)
clipper.cli.main(["--db", sys.argv[1], "gui"])
"""
_REFERENCE = "import os, PySide6.QtWidgets; os._exit(0)"


def instructions(python: str, code: str, args: list[str], env: dict[str, str]) -> int:
    """Instructions of ``python -c code *args``, the whole process, under callgrind (run
    outside the source tree, so that ``PYTHONPATH`` says which copy of Clipper starts)."""
    out = Path(tempfile.mkdtemp(prefix="clipper-callgrind-")) / "callgrind.out"
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", python, "-c", code]
    subprocess.run([*cmd, *args], env=env, cwd=out.parent, capture_output=True, check=True)
    summary = next(line for line in out.read_text().splitlines() if line.startswith("summary:"))
    return int(summary.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--data", type=Path, help="keep the built library in DIR")
    parser.add_argument("--python", default=sys.executable, help="the Python to start in")
    args = parser.parse_args()
    import bench_main_window as bench

    if args.data:
        args.data.mkdir(parents=True, exist_ok=True)
        bench.TMP = args.data
    db = str(bench.library(args.size))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(bench.TMP / "cfg"))
    env.pop("CLIPPER_QUIT_AFTER_PAINT", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode written once
    if args.python == sys.executable:  # this tree, not the installed copy
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    first = [args.python, "-c", _APP, db]
    subprocess.run(first, env=env, cwd=tempfile.gettempdir(), check=True)  # untimed
    reference = instructions(args.python, _REFERENCE, [], env)
    app = instructions(args.python, _APP, [db], env)
    emit("startup_callgrind_ref_import_PySide6_QtWidgets", reference, "instructions")
    emit(f"startup_callgrind_library_{args.size}_first_paint", app, "instructions")
    emit(
        f"startup_callgrind_library_{args.size}_first_paint_ratio",
        app / reference,
        "x",
        goal="<= 3x",
    )
    table("start-up instructions (callgrind)")


if __name__ == "__main__":
    main()

"""Crash safety: ≥ 1,000 SIGKILLs of real writers, then what survived.

Run with ``nice python tests/benchmarks/bench_crash.py`` from the project root (about 15
minutes on 2 cores; ``--quick`` for a tenth). Each round kills one real process at a random
moment — ``clipper annotate``, a bulk ``clipper import`` of 6 files, ``clipper
import-annotations`` of ~300 annotations, or the real window (``tests/crash_app_driver.py``:
tags, notes typed with real key presses, deletions, article switches) — and then checks
``PRAGMA integrity_check`` and every change the writer had acknowledged (the CLI exited 0;
the window printed it after the commit). Prints one JSON line per figure; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
from _report import emit, table
from crash_harness import Tally, Writers

#: Kills per writer in a full run. Rounds go on until that many landed (a writer that
#: finished before its kill time counts as a round, not a kill); the first round of each
#: is a full, unkilled run.
KILLS = {"cli_annotate": 300, "cli_import": 200, "cli_merge": 200, "app": 300}


def poll_cost(workdir: Path, n: int = 20_000) -> float:
    """Microseconds the window's once-a-second look for other programs' changes costs on
    the UI thread when nothing changed (one ``PRAGMA data_version``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from clipper.gui.controller import Controller
    from clipper.store import Store

    _app = QApplication.instance() or QApplication([])
    controller = Controller(Store(workdir / "poll.db"))
    started = time.perf_counter()
    for _ in range(n):
        controller.refresh_if_changed_elsewhere()
    elapsed = time.perf_counter() - started
    controller.close()
    return elapsed / n * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the kills")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    total = Tally()
    with tempfile.TemporaryDirectory(prefix="clipper-crash-") as tmp:
        for kind, kills in KILLS.items():
            workdir = Path(tmp) / kind
            workdir.mkdir()
            writers = Writers(workdir, args.seed)
            tally = Tally()
            started = time.monotonic()
            name = kind.replace("_", "-")
            run = getattr(writers, kind)
            extra = {"stray_wait": 1.0} if kind == "cli_import" else {}
            tally.merge(run(kill=False))
            while tally.kills < max(1, int(kills * scale)):
                tally.merge(run(kill=True, **extra))
            emit(f"{name}: rounds", tally.rounds, "rounds")
            emit(f"{name}: kills", tally.kills, "kills")
            emit(f"{name}: acknowledged changes checked", tally.acknowledged, "checks")
            emit(f"{name}: lost acknowledged annotations", tally.lost_annotations, "", goal=0)
            emit(f"{name}: lost acknowledged notes", tally.lost_notes, "", goal=0)
            emit(f"{name}: integrity failures", tally.integrity_failures, "", goal=0)
            emit(f"{name}: partial bulk operations", tally.partial_bulk, "", goal=0)
            emit(f"{name}: unexpected annotations", tally.phantoms, "", goal=0)
            emit(f"{name}: tracebacks (not killed)", tally.tracebacks, "", goal=0)
            if kind == "cli_import":
                emit(
                    "cli-import: kills after which worker processes ran on > 1 s",
                    tally.stray_processes,
                    "kills",
                    goal=0,
                )
            if kind == "app":
                emit(
                    "app: notes typed < 1.5 s before the kill (not saved yet, by design)",
                    tally.unsaved_notes_at_kill,
                    "notes",
                )
            emit(f"{name}: time", time.monotonic() - started, "s")
            for problem in tally.problems[:10]:
                print(f"  problem: {problem}", file=sys.stderr)
            total.merge(tally)
        emit("app: database poll when nothing changed", poll_cost(Path(tmp)), "µs")
    emit("all writers: kills", total.kills, "kills", goal=">= 1000")
    emit("all writers: lost acknowledged annotations", total.lost_annotations, "", goal=0)
    emit("all writers: lost acknowledged notes", total.lost_notes, "", goal=0)
    emit("all writers: integrity failures", total.integrity_failures, "", goal=0)
    emit("all writers: partial bulk operations", total.partial_bulk, "", goal=0)
    table("Crash safety (SIGKILL at random moments)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``CLIPPER_QUIT_AFTER_PAINT=1``: the app reports its CPU time and the monotonic clock once
its main window has painted (the start-up benchmark's "first paint" figures)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from tests.gui.app_process import app_env

_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
from clipper.gui.app import main

painted = []

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            painted.append(time.clock_gettime(time.CLOCK_MONOTONIC))
        return False

app = QApplication([])
probe = Probe()
app.installEventFilter(probe)
code = main(sys.argv[1])
print(code, f"{painted[0]:.6f}" if painted else "none")
"""

_REPORT = re.compile(r"clipper: first paint after ([0-9.]+) ms of CPU at ([0-9.]+) s")


def test_the_paint_report_comes_after_the_main_windows_paint(tmp_path: Path) -> None:
    env = app_env(tmp_path, CLIPPER_QUIT_AFTER_PAINT="1")
    before = time.clock_gettime(time.CLOCK_MONOTONIC)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path / "app.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    after = time.clock_gettime(time.CLOCK_MONOTONIC)
    assert result.returncode == 0, result.stderr
    code, painted = result.stdout.split()
    assert code == "0"
    report = _REPORT.search(result.stderr)
    assert report is not None, result.stderr
    cpu, at = float(report.group(1)), float(report.group(2))
    assert cpu > 0
    # The clock is system-wide: the report lies between the parent's readings, after the
    # main window's paint event.
    assert before < float(painted) <= at < after

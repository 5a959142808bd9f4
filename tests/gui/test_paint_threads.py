"""The app paints on the UI thread alone (issue 11): Qt's parallel fills handed every tall
fill (a scroll bar's groove …) to its GUI thread pool and waited for it — more costly than
the fill for the app's widgets (a tagging key press: 100–400 context switches)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clipper.gui.app import NO_PAINT_THREADS

#: A child process: a QApplication configured as the app does (or with Qt's default for
#: painting threads), a window's list growing row by row (its scroll bar repainted at each
#: row, as the annotations list's at each tag), then the number of Qt's pool threads.
CHILD = """
import os, sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
import clipper.gui.app as clipper_app
if sys.argv[1] == "qt-default":
    clipper_app.paint_on_one_thread = lambda: None
clipper_app.configure_application(app)
window = QMainWindow()
window.resize(1000, 800)
model = QStandardItemModel(0, 2)
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.show()
for n in range(80):
    model.appendRow([QStandardItem(f"row {n}"), QStandardItem("text")])
    view.scrollToBottom()
    app.processEvents()
names = [open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")]
print(sum("pooled" in name for name in names))
"""


def pool_threads(how: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != NO_PAINT_THREADS}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    done = subprocess.run(
        [sys.executable, "-c", CHILD, how],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_app_paints_a_growing_list_without_qt_pool_threads() -> None:
    assert pool_threads("qt-default") > 0  # what Qt does by default (the case is real)
    assert pool_threads("app") == 0


def test_a_value_already_set_for_qt_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    from clipper.gui.app import paint_on_one_thread

    monkeypatch.setenv(NO_PAINT_THREADS, "kept")
    paint_on_one_thread()
    assert os.environ[NO_PAINT_THREADS] == "kept"

"""Drive the real app under Xvfb and take the corpus views' README screenshots.

Run: xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \\
     python tests/drivers/corpus_screenshots.py OUT_DIR

Without a window manager the window may not be active, so a shortcut that does not reach
it is replaced by triggering the same action.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clipper.gui.app import create_main_window
from clipper.gui.corpus_menu import CorpusViews
from clipper.gui.settings import Settings
from clipper.gui.workers import Job
from clipper.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_views"))
from annotated import annotated_corpus

CS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def main(out: Path) -> None:
    db = out / "corpus.db"
    for old in out.glob("corpus.db*"):
        old.unlink()
    with Store(db) as store:
        annotated_corpus(store)
    app = QApplication(sys.argv)
    w = create_main_window(db, settings=Settings(out / "settings.ini"))
    w.resize(1400, 860)
    w.show()

    def wait(cond: Callable[[], bool], timeout: float = 30) -> None:
        end = time.time() + timeout
        while not cond() and time.time() < end:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()

    def press(key: Qt.Key, action: str, opened: Callable[[], object]) -> None:
        w.activateWindow()
        w.view.setFocus()
        QTest.keyClick(w.view, key, CS)
        app.processEvents()
        if opened() is None:
            print(f"{action}: the key press did not reach the window; triggering the action")
            w.actions_by_name[action].trigger()

    wait(w.isVisible)
    views = w.findChild(CorpusViews, "corpusViews")
    press(Qt.Key.Key_A, "annotation_browser", lambda: views.browser)
    b = views.browser
    wait(lambda: b.model.rowCount() > 0 and not b.busy())
    b.status_combo.setCurrentIndex(b.status_combo.count() - 1)  # all statuses
    wait(lambda: b.model.rowCount() == 13 and not b.busy())
    b.resize(1500, 520)
    wait(lambda: False, 1)
    b.grab().save(str(out / "annotation-browser.png"))
    QTest.keyClick(b.table, Qt.Key.Key_Down)
    QTest.keyClick(b.table, Qt.Key.Key_Return)
    wait(lambda: w.controller.article_id is not None, 5)
    b.hide()

    press(Qt.Key.Key_S, "statistics", lambda: views.stats)
    s = views.stats
    wait(lambda: s.table_data is not None and not s.busy())
    s.resize(1000, 600)
    wait(lambda: False, 1)
    s.grab().save(str(out / "statistics.png"))
    s.save(out / "chart-tags.png")
    s.save(out / "chart-tags.svg")
    s.hide()

    press(Qt.Key.Key_F, "search_corpus", lambda: views.search)
    d = views.search
    d.query.insert("£")
    wait(lambda: bool(d.model.hits) and not d.busy())
    d.resize(1100, 360)
    wait(lambda: False, 1)
    d.grab().save(str(out / "corpus-search.png"))
    QTest.keyClick(d.query, Qt.Key.Key_Return)
    wait(lambda: False, 1)
    d.hide()
    w.grab().save(str(out / "main-after-jump.png"))
    print("opened article", w.controller.article_id, "selected", w.view.selected_span())
    Job.shutdown_all(10_000)
    w.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))

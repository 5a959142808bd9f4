"""The app shows other programs' changes without F5, and never calls its own foreign.

A real second process (``python -m clipper … annotate``) writes while the window is
open; the window's own import runs in a worker thread on its own connection.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clipper.gui.controller import Changes
from clipper.gui.main_window import FOREIGN_CHANGE_MESSAGE, MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.store import Store

TEXT = "Budget talks\n\nThe minister said the deficit would fall. Critics disagreed.\n"
FIXTURES = Path(__file__).parent.parent / "fixtures"


def _messages(window: MainWindow) -> list[str]:
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    return shown


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )


def test_a_cli_annotation_appears_without_f5(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    shown = _messages(window)
    start = article.text.index("Critics")
    done = _cli(
        db_path,
        "annotate",
        str(article.id),
        str(start),
        str(start + 7),
        "person",
        "--note",
        "from the terminal",
    )
    assert done.returncode == 0, done.stderr
    # No F5, no activation event: the window's own timer notices.
    qtbot.waitUntil(
        lambda: [a.note for a in window.annotations.model.rows] == ["from the terminal"],
        timeout=20_000,
    )
    assert [a.text for a in window.view.annotations()] == ["Critics"]
    assert FOREIGN_CHANGE_MESSAGE in shown
    assert window.library.model.summary(0).counts == {"person": 1}


def test_the_apps_own_import_is_not_reported_as_another_programs_change(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    files = []
    for source in sorted((FIXTURES / "articles").glob("*.txt")):
        files.append(tmp_path / source.name)
        shutil.copy(source, files[-1])
    files.append(tmp_path / "multicolumn.pdf")
    shutil.copy(FIXTURES / "pdfs" / "py-pdf-sample-files__multicolumn.pdf", files[-1])
    polls: list[int] = []
    original = window.check_for_changes

    def counted() -> None:
        polls.append(1)
        original()

    window._poll_timer.timeout.disconnect()
    window._poll_timer.timeout.connect(counted)
    window._poll_timer.setInterval(1)  # look as often as possible while the worker writes
    shown = _messages(window)

    window.import_files([str(f) for f in files])
    qtbot.waitUntil(lambda: window.library.model.rowCount() == len(files), timeout=60_000)
    seen = len(polls)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: len(polls) > seen + 20, timeout=20_000)
    assert polls, "the timer never looked"
    assert FOREIGN_CHANGE_MESSAGE not in shown

    # Another program's change after that is still reported.
    with Store(db_path) as other:
        article_id = other.list_articles()[0].id
        other.add_annotation(article_id, 0, 4, "quote")
    qtbot.waitUntil(lambda: FOREIGN_CHANGE_MESSAGE in shown, timeout=20_000)


def test_a_reload_while_typing_a_note_keeps_the_note_and_the_editor(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    start = article.text.index("Critics")
    mine = window.controller.add_annotation(article.id, start, start + 7, "person")
    window.annotations.select_annotation(mine.id)
    note = window.annotations.note
    window.activateWindow()
    note.setFocus()
    qtbot.waitUntil(note.hasFocus, timeout=5000)
    qtbot.keyClicks(note, "half a")
    with Store(db_path) as other:  # another program writes while the user types
        other.add_annotation(article.id, 0, 6, "quote")
    qtbot.waitUntil(lambda: len(window.annotations.model.rows) == 2, timeout=20_000)
    assert window.controller.store.get_annotation(mine.id).note == "half a"
    assert window.annotations.current_annotation() is not None
    assert window.annotations.current_annotation().id == mine.id  # type: ignore[union-attr]
    assert note.hasFocus()
    qtbot.keyClicks(note, " thought")
    window.view.setFocus()
    qtbot.waitUntil(
        lambda: window.controller.store.get_annotation(mine.id).note == "half a thought",
        timeout=5000,
    )


def test_a_reload_keeps_the_text_selection(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    start = article.text.index("deficit")
    window.view.select_span(start, start + 7)
    with Store(db_path) as other:
        other.add_annotation(article.id, 0, 6, "quote")
    qtbot.waitUntil(lambda: len(window.annotations.model.rows) == 1, timeout=20_000)
    assert window.view.selected_span() == (start, start + 7)  # the user can still tag it


def test_the_apps_own_export_is_not_reported_as_another_programs_change(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from clipper.exporters import ExportSelection, export_to_path
    from clipper.gui.workers import JobContext, run_job

    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.add_annotation(article.id, 0, 6, "quote")
    window._poll_timer.setInterval(1)
    shown = _messages(window)
    results: list[object] = []

    def work(context: JobContext) -> int:
        return export_to_path(context.store, tmp_path / "out.csv", "csv", ExportSelection())

    run_job(window.controller.db_path, work, parent=window, on_finished=results.append)
    qtbot.waitUntil(lambda: results == [1], timeout=20_000)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.wait(200)  # a few hundred looks at the database
    assert FOREIGN_CHANGE_MESSAGE not in shown


def test_a_job_whose_parent_went_first_does_not_stop_the_refresh(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    """A job's ``finished`` slot is queued to the UI thread; deleting its parent first
    loses it. The ended thread must still count as ended, or no other program's change
    would ever be shown again (seen in CI after a dialog with a job closed)."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    from clipper.gui.workers import Job, JobContext, run_job

    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    parent = QWidget()

    def work(context: JobContext) -> int:
        return 1

    job = run_job(window.controller.db_path, work, parent=parent)
    assert job.wait(60_000)
    shiboken6.delete(parent)  # before the event loop delivers the thread's finished
    assert Job.own_activity()[0] is False
    start = article.text.index("Critics")
    done = _cli(db_path, "annotate", str(article.id), str(start), str(start + 7), "person")
    assert done.returncode == 0, done.stderr
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert [a.text for a in window.annotations.model.rows] == ["Critics"]


def test_a_release_that_never_came_does_not_stop_the_refresh(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    """While a mouse button is down (a selection being dragged) the poll waits; a button
    "held" for more than a few polls is a lost release, and the refresh goes ahead."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from clipper.gui.main_window import MAX_DRAG_SKIPS

    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    window._poll_timer.stop()  # the test ticks by hand
    QTest.mousePress(window.view.viewport(), Qt.MouseButton.LeftButton)
    assert QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
    start = article.text.index("Critics")
    done = _cli(db_path, "annotate", str(article.id), str(start), str(start + 7), "person")
    assert done.returncode == 0, done.stderr
    for _ in range(MAX_DRAG_SKIPS):
        window.check_for_changes()
        assert window.annotations.model.rows == []  # mid-drag: not yet
    window.check_for_changes()
    assert [a.text for a in window.annotations.model.rows] == ["Critics"]
    QTest.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton)

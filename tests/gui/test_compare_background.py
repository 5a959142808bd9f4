"""Team › Compare coders reads and aligns in a background job (issue 11): the window shows
"Comparing…" with a Stop button, then the units; it can be closed meanwhile; a result read
while another connection wrote is not shown (it compares again)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clipper.gui.app import create_main_window
from clipper.gui.compare_dialog import CompareDialog, open_compare
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.gui.workers import Job
from clipper.model import ImportedArticle
from clipper.store import Store, now

#: Annotations per coder: enough for the job to report its steps.
PER_CODER = 3000
WORD = "alpha beta gamma delta "


def _coded(db_path: Path) -> int:
    """One article; ann and bob each tag every second word (bob the same words as ann for
    the first half: agreements, then other words: missing on both sides)."""
    text = WORD * PER_CODER
    starts = [i for i, _ in enumerate(text) if i == 0 or text[i - 1] == " "][: 4 * PER_CODER]
    stamp = now()

    def rows(coder: str, chosen: list[int]) -> list[tuple[object, ...]]:
        tail = (None, None, coder, "manual", None, "accepted", {}, ())
        return [
            (s, (e := text.index(" ", s)), "person", text[s:e], "", stamp, stamp, *tail)
            for s in chosen
        ]

    half = PER_CODER // 2
    with Store(db_path) as store, store.transaction():
        article = store.add_article(ImportedArticle(text, "Long", "long.txt", "txt"))
        for coder in ("ann", "bob"):
            store.add_coder(coder)
        ann = starts[0 : 2 * PER_CODER : 2]
        bob = ann[:half] + starts[1 : 2 * (PER_CODER - half) : 2]
        store.merge_annotations(article.id, rows("ann", ann))  # type: ignore[arg-type]
        store.merge_annotations(article.id, rows("bob", bob))  # type: ignore[arg-type]
    return article.id


@pytest.fixture
def long_window(qtbot: QtBot, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    article_id = _coded(db_path)
    window = create_main_window(
        db_path, settings=Settings(tmp_path / "s.ini"), article_id=article_id
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    assert Job.shutdown_all(30_000)
    for dialog in window.findChildren(CompareDialog):
        dialog.close()
    window.close()
    window.controller.close()


def _wait_compared(qtbot: QtBot, dialog: CompareDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy() and bool(dialog.units), timeout=60_000)


def test_the_window_shows_progress_then_the_units(qtbot: QtBot, long_window: MainWindow) -> None:
    dialog = open_compare(long_window)
    # opening returns at once: the comparison runs in a job, the window says so
    assert dialog.busy() and dialog.job is not None
    assert dialog.busy_bar.isVisible() and dialog.stop_button.isVisible()
    assert dialog.busy_label.text().startswith("Comparing…")
    reports: list[tuple[int, int]] = []
    dialog.job.progress.connect(lambda done, total: reports.append((done, total)))
    with qtbot.waitSignal(dialog.compared, timeout=60_000):
        pass
    assert not dialog.busy() and not dialog.busy_bar.isVisible()
    compared = 2 * PER_CODER
    assert reports and reports[-1] == (compared, compared)  # the last step always arrives
    kinds = [u.kind for u in dialog.units]
    assert kinds.count("agreement") == PER_CODER // 2
    assert len(kinds) == PER_CODER // 2 + 2 * (PER_CODER - PER_CODER // 2)
    assert dialog.list.model().rowCount() == len(kinds)
    assert dialog.current_unit() is not None and dialog.current_unit().is_disagreement
    assert dialog.buttons["adopt_a"].isEnabled()


def test_closing_while_comparing_is_safe(qtbot: QtBot, long_window: MainWindow) -> None:
    dialog = open_compare(long_window)
    job = dialog.job
    assert job is not None and job.is_running()
    dialog.close()  # mid-run: the job is stopped, its result never shown
    assert not dialog.busy() and job.cancelled()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=60_000)
    assert dialog.units == [] and dialog.comparison is None
    long_window.controller.session.list_coders()  # the UI connection is fine
    # opened again: compared again, shown
    again = open_compare(long_window)
    assert again is dialog
    _wait_compared(qtbot, dialog)
    assert dialog.comparison is not None and dialog.comparison.coders == ("ann", "bob")


def test_stop_keeps_the_window_usable(qtbot: QtBot, long_window: MainWindow) -> None:
    dialog = open_compare(long_window)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy() and "stopped" in dialog.status.text()
    dialog.coder_b.setCurrentText("ann")  # choosing coders compares again
    dialog.coder_a.setCurrentText("bob")
    _wait_compared(qtbot, dialog)


def test_a_write_by_another_connection_meanwhile_is_not_shown_stale(
    qtbot: QtBot, long_window: MainWindow, db_path: Path
) -> None:
    dialog = open_compare(long_window)
    assert dialog.busy()
    article_id = long_window.controller.article_id
    assert article_id is not None
    # another program adds an annotation of bob's while the job compares
    with Store(db_path) as other:
        text = other.get_article(article_id).text
        end = len(text.rstrip())
        start = text.rindex(" ", 0, end) + 1
        other.add_annotation(article_id, start, end, "claim", coder="bob")
    # the first result shown was read after the write (the earlier read is never shown)
    with qtbot.waitSignal(dialog.compared, timeout=60_000):
        pass
    assert any((v := u.versions["bob"]) is not None and v.tag == "claim" for u in dialog.units)

"""The app's own background jobs that write (suggesting, accepting all, importing…) never
count as another program's change: no "Reloaded…" message, no reload of the article."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clipper.gui.controller import Changes
from clipper.gui.main_window import FOREIGN_CHANGE_MESSAGE, MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.store import Store

TEXT = (
    "Budget talks\n\n"
    'The minister, John Smith, said the deficit would fall by 2.5 billion euros. "We will '
    'cut spending by 12%," he said. Critics, led by Mary Jones, disagreed.\n'
)


def test_a_suggesting_run_is_not_another_programs_change(qtbot: QtBot, window: MainWindow) -> None:
    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.controller.changed.emit(Changes(library=True))
    window.open_article(article.id)
    qtbot.waitUntil(lambda: not window.review.busy(), timeout=60_000)
    polls: list[int] = []
    reloads: list[int] = []
    original = window.check_for_changes

    def counted() -> None:
        polls.append(1)
        original()

    window._poll_timer.timeout.disconnect()
    window._poll_timer.timeout.connect(counted)
    window._poll_timer.setInterval(1)  # look as often as possible while the job writes
    window.controller.changed.connect(lambda c: reloads.append(1) if c.database else None)
    refresh = window.controller.refresh
    window.controller.refresh = lambda: (reloads.append(1), refresh())  # type: ignore[method-assign]
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)

    window.review.suggest_current()
    qtbot.waitUntil(lambda: not window.review.busy(), timeout=60_000)
    with Store(window.controller.db_path) as store:
        assert store.list_annotations(article.id)  # the run stored suggestions
    seen = len(polls)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: len(polls) > seen + 50, timeout=20_000)
    assert FOREIGN_CHANGE_MESSAGE not in shown
    assert not reloads  # the new suggestions were shown, the article not reloaded
    assert window.annotations.model.rowCount() > 0

    # Another program's change after that is still reported.
    with Store(window.controller.db_path) as other:
        other.add_annotation(article.id, 0, 6, "quote")
    qtbot.waitUntil(lambda: FOREIGN_CHANGE_MESSAGE in shown, timeout=20_000)

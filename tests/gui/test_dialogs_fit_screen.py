"""The large dialogs fit a small screen (the offscreen screen is 800×800): the Annotations
across articles dialog was 1,200 px wide, cut off on a 1,024 px screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.gui.screen_fit import FRAME_ALLOWANCE


@pytest.mark.parametrize(
    "action", ["annotation_browser", "statistics", "search_corpus", "agreement"]
)
def test_corpus_and_team_dialogs_fit_the_screen(
    qtbot: QtBot, window: MainWindow, action: str
) -> None:
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    window.actions_by_name[action].trigger()

    def opened() -> list[QDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
        ]

    qtbot.waitUntil(lambda: bool(opened()), timeout=5000)
    (dialog,) = opened()
    screen = dialog.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert dialog.width() + FRAME_ALLOWANCE.width() <= room.width(), dialog.objectName()
    assert dialog.height() + FRAME_ALLOWANCE.height() <= room.height(), dialog.objectName()
    dialog.close()

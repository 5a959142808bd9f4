"""The statistics window counts its rows in words a person would write."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.corpus_views.test_gui_corpus import TIMEOUT, press_shortcut, views_of


def test_one_row_is_one_row_not_one_rows(qtbot: QtBot, corpus_window: Any) -> None:
    window, _ids, _texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_S)
    dialog = views_of(window).stats
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table_data is not None and not dialog.busy(), timeout=TIMEOUT)
    assert dialog.message.text() == "4 rows."  # figure, person, quote, claim
    together = "People named in the same articles"
    [item] = dialog.choices.findItems(together, Qt.MatchFlag.MatchExactly)
    dialog.choices.setCurrentItem(item)

    def counted() -> bool:
        return dialog.table_data is not None and dialog.table_data.name == "people_together"

    qtbot.waitUntil(lambda: counted() and not dialog.busy(), timeout=TIMEOUT)
    assert len(dialog.table_data.rows) == 1  # one pair of people named together
    assert dialog.message.text() == "1 row."

"""The library search box finds articles while a word is still being typed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from tests.gui.test_first_hour_layout import LONG_TITLE, add


def test_typing_part_of_a_word_finds_the_article(qtbot: QtBot, window: MainWindow) -> None:
    wanted = add(window, LONG_TITLE)
    add(window, "Another story about the weather")
    pane = window.library
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "Scientol")  # on the way to "Scientology"
    qtbot.waitUntil(lambda: pane.visible_article_ids() == [wanted.id], timeout=5000)
    assert pane.count_label.text() == "1 of 2"

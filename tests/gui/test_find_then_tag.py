"""Find in article, then a tag key: the tag covers what Find selected ("Mecca" in
"Mecca's Grand Mosque" was tagged "Mecca's": word snapping took the possessive along)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tagging import add_article, stored

from clipper.gui.main_window import MainWindow


def test_find_then_key_3_tags_the_name_without_its_possessive(
    qtbot: QtBot, window: MainWindow
) -> None:
    add_article(window, "Crane collapse\n\nA crane fell into Mecca's Grand Mosque.\n")
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.find_bar.edit, "Mecca")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert window.view.textCursor().selectedText() == "Mecca"
    qtbot.keyClick(window.view, "3")
    assert [a[3] for a in stored(window)] == ["Mecca"]

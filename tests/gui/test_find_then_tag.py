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


def test_while_typing_a_search_the_message_says_esc_before_the_tag_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The find bar selects the hit and the status bar said "press 1, 2, 3, 4": in the
    search field a 3 is typed into the search ("Not found")."""
    add_article(window, "Crane collapse\n\nA crane fell into Mecca's Grand Mosque.\n")
    window.actions_by_name["find"].trigger()
    qtbot.keyClicks(window.find_bar.edit, "Mecca")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.edit.hasFocus()
    message = window.statusBar().currentMessage()
    assert "press Esc to go back to the text, then 1, 2, 3, 4" in message, message
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    window.view.select_span(2, 7)  # selected in the text: the keys work at once
    assert "press 1, 2, 3, 4 or click a tag" in window.statusBar().currentMessage()

"""A selection made with Shift+arrows snaps to whole words when Shift is released (as a
mouse drag does on release): what is shown is what Ctrl+C copies and what a tag key tags.
While Shift is held the keys move one character at a time, as they always did."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from tagging import add_article

from clipper.gui.main_window import MainWindow

TEXT = "Budget talks\n\nThe finance minister said the deficit would fall to 2.1% next year.\n"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def shift_select(window: MainWindow, start: int, key: Qt.Key, presses: int) -> None:
    view = window.view
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(view.position_map().to_qt(start))
    view.setTextCursor(cursor)
    QTest.keyPress(view, Qt.Key.Key_Shift, SHIFT)
    for _ in range(presses):  # QTest releases Shift after a key release with SHIFT
        QTest.keyPress(view, key, SHIFT)
        QTest.keyRelease(view, key)


def test_shift_arrows_move_by_character_then_snap_when_shift_is_released(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    text = article.text
    start = text.index("finance") + 1
    shift_select(window, start, Qt.Key.Key_Right, len("inance minister sa"))
    assert window.view.textCursor().selectedText() == "inance minister sa"  # no fight
    QTest.keyRelease(window.view, Qt.Key.Key_Shift)
    cursor = window.view.textCursor()
    assert cursor.selectedText() == "finance minister said"
    assert cursor.position() > cursor.anchor()  # the direction is kept
    assert window.view.selected_span() == (text.index("finance"), text.index("said") + 4)


def test_a_backward_selection_snaps_and_exact_mode_keeps_the_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    text = article.text
    shift_select(window, text.index("deficit") + 3, Qt.Key.Key_Left, len("he def"))
    QTest.keyRelease(window.view, Qt.Key.Key_Shift)
    cursor = window.view.textCursor()
    assert cursor.selectedText() == "the deficit"
    assert cursor.position() < cursor.anchor()
    window.set_snap_to_words(False)
    shift_select(window, text.index("finance") + 1, Qt.Key.Key_Right, 3)
    QTest.keyRelease(window.view, Qt.Key.Key_Shift)
    assert window.view.textCursor().selectedText() == "ina"

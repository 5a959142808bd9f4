"""A mouse drag that starts or ends inside a word: the highlighted text, Ctrl+C and the
tagged span were three different things (the highlight and the copy said "inance minister
sa", the tag stored "finance minister said"). With Edit › Snap to words on, the drag's
selection now snaps on release, so what is shown is what is copied and what is tagged."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from tagging import add_article

from clipper.gui.main_window import MainWindow

TEXT = "Budget talks\n\nThe finance minister said the deficit would fall to 2.1% next year.\n"


def point_at(window: MainWindow, offset: int) -> QPoint:
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_map().to_qt(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def drag(qtbot: QtBot, window: MainWindow, start: int, end: int) -> None:
    viewport = window.view.viewport()
    window.view.setFocus()
    begin, finish = point_at(window, start), point_at(window, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), begin)
    for step in range(1, 6):
        QTest.mouseMove(viewport, begin + (finish - begin) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), finish)
    qtbot.waitUntil(lambda: window.view.textCursor().hasSelection())


def test_a_drag_inside_words_shows_copies_and_tags_the_same_whole_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    text = article.text
    start = text.index("finance") + 1  # "inance …"
    end = text.index("said") + 2  # "… sa"
    drag(qtbot, window, start, end)
    shown = window.view.textCursor().selectedText()
    assert shown == "finance minister said"
    assert window.view.selected_span() == (text.index("finance"), text.index("said") + 4)
    QGuiApplication.clipboard().clear()
    QTest.keySequence(window.view, QKeySequence.StandardKey.Copy)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "finance minister said")


def test_a_backward_drag_snaps_too_and_exact_mode_keeps_the_drag(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, TEXT)
    text = article.text
    drag(qtbot, window, text.index("deficit") + 3, text.index("the deficit") + 1)
    assert window.view.textCursor().selectedText() == "the deficit"
    window.set_snap_to_words(False)
    drag(qtbot, window, text.index("finance") + 1, text.index("said") + 2)
    assert window.view.textCursor().selectedText() == "inance minister sa"

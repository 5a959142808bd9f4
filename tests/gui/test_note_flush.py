"""A note being typed is saved before anything changes what the editor shows.

Real key presses: type into the note editor, then at once (well inside the 600 ms save
delay) switch article, undo, refresh or close. Nothing typed may be lost.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clipper.gui.controller import Changes
from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.model import Article
from clipper.store import Store

FIRST = "Budget talks\n\nThe minister said the deficit would fall. Critics disagreed.\n"
SECOND = "Harbour plan\n\nThe mayor promised 300 homes by 2030. Critics laughed.\n"
THIRD = "Rail strike\n\nDrivers walked out on Monday, the union said.\n"


def _article(window: MainWindow, text: str) -> Article:
    article = import_article(window.controller.store, read_pasted_text(text))
    window.controller.changed.emit(Changes(library=True))
    return article


def _tagged_note_editor(qtbot: QtBot, window: MainWindow) -> tuple[int, int]:
    """Three articles; the middle one open with one annotation selected, the note
    focused. Returns (annotation id, article id)."""
    _article(window, FIRST)
    first = _article(window, SECOND)
    _article(window, THIRD)
    window.open_article(first.id)
    start = first.text.index("Critics")
    window.view.select_span(start, start + 7)
    qtbot.keyClick(window.view, "3")
    (annotation,) = window.controller.store.list_annotations(first.id)
    window.annotations.select_annotation(annotation.id)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F2)  # Edit note
    qtbot.waitUntil(lambda: window.annotations.note.hasFocus(), timeout=5000)
    return annotation.id, first.id


def _note(window: MainWindow, annotation_id: int) -> str:
    with Store(window.controller.db_path) as other:  # what another process would see
        return other.get_annotation(annotation_id).note


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_PageDown, Qt.Key.Key_PageUp], ids=["ctrl+pgdown", "ctrl+pgup"]
)
def test_switching_article_right_after_typing_keeps_the_note(
    qtbot: QtBot, window: MainWindow, key: Qt.Key
) -> None:
    annotation_id, first_id = _tagged_note_editor(qtbot, window)
    qtbot.keyClicks(window.annotations.note, "ask the treasury")
    qtbot.keyClick(window.annotations.note, key, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.article_id != first_id  # the switch happened
    assert _note(window, annotation_id) == "ask the treasury"


def test_ctrl_z_right_after_typing_undoes_only_the_typing(qtbot: QtBot, window: MainWindow) -> None:
    annotation_id, _ = _tagged_note_editor(qtbot, window)
    qtbot.keyClicks(window.annotations.note, "ask the treasury")
    qtbot.keyClick(window.annotations.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The typing was saved as one step and that step is what Ctrl+Z undid: the
    # annotation is still there and Ctrl+Y brings the note back.
    assert [a.id for a in window.controller.store.list_annotations()] == [annotation_id]
    assert _note(window, annotation_id) == ""
    qtbot.keyClick(window.annotations.note, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _note(window, annotation_id) == "ask the treasury"
    assert window.annotations.note.toPlainText() == "ask the treasury"


def test_f5_right_after_typing_keeps_the_note(qtbot: QtBot, window: MainWindow) -> None:
    annotation_id, _ = _tagged_note_editor(qtbot, window)
    qtbot.keyClicks(window.annotations.note, "ask the treasury")
    qtbot.keyClick(window.annotations.note, Qt.Key.Key_F5)
    assert _note(window, annotation_id) == "ask the treasury"
    assert [a.note for a in window.annotations.model.rows] == ["ask the treasury"]


def test_closing_right_after_typing_keeps_the_note(qtbot: QtBot, window: MainWindow) -> None:
    annotation_id, _ = _tagged_note_editor(qtbot, window)
    qtbot.keyClicks(window.annotations.note, "ask the treasury")
    qtbot.keyClick(window.annotations.note, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert _note(window, annotation_id) == "ask the treasury"


def test_focus_leaving_the_editor_saves_at_once(qtbot: QtBot, window: MainWindow) -> None:
    annotation_id, _ = _tagged_note_editor(qtbot, window)
    qtbot.keyClicks(window.annotations.note, "ask the treasury")
    qtbot.keyClick(window.annotations.note, Qt.Key.Key_Tab)  # focus moves on
    assert _note(window, annotation_id) == "ask the treasury"

"""The editor under the annotations list, used as a person uses it: Tab down its fields,
Ctrl+Z in a data field, Del twice in the list (defects found walking through the app)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, stored, stored_ids, tag_span

from clipper.gui.main_window import MainWindow
from clipper.model import FIGURE_UNIT, FIGURE_VALUE


def _focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5000)


def _tag_figure(qtbot: QtBot, window: MainWindow) -> int:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "1")
    (annotation_id,) = stored_ids(window)
    window.annotations.select_annotation(annotation_id)
    return annotation_id


def test_tab_goes_from_the_data_fields_to_the_note(qtbot: QtBot, window: MainWindow) -> None:
    _tag_figure(qtbot, window)
    pane = window.annotations
    value, unit = pane.attribute_edits[FIGURE_VALUE], pane.attribute_edits[FIGURE_UNIT]
    _focus(qtbot, window, value)
    qtbot.keyClick(value, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unit, timeout=5000)
    qtbot.keyClick(unit, Qt.Key.Key_Tab)  # the hidden Speaker field is skipped
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.note, timeout=5000)
    qtbot.keyClick(pane.note, Qt.Key.Key_Backtab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unit, timeout=5000)


def test_ctrl_z_in_a_data_field_undoes_the_saved_value(qtbot: QtBot, window: MainWindow) -> None:
    annotation_id = _tag_figure(qtbot, window)
    pane = window.annotations
    value = pane.attribute_edits[FIGURE_VALUE]
    store = window.controller.store
    _focus(qtbot, window, value)
    qtbot.keyClicks(value, "2.1")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert store.get_annotation(annotation_id).attributes.get(FIGURE_VALUE) == 2.1
    # Typing not saved yet: Ctrl+Z undoes it in the field, the stored value stays.
    qtbot.keyClicks(value, "5")
    qtbot.keyClick(value, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert value.text() == "2.1"
    assert store.get_annotation(annotation_id).attributes.get(FIGURE_VALUE) == 2.1
    # Nothing typed since the save: Ctrl+Z is Edit › Undo, the saved value goes.
    value.setModified(False)
    qtbot.keyClick(value, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: FIGURE_VALUE not in store.get_annotation(annotation_id).attributes)
    qtbot.waitUntil(lambda: value.text() == "", timeout=5000)
    qtbot.keyClick(
        value, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: value.text() == "2.1", timeout=5000)
    assert store.get_annotation(annotation_id).attributes.get(FIGURE_VALUE) == 2.1


def test_after_a_delete_the_list_selects_what_the_editor_shows(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, PLAIN_TEXT)
    for word, key in (("deficit", "1"), ("Critics", "3"), ("unrealistic", "4")):
        start = article.text.index(word)
        tag_span(qtbot, window, start, start + len(word), key)
    pane = window.annotations
    ids = stored_ids(window)
    pane.select_annotation(ids[1])
    _focus(qtbot, window, pane.table)
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert len(stored(window)) == 2
    shown = pane.current_annotation()
    assert shown is not None
    assert [a.id for a in pane.selected_annotations()] == [shown.id]
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)  # Del again deletes what the editor showed
    assert [a[3] for a in stored(window)] == [
        w for w in ("deficit", "unrealistic") if w != shown.text
    ]


def test_undoing_a_tag_leaves_no_unselected_annotation_in_the_editor(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("deficit")
    tag_span(qtbot, window, start, start + 7, "1")
    pane = window.annotations
    pane.select_annotation(stored_ids(window)[0])
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "3")
    window.undo()
    assert [a[3] for a in stored(window)] == ["deficit"]
    shown = pane.current_annotation()
    assert shown is None or [a.id for a in pane.selected_annotations()] == [shown.id]

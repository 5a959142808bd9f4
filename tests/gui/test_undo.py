"""Edit › Undo/Redo in the real main window drive the core undo log (no QUndoStack)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, Tagged, add_article, stored, tag_span

from clipper.gui.main_window import MainWindow


def menu_texts(window: MainWindow) -> tuple[str, str]:
    a = window.actions_by_name
    return a["undo"].text(), a["redo"].text()


def test_tag_undo_redo_through_the_edit_menu(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    assert menu_texts(window) == ("&Undo", "&Redo")
    assert not window.actions_by_name["undo"].isEnabled()
    tag_span(qtbot, window, start, start + 7, "2")
    assert menu_texts(window) == ("&Undo Tag “Critics” as Quote", "&Redo")
    assert window.actions_by_name["undo"].isEnabled()
    assert not window.actions_by_name["redo"].isEnabled()

    window.actions_by_name["undo"].trigger()
    assert stored(window) == []
    assert window.view.annotations() == [] and window.annotations.model.rowCount() == 0
    assert window.statusBar().currentMessage() == "Undid: Tag “Critics” as Quote"
    assert menu_texts(window) == ("&Undo", "&Redo Tag “Critics” as Quote")
    assert window.library.model.summary(0).counts == {}

    window.actions_by_name["redo"].trigger()
    assert stored(window) == [(start, start + 7, "quote", "Critics")]
    assert [a.text for a in window.view.annotations()] == ["Critics"]
    assert window.library.model.summary(0).counts == {"quote": 1}
    assert menu_texts(window) == ("&Undo Tag “Critics” as Quote", "&Redo")


def test_article_properties_edit_is_undoable(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    window.controller.update_article(article.id, title="Budget")
    assert window.windowTitle().startswith("Budget")
    window.undo()
    assert window.controller.article is not None
    assert window.controller.article.title == article.title
    assert window.windowTitle().startswith(article.title)
    assert window.library.model.summary(0).title == article.title


def test_delete_article_undo_brings_it_back_with_its_annotations(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, critics: Tagged
) -> None:
    article, start = critics.article, critics.start
    window.edit_note(window.controller.sorted_annotations()[0].id, "opposition", session=1)
    before = [(a.id, a.start, a.end, a.tag, a.note) for a in window.controller.sorted_annotations()]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.actions_by_name["delete_article"].trigger()
    assert window.controller.session.count_articles() == 0
    assert window.controller.article is None
    assert window.actions_by_name["undo"].text().startswith("&Undo Delete the article")

    window.actions_by_name["undo"].trigger()
    assert window.controller.article_id == article.id
    after = [(a.id, a.start, a.end, a.tag, a.note) for a in window.controller.sorted_annotations()]
    assert after == before
    assert [a.text for a in window.view.annotations()] == ["Critics"]
    assert window.library.visible_article_ids() == [article.id]

    window.actions_by_name["redo"].trigger()
    assert window.controller.session.count_articles() == 0
    window.undo()
    assert stored(window) == [(start, start + 7, "person", "Critics")]


def test_tag_merge_in_the_tags_dialog_and_its_undo(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.gui.tags_dialog import TagsDialog

    window.controller.add_tag("number", "Number", "#00aa00", "5")
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "5")
    critics = article.text.index("Critics")
    tag_span(qtbot, window, critics, critics + 7, "5")
    tag_span(qtbot, window, start, start + 4, "1")  # the same span as a figure already
    before = stored(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = TagsDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.select_tag("number")
    dialog.merge_combo.setCurrentIndex(dialog.merge_combo.findData("figure"))
    assert dialog.merge_into_chosen()
    assert "number" not in [t.name for t in dialog.tags]
    assert sorted(stored(window)) == [
        (start, start + 4, "figure", "2.1%"),
        (critics, critics + 7, "figure", "Critics"),
    ]
    assert sorted(a.tag for a in window.view.annotations()) == ["figure", "figure"]
    assert window.library.model.summary(0).counts == {"figure": 2}
    assert "number" not in window.tag_bar.tag_actions
    assert window.actions_by_name["undo"].text() == "&Undo Merge Number into Figure"

    window.actions_by_name["undo"].trigger()
    assert sorted(stored(window)) == sorted(before)
    assert "number" in window.tag_bar.tag_actions
    assert sorted(a.tag for a in window.view.annotations()) == ["figure", "number", "number"]
    assert window.library.model.summary(0).counts == {"figure": 1, "number": 2}
    window.actions_by_name["redo"].trigger()
    assert len(stored(window)) == 2


def test_deleting_a_tag_in_use_asks_and_undo_brings_its_annotations_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.gui.tags_dialog import TagsDialog

    window.controller.add_tag("number", "Number", "#00aa00", "5")
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "5")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    dialog = TagsDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.select_tag("number")
    assert not dialog.delete_tag()  # cancelled
    assert dialog.delete_tag()
    assert stored(window) == [] and window.view.annotations() == []
    dialog.select_tag("figure")
    assert not dialog.remove_box.isEnabled()  # built-in tags stay
    window.undo()
    assert stored(window) == [(start, start + 4, "number", "2.1%")]
    assert [a.tag for a in window.view.annotations()] == ["number"]


def test_renaming_a_tag_in_the_dialog_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    from clipper.gui.tags_dialog import TagsDialog

    window.controller.add_tag("number", "Number", "#00aa00", "5")
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("2.1%")
    tag_span(qtbot, window, start, start + 4, "5")
    dialog = TagsDialog(window.controller, window)
    qtbot.addWidget(dialog)
    dialog.select_tag("number")
    dialog.name_edit.setText("amount")
    assert dialog.save()
    assert stored(window) == [(start, start + 4, "amount", "2.1%")]
    assert [a.tag for a in window.view.annotations()] == ["amount"]
    assert window.library.model.summary(0).counts == {"amount": 1}
    dialog.select_tag("figure")
    assert dialog.name_edit.isReadOnly()  # built-in names stay
    window.undo()
    assert stored(window) == [(start, start + 4, "number", "2.1%")]
    assert [a.tag for a in window.view.annotations()] == ["number"]
    assert window.controller.tag("number") is not None


def test_annotations_stay_in_text_order_after_opening_adding_and_undo(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add_article(window, PLAIN_TEXT)
    late, early = article.text.index("Critics"), 0
    tag_span(qtbot, window, late, late + 7, "2")
    window.open_article(None)
    window.open_article(article.id)  # listed by the store, in text order
    assert [a.start for a in window.controller.sorted_annotations()] == [late]
    tag_span(qtbot, window, early, early + 3, "1")  # added before the first one
    assert [a.start for a in window.controller.sorted_annotations()] == [early, late]
    window.actions_by_name["undo"].trigger()
    assert [a.start for a in window.controller.sorted_annotations()] == [late]


def test_redo_of_a_tag_selects_the_annotation_again(
    qtbot: QtBot, window: MainWindow, critics: Tagged
) -> None:
    """Tag, Undo, Redo: the annotation is back and selected, as after tagging, so its note
    can be typed at once (the note box stayed disabled, and the typing went to the text)."""
    window.undo()
    assert window.annotations.current_annotation() is None
    window.redo()
    current = window.annotations.current_annotation()
    assert current is not None and current.text == "Critics"
    assert window.annotations.note.isEnabled()
    window.delete_annotations([current.id])
    window.undo()  # a deleted annotation comes back selected too
    back = window.annotations.current_annotation()
    assert back is not None and back.text == "Critics"

"""The main window end to end: real widgets, a real database file, real key presses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from dropping import drop_files
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, Tagged, add_article, stored, stored_ids, tag_span

from clipper.gui import errors as gui_errors
from clipper.gui.app import create_main_window
from clipper.gui.clipboard_dialog import ClipboardDetailsDialog
from clipper.gui.controller import Changes
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.store import Store

EMOJI_TEXT = (
    'Minister 👍🏽 reacts 👩‍💻 online\n\nShe said "prices rose 4.5% in 😀 March" and left.\n'
)
CJK_TEXT = "東京で会見。首相は「景気は回復している」と述べた。\n\n記者 山田太郎\n"
CRLF_TEXT = 'Headline\r\n\r\nThe mayor said\r\n"we will build 300 homes".\r\nEnd.\r\n'
# -- tagging ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (EMOJI_TEXT, "prices rose 4.5% in 😀 March"),
        (CJK_TEXT, "景気は回復している"),
        (CRLF_TEXT, '"we will build 300 homes"'),
    ],
    ids=["emoji", "cjk", "crlf"],
)
def test_key_2_tags_the_selection_with_code_point_offsets(
    qtbot: QtBot, window: MainWindow, text: str, quote: str
) -> None:
    article = add_article(window, text)
    assert "\r" not in article.text
    start = article.text.index(quote)
    end = start + len(quote)
    tag_span(qtbot, window, start, end, "2")
    assert stored(window) == [(start, end, "quote", quote)]
    # shown at once, without a reload: in the view, the list, the counts
    assert [a.text for a in window.view.annotations()] == [quote]
    assert window.annotations.model.rowCount() == 1
    assert window.library.model.summary(0).counts == {"quote": 1}
    assert window.counts_label.counts()["Quote"] == 1
    assert window.counts_label.text().startswith("1 annotation: ")
    assert "Quote 1" in window.counts_label.text()


def test_every_tag_key_and_the_toolbar(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    words = ["Budget", "2.1%", "finance minister", "Critics called the claim unrealistic."]
    for key, word in zip("1342", words, strict=True):
        start = article.text.index(word)
        tag_span(qtbot, window, start, start + len(word), key)
    assert sorted(tag for *_, tag, _ in stored(window)) == ["claim", "figure", "person", "quote"]
    start = article.text.index("deficit")
    window.view.select_span(start, start + 7)
    window.tag_bar.tag_actions["claim"].trigger()
    assert (start, start + 7, "claim", "deficit") in stored(window)


def test_snap_to_words_toggle(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("minister")
    assert window.actions_by_name["snap_to_words"].isChecked()
    tag_span(qtbot, window, start + 2, start + 5, "3")  # "nis" grows to "minister"
    assert stored(window)[-1][3] == "minister"
    window.actions_by_name["snap_to_words"].trigger()
    assert window.view.snap_to_words is False
    assert window.settings.snap_to_words() is False
    tag_span(qtbot, window, start + 2, start + 5, "3")
    assert stored(window)[-1][3] == "nis"


def test_overlapping_spans_and_duplicates(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    claim = "the deficit would fall to 2.1% next year"
    start = article.text.index(claim)
    tag_span(qtbot, window, start, start + len(claim), "4")
    figure = article.text.index("2.1%")
    tag_span(qtbot, window, figure, figure + 4, "1")
    tag_span(qtbot, window, start, start + len(claim), "2")  # same span, other tag: fine
    assert len(stored(window)) == 3
    tag_span(qtbot, window, start, start + len(claim), "4")  # exact duplicate
    assert len(stored(window)) == 3
    assert "already tagged" in window.statusBar().currentMessage()
    assert window.annotations.model.rowCount() == 3
    # rows are in text order
    assert [a.start for a in window.annotations.model.rows] == sorted([start, start, figure])


def test_no_selection_or_no_article_is_a_message(qtbot: QtBot, window: MainWindow) -> None:
    window.tag_selection("quote")
    assert "Open an article" in window.statusBar().currentMessage()
    add_article(window, PLAIN_TEXT)
    qtbot.keyClick(window.view, "2")
    assert "Select some text" in window.statusBar().currentMessage()
    assert stored(window) == []


def test_user_defined_tag_gets_its_own_key(qtbot: QtBot, window: MainWindow) -> None:
    window.controller.store.add_tag("source", "Source", "#8e7dbe", "5")
    window.controller.reload_tags()
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "5")
    assert stored(window) == [(start, start + 7, "source", "Critics")]
    assert "source" in window.tag_bar.tag_actions


# -- editing and undo ------------------------------------------------------------------


def test_delete_key_in_the_annotation_list(
    qtbot: QtBot, window: MainWindow, critics: Tagged
) -> None:
    start = critics.start
    window.annotations.table.setFocus()
    qtbot.keyClick(window.annotations.table, Qt.Key.Key_Delete)
    assert stored(window) == []
    assert window.view.annotations() == []
    assert window.annotations.model.rowCount() == 0
    window.undo()
    assert stored(window) == [(start, start + 7, "person", "Critics")]


def test_undo_redo_add_delete_change_tag_and_note(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("deficit")
    tag_span(qtbot, window, start, start + 7, "1")
    (annotation_id,) = stored_ids(window)
    window.change_tag(annotation_id, "claim")
    window.edit_note(annotation_id, "check the ministry figures", session=1)
    window.delete_annotations([annotation_id])
    assert stored(window) == []
    assert len(window.controller.session.undo_log) == 4
    stack = window  # Edit › Undo/Redo

    stack.undo()  # delete
    restored = window.controller.store.get_annotation(annotation_id)  # the same id
    assert (restored.tag, restored.note) == ("claim", "check the ministry figures")
    stack.undo()  # note
    assert window.controller.store.get_annotation(annotation_id).note == ""
    stack.undo()  # tag
    assert window.controller.store.get_annotation(annotation_id).tag == "figure"
    assert window.view.annotations()[0].tag == "figure"
    stack.undo()  # add
    assert stored(window) == []
    assert window.annotations.model.rowCount() == 0
    for _ in range(4):
        stack.redo()
    assert stored(window) == []
    stack.undo()
    stack.undo()
    a = window.controller.store.get_annotation(annotation_id)
    assert (a.tag, a.note) == ("claim", "")
    assert window.annotations.model.rows[0].tag == "claim"


def test_ctrl_z_and_ctrl_y_keys(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "3")
    window.activateWindow()
    window.actions_by_name["undo"].trigger()
    assert stored(window) == []
    keys = [k.toString() for k in window.actions_by_name["redo"].shortcuts()]
    assert "Ctrl+Shift+Z" in keys and "Ctrl+Y" in keys
    window.actions_by_name["redo"].trigger()
    assert len(stored(window)) == 1


def test_undo_across_articles_switches_back(qtbot: QtBot, window: MainWindow) -> None:
    first = add_article(window, PLAIN_TEXT)
    start = first.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "3")
    second = add_article(window, EMOJI_TEXT)
    s2 = second.text.index("March")
    tag_span(qtbot, window, s2, s2 + 5, "1")
    window.open_article(first.id)
    window.undo()  # the tag on the second article
    assert window.controller.article_id == second.id
    assert stored(window, second.id) == []
    window.undo()  # the tag on the first article
    assert window.controller.article_id == first.id
    assert stored(window, first.id) == []
    window.redo()
    window.redo()
    assert window.controller.article_id == second.id
    assert len(stored(window)) == 2
    assert [a.text for a in window.view.annotations()] == ["March"]


def test_undo_of_something_deleted_elsewhere_is_a_message(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "3")
    with Store(db_path) as other:
        other.delete_annotation(stored_ids(window)[0])
    window.undo()
    assert "Cannot undo" in window.statusBar().currentMessage()
    assert not window.controller.session.undo_log.can_undo


def test_note_editor_saves_after_typing_and_on_leaving(
    qtbot: QtBot, window: MainWindow, critics: Tagged
) -> None:
    annotation_id = critics.annotation_id
    note = window.annotations.note
    assert note.isEnabled()
    note.setFocus()
    qtbot.keyClicks(note, "opposition MPs")
    qtbot.waitUntil(
        lambda: window.controller.store.get_annotation(annotation_id).note == "opposition MPs",
        timeout=3000,
    )
    qtbot.keyClicks(note, " (3)")
    window.view.setFocus()  # leaving the field saves at once
    note.clearFocus()
    window.annotations.save_note()
    assert window.controller.store.get_annotation(annotation_id).note == "opposition MPs (3)"
    assert window.annotations.model.rows[0].note == "opposition MPs (3)"
    window.undo()  # one typing session is one undo step
    assert window.controller.store.get_annotation(annotation_id).note == ""
    assert note.toPlainText() == ""


def test_change_tag_from_the_combo(qtbot: QtBot, window: MainWindow, critics: Tagged) -> None:
    annotation_id = critics.annotation_id
    combo = window.annotations.tag_combo
    assert combo.currentData() == "person"
    combo.activated.emit(combo.findData("claim"))
    assert window.controller.store.get_annotation(annotation_id).tag == "claim"
    assert window.library.model.summary(0).counts == {"claim": 1}


def test_clicking_an_annotation_row_scrolls_and_flashes(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT * 40)
    start = article.text.rindex("Critics")
    tag_span(qtbot, window, start, start + 7, "3")
    window.view.verticalScrollBar().setValue(0)
    index = window.annotations.proxy.index(0, 1)
    window.annotations.table.clicked.emit(index)
    assert window.view.verticalScrollBar().value() > 0
    assert window.view._flash_id == stored_ids(window)[0]


def test_annotation_filter_by_tag(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    for word, key in (("Budget", "1"), ("Critics", "3"), ("deficit", "4")):
        s = article.text.index(word)
        tag_span(qtbot, window, s, s + len(word), key)
    pane = window.annotations
    pane.tag_filter.setCurrentIndex(pane.tag_filter.findData("person"))
    assert pane.proxy.rowCount() == 1
    assert pane.count_label.text() == "1 of 3"


# -- articles in -----------------------------------------------------------------------


def test_clipboard_import(qtbot: QtBot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("Pasted headline\n\nThe CEO said “we grew 12%”.\n")
    window.actions_by_name["paste_clipping"].trigger()
    dialog = window.findChild(ClipboardDetailsDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the details are optional
    qtbot.waitUntil(lambda: window.controller.article is not None, timeout=10_000)
    assert window.controller.article.title == "Pasted headline"
    assert window.centre.currentWidget() is window.article_page
    assert window.library.model.rowCount() == 1


def test_drop_files_imports_them(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    paths = []
    for n in (1, 2):
        path = tmp_path / f"article{n}.txt"
        path.write_text(f"Dropped article {n}\n\nBody text number {n}.\n", encoding="utf-8")
        paths.append(path)
    event = drop_files(window, paths)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.controller.store.count_articles() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 2, timeout=5000)
    assert window.controller.article is not None


def test_drop_of_non_file_data_is_ignored(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just text")
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert not event.isAccepted()


def test_welcome_page_and_sample(qtbot: QtBot, window: MainWindow) -> None:
    assert window.centre.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    article = window.controller.article
    assert article is not None and article.outlet == "Wikinews"
    assert window.centre.currentWidget() is window.article_page
    assert window.view.textCursor().position() == 0
    assert QApplication.focusWidget() is window.view or window.view.hasFocus()
    window.actions_by_name["open_sample"].trigger()  # again: the same article, no duplicate
    assert window.controller.store.count_articles() == 1


def test_delete_article_asks_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = add_article(window, PLAIN_TEXT)
    second = add_article(window, CJK_TEXT)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    window.actions_by_name["delete_article"].trigger()
    assert window.controller.store.count_articles() == 2
    window.actions_by_name["delete_article"].trigger()
    assert window.controller.store.count_articles() == 1
    assert window.controller.article_id == first.id
    assert second.id not in window.library.visible_article_ids()


# -- library ---------------------------------------------------------------------------


def test_library_search_and_tag_filter(qtbot: QtBot, window: MainWindow) -> None:
    budget = add_article(window, PLAIN_TEXT)
    add_article(window, CJK_TEXT)
    s = budget.text.index("Critics")
    window.open_article(budget.id)
    tag_span(qtbot, window, s, s + 7, "3")
    pane = window.library
    pane.search.setText("deficit")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1, timeout=2000)
    assert pane.model.ids == [budget.id]
    pane.search.clear()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=2000)
    pane.tag_filter.setCurrentIndex(pane.tag_filter.findData("person"))
    assert pane.model.ids == [budget.id]


def test_library_click_opens_article_and_next_previous(qtbot: QtBot, window: MainWindow) -> None:
    a = add_article(window, PLAIN_TEXT)
    b = add_article(window, CJK_TEXT)
    ids = window.library.visible_article_ids()
    assert ids == [b.id, a.id]  # newest first
    row = window.library.model.index(1, 0)
    rect = window.library.table.visualRect(row)
    qtbot.mouseClick(window.library.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.controller.article_id == a.id
    window.actions_by_name["previous_article"].trigger()
    assert window.controller.article_id == b.id
    window.actions_by_name["next_article"].trigger()
    assert window.controller.article_id == a.id


# -- persistence and refresh ----------------------------------------------------------


def test_last_article_and_layout_persist(
    qtbot: QtBot, db_path: Path, settings: Settings, window: MainWindow
) -> None:
    add_article(window, PLAIN_TEXT)
    second = add_article(window, CJK_TEXT)
    first_id = window.library.visible_article_ids()[-1]
    window.open_article(first_id)
    window.resize(760, 560)  # fits the offscreen screen, so geometry restores exactly
    qtbot.waitUntil(lambda: window.width() == 760)
    window.splitter.setSizes([200, 340, 220])
    sizes = window.splitter.sizes()
    window.close()
    again = create_main_window(db_path, settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == window.size()
    assert again.controller.article_id == first_id != second.id
    assert again.splitter.sizes() == sizes
    assert str(Path(db_path).resolve()) in [
        str(Path(p).resolve()) for p in settings.recent_databases()
    ]
    again.close()
    again.controller.close()


def test_article_option_wins_over_last_article(
    qtbot: QtBot, db_path: Path, settings: Settings
) -> None:
    with Store(db_path) as store:
        a = import_article(store, read_pasted_text(PLAIN_TEXT))
        b = import_article(store, read_pasted_text(CJK_TEXT))
    settings.set_last_article(str(db_path), a.id)
    w = create_main_window(db_path, settings=settings, article_id=b.id)
    qtbot.addWidget(w)
    assert w.controller.article_id == b.id
    w.controller.close()


def test_f5_picks_up_changes_from_another_connection(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    article = add_article(window, PLAIN_TEXT)
    with Store(db_path) as cli:
        s = article.text.index("Critics")
        cli.add_annotation(article.id, s, s + 7, "person", "from the CLI")
        cli.update_article(article.id, title="Renamed by the CLI")
        import_article(cli, read_pasted_text(CJK_TEXT))
    assert window.controller.changed_elsewhere()
    window.view.setFocus()
    window.actions_by_name["refresh"].trigger()
    assert [a.note for a in window.annotations.model.rows] == ["from the CLI"]
    assert [a.text for a in window.view.annotations()] == ["Critics"]
    assert window.library.model.rowCount() == 2
    assert "Renamed by the CLI" in window.windowTitle()
    assert not window.controller.changed_elsewhere()


def test_open_another_database_and_recent(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, settings: Settings
) -> None:
    add_article(window, PLAIN_TEXT)
    other = tmp_path / "other.db"
    window.open_database(str(other))
    assert window.controller.db_path == str(other)
    assert window.centre.currentWidget() is window.welcome
    assert not window.controller.session.undo_log.can_undo
    assert settings.recent_databases()[0] == str(other.resolve())
    window._fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert any(str(Path(window.settings.recent_databases()[1])) in t for t in texts)


def test_opening_a_file_that_is_not_a_database_shows_an_error(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    before = window.controller.db_path
    window.open_database(str(bad))
    assert window.controller.db_path == before
    dialogs = gui_errors.open_error_dialogs()
    assert dialogs and "not a Clipper database" in dialogs[-1].text()
    for box in dialogs:
        box.close()


# -- robustness ------------------------------------------------------------------------


def test_exception_in_a_slot_shows_a_dialog_and_the_app_keeps_running(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = gui_errors.setup_logging(tmp_path / "logs")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    gui_errors.install_excepthook()
    button = QPushButton("bug", window)

    def buggy() -> None:
        raise RuntimeError("a bug in a slot")

    button.clicked.connect(buggy)
    button.click()
    dialogs = gui_errors.open_error_dialogs()
    assert len(dialogs) == 1
    assert "RuntimeError: a bug in a slot" in dialogs[0].text()
    assert "buggy" in dialogs[0].detailedText()
    assert log_file is not None and "a bug in a slot" in log_file.read_text(encoding="utf-8")
    dialogs[0].close()
    qtbot.waitUntil(lambda: not gui_errors.open_error_dialogs(), timeout=2000)
    article = add_article(window, PLAIN_TEXT)  # still works
    s = article.text.index("Critics")
    tag_span(qtbot, window, s, s + 7, "3")
    assert len(stored(window)) == 1


# -- keyboard --------------------------------------------------------------------------


def test_find_bar(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, PLAIN_TEXT)
    window.actions_by_name["find"].trigger()
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "critics")
    cursor = window.view.textCursor()
    assert cursor.selectedText() == "Critics"
    qtbot.keyClicks(window.find_bar.edit, "zz")
    assert window.find_bar.status.text() == "Not found"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_zoom_actions_persist(qtbot: QtBot, window: MainWindow, settings: Settings) -> None:
    add_article(window, PLAIN_TEXT)
    window.actions_by_name["zoom_in"].trigger()
    assert window.view.zoom_percent > 100
    assert settings.zoom() == window.view.zoom_percent
    window.actions_by_name["reset_zoom"].trigger()
    assert window.view.zoom_percent == 100


def test_every_action_has_a_shortcut_and_a_menu(window: MainWindow) -> None:
    from clipper.gui.shortcuts import ACTIONS

    seen: dict[str, str] = {}
    for item in ACTIONS:
        action = window.actions_by_name[item.name]
        assert action.text()
        assert any(action in menu.actions() for menu in window.menus.values()), item.name
        if item.name in ("about", "merge_databases", "suggest_automatically"):  # keyless by design
            continue
        assert action.shortcuts(), item.name
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} used by {seen.get(text)} and {item.name}"
            seen[text] = item.name
    for tag in window.controller.tags:
        assert tag.shortcut not in seen


def test_focus_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    add_article(window, PLAIN_TEXT)
    window.actions_by_name["focus_library"].trigger()
    assert window.library.search.hasFocus() or QApplication.focusWidget() is window.library.search
    window.actions_by_name["focus_article"].trigger()
    assert QApplication.focusWidget() is window.view


def test_accessible_names(window: MainWindow) -> None:
    for widget in (
        window.view,
        window.library.search,
        window.library.table,
        window.annotations.table,
        window.annotations.note,
        window.annotations.tag_filter,
    ):
        assert widget.accessibleName(), widget.objectName()


def test_context_menu_point_is_harmless(window: MainWindow) -> None:
    window.annotations._context_menu(QPoint(5, 5))


# -- dialogs from the other modules, wired into the menus ------------------------------


def test_properties_dialog_saves_and_the_library_updates(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.gui.properties_dialog import ArticlePropertiesDialog

    add_article(window, PLAIN_TEXT)

    def fake_exec(dialog: ArticlePropertiesDialog) -> int:
        dialog.edits["title"].setText("Budget talks (edited)")
        dialog.edits["outlet"].setText("The Ledger")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ArticlePropertiesDialog, "exec", fake_exec)
    window.actions_by_name["properties"].trigger()
    assert window.controller.article.title == "Budget talks (edited)"
    assert window.library.model.summary(0).outlet == "The Ledger"
    assert "Budget talks (edited)" in window.windowTitle()


def test_export_dialog_gets_the_current_and_selected_articles(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.gui import export_dialog

    seen: list[tuple[str, int | None, list[int]]] = []

    def fake_exec(dialog: export_dialog.ExportDialog) -> int:
        seen.append((dialog._db_path, dialog._current_id, dialog._chosen_ids))
        return 0

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", fake_exec)
    article = add_article(window, PLAIN_TEXT)
    window.actions_by_name["export"].trigger()
    assert seen == [(str(window.controller.db_path), article.id, [article.id])]


def test_tags_dialog_then_tags_reload(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.gui.tags_dialog import TagsDialog

    def fake_exec(dialog: TagsDialog) -> int:
        window.controller.store.update_tag("quote", colour="#123456", shortcut="q")
        return 1

    monkeypatch.setattr(TagsDialog, "exec", fake_exec)
    window.actions_by_name["manage_tags"].trigger()
    action = window.tag_bar.tag_actions["quote"]
    assert action.shortcut().toString() == "Q"
    assert window.controller.tag_for_key("q") is not None


def test_keyboard_shortcuts_dialog_lists_actions(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clipper.gui.shortcuts import ShortcutsDialog

    shown: list[str] = []

    def fake_exec(dialog: ShortcutsDialog) -> int:
        shown.append(dialog.findChild(QTextBrowser).toPlainText())
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", fake_exec)
    window.actions_by_name["shortcuts"].trigger()
    assert "Import files" in shown[0] and "Ctrl+O" in shown[0]
    assert "Tag the selection as Claim" in shown[0]


def test_window_activation_refreshes_only_when_the_database_changed(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    from PySide6.QtCore import QEvent

    article = add_article(window, PLAIN_TEXT)
    reloads: list[Changes] = []
    window.controller.changed.connect(lambda c: reloads.append(c) if c.article else None)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert reloads == []  # nothing changed elsewhere: no reload
    with Store(db_path) as cli:
        s = article.text.index("Budget")
        cli.add_annotation(article.id, s, s + 6, "figure")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert len(reloads) == 1
    assert [a.text for a in window.annotations.model.rows] == ["Budget"]

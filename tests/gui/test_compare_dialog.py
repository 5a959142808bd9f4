"""Team › Compare coders: real keys adopt versions into the gold coder; Undo restores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clipper.gui.app import create_main_window
from clipper.gui.compare_dialog import CompareDialog
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.gui.shortcuts import shortcut_rows
from clipper.gui.workers import Job
from clipper.model import GOLD_CODER, ImportedArticle
from clipper.store import Store

TEXT = "Sales rose 12% to £4.2bn 🎉, the chief executive said on Tuesday in Berlin."


def _store_rows(db_path: Path) -> list[tuple[object, ...]]:
    with Store(db_path) as store:
        return [
            (a.start, a.end, a.tag, a.coder, a.origin_detail, dict(a.attributes))
            for a in store.list_annotations(1)
            if a.coder == GOLD_CODER
        ]


@pytest.fixture
def coded_window(qtbot: QtBot, db_path: Path, tmp_path: Path) -> Iterator[MainWindow]:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Sales", "sales.txt", "txt"))
        add = store.add_annotation
        add(1, 0, 5, "person", coder="ann")  # agreement
        add(1, 0, 5, "person", coder="bob")
        add(1, 18, 24, "figure", coder="ann", attributes={"value": 4.2e9})  # boundary
        add(1, 19, 24, "figure", coder="bob")
        add(1, 11, 14, "figure", coder="ann")  # missing for bob
        add(1, 68, 74, "person", coder="bob")  # "Berlin" after the emoji: missing for ann
    window = create_main_window(db_path, settings=Settings(tmp_path / "s.ini"), article_id=1)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    assert Job.shutdown_all(10_000)
    for dialog in window.findChildren(CompareDialog):
        dialog.close()
    window.close()
    window.controller.close()


def _open(qtbot: QtBot, window: MainWindow) -> CompareDialog:
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(CompareDialog) is not None, timeout=10_000)
    dialog = window.findChild(CompareDialog)
    assert isinstance(dialog, CompareDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=10_000)
    _compared(qtbot, dialog)
    return dialog


def _compared(qtbot: QtBot, dialog: CompareDialog) -> None:
    """Wait for the background comparison to be shown (generous: a loaded machine)."""
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30_000)


def _key(
    qtbot: QtBot,
    dialog: CompareDialog,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A real key press in the dialog's list (the dialog's keys are window shortcuts)."""
    if not dialog.isActiveWindow():
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=10_000)
    qtbot.keyClick(dialog.list, key, modifiers)
    QApplication.processEvents()
    _compared(qtbot, dialog)


def test_keys_adopt_versions_and_undo_restores(
    qtbot: QtBot, coded_window: MainWindow, db_path: Path
) -> None:
    dialog = _open(qtbot, coded_window)
    assert dialog.coders == ("ann", "bob")
    kinds = [u.kind for u in dialog.units]
    assert kinds == ["agreement", "missing", "boundary", "missing"]
    # it starts on the first open disagreement: ann's 12% (bob has nothing)
    assert dialog.current_index() == 1
    assert "2 disagreements" not in dialog.progress_label.text()
    _key(qtbot, dialog, Qt.Key.Key_A)  # adopt ann's 12%
    assert _store_rows(db_path) == [(11, 14, "figure", GOLD_CODER, "adjudicated:ann", {})]
    assert dialog.current_index() == 2  # moved on to the boundary
    _key(qtbot, dialog, Qt.Key.Key_B)  # bob's shorter figure
    assert (19, 24, "figure", GOLD_CODER, "adjudicated:bob", {}) in _store_rows(db_path)
    assert dialog.current_index() == 3
    _key(qtbot, dialog, Qt.Key.Key_X)  # neither: "Berlin" stays out of gold
    assert len(_store_rows(db_path)) == 2
    assert dialog.comparison is not None and dialog.comparison.progress.decided == 3
    assert dialog.progress.value() == 3 and dialog.progress.maximum() == 4
    _key(qtbot, dialog, Qt.Key.Key_G)  # every agreement
    assert (0, 5, "person", GOLD_CODER, "adjudicated:ann", {}) in _store_rows(db_path)
    assert dialog.progress_label.text() == "Adjudicated ✓"
    # the main window's undo log holds each step: Ctrl+Z in the dialog undoes them
    _key(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(_store_rows(db_path)) == 2
    _key(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _store_rows(db_path) == [(11, 14, "figure", GOLD_CODER, "adjudicated:ann", {})]
    coded_window.undo()  # Edit › Undo of the main window: the same log
    _compared(qtbot, dialog)
    assert _store_rows(db_path) == []
    assert dialog.comparison is not None and dialog.comparison.progress.decided == 0
    # the gold annotations appear in the main window's article as they are made
    _key(qtbot, dialog, Qt.Key.Key_J)
    assert dialog.current_unit() is not None and dialog.current_unit().kind != "agreement"


def test_both_and_refusal_are_reported(
    qtbot: QtBot, coded_window: MainWindow, db_path: Path
) -> None:
    dialog = _open(qtbot, coded_window)
    dialog.select(2)  # the boundary
    _key(qtbot, dialog, Qt.Key.Key_C)
    assert [r[:2] for r in _store_rows(db_path)] == [(18, 24), (19, 24)]
    assert {a.coder for a in coded_window.controller.annotations.values()} >= {GOLD_CODER}
    dialog.select(1)  # ann only: B's version does not exist
    _key(qtbot, dialog, Qt.Key.Key_B)
    assert "bob has no annotation here" in dialog.status.text()
    assert len(_store_rows(db_path)) == 2


def test_next_and_previous_skip_agreements(qtbot: QtBot, coded_window: MainWindow) -> None:
    dialog = _open(qtbot, coded_window)
    dialog.select(3)
    _key(qtbot, dialog, Qt.Key.Key_K)
    assert dialog.current_index() == 2
    _key(qtbot, dialog, Qt.Key.Key_K)
    _key(qtbot, dialog, Qt.Key.Key_K)
    assert dialog.current_index() == 1  # the agreement (0) is skipped
    assert "No more disagreements" in dialog.status.text()


def test_clicking_a_span_in_the_text_selects_its_unit(
    qtbot: QtBot, coded_window: MainWindow
) -> None:
    dialog = _open(qtbot, coded_window)
    view = dialog.view
    berlin = next(a for u in dialog.units for a in u.annotations() if a.start == 68)
    # after the emoji: Qt (UTF-16) positions differ from code points
    qt_pos = view.position_map().to_qt(berlin.start + 2)
    cursor = view.textCursor()
    cursor.setPosition(qt_pos)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: dialog.current_index() == 3, timeout=5_000)


def test_keys_are_listed_in_help() -> None:
    rows = shortcut_rows([])
    assert ("Team", "Compare coders: Adopt coder A's version", "A") in rows
    assert any(r[1] == "Compare coders" and r[0] == "Team" for r in rows)


def test_without_an_article_or_a_second_coder_it_says_what_to_do(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open(qtbot, window)
    assert "Open an article" in dialog.status.text()
    assert not dialog.buttons["adopt_a"].isEnabled()
    window.open_sample()
    qtbot.waitUntil(lambda: "fewer than two coders" in dialog.status.text(), timeout=10_000)
    _key(qtbot, dialog, Qt.Key.Key_A)  # nothing to adopt: nothing happens, nothing breaks
    assert window.controller.session.list_annotations(coders=[GOLD_CODER]) == []


def test_choosing_other_coders_compares_them(qtbot: QtBot, coded_window: MainWindow) -> None:
    coded_window.controller.session.add_annotation(1, 0, 5, "person", coder="cy")
    coded_window.controller.refresh()
    dialog = _open(qtbot, coded_window)
    dialog.coder_b.setCurrentText("cy")
    _compared(qtbot, dialog)
    assert dialog.comparison is not None and dialog.comparison.coders == ("ann", "cy")
    assert [u.kind for u in dialog.units][:1] == ["agreement"]
    assert dialog.list.model().headerData(3, Qt.Orientation.Horizontal) == "cy"


def test_the_list_shows_each_unit_and_nothing_reads_every_annotation(
    qtbot: QtBot, coded_window: MainWindow
) -> None:
    """The rows (where, kind, each version, decision; agreements in italics, decided rows
    grey) are made when shown; opening and deciding read the coders' annotations only
    (not the article's others: pending suggestions of a coder are left out)."""
    controller = coded_window.controller
    controller.session.add_suggestions(
        1, controller.session.suggestions_for(1)
    )  # pending suggestions by the window's coder: never compared, never read
    controller.refresh()
    dialog = _open(qtbot, coded_window)
    model = dialog.list.model()

    def row(r: int) -> list[object]:
        return [model.index(r, c).data() for c in range(model.columnCount())]

    assert row(0) == ["0–5", "Agreement", "person “Sales” 0–5", "person “Sales” 0–5", "—"]
    assert model.index(0, 2).data(Qt.ItemDataRole.FontRole).italic()
    assert row(2)[:2] == ["18–24", "Boundary"]
    assert "value=4200000000.0" in str(row(2)[2])
    assert "4.2bn" in str(model.index(2, 2).data(Qt.ItemDataRole.ToolTipRole))
    assert row(1)[3] == "—" and model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) is None
    _key(qtbot, dialog, Qt.Key.Key_A)  # adopt ann's 12% (row 1)
    assert row(1)[4] == "ann's"
    assert model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert not controller.annotations.loaded()

"""File › Merge databases… and Team › Agreement… in the real window, on real files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from clipper.gui import team_menu
from clipper.gui.main_window import MainWindow
from clipper.gui.shortcuts import ACTIONS
from clipper.library import open_sample
from clipper.store import Store


def coder_database(path: Path, coder: str, spans: list[tuple[int, int, str]]) -> None:
    with Store(path) as store:
        article = open_sample(store)
        for start, end, tag in spans:
            store.add_annotation(article.id, start, end, tag, coder=coder)


def test_actions_are_declared_with_their_keys() -> None:
    by_name = {a.name: a for a in ACTIONS}
    assert (by_name["merge_databases"].menu, by_name["merge_databases"].keys) == ("File", ())
    assert (by_name["agreement"].menu, by_name["agreement"].keys) == ("Team", ("Ctrl+Alt+A",))


def summary_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "mergeSummary":
            return widget
    return None


def test_merge_then_agreement(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    coder_database(tmp_path / "alice.db", "alice", [(0, 8, "figure"), (20, 30, "quote")])
    coder_database(tmp_path / "bob.db", "bob", [(0, 8, "figure"), (22, 30, "quote")])
    job = team_menu.merge_databases(window, [str(tmp_path / "alice.db"), str(tmp_path / "bob.db")])
    assert job is not None
    qtbot.waitUntil(lambda: summary_box() is not None, timeout=60_000)
    box = summary_box()
    assert box is not None and "4 annotations added" in box.text()
    assert "No conflicting values" in box.informativeText()
    box.close()
    assert window.controller.session.count_articles() == 1

    window.actions_by_name["agreement"].trigger()
    dialog = window._agreement[0]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=60_000)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells == ["figure", "1.000", "1.000", "1.000", "1.000", "2", "2"]
    assert dialog.table.item(2, 0).text() == "All tags"
    assert "alice, bob" in dialog.summary.text()
    dialog.close()


def test_agreement_without_two_coders_says_why(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_name["agreement"].trigger()
    dialog = window._agreement[0]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "two coders" in dialog.summary.text(), timeout=60_000)
    assert dialog.table.rowCount() == 0
    dialog.close()


def test_a_bad_file_merges_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("not json at all", encoding="utf-8")
    team_menu.merge_databases(window, [str(bad)])
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.objectName() == "clipperErrorDialog" and w.isVisible()
            for w in QApplication.topLevelWidgets() + window.findChildren(QMessageBox)
        ),
        timeout=60_000,
    )
    assert window.controller.session.count_articles() == 0

"""File › New database and Back up add ".db" to a name typed without one: "project" made a
file named "project" that File › Open database (which lists *.db) did not show."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow


def _answer_file_dialog(path: Path) -> None:
    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.selectFile(str(path))
                widget.accept()
                return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("action", ["new_database", "backup"])
def test_a_name_without_extension_gets_db(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, action: str
) -> None:
    typed = tmp_path / "project"
    _answer_file_dialog(typed)
    window.actions_by_name[action].trigger()
    wanted = tmp_path / "project.db"
    qtbot.waitUntil(wanted.exists, timeout=30_000)
    assert not typed.exists()
    if action == "new_database":
        assert Path(window.controller.db_path) == wanted

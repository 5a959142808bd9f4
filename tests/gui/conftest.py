"""The real main window on a real database file, for the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from tagging import Tagged, tag_critics

from clipper.gui.app import create_main_window
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.gui.workers import Job


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, settings: Settings) -> Iterator[MainWindow]:
    w = create_main_window(db_path, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    assert Job.shutdown_all(10_000)
    if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
        # A test that pressed without releasing (or a double click's last release that
        # Qt did not count) would leave the app thinking a drag is under way.
        for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            QTest.mouseRelease(w, button)
    w.close()
    w.controller.close()


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ``QMessageBox.question`` is answered Cancel; the texts asked, in order."""
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def critics(qtbot: QtBot, window: MainWindow) -> Tagged:
    """The sample text open, "Critics" tagged as a Person and selected in the pane."""
    return tag_critics(qtbot, window)

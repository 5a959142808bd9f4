"""The real main window on a real database file, for the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

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
    w.close()
    w.controller.close()

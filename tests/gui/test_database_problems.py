"""The app on a disk that fills up: a clear dialog, nothing lost, the app keeps working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from disks import fill
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from clipper.gui.app import create_main_window
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.importers import read_pasted_text
from clipper.library import import_article

TEXT = "Budget talks\n\nThe minister said the deficit would fall to 2.1% next year.\n"


@pytest.fixture
def full_window(qtbot: QtBot, small_disk: Path, tmp_path: Path) -> Iterator[MainWindow]:
    w = create_main_window(small_disk / "c.db", settings=Settings(tmp_path / "s.ini"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
    w.close()
    w.controller.close()


def error_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "clipperErrorDialog" and w.isVisible()
    ]


def test_a_full_disk_while_tagging_is_a_dialog_and_nothing_is_lost(
    qtbot: QtBot, full_window: MainWindow, small_disk: Path
) -> None:
    window = full_window
    article = import_article(window.controller.store, read_pasted_text(TEXT))
    window.open_article(article.id)
    window.view.select_span(0, 6)
    qtbot.keyClick(window.view, "1")
    assert len(window.controller.store.list_annotations(article.id)) == 1

    filler = fill(small_disk)
    window.view.select_span(14, 22)
    qtbot.keyClick(window.view, "2")
    qtbot.waitUntil(lambda: bool(error_dialogs()), timeout=10_000)
    (box,) = error_dialogs()
    assert "disk is full" in box.text() and "free some space" in box.text()
    assert len(window.controller.store.list_annotations(article.id)) == 1

    filler.unlink()  # the user frees space: the app works on, nothing was lost
    box.close()
    window.view.select_span(14, 22)
    qtbot.keyClick(window.view, "2")
    tags = [a.tag for a in window.controller.store.list_annotations(article.id)]
    assert sorted(tags) == ["figure", "quote"]

"""File › Sync with team server… without an address says so and stays open (it used to
close without a word)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.gui.team_sync import SyncDialog


def test_sync_now_without_an_address_says_what_to_type(qtbot: QtBot, window: MainWindow) -> None:
    dialog = SyncDialog("", 0, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sync_now = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert sync_now.text() == "Sync now"
    qtbot.mouseClick(sync_now, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.isVisible()
    assert "address" in dialog.problem.text() and "postgresql://" in dialog.problem.text()
    dialog.url.setFocus()
    qtbot.keyClicks(dialog.url, "postgresql://ann@server/team")
    assert not dialog.problem.isVisible()  # typing clears the message
    qtbot.keyClick(dialog.url, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()

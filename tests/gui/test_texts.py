"""Wording the user reads in the window and dialogs (issue 10, item 11)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clipper.gui.export_dialog import ExportDialog
from clipper.gui.main_window import MainWindow
from clipper.gui.workers import Job
from clipper.store import Store


def test_welcome_page_and_menu_say_web_pages_can_be_imported(window: MainWindow) -> None:
    intro = window.welcome.findChild(QLabel, "welcomeText")
    assert intro is not None
    assert "text, PDF or web-page (HTML) files" in intro.text()
    assert "text or PDF" not in intro.text()
    assert window.welcome.import_button.accessibleName() == "Import text, PDF or web-page files"
    assert window.actions_by_name["import"].toolTip() == "Import text, PDF or web-page files"


def test_export_dialog_names_a_tag_once(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as store:
        store.add_tag("money_eur", "Money")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(str(db_path), None, [], None, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    captions = [dialog.tag_list.item(i).text() for i in range(dialog.tag_list.count())]
    assert "Figure" in captions and "Figure (figure)" not in captions
    assert "Money (money_eur)" in captions
    dialog.reject()
    assert Job.shutdown_all(10_000)

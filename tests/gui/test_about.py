"""Help > About shows the version, the licence and the bundled material's attribution."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from clipper import __version__
from clipper.gui.about import attributions_markdown, build_about_dialog, show_about
from clipper.resources import SAMPLE_META, resource_path


def test_attributions_come_from_the_shipped_file() -> None:
    text = attributions_markdown()
    shipped = resource_path("samples/ATTRIBUTION.md").read_text(encoding="utf-8")
    assert SAMPLE_META["url"] in text
    assert "Creative Commons Attribution 2.5" in text
    assert shipped.splitlines()[2] in text  # the attribution line itself, verbatim
    assert "LGPL-3.0" in text  # Qt, shipped in the standalone build


def test_dialog_shows_version_licence_and_attribution(qtbot: QtBot) -> None:
    dialog = build_about_dialog()
    qtbot.addWidget(dialog)
    header = dialog.findChild(QLabel, "aboutHeader")
    credits = dialog.findChild(QTextBrowser, "aboutAttributions")
    assert header is not None and credits is not None
    assert f"Clipper {__version__}" in header.text()
    assert "MIT licence" in header.text()
    shown = credits.toPlainText()
    assert "Wikinews" in shown and "Creative Commons Attribution 2.5" in shown
    assert "Mecca crane collapse" in shown


def test_show_about_opens_over_parent_and_closes(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    show_about(parent)
    dialog = parent.findChild(QWidget, "aboutDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.close()
    qtbot.waitUntil(lambda: parent.findChild(QWidget, "aboutDialog") is None)

"""The Export dialog lists exactly the registry's formats, as ``clipper export`` does,
and keeps the file name's ending in step with the chosen format."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from PySide6.QtCore import QSettings

from clipper.cli import cli
from clipper.exporters import EXPORT_FORMATS
from clipper.gui.export_dialog import ExportDialog
from clipper.store import Store


def test_dialog_and_cli_list_the_same_formats(qtbot: Any, db_path: Path, tmp_path: Path) -> None:
    Store(db_path).close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(str(db_path), None, [], None, settings=settings)
    qtbot.addWidget(dialog)
    combo = dialog.format_combo
    in_dialog = [combo.itemData(i) for i in range(combo.count())]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert in_dialog == list(EXPORT_FORMATS)
    assert labels == [f.label for f in EXPORT_FORMATS.values()]
    result = CliRunner().invoke(cli, ["--db", str(db_path), "export", "--help"])
    choices = re.search(r"\[([a-z0-9|]+)\]", result.output)
    assert choices is not None and choices.group(1).split("|") == in_dialog

    dialog.path_edit.setText(str(tmp_path / "out.csv"))
    for name, fmt in EXPORT_FORMATS.items():
        combo.setCurrentIndex(combo.findData(name))
        assert dialog.path_edit.text() == str(tmp_path / f"out{fmt.suffix}")
        assert dialog.destination() == tmp_path / f"out{fmt.suffix}"


def test_import_merges_annotation_files_and_reports_what_was_left_out(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from clipper.exporters import export_to_path
    from clipper.gui import annotation_import
    from clipper.importers import read_pasted_text
    from clipper.importers.annotation_formats import ANNOTATION_FORMATS
    from clipper.library import import_article

    for fmt in ANNOTATION_FORMATS.values():
        assert all(f"*{s}" in annotation_import.name_filter() for s in fmt.suffixes)
    with Store(tmp_path / "colleague.db") as colleague:
        article = import_article(colleague, read_pasted_text("The minister said 12 % agreed."))
        start = article.text.index("12 %")
        colleague.add_annotation(article.id, start, start + 4, "figure", "share")
        export_to_path(colleague, tmp_path / "shared.jsonl", "jsonl")
        export_to_path(colleague, tmp_path / "shared.jsonld", "w3c")

    messages: list[str] = []
    show = window.show_message
    window.show_message = lambda text: (messages.append(text), show(text))
    window.import_files([str(tmp_path / "shared.jsonld")])  # no such article yet
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "mergeWarnings") is not None, timeout=60_000
    )
    box = window.findChild(QMessageBox, "mergeWarnings")
    assert "no article in this database is its source" in box.text()
    box.close()
    box.setObjectName("")

    window.import_files([str(tmp_path / "shared.jsonl")])
    qtbot.waitUntil(lambda: any("Merged 1 annotation" in m for m in messages), timeout=60_000)
    assert window.controller.session.store.count_annotations() == 1

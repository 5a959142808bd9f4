"""The app's progress while OCRmyPDF works (issue 10, item 10): not a bar stuck at 0%."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from test_import_flow import ScriptedPrompter

from clipper.gui.import_flow import OCR_STATUS, ImportController
from clipper.gui.workers import Job
from clipper.importers.ocr import ocr_available
from clipper.store import Store

SCAN = Path(__file__).parents[1] / "fixtures" / "pdfs" / "ocrmypdf__linn.pdf"


@pytest.fixture
def controller(qtbot: Any, db_path: Path) -> Iterator[ImportController]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    yield ImportController(str(db_path), parent)
    assert Job.shutdown_all(10_000)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="OCRmyPDF is not installed")
def test_progress_dialog_shows_a_moving_bar_while_ocr_runs(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    controller.prompter = ScriptedPrompter(ocr=[True])  # type: ignore[assignment]
    during_ocr: list[tuple[bool, int, int]] = []

    def look() -> None:
        dialog = controller.progress_dialog
        if dialog is not None and OCR_STATUS in dialog.labelText():
            during_ocr.append((dialog.isVisible(), dialog.minimum(), dialog.maximum()))

    poll = QTimer()
    poll.timeout.connect(look)
    poll.start(20)
    with qtbot.waitSignal(controller.finished, timeout=300_000):
        controller.import_files([str(SCAN)])
    poll.stop()
    assert during_ocr, "the OCR step was never shown"
    # shown at once, as a busy bar (range 0..0: Qt animates it), not 0 of 1000
    assert during_ocr[0] == (True, 0, 0)
    with Store(db_path) as store:
        assert store.count_articles() == 1

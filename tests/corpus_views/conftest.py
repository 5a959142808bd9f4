"""The real main window on a database holding the annotated test corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from annotated import annotated_corpus
from pytestqt.qtbot import QtBot

from clipper.store import Store


@pytest.fixture
def corpus_window(
    qtbot: QtBot, db_path: Path, tmp_path: Path
) -> Iterator[tuple[object, dict[str, int], dict[int, str]]]:
    from clipper.gui.app import create_main_window
    from clipper.gui.settings import Settings
    from clipper.gui.workers import Job

    with Store(db_path) as store:
        built = annotated_corpus(store)
        ids, texts = dict(built.ids), dict(built.texts)
    window = create_main_window(db_path, settings=Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window, ids, texts
    assert Job.shutdown_all(10_000)
    window.close()
    window.controller.close()

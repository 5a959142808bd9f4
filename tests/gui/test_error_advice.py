"""The app words the advice for an error's hint its own way (menus, its questions), never
with a command-line option: real imports through the real import controller."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from clipper.errors import Cancelled, DuplicateArticle, ImportFailed, PasswordRequired
from clipper.gui.advice import explain
from clipper.gui.import_flow import ImportController, describe_error
from clipper.gui.workers import Job
from clipper.store import Store

OPTION = re.compile(r"(?<![\w-])--[a-z]")
TIMEOUT = 60_000


class Prompter:
    """Records the dialogs; asks nothing (the files here need no answer)."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str, str]] = []

    def show_error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))


@pytest.fixture
def controller(qtbot: Any, db_path: Path) -> Iterator[ImportController]:
    window = QWidget()
    qtbot.addWidget(window)
    Store(db_path).close()
    ctl = ImportController(str(db_path), window)
    ctl.prompter = Prompter()  # type: ignore[assignment]
    yield ctl
    assert Job.shutdown_all(10_000)


def test_the_import_summary_gives_the_apps_advice_not_the_command_lines(
    qtbot: Any, controller: ImportController, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed.txt"  # mostly UTF-8, a few stray bytes: Hint.ENCODING
    mixed.write_bytes("Señor Muñoz está aquí. ".encode() * 5 + b"\xff caf\xe9")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.import_files([str(mixed), str(empty)])
    [(title, text, _)] = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Some files were not imported"
    assert "mixed.txt: mixed.txt mixes encodings" in text
    assert "save it as UTF-8, then import it again" in text  # the app's words
    assert not OPTION.search(text), text


def test_one_failed_file_gets_the_apps_advice(
    qtbot: Any, controller: ImportController, tmp_path: Path
) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes("Señor Muñoz está aquí. ".encode() * 5 + b"\xff caf\xe9")
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.import_files([str(noise)])
    [(title, text, _)] = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Could not import noise.txt"
    assert "save it as UTF-8" in text and not OPTION.search(text)


def test_a_duplicate_names_the_apps_way_to_import_it_again() -> None:
    error = DuplicateArticle("crane.txt is already in the database as article 3", 3)
    _, text = describe_error("crane.txt", error)
    assert "Import anyway" in text and "--force" not in text
    assert explain(error) == (
        "crane.txt is already in the database as article 3; import it again and choose "
        "“Import anyway” when Clipper asks"
    )


def test_a_password_error_names_the_apps_question() -> None:
    text = explain(PasswordRequired("x.pdf is protected by a password."))
    assert "type the password when Clipper asks" in text and "--password" not in text
    assert explain(ImportFailed("plain")) == "plain"
    assert explain(Cancelled("cancelled")) == "cancelled"


def test_a_cancelled_job_reports_the_cancel_and_logs_no_error(
    qtbot: Any, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from clipper.progress import check_cancel

    Store(db_path).close()
    job = Job(str(db_path), lambda context: check_cancel(lambda: True))
    with qtbot.waitSignal(job.failed, timeout=TIMEOUT) as blocker:
        job.start()
    assert isinstance(blocker.args[0], Cancelled)
    assert "background job failed" not in caplog.text
    job.deleteLater()


def test_an_error_dialog_deleted_with_its_window_is_forgotten(qtbot: QtBot) -> None:
    """Error dialogs left open when their window went stayed listed as open: three such
    dead ones and no error dialog was ever shown again."""
    from clipper.gui import errors as gui_errors

    for _ in range(3):
        parent = QWidget()
        parent.show()
        gui_errors.show_error(parent, "Failed", "Something went wrong.")
        parent.deleteLater()
        qtbot.waitUntil(lambda: not gui_errors.open_error_dialogs(), timeout=5_000)
    box = gui_errors.show_error(None, "Failed", "A new error.")
    assert box.isVisible() and "A new error" in box.text()
    box.close()

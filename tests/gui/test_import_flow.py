"""The desktop import flow: real files, a real database, a scripted prompter."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from clipper import library
from clipper.errors import ClipperError, NeedsOcr
from clipper.gui import import_flow
from clipper.gui.import_flow import (
    IMPORT_ANYWAY,
    OPEN_EXISTING,
    SKIP,
    SKIP_ALL,
    ImportController,
    OcrChoice,
    describe_error,
)
from clipper.gui.workers import Job, JobContext
from clipper.importers.ocr import installed_languages, ocr_available
from clipper.importers.text import read_text
from clipper.resources import resources_dir
from clipper.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
ARTICLES = FIXTURES / "articles"
PDFS = FIXTURES / "pdfs"
ENCRYPTED_PDF = PDFS / "pdfplumber__password-example.pdf"
TWO_PAGE_PDF = PDFS / "pdfplumber__2023-06-20-PV.pdf"
SCANNED_PDF = PDFS / "ocrmypdf__linn.pdf"
DAMAGED_PDF = PDFS / "ocrmypdf__invalid.pdf"
TIMEOUT = 30_000
#: Real OCR on a loaded 2-core machine can take minutes (Tesseract shares the cores).
OCR_TIMEOUT = 600_000
CRANE_TITLE = "At least 107 killed in Mecca crane collapse"


class ScriptedPrompter:
    """Answers the controller's questions from a script and records what it was asked."""

    def __init__(
        self,
        passwords: list[str | None] | None = None,
        duplicates: list[str] | None = None,
        ocr: list[bool | OcrChoice] | None = None,
    ):
        self.passwords = list(passwords or [])
        self.duplicates = list(duplicates or [])
        self.ocr_answers = list(ocr or [])
        self.password_calls: list[tuple[str, bool]] = []
        self.duplicate_calls: list[tuple[str, int, int]] = []
        self.ocr_calls: list[str] = []
        self.ocr_languages: list[tuple[str, list[str]]] = []
        self.errors: list[tuple[str, str, str]] = []

    def ask_password(self, name: str, wrong: bool) -> str | None:
        self.password_calls.append((name, wrong))
        assert self.passwords, f"unexpected password prompt for {name}"
        return self.passwords.pop(0)

    def show_error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))

    def offer_ocr(self, name: str, language: str, languages: Sequence[str]) -> OcrChoice | None:
        self.ocr_calls.append(name)
        self.ocr_languages.append((language, list(languages)))
        assert self.ocr_answers, f"unexpected OCR offer for {name}"
        answer = self.ocr_answers.pop(0)
        if isinstance(answer, OcrChoice):
            return answer
        return OcrChoice(language) if answer else None

    def choose_duplicate(self, name: str, existing_id: int, others: int) -> str:
        self.duplicate_calls.append((name, existing_id, others))
        assert self.duplicates, f"unexpected duplicate prompt for {name}"
        return self.duplicates.pop(0)


class Recorder:
    def __init__(self, controller: ImportController) -> None:
        self.imported: list[list[int]] = []
        self.opened: list[int] = []
        controller.articlesImported.connect(self.imported.append)
        controller.openArticleRequested.connect(self.opened.append)


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def controller(db_path: Path, window: QWidget) -> Iterator[ImportController]:
    ctl = ImportController(str(db_path), window)
    ctl.prompter = ScriptedPrompter()  # type: ignore[assignment]
    yield ctl
    assert Job.shutdown_all(10_000)


def run(
    qtbot: Any, controller: ImportController, *paths: Path | str, timeout: int = TIMEOUT
) -> None:
    with qtbot.waitSignal(controller.finished, timeout=timeout):
        controller.import_files([str(p) for p in paths])
    assert not controller.is_busy()


def count(db_path: Path) -> int:
    with Store(db_path) as store:
        return store.count_articles()


def test_imports_a_text_article(qtbot: Any, controller: ImportController, db_path: Path) -> None:
    rec = Recorder(controller)
    path = ARTICLES / "wikinews_news_taxes.txt"
    run(qtbot, controller, path)

    with Store(db_path) as store:
        articles = store.list_articles()
        assert len(articles) == 1
        article = store.get_article(articles[0].id)
    assert article.text == read_text(path.read_bytes(), path.name).text
    assert article.title == "Local municipalities in Italy ask taxes from religious schools"
    assert article.source_name == path.name
    assert rec.imported == [[article.id]]
    assert controller.prompter.errors == []  # type: ignore[attr-defined]


def test_wrong_password_is_asked_again_then_the_pdf_is_imported(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    prompter = ScriptedPrompter(passwords=["not-it", "test"])
    controller.prompter = prompter  # type: ignore[assignment]
    rec = Recorder(controller)
    run(qtbot, controller, ENCRYPTED_PDF)

    name = ENCRYPTED_PDF.name
    assert prompter.password_calls == [(name, False), (name, True)]
    assert prompter.errors == []
    with Store(db_path) as store:
        (summary,) = store.list_articles()
        article = store.get_article(summary.id)
    assert article.source_kind == "pdf"
    assert "backup" in article.text.lower()
    assert rec.imported == [[article.id]]


def test_cancelling_the_password_prompt_skips_the_file(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    prompter = ScriptedPrompter(passwords=[None])
    controller.prompter = prompter  # type: ignore[assignment]
    rec = Recorder(controller)
    run(qtbot, controller, ENCRYPTED_PDF, ARTICLES / "wikinews_news_nasa.txt")

    assert prompter.password_calls == [(ENCRYPTED_PDF.name, False)]
    assert prompter.errors == []
    assert count(db_path) == 1  # the text file went in, the PDF was skipped
    assert len(rec.imported) == 1 and len(rec.imported[0]) == 1


def test_the_summary_counts_the_files_the_user_skipped(
    qtbot: Any, controller: ImportController, db_path: Path, tmp_path: Path
) -> None:
    """Four files, a password prompt cancelled: the summary said "2 of 4 files could not
    be imported; 1 were imported" and left the fourth unaccounted for."""
    controller.prompter = ScriptedPrompter(passwords=[None])  # type: ignore[assignment]
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    run(qtbot, controller, empty, ENCRYPTED_PDF, DAMAGED_PDF, ARTICLES / "wikinews_news_nasa.txt")
    [(title, text, _)] = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Some files were not imported"
    assert text.startswith(
        "2 of 4 files could not be imported; 1 was imported; 1 was skipped as you chose."
    )
    assert count(db_path) == 1


def test_binary_file_gives_a_clear_error_and_changes_nothing(
    qtbot: Any, controller: ImportController, db_path: Path, tmp_path: Path
) -> None:
    picture = tmp_path / "photo.txt"
    shutil.copy(resources_dir() / "icons" / "png" / "clipper-128.png", picture)
    rec = Recorder(controller)
    run(qtbot, controller, picture)

    prompter = controller.prompter
    assert len(prompter.errors) == 1  # type: ignore[attr-defined]
    title, text, _ = prompter.errors[0]  # type: ignore[attr-defined]
    assert "photo.txt" in title and "photo.txt" in text
    assert "does not look like text" in text
    assert "save it as UTF-8" in text  # says what to do, in terms of the app
    assert count(db_path) == 0
    assert rec.imported == []


def test_many_bad_files_give_one_summary(
    qtbot: Any, controller: ImportController, db_path: Path, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Café déjà vu, naïve façade.\n".encode() + b"Caf\xe9 latin-1 here\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = ARTICLES / "wikinews_news_crane.txt"
    rec = Recorder(controller)
    run(qtbot, controller, mixed, good, empty, tmp_path / "missing.txt")

    errors = controller.prompter.errors  # type: ignore[attr-defined]
    assert len(errors) == 1
    title, text, _ = errors[0]
    assert title == "Some files were not imported"
    assert "3 of 4 files could not be imported; 1 was imported." in text
    for name in ("mixed.txt", "empty.txt", "missing.txt"):
        assert name in text
    assert "mixes encodings" in text
    assert count(db_path) == 1
    assert len(rec.imported) == 1


def test_cancel_mid_import_keeps_the_files_done_before_it(
    qtbot: Any, controller: ImportController, db_path: Path, monkeypatch: Any
) -> None:
    """The text file is stored first (committed before the PDF is read); cancelling during
    the PDF keeps it, as on the command line, and the summary says so.

    The real importer reads the real PDF, but the worker waits after its first page until
    the UI has pressed Cancel, so the outcome does not depend on how fast the PDF reads.
    """
    rec = Recorder(controller)
    stored_at_cancel: list[int] = []
    at_first_page = threading.Event()
    cancel_pressed = threading.Event()
    real_read_file = library.read_file

    def gated_read_file(path: Any, **options: Any) -> Any:
        pages = options["progress"]

        def progress(done: int, total: int) -> None:
            pages(done, total)
            if str(path).endswith(".pdf") and done == 1:
                at_first_page.set()
                assert cancel_pressed.wait(10), "the UI never pressed Cancel"

        return real_read_file(path, **{**options, "progress": progress})

    monkeypatch.setattr(library, "read_file", gated_read_file)

    def press_cancel_at_the_gate() -> None:
        if at_first_page.is_set() and not cancel_pressed.is_set():
            dialog = controller.progress_dialog
            assert dialog is not None
            stored_at_cancel.append(count(db_path))
            dialog.findChild(QPushButton).click()  # the dialog's own Cancel button
            cancel_pressed.set()

    poll = QTimer()
    poll.timeout.connect(press_cancel_at_the_gate)
    poll.start(10)
    run(qtbot, controller, ARTICLES / "wikinews_news_nasa.txt", TWO_PAGE_PDF)
    poll.stop()

    assert stored_at_cancel == [1]  # the text file was in when Cancel was pressed …
    with Store(db_path) as store:  # … and stays; the PDF is not in
        [summary] = store.list_articles()
    assert summary.source_kind == "txt"
    assert rec.imported == [[summary.id]]
    ((title, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Import cancelled"
    assert "1 file imported before the cancel was kept" in text
    assert "wikinews_news_nasa.txt" in text and TWO_PAGE_PDF.name not in text


def test_progress_names_the_file_and_the_pdf_page(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    labels: list[str] = []
    controller.progressed.connect(
        lambda done, total: labels.append(controller.progress_dialog.labelText())  # type: ignore[union-attr]
    )
    run(qtbot, controller, ARTICLES / "wikinews_news_nasa.txt", TWO_PAGE_PDF)
    assert count(db_path) == 2
    assert any(TWO_PAGE_PDF.name in label and "(2 of 2)" in label for label in labels)
    assert f"Importing {TWO_PAGE_PDF.name} (2 of 2)\npage 2 of 2" in labels, labels
    assert controller.progress_dialog is None  # closed at the end


def test_clipboard_text(qtbot: Any, controller: ImportController, db_path: Path) -> None:
    rec = Recorder(controller)
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.import_text(" \n\t ")
    ((title, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Nothing to import" and "copy it" in text
    assert count(db_path) == 0

    pasted = "Minister quits\n\nThe minister said: “I quit”, and 12 % agreed. 👍🏽\r\nEnd."
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.import_text(pasted)
    with Store(db_path) as store:
        (summary,) = store.list_articles()
        article = store.get_article(summary.id)
    assert article.source_kind == "clipboard"
    assert article.text == pasted.replace("\r\n", "\n")
    assert article.title == "Minister quits"
    assert rec.imported == [[article.id]]


def test_duplicates_skip_open_or_import_anyway(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    path = ARTICLES / "wikinews_interview_hill.txt"
    run(qtbot, controller, path)
    with Store(db_path) as store:
        first_id = store.list_articles()[0].id
    prompter = ScriptedPrompter(duplicates=[SKIP, OPEN_EXISTING, IMPORT_ANYWAY])
    controller.prompter = prompter  # type: ignore[assignment]
    rec = Recorder(controller)

    run(qtbot, controller, path)  # skip
    assert count(db_path) == 1 and rec.imported == []
    run(qtbot, controller, path)  # open existing
    assert count(db_path) == 1 and rec.opened == [first_id]
    run(qtbot, controller, path)  # import anyway
    assert count(db_path) == 2 and len(rec.imported) == 1
    assert prompter.duplicate_calls == [(path.name, first_id, 0)] * 3
    assert prompter.errors == []


def test_skip_all_duplicates_asks_once(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    paths = [ARTICLES / n for n in ("wikinews_news_crane.txt", "wikinews_news_nasa.txt")]
    run(qtbot, controller, *paths)
    prompter = ScriptedPrompter(duplicates=[SKIP_ALL])
    controller.prompter = prompter  # type: ignore[assignment]
    run(qtbot, controller, *paths, ARTICLES / "wikinews_news_taxes.txt")
    assert [(name, others) for name, _, others in prompter.duplicate_calls] == [
        ("wikinews_news_crane.txt", 1)
    ]
    assert count(db_path) == 3


def test_a_second_import_while_busy_is_refused(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.import_files([str(TWO_PAGE_PDF)])
        controller.import_files([str(ARTICLES / "wikinews_news_crane.txt")])
        assert [e[0] for e in controller.prompter.errors] == ["Import in progress"]  # type: ignore[attr-defined]
    assert count(db_path) == 1


def test_scanned_pdf_without_ocrmypdf_says_ocr_is_needed(
    qtbot: Any, controller: ImportController, db_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # OCRmyPDF looks uninstalled: no offer
    run(qtbot, controller, SCANNED_PDF)
    ((title, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "No text in this PDF"
    assert SCANNED_PDF.name in text and "OCR" in text
    assert "sudo apt install ocrmypdf" in text
    assert controller.prompter.ocr_calls == []  # type: ignore[attr-defined]
    assert count(db_path) == 0


needs_ocrmypdf = pytest.mark.skipif(
    not ocr_available() and not os.environ.get("CI"),  # CI installs it: fail there, not skip
    reason="ocrmypdf is not installed (sudo apt install ocrmypdf tesseract-ocr-eng)",
)


@pytest.mark.slow
@needs_ocrmypdf
def test_accepting_the_ocr_offer_imports_the_scan(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    prompter = ScriptedPrompter(ocr=[True])
    controller.prompter = prompter  # type: ignore[assignment]
    rec = Recorder(controller)
    labels: list[str] = []

    def read_label() -> None:
        if controller.progress_dialog is not None:
            labels.append(controller.progress_dialog.labelText())

    poll = QTimer()
    poll.timeout.connect(read_label)
    poll.start(20)
    run(qtbot, controller, SCANNED_PDF, timeout=OCR_TIMEOUT)
    poll.stop()

    assert prompter.ocr_calls == [SCANNED_PDF.name]
    with Store(db_path) as store:
        [summary] = store.list_articles()
        article = store.get_article(summary.id)
    assert "LinnSequencer" in article.text and article.source_name == SCANNED_PDF.name
    assert rec.imported == [[article.id]]
    ((title, text, _),) = prompter.errors  # the OCR warning, once, at the end
    assert title == "Imported with warnings"
    assert "text from OCR (ocrmypdf, language eng)" in text
    start = f"Importing {SCANNED_PDF.name}…\nRecognising text (OCR)…"
    assert any(label.startswith(start) for label in labels), labels


@needs_ocrmypdf
def test_cancel_during_ocr_stops_ocrmypdf_and_changes_nothing(
    qtbot: Any, controller: ImportController, db_path: Path, monkeypatch: Any
) -> None:
    from clipper.importers import ocr

    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def recording_popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = real_popen(*args, **kwargs)
        if "ocrmypdf" in str(process.args):  # not `tesseract --list-langs` for the offer
            started.append(process)
        return process

    monkeypatch.setattr(ocr.subprocess, "Popen", recording_popen)
    prompter = ScriptedPrompter(ocr=[True])
    controller.prompter = prompter  # type: ignore[assignment]
    rec = Recorder(controller)

    def cancel_once_ocr_runs() -> None:
        dialog = controller.progress_dialog
        if started and dialog is not None and "Recognising text (OCR)" in dialog.labelText():
            poll.stop()
            dialog.findChild(QPushButton).click()

    poll = QTimer()
    poll.timeout.connect(cancel_once_ocr_runs)
    poll.start(20)
    run(qtbot, controller, ARTICLES / "wikinews_news_crane.txt", SCANNED_PDF, timeout=OCR_TIMEOUT)
    poll.stop()

    [process] = started
    assert process.returncode is not None and process.returncode != 0  # terminated
    # The OCR run stored nothing; the text file finished before the offer stays (like
    # any file done before a cancel) and the summary says so.
    with Store(db_path) as store:
        assert [a.title for a in store.list_articles()] == [CRANE_TITLE]
    assert rec.imported == [[1]]
    ((title, text, _),) = prompter.errors
    assert title == "Import cancelled" and "wikinews_news_crane.txt" in text


@needs_ocrmypdf
def test_declining_the_ocr_offer_imports_nothing(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    prompter = ScriptedPrompter(ocr=[False])
    controller.prompter = prompter  # type: ignore[assignment]
    rec = Recorder(controller)
    run(qtbot, controller, SCANNED_PDF, ARTICLES / "wikinews_news_crane.txt")
    assert prompter.ocr_calls == [SCANNED_PDF.name]
    assert prompter.errors == []  # the user chose to skip it: nothing to report
    assert count(db_path) == 1 and len(rec.imported) == 1


def test_real_ocr_offer_box(window: QWidget) -> None:
    box, run_button = import_flow.Prompter(window).ocr_box("scan.pdf")
    assert "scan.pdf has no text layer" in box.text()
    assert box.informativeText().startswith("Run OCR now?")
    assert sorted(b.text() for b in box.buttons()) == ["Run OCR", "Skip"]
    assert box.defaultButton() is run_button
    box.show()
    run_button.click()
    assert box.clickedButton() is run_button


def test_damaged_pdf_names_the_file_and_what_to_do(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    run(qtbot, controller, DAMAGED_PDF)
    ((title, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == f"Could not import {DAMAGED_PDF.name}"
    assert DAMAGED_PDF.name in text and "damaged" in text and "Download it again" in text
    assert count(db_path) == 0


def test_warnings_about_imported_files_are_shown_once_at_the_end(
    qtbot: Any, controller: ImportController, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = library.read_file

    def with_warning(path: Path, **kwargs: Any) -> Any:
        imported = real(path, **kwargs)
        if str(path).endswith("nasa.txt"):
            imported.warnings.append("2 pages (3, 4) have no text layer")
        return imported

    monkeypatch.setattr(library, "read_file", with_warning)
    run(
        qtbot, controller, ARTICLES / "wikinews_news_crane.txt", ARTICLES / "wikinews_news_nasa.txt"
    )
    ((title, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Imported with warnings"
    assert "wikinews_news_nasa.txt: 2 pages (3, 4) have no text layer" in text
    assert "crane" not in text
    assert count(db_path) == 2


def test_needs_ocr_message_says_what_to_do() -> None:
    title, text = describe_error("scan.pdf", NeedsOcr("scan.pdf has no text layer"))
    assert title == "No text in this PDF"
    assert "OCR" in text and "scan.pdf" in text


# -- the worker itself ------------------------------------------------------------------


def test_job_runs_off_the_ui_thread_with_its_own_store(qtbot: Any, db_path: Path) -> None:
    Store(db_path).close()
    seen: dict[str, Any] = {}

    def work(ctx: JobContext) -> int:
        seen["thread"] = threading.current_thread()
        seen["store_path"] = ctx.store.path
        for step in range(1, 4):
            ctx.progress(step, 3)
        return ctx.store.count_articles() + 41

    job = Job(str(db_path), work)
    progress: list[tuple[int, int]] = []
    job.progress.connect(lambda d, t: progress.append((d, t)))
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT) as blocker:
        job.start()
    assert blocker.args == [41]
    assert seen["thread"] is not threading.main_thread()
    assert seen["store_path"] == str(db_path)
    assert progress[-1] == (3, 3)  # the last step always gets through the throttle
    assert not job.is_running()


def test_job_reports_errors_and_cancel(qtbot: Any, db_path: Path) -> None:
    def fail(ctx: JobContext) -> None:
        raise ClipperError("no good")

    job = Job(str(db_path), fail)
    with qtbot.waitSignal(job.failed, timeout=TIMEOUT) as blocker:
        job.start()
    assert isinstance(blocker.args[0], ClipperError)

    started = threading.Event()

    def wait_for_cancel(ctx: JobContext) -> str:
        started.set()
        while not ctx.cancelled():
            threading.Event().wait(0.005)
        return "stopped"

    job = Job(str(db_path), wait_for_cancel)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT) as blocker:
        job.start()
        assert started.wait(10)
        job.cancel()
    assert blocker.args == ["stopped"]


def test_unexpected_importer_error_is_reported_per_file(
    qtbot: Any, controller: ImportController, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = library.read_file

    def flaky(path: Path, **kwargs: Any) -> Any:
        if str(path).endswith("crane.txt"):
            raise RuntimeError("importer bug")
        return real(path, **kwargs)

    monkeypatch.setattr(library, "read_file", flaky)
    run(
        qtbot, controller, ARTICLES / "wikinews_news_crane.txt", ARTICLES / "wikinews_news_nasa.txt"
    )
    ((_, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert "unexpected error" in text and "importer bug" in text
    assert count(db_path) == 1


# -- the real dialogs (built and inspected, never run modally) ---------------------------


def test_real_password_dialog_hides_the_password_and_says_when_it_was_wrong(
    window: QWidget,
) -> None:
    prompter = import_flow.Prompter(window)
    first = prompter.password_dialog("secret.pdf", wrong=False)
    assert first.textEchoMode() == QLineEdit.EchoMode.Password
    assert "secret.pdf is protected by a password" in first.labelText()
    again = prompter.password_dialog("secret.pdf", wrong=True)
    assert again.windowTitle() == "Wrong password"
    assert "not right for secret.pdf" in again.labelText()
    assert again.textEchoMode() == QLineEdit.EchoMode.Password


def test_real_duplicate_box_answers(qtbot: Any, window: QWidget) -> None:
    prompter = import_flow.Prompter(window)
    box, answers = prompter.duplicate_box("a.txt", 7, others=0)
    assert box.checkBox() is None and "article 7" in box.text()
    assert sorted(b.text() for b in answers) == ["Import anyway", "Open existing", "Skip"]
    box.show()
    (import_button,) = [b for b, a in answers.items() if a == IMPORT_ANYWAY]
    import_button.click()
    assert answers[box.clickedButton()] == IMPORT_ANYWAY

    box, _ = prompter.duplicate_box("a.txt", 7, others=3)
    assert box.checkBox() is not None and "3 other duplicate files" in box.checkBox().text()


def test_real_error_box_keeps_long_lists_in_details(window: QWidget) -> None:
    box = import_flow.Prompter(window).error_box("Some files", "text", "line 1\nline 2")
    assert box.detailedText() == "line 1\nline 2"
    assert box.icon() == box.Icon.Warning


def test_shutdown_all_cancels_and_waits_for_running_jobs(qtbot: Any, db_path: Path) -> None:
    started = threading.Event()

    def until_cancelled(ctx: JobContext) -> None:
        started.set()
        while not ctx.cancelled():
            threading.Event().wait(0.005)

    job = Job(str(db_path), until_cancelled)
    job.start()
    assert started.wait(10)
    assert job.is_running()
    assert Job.shutdown_all(10_000)  # what the app does when it quits
    assert job.cancelled()
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT):
        pass  # the result is still delivered once the event loop runs
    assert not job.is_running()


# -- one pipeline for the app and the command line --------------------------------------


def test_app_and_command_line_import_through_one_function_and_cancel_alike(
    qtbot: Any, controller: ImportController, db_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """Both front ends call clipper.library.iter_import; a cancel while the third of four
    files is read keeps the same two articles in the app as in the core call."""
    from click.testing import CliRunner

    from clipper.cli import cli

    texts = sorted(ARTICLES.glob("*.txt"))[:4]
    calls: list[library.ImportOptions] = []
    real_iter = library.iter_import

    def recording_iter(store: Any, paths: Any, options: Any, **kwargs: Any) -> Any:
        calls.append(options)
        return real_iter(store, paths, options, **kwargs)

    monkeypatch.setattr(library, "iter_import", recording_iter)
    cli_db = tmp_path / "cli.db"
    assert CliRunner().invoke(cli, ["--db", str(cli_db), "import", str(texts[0])]).exit_code == 0

    reading: list[str] = []
    third_read = threading.Event()
    cancel_pressed = threading.Event()
    real_read = library.read_file

    def gated_read(path: Path, **options: Any) -> Any:
        reading.append(path.name)
        if len(reading) == 3 and threading.current_thread() is not threading.main_thread():
            third_read.set()
            assert cancel_pressed.wait(30), "the UI never pressed Cancel"
        return real_read(path, **options)

    monkeypatch.setattr(library, "read_file", gated_read)

    def press_cancel() -> None:
        if third_read.is_set() and not cancel_pressed.is_set():
            controller.cancel()
            cancel_pressed.set()

    poll = QTimer()
    poll.timeout.connect(press_cancel)
    poll.start(10)
    run(qtbot, controller, *texts)
    poll.stop()
    assert len(calls) == 2 and all(isinstance(o, library.ImportOptions) for o in calls)

    reading.clear()
    core_db = tmp_path / "core.db"
    with Store(core_db) as store, pytest.raises(library.Cancelled):
        library.import_files(store, texts, cancel=lambda: len(reading) >= 3)

    def kept(path: Path) -> list[str]:
        with Store(path) as store:
            return sorted(store.get_article(a.id).source_name for a in store.list_articles())

    assert kept(db_path) == kept(core_db) == sorted(p.name for p in texts[:2])
    ((title, text, _),) = controller.prompter.errors  # type: ignore[attr-defined]
    assert title == "Import cancelled" and "2 files imported before the cancel were kept" in text


@pytest.mark.slow
@needs_ocrmypdf
def test_the_ocr_language_chosen_in_the_offer_reaches_ocrmypdf(
    qtbot: Any, controller: ImportController, db_path: Path
) -> None:
    """The user picks a language Tesseract has no data for here: OCRmyPDF itself refuses
    it (its words are in the message), so the choice went all the way; the app keeps it."""
    languages = installed_languages()
    missing = next(code for code in ("fra", "deu", "spa", "ita", "nld") if code not in languages)
    prompter = ScriptedPrompter(ocr=[OcrChoice(missing)])
    controller.prompter = prompter  # type: ignore[assignment]
    controller.ocr_language = "eng"
    chosen: list[str] = []
    controller.ocrLanguageChosen.connect(chosen.append)
    run(qtbot, controller, SCANNED_PDF, timeout=OCR_TIMEOUT)

    assert prompter.ocr_languages == [("eng", languages)]
    ((_, text, _),) = prompter.errors
    assert f"tesseract-ocr-{missing}" in text and "language data" in text
    assert chosen == [missing] and controller.ocr_language == missing
    assert count(db_path) == 0


def test_the_ocr_offer_lets_the_user_choose_language_and_replacing_the_text(
    window: QWidget,
) -> None:
    prompter = import_flow.Prompter(window)
    box, _run = prompter.ocr_box("scan.pdf", "fra", ["deu", "eng", "fra"])
    combo = box.findChild(QComboBox, "ocrLanguage")
    assert combo is not None and combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == ["fra", "deu", "eng"]
    force = box.checkBox()
    assert force is not None and not force.isChecked()
    assert "--force-ocr" in force.toolTip()


def test_the_ocr_language_setting_survives_a_restart(tmp_path: Path) -> None:
    from clipper.gui.settings import Settings

    path = tmp_path / "settings.ini"
    settings = Settings(path)
    assert settings.ocr_language() == "eng"
    settings.set_ocr_language("eng+fra")
    settings.set_ocr_language("not a code!")  # refused: the last good one stays
    settings.sync()
    assert Settings(path).ocr_language() == "eng+fra"

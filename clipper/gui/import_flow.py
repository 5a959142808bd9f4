"""Importing files and clipboard text from the desktop app.

:class:`ImportController` reads and stores the articles in a worker thread
(:mod:`clipper.gui.workers`) behind a cancellable progress dialog, then settles what needs
the user — passwords, duplicates, errors — on the UI thread, and runs again for the
files that get a second try (a scan without text, when OCRmyPDF is installed, is offered
OCR and tried again with it; a text file whose encoding is uncertain is not stored until the
user has chosen its encoding in :class:`~clipper.gui.encoding_dialog.EncodingDialog`).
Every question goes through a :class:`Prompter`, so tests replace the dialogs with a
scripted one.

The reading and storing is the core's one import pipeline
(:func:`clipper.library.iter_import`, the same as ``clipper import``): files are read in
parallel, committed in batches, and a cancel keeps the files finished before it (the
summary says which), exactly as on the command line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from clipper import library
from clipper.errors import (
    Cancelled,
    ClipperError,
    DuplicateArticle,
    ImportFailed,
    NeedsOcr,
    PasswordRequired,
)
from clipper.gui.advice import explain
from clipper.gui.encoding_dialog import EncodingDialog
from clipper.gui.workers import Job, JobContext
from clipper.importers.encoding import EncodingOption
from clipper.importers.ocr import DEFAULT_LANGUAGE, installed_languages, ocr_available
from clipper.library import HoldEncoding, ImportOptions, ImportOutcome, ImportProgress

log = logging.getLogger(__name__)

#: Progress-bar steps per file (pages of a PDF move the bar within its file's share).
STEPS = 1000
#: The progress dialog appears only if a run takes longer than this (ms).
SHOW_AFTER_MS = 300
#: At most this many files are listed in the summary text (the rest in the details).
SUMMARY_LINES = 12
#: Least time between two label changes for files without pages (seconds).
STATUS_SECONDS = 0.05
#: Progress label while OCRmyPDF runs.
OCR_STATUS = "Recognising text (OCR)…"

# Answers of Prompter.choose_duplicate.
OPEN_EXISTING = "open"
IMPORT_ANYWAY = "import"
SKIP = "skip"
IMPORT_ALL = "import_all"
SKIP_ALL = "skip_all"


class Prompter:
    """Every question the import asks, as real dialogs. Tests substitute a scripted one.

    Each ``*_dialog`` method builds its dialog without showing it (tests inspect those);
    the question methods run it modally and return the answer.
    """

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def ask_password(self, name: str, wrong: bool) -> str | None:
        """The password for ``name`` (``wrong``: the last one given was wrong); ``None``
        skips the file."""
        dialog = self.password_dialog(name, wrong)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.textValue() if accepted else None

    def password_dialog(self, name: str, wrong: bool) -> QInputDialog:
        dialog = QInputDialog(self.parent)
        dialog.setObjectName("passwordDialog")
        dialog.setWindowTitle("Wrong password" if wrong else "Password needed")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        if wrong:
            dialog.setLabelText(
                f"The password is not right for {name}.\n"
                "Passwords are case-sensitive. Try again, or choose Cancel to skip this file."
            )
        else:
            dialog.setLabelText(
                f"{name} is protected by a password.\nEnter the password to open it "
                "(or choose Cancel to skip this file):"
            )
        dialog.setOkButtonText("Open")
        dialog.setAccessibleName("Password")
        return dialog

    def show_error(self, title: str, text: str, details: str = "") -> None:
        """Tell the user what went wrong and what to do (modal; returns when closed)."""
        self.error_box(title, text, details).exec()

    def error_box(self, title: str, text: str, details: str = "") -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        box.setObjectName("importErrorDialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if details:
            box.setDetailedText(details)
        return box

    def offer_ocr(self, name: str, language: str, languages: Sequence[str]) -> OcrChoice | None:
        """Whether to run OCR on ``name``, a PDF without a (usable) text layer, and how:
        the language (``language`` first; ``languages``: the installed ones) and whether
        to replace the text layer. ``None``: skip the file."""
        box, run = self.ocr_box(name, language, languages)
        box.exec()
        if box.clickedButton() is not run:
            return None
        combo = box.findChild(QComboBox, "ocrLanguage")
        chosen = combo.currentText().strip() if combo is not None else language
        force = box.checkBox()
        return OcrChoice(chosen or language, force is not None and force.isChecked())

    def ocr_box(
        self, name: str, language: str = DEFAULT_LANGUAGE, languages: Sequence[str] = ()
    ) -> tuple[QMessageBox, QAbstractButton]:
        box = QMessageBox(self.parent)
        box.setObjectName("ocrOfferDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("No text in this PDF")
        box.setText(
            f"{name} has no text layer: its pages are images (a scan), so there is no text "
            "to import. OCR is needed."
        )
        box.setInformativeText(
            "Run OCR now? OCRmyPDF will recognise the text in the language chosen below; "
            "this can take a while for long documents. Check quotes and figures against "
            "the page afterwards."
        )
        run = box.addButton("Run OCR", QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(run)
        box.setEscapeButton(skip)
        _add_language_choice(box, language, languages)
        # Parented to the box: a parentless temporary would be freed by Python.
        force = QCheckBox("Replace the PDF's text layer (its letters cannot be decoded)", box)
        force.setObjectName("ocrForce")
        force.setToolTip("OCRmyPDF --force-ocr: recognise every page, even those with text.")
        box.setCheckBox(force)
        return box, run

    def choose_encoding(
        self, name: str, options: Sequence[EncodingOption], others: int
    ) -> tuple[str | None, bool]:
        """The encoding to import ``name`` with (``None``: skip the file), and whether the
        ``others`` files with an uncertain encoding go in as Clipper reads them."""
        dialog = self.encoding_dialog(name, options, others)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return (dialog.chosen_encoding() if accepted else None), dialog.apply_to_others()

    def encoding_dialog(
        self, name: str, options: Sequence[EncodingOption], others: int
    ) -> EncodingDialog:
        return EncodingDialog(name, options, others, self.parent)

    def choose_duplicate(self, name: str, existing_id: int, others: int) -> str:
        """What to do with a file whose text is in the database already: one of
        :data:`OPEN_EXISTING`, :data:`IMPORT_ANYWAY`, :data:`SKIP`, or (when ``others``
        more duplicates wait) :data:`IMPORT_ALL` / :data:`SKIP_ALL`."""
        box, answers = self.duplicate_box(name, existing_id, others)
        box.exec()
        answer = answers.get(box.clickedButton(), SKIP)
        same = box.checkBox()
        if same is not None and same.isChecked() and answer in (IMPORT_ANYWAY, SKIP):
            return IMPORT_ALL if answer == IMPORT_ANYWAY else SKIP_ALL
        return answer

    def duplicate_box(
        self, name: str, existing_id: int, others: int
    ) -> tuple[QMessageBox, dict[QAbstractButton, str]]:
        box = QMessageBox(self.parent)
        box.setObjectName("duplicateDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Already imported")
        box.setText(f"The text of {name} is already in the library (article {existing_id}).")
        box.setInformativeText(
            "Open the existing article, import a second copy anyway, or skip this file?"
        )
        answers: dict[QAbstractButton, str] = {
            box.addButton("Open existing", QMessageBox.ButtonRole.AcceptRole): OPEN_EXISTING,
            box.addButton("Import anyway", QMessageBox.ButtonRole.ActionRole): IMPORT_ANYWAY,
        }
        skip = box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
        answers[skip] = SKIP
        box.setDefaultButton(skip)
        box.setEscapeButton(skip)
        if others:
            s = "s" if others != 1 else ""
            # Parented to the box: a parentless temporary would be freed by Python.
            same = QCheckBox(f"Do the same for the {others} other duplicate file{s}", box)
            box.setCheckBox(same)
        return box, answers


def _add_language_choice(box: QMessageBox, language: str, languages: Sequence[str]) -> None:
    """A "Language:" row above the buttons: the installed Tesseract languages, editable
    for combinations such as eng+fra."""
    combo = QComboBox(box)
    combo.setObjectName("ocrLanguage")
    combo.setEditable(True)
    combo.setAccessibleName("OCR language")
    combo.setToolTip("Tesseract language code(s), several joined with + (eng+fra).")
    combo.addItems([language, *(code for code in languages if code != language)])
    combo.setCurrentIndex(0)
    row = QWidget(box)
    form = QFormLayout(row)
    form.setContentsMargins(0, 0, 0, 0)
    form.addRow("Language:", combo)
    grid = box.layout()
    if isinstance(grid, QGridLayout):
        grid.addWidget(row, grid.rowCount(), 0, 1, grid.columnCount())


@dataclass(frozen=True, slots=True)
class OcrChoice:
    """How the user wants a scan recognised."""

    language: str = DEFAULT_LANGUAGE
    #: Replace a text layer that cannot be decoded (OCRmyPDF ``--force-ocr``).
    force: bool = False


@dataclass(frozen=True, slots=True)
class ImportTask:
    """One thing to import: a file, or pasted text; with the user's answers so far."""

    label: str
    path: str | None = None
    text: str | None = None
    password: str | None = None
    force: bool = False
    #: Recognise the text with OCRmyPDF (the user accepted the offer for a scan).
    ocr: bool = False
    #: Tesseract language(s) for OCR.
    ocr_language: str = DEFAULT_LANGUAGE
    #: Replace the PDF's text layer by OCR.
    force_ocr: bool = False
    #: The text encoding the user chose (``None``: detect it).
    encoding: str | None = None
    #: Ask for the encoding of a text file even when Clipper is sure of it.
    ask_encoding: bool = False
    #: Store the text as detected even when the encoding is uncertain (with a warning).
    keep_detected: bool = False


@dataclass(frozen=True, slots=True)
class TaskResult:
    task: ImportTask
    article_id: int | None = None
    error: ClipperError | None = None
    warnings: tuple[str, ...] = ()
    #: Not stored yet: the user is to choose among these encodings (the detected one first).
    encoding_options: tuple[EncodingOption, ...] = ()


@dataclass(slots=True)
class BatchResult:
    """What one worker run did. ``cancelled``: the run stopped; ``results`` holds the
    files committed before the cancel (they stay, as on the command line)."""

    results: list[TaskResult] = field(default_factory=list)
    cancelled: bool = False


def task_options(task: ImportTask) -> ImportOptions:
    """The core's import options for one task (what the user answered so far)."""
    hold: HoldEncoding = "uncertain"
    if task.ask_encoding:
        hold = "always"
    elif task.keep_detected:
        hold = "never"
    return ImportOptions(
        force=task.force,
        encoding=task.encoding,
        password=task.password,
        ocr=task.ocr,
        ocr_language=task.ocr_language,
        force_ocr=task.force_ocr,
        # OCR here, one file at a time: Cancel stops OCRmyPDF at once and the label shows
        # its pages (in a worker process it would run to the end of the file).
        workers=1 if task.ocr or task.force_ocr else None,
        hold_encoding=hold,
    )


def import_batch(context: JobContext, tasks: Sequence[ImportTask]) -> BatchResult:
    """Import ``tasks`` in order with the core pipeline (runs in the worker thread, on the
    context's own store); consecutive files with the same options go in one call.

    A file that fails is reported and the next one goes on; on cancel, ``cancelled`` is
    set and the results are the files committed before it.
    """
    results: list[TaskResult] = []
    count = len(tasks)
    index = 0
    try:
        while index < count:
            task = tasks[index]
            options = task_options(task)
            if task.path is None:
                context.status(_status_text(task.label, index, count))
                context.progress(index * STEPS, count * STEPS)
                outcome = library.import_text(context.store, task.text or "", options)
                results.append(_task_result(task, outcome))
                index += 1
                continue
            group = [task]
            while (
                index + len(group) < count
                and tasks[index + len(group)].path is not None
                and task_options(tasks[index + len(group)]) == options
            ):
                group.append(tasks[index + len(group)])
            report = _Reporter(context, index, count)
            paths = [t.path or "" for t in group]
            outcomes = library.iter_import(
                context.store, paths, options, progress=report, cancel=context.cancelled
            )
            for offset, outcome in enumerate(outcomes):
                results.append(_task_result(group[offset], outcome))
            index += len(group)
        context.progress(count * STEPS, count * STEPS)
    except Cancelled:
        return BatchResult(results, cancelled=True)
    return BatchResult(results)


def _task_result(task: ImportTask, outcome: ImportOutcome) -> TaskResult:
    return TaskResult(
        task,
        outcome.article_id,
        outcome.error,
        outcome.warnings,
        outcome.encoding_options,
    )


class _Reporter:
    """The core's progress as the dialog's bar (pages move it within a file's share) and
    label (file, n of m, page or OCR). Files read by worker processes have no name until
    they are done: the label then counts files."""

    def __init__(self, context: JobContext, first: int, count: int) -> None:
        self._context, self._first, self._count = context, first, count
        self._named = False
        self._last_status = -1.0

    def __call__(self, progress: ImportProgress) -> None:
        index = self._first + progress.done
        now = time.monotonic()
        if now - self._last_status < STATUS_SECONDS and not (progress.pages_total or progress.ocr):
            pass  # thousands of short files: no flood of label changes
        elif progress.name or not self._named:
            self._last_status = now
            self._named = self._named or bool(progress.name)
            self._context.status(
                _status_text(
                    progress.name,
                    index,
                    self._count,
                    progress.pages_done,
                    progress.pages_total,
                    progress.ocr,
                )
            )
        if progress.ocr and not progress.pages_total:
            return  # no count yet: the dialog shows a busy bar (see _on_status)
        within = 0
        if progress.pages_total > 0:
            pages = min(progress.pages_done, progress.pages_total)
            within = pages * STEPS // progress.pages_total
        total = self._count * STEPS
        self._context.progress(min(index * STEPS + within, total), total)


def _status_text(
    label: str, index: int, count: int, page: int = 0, pages: int = 0, ocr: bool = False
) -> str:
    text = f"Importing {label}" if label else "Importing"
    text += f" ({min(index + 1, count)} of {count})" if count > 1 else ""
    if ocr:
        done = f"\npage {min(page, pages)} of {pages} recognised" if pages else ""
        return f"{text}…\n{OCR_STATUS}{done}"
    return f"{text}\npage {min(page, pages)} of {pages}" if pages else f"{text}…"


class ImportController(QObject):
    """Imports files or clipboard text into the database at ``db_path``.

    Call :meth:`import_files` or :meth:`import_text`; :attr:`articlesImported` gives the
    new article ids and :attr:`finished` ends every run (success or not).
    """

    #: Ids of the articles this run added (emitted once, before :attr:`finished`).
    articlesImported = Signal(list)
    #: A run ended, whatever happened.
    finished = Signal()
    #: The user chose "Open existing" for a duplicate: open this article.
    openArticleRequested = Signal(int)
    #: Overall progress of the current worker run (done, total).
    progressed = Signal(int, int)
    #: The user chose this OCR language in the OCR offer (the app keeps it as a setting).
    ocrLanguageChosen = Signal(str)

    def __init__(self, db_path: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._db_path = str(db_path)
        self._window = parent
        #: Replace with a scripted object in tests (same methods as :class:`Prompter`).
        self.prompter: Prompter = Prompter(parent)
        #: The progress dialog of the current worker run (``None`` between runs).
        self.progress_dialog: QProgressDialog | None = None
        #: The OCR language offered first (the app sets it from its settings).
        self.ocr_language = DEFAULT_LANGUAGE
        self._job: Job | None = None
        self._running = False
        self._reset_run()

    # -- public -------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """``True`` while a run (import or its questions) is under way."""
        return self._running

    def import_files(self, paths: list[str], *, choose_encoding: bool = False) -> None:
        """Import files (text, PDF or HTML) in the background. ``choose_encoding``: show the
        encoding dialog for every text file (otherwise only when Clipper is unsure)."""
        tasks = [
            ImportTask(Path(p).name or str(p), path=str(p), ask_encoding=choose_encoding)
            for p in paths
            if str(p)
        ]
        if self._refuse_if_busy():
            return
        if not tasks:
            self.finished.emit()
            return
        self._start_run(tasks)

    def import_text(self, text: str) -> None:
        """Import pasted text (the caller passes ``QGuiApplication.clipboard().text()``)."""
        if self._refuse_if_busy():
            return
        if not text or not text.strip():
            self.prompter.show_error(
                "Nothing to import",
                "The clipboard holds no text.\n\n"
                "Select the article's text in your browser or editor, copy it (Ctrl+C), "
                "then choose New clipping from clipboard again.",
            )
            self.finished.emit()
            return
        self._start_run([ImportTask("the clipboard text", text=text)])

    @Slot()
    def cancel(self) -> None:
        """Stop the running import; the files it finished before stay (the summary says
        which)."""
        if self._job is not None:
            self._job.cancel()

    # -- one run = one or more worker batches with questions in between -------------------

    def _refuse_if_busy(self) -> bool:
        if self._running:
            self.prompter.show_error(
                "Import in progress",
                "Another import is still running. Wait for it to finish (or cancel it), "
                "then try again.",
            )
        return self._running

    def _reset_run(self) -> None:
        self._imported: list[int] = []
        self._imported_labels: list[str] = []
        self._errors: list[tuple[str, ClipperError]] = []
        self._warnings: list[tuple[str, str]] = []
        self._attempted = 0
        self._cancelled = False
        self._languages: list[str] | None = None
        self._duplicate_policy: str | None = None
        self._keep_detected_encodings = False

    def _start_run(self, tasks: list[ImportTask]) -> None:
        self._running = True
        self._reset_run()
        self._attempted = len(tasks)
        self._run_batch(tasks)

    def _run_batch(self, tasks: list[ImportTask]) -> None:
        job = Job(self._db_path, partial(import_batch, tasks=tasks), self)
        self._job = job
        self.progress_dialog = self._make_progress_dialog(len(tasks))
        job.progress.connect(self._on_progress)
        job.status.connect(self._on_status)
        job.finished.connect(self._on_batch_finished)
        job.failed.connect(self._on_batch_failed)
        job.start()

    def _make_progress_dialog(self, count: int) -> QProgressDialog:
        dialog = QProgressDialog(self._window)
        dialog.setObjectName("importProgressDialog")
        dialog.setWindowTitle("Clipper")  # Qt adds " — Clipper" to any other title: cut
        dialog.setAccessibleName("Import progress")
        dialog.setLabelText("Importing…")
        dialog.setCancelButtonText("Cancel")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, max(1, count) * STEPS)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel)
        return dialog

    def _close_progress_dialog(self) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

    def _release_job(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
            self._job = None

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None and total > 0:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(min(done, total))
        self.progressed.emit(done, total)

    @Slot(str)
    def _on_status(self, text: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(text)
            if OCR_STATUS in text:
                # OCRmyPDF says nothing until it is done: a busy bar that moves, shown at
                # once (the next page count makes the bar count again)
                self.progress_dialog.setRange(0, 0)
                self.progress_dialog.show()

    @Slot(object)
    def _on_batch_failed(self, error: BaseException) -> None:
        """The run as a whole failed (e.g. the database cannot be opened)."""
        self._release_job()
        self._close_progress_dialog()
        if isinstance(error, Cancelled):  # the user knows: no error to show
            pass
        elif isinstance(error, ClipperError):
            self.prompter.show_error("Import failed", explain(error))
        else:
            self.prompter.show_error(
                "Import failed",
                f"The import stopped because of an unexpected error ({type(error).__name__}: "
                f"{error}). Nothing else was changed; please report this.",
            )
        self._finish_run()

    @Slot(object)
    def _on_batch_finished(self, batch: BatchResult) -> None:
        self._release_job()
        self._close_progress_dialog()
        if batch.cancelled:  # keep what was committed; ask nothing more
            self._cancelled = True
            for result in batch.results:
                if result.article_id is not None:
                    self._imported.append(result.article_id)
                    self._imported_labels.append(result.task.label)
            self._finish_run()
            return
        retry: list[ImportTask] = []
        duplicates_left = sum(isinstance(r.error, DuplicateArticle) for r in batch.results)
        encodings_left = sum(bool(r.encoding_options) for r in batch.results)
        for result in batch.results:
            if result.article_id is not None:
                self._imported.append(result.article_id)
                self._imported_labels.append(result.task.label)
                self._warnings.extend((result.task.label, w) for w in result.warnings)
                continue
            error = result.error
            if result.encoding_options:
                encodings_left -= 1
                task = self._settle_encoding(result.task, result.encoding_options, encodings_left)
            elif isinstance(error, PasswordRequired):
                task = self._ask_password(result.task, error)
            elif isinstance(error, NeedsOcr) and not result.task.ocr and ocr_available():
                task = self._offer_ocr(result.task)
            elif isinstance(error, DuplicateArticle):
                duplicates_left -= 1
                task = self._settle_duplicate(result.task, error, duplicates_left)
            else:
                task = None
                if error is not None:
                    self._errors.append((result.task.label, error))
            if task is not None:
                retry.append(task)
        if retry:
            self._run_batch(retry)
        else:
            self._finish_run()

    def _ask_password(self, task: ImportTask, error: PasswordRequired) -> ImportTask | None:
        wrong = error.wrong_password or task.password is not None
        password = self.prompter.ask_password(task.label, wrong)
        return None if password is None else replace(task, password=password)

    def _offer_ocr(self, task: ImportTask) -> ImportTask | None:
        """Declined: the user knows, so the file is simply not imported (no error)."""
        if self._languages is None:
            self._languages = installed_languages()
        choice = self.prompter.offer_ocr(task.label, self.ocr_language, self._languages)
        if choice is None:
            return None
        if choice.language != self.ocr_language:
            self.ocr_language = choice.language
            self.ocrLanguageChosen.emit(choice.language)
        return replace(task, ocr=True, ocr_language=choice.language, force_ocr=choice.force)

    def _settle_encoding(
        self, task: ImportTask, options: tuple[EncodingOption, ...], others: int
    ) -> ImportTask | None:
        """Skipped: the user decided, so the file is simply not imported (no error)."""
        if self._keep_detected_encodings and not task.ask_encoding:
            return replace(task, keep_detected=True)
        encoding, keep_others = self.prompter.choose_encoding(task.label, options, others)
        if keep_others:
            self._keep_detected_encodings = True
        return None if encoding is None else replace(task, encoding=encoding)

    def _settle_duplicate(
        self, task: ImportTask, error: DuplicateArticle, others: int
    ) -> ImportTask | None:
        choice = self._duplicate_policy or self.prompter.choose_duplicate(
            task.label, error.existing_id, others
        )
        if choice in (IMPORT_ALL, SKIP_ALL):
            self._duplicate_policy = choice
        if choice == OPEN_EXISTING:
            self.openArticleRequested.emit(error.existing_id)
        if choice in (IMPORT_ANYWAY, IMPORT_ALL):
            return replace(task, force=True)
        return None

    def _finish_run(self) -> None:
        if self._cancelled:
            self._report_cancel()
        else:
            self._report_errors()
        imported = list(self._imported)
        self._running = False
        self._reset_run()
        if imported:
            self.articlesImported.emit(imported)
        self.finished.emit()

    # -- error summary ------------------------------------------------------------------

    def _report_cancel(self) -> None:
        """After a cancel: which files went in before it (they stay: the same policy as
        ``clipper import``). Nothing to say when none did."""
        labels = self._imported_labels
        if not labels:
            return
        n = len(labels)
        lines = [f"• {label}" for label in labels]
        self.prompter.show_error(
            "Import cancelled",
            f"The import was cancelled. {n} file{'s' if n != 1 else ''} imported before "
            f"the cancel {'were' if n != 1 else 'was'} kept:\n\n"
            + "\n".join(_first(lines, SUMMARY_LINES))
            + "\n\nThe other files were not imported; import them again to add them "
            "(files already in the library are recognised as duplicates).",
            "\n".join(lines) if n > SUMMARY_LINES else "",
        )

    def _report_errors(self) -> None:
        """One dialog at the end: what failed (and what to do), and warnings about files
        that went in but are incomplete (e.g. scanned pages without text)."""
        errors, warnings = self._errors, self._warnings
        if not errors and not warnings:
            return
        if len(errors) == 1 and not warnings:
            label, error = errors[0]
            self.prompter.show_error(*describe_error(label, error))
            return
        lines = [f"• {label}: {explain(error)}" for label, error in errors]
        notes = [f"• {label}: {explain(warning)}" for label, warning in warnings]
        parts: list[str] = []
        if errors:
            failed, imported = len(errors), len(self._imported)
            skipped = self._attempted - failed - imported  # a prompt the user cancelled
            parts.append(
                f"{failed} of {self._attempted} file{'s' if self._attempted != 1 else ''} "
                "could not be imported"
                + (
                    f"; {imported} {'was' if imported == 1 else 'were'} imported"
                    if imported
                    else ""
                )
                + (
                    f"; {skipped} {'was' if skipped == 1 else 'were'} skipped as you chose"
                    if skipped > 0
                    else ""
                )
                + ".\n\n"
                + "\n".join(_first(lines, SUMMARY_LINES))
                + "\n\nFix or convert these files, then import them again."
            )
        if warnings:
            parts.append(
                "Imported, but check these articles:\n\n" + "\n".join(_first(notes, SUMMARY_LINES))
            )
        long = len(lines) > SUMMARY_LINES or len(notes) > SUMMARY_LINES
        details = "\n".join(lines + notes) if long else ""
        title = "Some files were not imported" if errors else "Imported with warnings"
        self.prompter.show_error(title, "\n\n".join(parts), details)


def _first(lines: list[str], limit: int) -> list[str]:
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"… and {len(lines) - limit} more (see Show Details)."]


def describe_error(label: str, error: ClipperError) -> tuple[str, str]:
    """Title and text of the dialog for one file that could not be imported (with the
    app's advice for the error's hint, :mod:`clipper.gui.advice`)."""
    message = explain(error)
    if label not in message:
        message = f"{label}: {message}"
    if isinstance(error, NeedsOcr):
        advice = (
            ""
            if "OCR" in message
            else "\n\nRun it through OCR software (for example OCRmyPDF) and import the result."
        )
        return "No text in this PDF", f"{message}{advice}"
    if isinstance(error, ImportFailed):
        return f"Could not import {label}", message
    return "Import failed", message

"""File › New clipping from URL…: ask an address, fetch and store the page in a worker.

The fetch runs in a :class:`~clipper.gui.workers.Job` (its own connection) through
:func:`clipper.library.import_url`, the same call as ``clipper import https://…``: the
article and its fetched page are stored together or not at all. The dialog shows progress
(bytes read) and a Cancel button; a failure is shown in the dialog with what to do, and
the address stays there to correct or try again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from clipper.errors import Cancelled, ClipperError
from clipper.fields import is_web_address, normalise_url, url_problem
from clipper.gui.advice import explain
from clipper.gui.default_button import make_only_default
from clipper.gui.field_messages import sentence
from clipper.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow
    from clipper.library import ImportOutcome


def install(window: MainWindow) -> None:
    """Connect File › New clipping from URL…."""
    window.actions_by_name["clip_url"].triggered.connect(lambda: open_dialog(window))


def open_dialog(window: MainWindow) -> UrlClipDialog:
    text = QGuiApplication.clipboard().text().strip()
    dialog = UrlClipDialog(window, text if is_web_address(text) and "\n" not in text else "")
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class UrlClipDialog(QDialog):
    """An address, a Clip button, progress and Cancel."""

    def __init__(self, window: MainWindow, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self.job: Job | None = None
        self.setObjectName("urlClipDialog")
        self.setWindowTitle("New clipping from URL")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The page is fetched and its article stored; the page as fetched is kept with "
            "it (Article › Properties shows where it came from).",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setObjectName("urlEdit")
        self.url_edit.setAccessibleName("Address of the page")
        self.url_edit.setPlaceholderText("https://…")
        self.url_edit.textChanged.connect(self._validate)
        layout.addWidget(self.url_edit)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("fetchProgress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel(self)
        self.message.setObjectName("fetchMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.clip_button = self.buttons.addButton("&Clip", QDialogButtonBox.ButtonRole.AcceptRole)
        self.clip_button.setObjectName("clipButton")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        make_only_default(self, self.clip_button)
        self.resize(520, self.sizeHint().height())
        self._validate()

    def _problem(self) -> str | None:
        text = self.url_edit.text().strip()
        if not text:
            return ""
        return url_problem(normalise_url(text))

    @Slot()
    def _validate(self) -> bool:
        problem = self._problem()
        if self.job is None:
            self.message.setText(problem or "")
            self.message.setStyleSheet("color: #b00020" if problem else "")
        self.clip_button.setEnabled(problem is None and self.job is None)
        return problem is None

    @Slot()
    def start(self) -> None:
        """Fetch and store the page in a worker."""
        if self.job is not None or not self._validate():
            return
        url = normalise_url(self.url_edit.text())
        self.url_edit.setReadOnly(True)
        self.progress.setRange(0, 0)  # busy until the size is known
        self.progress.setVisible(True)
        self.message.setStyleSheet("")
        self.message.setText(f"Fetching {url} …")

        def work(context: JobContext) -> ImportOutcome:
            from clipper.library import import_url

            return import_url(
                context.store, url, progress=context.progress, cancel=context.cancelled
            )

        job = Job(self._window.controller.db_path, work, self)
        job.progress.connect(self._progress)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.job = job
        self._validate()
        job.start()

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.message.setText(f"Fetching … {done / 1024:,.0f} KB")

    def _stopped(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.url_edit.setReadOnly(False)
        self._validate()

    @Slot(object)
    def _finished(self, outcome: Any) -> None:
        self._stopped()
        if outcome.error is not None:
            self._show_error(outcome.error)
            return
        self._window.controller.articles_imported([outcome.article_id])
        warnings = "; ".join(explain(w) for w in outcome.warnings)
        self._window.show_message(
            f"Clipped “{outcome.title}”." + (f" Note: {warnings}" if warnings else "")
        )
        super().accept()

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._stopped()
        if isinstance(error, Cancelled):
            return
        if isinstance(error, ClipperError):
            self._show_error(error)
        else:  # a bug: said, not hidden
            self._show_error(ClipperError(f"the page could not be clipped ({error!r})"))

    def _show_error(self, error: ClipperError) -> None:
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(sentence(explain(error)) or "")

    def reject(self) -> None:
        """Cancel: a running fetch is told to stop and the dialog goes at once; the worker
        ends on its own (a cancelled fetch stores nothing)."""
        job, self.job = self.job, None
        if job is not None:
            job.cancel()
            job.progress.disconnect(self._progress)
            job.finished.disconnect(self._finished)
            job.failed.disconnect(self._failed)
            job.setParent(self._window)
            window = self._window
            job.finished.connect(lambda outcome: _stored_anyway(window, outcome))
        super().reject()


def _stored_anyway(window: MainWindow, outcome: ImportOutcome) -> None:
    """A cancel that came after the page was stored: show it like any import."""
    if outcome.ok and outcome.article_id is not None:
        window.controller.articles_imported([])

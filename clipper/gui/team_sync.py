"""File › Sync with team server… and Team › My assignments.

A sync (:func:`clipper.operations.sync.sync`) runs in a background job on its own
connection, with a progress dialog and Cancel; the window then reloads like after any
other program's change (pulled rows are never undo steps). The server's address is
remembered without its password in the database's settings, with the automatic sync
interval; an automatic sync runs quietly (the status bar says what happened, e.g. that the
server cannot be reached: the work stays in the local database and is sent next time).
Without psycopg the app works as before and says how to add it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.errors import Cancelled, ClipperError
from clipper.gui.advice import explain
from clipper.gui.errors import show_error
from clipper.gui.workers import Job, JobContext
from clipper.operations.sync import (
    DRIVER_ADVICE,
    SyncReport,
    driver_available,
    mark_assignment_done,
    sync,
)
from clipper.store.sync import Assignment

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

_STAGES = {"push": "Sending your changes…", "pull": "Receiving…", "apply": "Storing…"}


class SyncDialog(QDialog):
    """The server's address and the automatic sync interval."""

    def __init__(self, url: str, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.setWindowTitle("Sync with team server")
        self.url = QLineEdit(url, self)
        self.url.setObjectName("syncUrl")
        self.url.setPlaceholderText("postgresql://login@server/team-database")
        self.url.setMinimumWidth(420)
        self.every = QSpinBox(self)
        self.every.setObjectName("syncEvery")
        self.every.setRange(0, 24 * 60)
        self.every.setSuffix(" min")
        self.every.setSpecialValueText("never")
        self.every.setValue(minutes)
        note = QLabel(
            "Your changes are sent and the team's are received. The password is not kept "
            "by Clipper: use the system keyring or ~/.pgpass. Offline, keep working: the "
            "next sync sends everything.",
            self,
        )
        note.setWordWrap(True)
        #: Why "Sync now" did nothing (no address typed); hidden until then.
        self.problem = QLabel(self)
        self.problem.setObjectName("syncProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.url.textEdited.connect(lambda _text: self.problem.hide())
        form = QFormLayout()
        form.addRow("Team &server:", self.url)
        form.addRow("Sync &automatically every:", self.every)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sync now")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Sync now: only with an address (else say so here, instead of closing silently)."""
        if not self.url.text().strip():
            self.problem.setText(
                "Type the team server's address first, e.g. "
                "postgresql://login@server/team-database."
            )
            self.problem.show()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
            self.url.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()


class TeamSync:
    """The window's sync state: the address of this session (with a password if one was
    typed), the automatic sync timer and the running job."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        #: The address typed this session (with a password, if given) and its database.
        self.url: str | None = None
        self.url_db: str | None = None
        self.job: Job | None = None
        self.timer = QTimer(window)
        self.timer.setObjectName("autoSyncTimer")
        self.timer.timeout.connect(lambda: self.start(quiet=True))
        self.last_report: SyncReport | None = None
        self.assignments: AssignmentsDialog | None = None
        self._schedule()

    def _schedule(self) -> None:
        _url, minutes = self.window.controller.session.sync_settings()
        self.timer.stop()
        if minutes > 0:
            self.timer.start(minutes * 60_000)

    def ask(self) -> Job | None:
        """File › Sync with team server…: confirm the address, then sync."""
        if not driver_available():
            show_error(self.window, "Team sync is not installed", DRIVER_ADVICE + ".")
            return None
        minutes = self.window.controller.session.sync_settings()[1]
        dialog = SyncDialog(self.server_url() or "", minutes, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.url.text().strip():
            return None
        return self.configure_and_start(dialog.url.text().strip(), dialog.every.value())

    def server_url(self) -> str | None:
        if self.url is not None and self.url_db == self.window.controller.db_path:
            return self.url
        return self.window.controller.session.sync_settings()[0]

    def configure_and_start(self, url: str, minutes: int) -> Job | None:
        """Remember ``url`` (without its password) and the interval, then sync."""
        self.url, self.url_db = url, self.window.controller.db_path
        self.window.controller.session.remember_sync(url, minutes)
        self._schedule()
        return self.start(quiet=False)

    def start(self, *, quiet: bool) -> Job | None:
        """Sync in a background job (``quiet``: the automatic sync, no dialogs)."""
        url = self.server_url()
        if url is None or self.job is not None:
            return None
        if not driver_available():
            if not quiet:
                show_error(self.window, "Team sync is not installed", DRIVER_ADVICE + ".")
            return None
        self.window.controller.commit_pending_edits()
        progress = None if quiet else self._progress_dialog()

        def run(ctx: JobContext) -> SyncReport:
            def report(stage: str, done: int, total: int) -> None:
                ctx.status(_STAGES.get(stage, stage))
                ctx.progress(done, total)

            return sync(ctx.store, url, progress=report, cancel=ctx.cancelled)

        job = Job(self.window.controller.db_path, run, self.window)
        if progress is not None:
            job.progress.connect(
                lambda done, total: progress.setValue(int(done * 1000 / max(total, 1)))
            )
            job.status.connect(progress.setLabelText)
            progress.canceled.connect(job.cancel)

        def finished(result: SyncReport) -> None:
            self.job = None
            if progress is not None:
                progress.close()
            self.last_report = result
            self.window.controller.refresh()
            if self.assignments is not None:
                self.assignments.reload()
            self.window.show_message(f"Synced with {result.server}: {result.summary()}")
            if result.conflicts and not quiet:
                _show_conflicts(self.window, result)

        def failed(exc: BaseException) -> None:
            self.job = None
            if progress is not None:
                progress.close()
            if isinstance(exc, Cancelled):
                self.window.show_message("Sync cancelled: what was sent or received is kept")
                return
            text = explain(exc) if isinstance(exc, ClipperError) else str(exc)
            if quiet:
                self.window.show_message(f"Automatic sync failed (your work is safe here): {text}")
            else:
                show_error(self.window, "The sync did not finish", text)

        job.finished.connect(finished)
        job.failed.connect(failed)
        self.job = job
        self.window.show_message("Syncing with the team server…")
        job.start()
        return job

    def _progress_dialog(self) -> QProgressDialog:
        progress = QProgressDialog("Connecting…", "Cancel", 0, 1000, self.window)
        progress.setObjectName("syncProgress")
        progress.setWindowTitle("Sync with team server")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        return progress

    def show_assignments(self) -> AssignmentsDialog:
        """Team › My assignments (non-modal; reloaded after each sync)."""
        if self.assignments is None:
            self.assignments = AssignmentsDialog(self.window)
        self.assignments.reload()
        self.assignments.show()
        self.assignments.raise_()
        return self.assignments


def _show_conflicts(window: QWidget, report: SyncReport) -> QMessageBox:
    box = QMessageBox(window)
    box.setObjectName("syncConflicts")
    box.setWindowTitle("Sync conflicts")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"{len(report.conflicts)} edit(s) of the same metadata or tag met.")
    box.setInformativeText(
        "The later edit was kept (at the same instant, the coder name that sorts last)."
    )
    box.setDetailedText("\n".join(c.describe() for c in report.conflicts))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


_COLUMNS = ("Article", "Coder", "Assigned", "My annotations", "Done")


class AssignmentsDialog(QDialog):
    """The articles assigned to me (as pulled at the last sync), with my progress;
    double-click opens one; Mark done tells the team server (in the background)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("assignmentsDialog")
        self.setWindowTitle("My assignments")
        self.summary = QLabel(self)
        self.summary.setObjectName("assignmentsSummary")
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setObjectName("assignmentsTable")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton("&Open", self)
        self.open_button.setObjectName("assignmentsOpen")
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        self.done_button = QPushButton("Mark &done", self)
        self.done_button.setObjectName("assignmentsMarkDone")
        self.done_button.setToolTip("Tell the team server you have finished coding this article")
        self.done_button.clicked.connect(self.toggle_done)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.job: Job | None = None
        self.rows: list[Assignment] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(640, 360)
        self._update_buttons()

    def reload(self) -> None:
        current = self._current()
        self.rows = self.window_.controller.session.my_assignments()
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            cells = (
                row.title,
                row.coder,
                (row.assigned_at or "")[:10],
                str(row.annotations),
                "done" if row.done_at else ("started" if row.annotations else ""),
            )
            for column, text in enumerate(cells):
                self.table.setItem(number, column, QTableWidgetItem(text))
            if current is not None and row.article_uuid == current.article_uuid:
                self.table.selectRow(number)
        done = sum(1 for r in self.rows if r.done_at)
        started = sum(1 for r in self.rows if r.annotations)
        self.summary.setText(
            f"{len(self.rows)} assigned · {started} annotated · {done} done"
            if self.rows
            else "No assignments yet: sync with the team server (File › Sync with team server…)."
        )
        self._update_buttons()

    def _current(self) -> Assignment | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.rows[row] if selected and 0 <= row < len(self.rows) else None

    def _update_buttons(self) -> None:
        current = self._current()
        self.open_button.setEnabled(current is not None and current.article_id is not None)
        self.done_button.setText("Mark not &done" if current and current.done_at else "Mark &done")
        self.done_button.setEnabled(current is not None and self.job is None)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row].article_id is not None:
            self.window_.open_article(self.rows[row].article_id)

    def toggle_done(self) -> Job | None:
        """Mark the selected assignment done (or not done) on the team server."""
        current = self._current()
        team: TeamSync = self.window_.team_sync  # type: ignore[attr-defined]
        url = team.server_url() or self.window_.controller.session.team_server()
        if current is None or self.job is not None:
            return None
        if url is None:
            show_error(
                self,
                "Which team server?",
                "Sync with the team server first (File › Sync with team server…).",
            )
            return None
        if not driver_available():
            show_error(self, "Team sync is not installed", DRIVER_ADVICE + ".")
            return None
        done, uuid = current.done_at is None, current.article_uuid

        def run(ctx: JobContext) -> bool:
            return mark_assignment_done(ctx.store, url, uuid, done=done)

        job = Job(self.window_.controller.db_path, run, self)

        def finished(marked: bool) -> None:
            self.job = None
            self.reload()
            if not marked:
                show_error(
                    self,
                    "Not assigned to you on the server",
                    f"The team server does not have “{current.title}” assigned to your login "
                    "(any more): sync to see your assignments as they are now.",
                )
                return
            state = "done" if done else "not done"
            self.window_.show_message(f"Marked “{current.title}” {state} on the team server")

        def failed(exc: BaseException) -> None:
            self.job = None
            self._update_buttons()
            text = explain(exc) if isinstance(exc, ClipperError) else str(exc)
            show_error(self, "The team server was not told", text)

        job.finished.connect(finished)
        job.failed.connect(failed)
        self.job = job
        self._update_buttons()
        job.start()
        return job


def install(window: MainWindow) -> TeamSync:
    """Connect File › Sync with team server… and Team › My assignments of ``window``."""
    team = TeamSync(window)
    actions = window.actions_by_name
    actions["sync"].triggered.connect(lambda _checked=False: team.ask())
    actions["my_assignments"].triggered.connect(lambda _checked=False: team.show_assignments())
    window.team_sync = team  # type: ignore[attr-defined]
    return team

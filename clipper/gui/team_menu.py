"""File › Merge databases… and Team › Agreement…: both run in a background job.

Merging reads the chosen coders' databases (or JSON exports) into the open database
(:func:`clipper.operations.merge.merge_files`, all or nothing), then reloads the window and
shows what was added and which values differed (the open database kept its own).
Agreement computes :func:`clipper.operations.agreement.measure_agreement` and shows a
table per tag (:class:`AgreementDialog`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.agreement import AgreementReport, TagAgreement
from clipper.errors import Cancelled, ClipperError
from clipper.gui import file_dialogs
from clipper.gui.advice import explain
from clipper.gui.errors import show_error
from clipper.gui.workers import Job, JobContext
from clipper.operations.agreement import measure_agreement
from clipper.operations.merge import MergeReport, merge_files, total_report

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

#: What File › Merge databases… offers.
MERGE_FILTER = "Clipper databases and exports (*.db *.sqlite *.json *.jsonl);;All files (*)"


def install(window: MainWindow) -> None:
    """Connect File › Merge databases… and Team › Agreement… of ``window``."""
    actions = window.actions_by_name
    actions["merge_databases"].triggered.connect(lambda _checked=False: merge_databases(window))
    actions["agreement"].triggered.connect(lambda _checked=False: show_agreement(window))


# -- merge ----------------------------------------------------------------------------------


def merge_databases(window: MainWindow, paths: list[str] | None = None) -> Job | None:
    """Ask for the files (unless ``paths``), merge them in a job with a progress dialog,
    then reload and show the summary. Returns the job (``None`` on Cancel)."""
    if paths is None:
        folder = os.path.dirname(window.controller.db_path)
        paths = file_dialogs.open_file_names(window, "Merge databases", folder, MERGE_FILTER)
    if not paths:
        return None
    window.controller.commit_pending_edits()
    progress = QProgressDialog("Merging…", "Cancel", 0, 1000, window)
    progress.setObjectName("mergeProgress")
    progress.setWindowTitle("Merge databases")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    chosen = list(paths)

    def run(ctx: JobContext) -> tuple[MergeReport, ...]:
        return merge_files(ctx.store, chosen, progress=ctx.progress, cancel=ctx.cancelled)

    job = Job(window.controller.db_path, run, window)
    job.progress.connect(lambda done, total: progress.setValue(int(done * 1000 / max(total, 1))))
    progress.canceled.connect(job.cancel)

    def finished(reports: tuple[MergeReport, ...]) -> None:
        progress.close()
        window.refresh()
        show_merge_summary(window, reports)

    def failed(exc: BaseException) -> None:
        progress.close()
        if isinstance(exc, Cancelled):
            window.show_message("Merge cancelled: nothing was merged")
            return
        text = explain(exc) if isinstance(exc, ClipperError) else str(exc)
        show_error(window, "Nothing was merged", text)

    job.finished.connect(finished)
    job.failed.connect(failed)
    window.show_message("Merging…")
    job.start()
    window._team_job = job  # type: ignore[attr-defined]  # kept alive while it runs
    return job


def merge_summary(reports: tuple[MergeReport, ...]) -> str:
    """What a merge did, in a few lines."""
    total = total_report(reports)
    lines = [
        f"{', '.join(r.sources)}: {r.annotations_added} annotations added "
        f"({r.annotations_skipped} already here), {r.articles_created} new articles"
        for r in reports
    ]
    if total.tags_created:
        lines.append(f"New tags: {', '.join(total.tags_created)}")
    lines.append(
        f"{len(total.conflicts)} conflicting values: this database kept its own (details below)"
        if total.conflicts
        else "No conflicting values."
    )
    return "\n".join(lines)


def show_merge_summary(window: QWidget, reports: tuple[MergeReport, ...]) -> QMessageBox:
    total = total_report(reports)
    box = QMessageBox(window)
    box.setObjectName("mergeSummary")
    box.setWindowTitle("Merged")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"Merged {len(reports)} file(s): {total.annotations_added} annotations added.")
    box.setInformativeText(merge_summary(reports))
    if total.conflicts:
        box.setDetailedText("\n".join(c.describe() for c in total.conflicts))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


# -- agreement ------------------------------------------------------------------------------

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_COLUMNS = ("Tag", "α_u", "κ", "F1 exact", "F1 overlap", "Units", "Coders")


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


class AgreementDialog(QDialog):
    """The agreement report: one row per tag and one for all tags."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        self.setWindowTitle("Inter-coder agreement")
        self.summary = QLabel("Computing…", self)
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setObjectName("agreementTable")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(
            "Accepted annotations only. α_u: Krippendorff's unitizing alpha (2016); κ: "
            "Cohen's for two coders, Fleiss' for more, per character; F1: mean over pairs "
            "of coders. All tags: the tags pooled, each one layer of the text.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def show_report(self, report: AgreementReport) -> None:
        self.summary.setText(
            f"Coders: {', '.join(report.coders)} · articles: {report.texts} · "
            f"characters: {report.characters:,} · κ: {report.overall.kappa_kind}"
        )
        rows: list[TagAgreement] = [*report.tags, report.overall]
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            cells = (
                row.tag if row.tag is not None else "All tags",
                _number(row.alpha_u),
                _number(row.kappa),
                _number(row.f1_exact),
                _number(row.f1_overlap),
                str(row.units),
                str(row.coders),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(number, column, item)

    def show_problem(self, text: str) -> None:
        self.summary.setText(text)
        self.table.setRowCount(0)


def show_agreement(window: MainWindow) -> AgreementDialog:
    """Open the report (replacing an earlier one) and compute it in a job."""
    earlier: tuple[AgreementDialog, Job] | None = getattr(window, "_agreement", None)
    if earlier is not None:
        earlier[1].cancel()
        earlier[0].close()
        if not earlier[1].is_running():
            earlier[0].deleteLater()
    dialog = AgreementDialog(window)
    window.controller.commit_pending_edits()

    def run(ctx: JobContext) -> AgreementReport:
        return measure_agreement(ctx.store, cancel=ctx.cancelled)

    job = Job(window.controller.db_path, run, window)  # the window outlives the job
    job.finished.connect(dialog.show_report)
    job.failed.connect(
        lambda exc: dialog.show_problem(explain(exc) if isinstance(exc, ClipperError) else str(exc))
    )
    dialog.rejected.connect(job.cancel)
    window._agreement = (dialog, job)  # type: ignore[attr-defined]
    dialog.show()
    job.start()
    return dialog

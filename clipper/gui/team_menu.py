"""File › Merge databases… and Team › Agreement…: both run in a background job.

Merging reads the chosen coders' databases (or JSON exports) into the open database
(:func:`clipper.operations.merge.merge_files`, all or nothing), then reloads the window and
shows what was added and which values differed (the open database kept its own).
Agreement: :mod:`clipper.gui.agreement_dialog` (coder and article pickers, then a table per
tag).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from clipper.errors import Cancelled, ClipperError
from clipper.gui.advice import explain
from clipper.gui.errors import show_error
from clipper.gui.workers import Job, JobContext

if TYPE_CHECKING:
    from clipper.gui.agreement_dialog import AgreementDialog
    from clipper.gui.main_window import MainWindow
    from clipper.operations.merge import MergeReport

__all__ = ["install", "merge_databases", "show_agreement"]

#: What File › Merge databases… offers.
MERGE_FILTER = "Clipper databases and exports (*.db *.sqlite *.json *.jsonl);;All files (*)"


def install(window: MainWindow) -> None:
    """Connect File › Merge databases… and Team › Agreement… of ``window``."""
    actions = window.actions_by_name
    actions["merge_databases"].triggered.connect(lambda _checked=False: merge_databases(window))
    actions["agreement"].triggered.connect(lambda _checked=False: show_agreement(window))


def show_agreement(window: MainWindow) -> AgreementDialog:
    """Team › Agreement… (the dialog's module loads on first use, not at start-up)."""
    from clipper.gui.agreement_dialog import show_agreement as show

    return show(window)


# -- merge ----------------------------------------------------------------------------------


def merge_databases(window: MainWindow, paths: list[str] | None = None) -> Job | None:
    """Ask for the files (unless ``paths``), merge them in a job with a progress dialog,
    then reload and show the summary. Returns the job (``None`` on Cancel)."""
    if paths is None:
        folder = os.path.dirname(window.controller.db_path)
        from clipper.gui import file_dialogs

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
        from clipper.operations.merge import merge_files

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
    from clipper.operations.merge import total_report

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
    from clipper.operations.merge import total_report

    total = total_report(reports)
    box = QMessageBox(window)
    box.setObjectName("mergeSummary")
    box.setWindowTitle("Merged")
    box.setIcon(QMessageBox.Icon.Information)
    files, added = len(reports), total.annotations_added
    box.setText(
        f"Merged {files} file{'' if files == 1 else 's'}: "
        f"{added} annotation{'' if added == 1 else 's'} added."
    )
    box.setInformativeText(merge_summary(reports))
    if total.conflicts:
        box.setDetailedText("\n".join(c.describe() for c in total.conflicts))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box

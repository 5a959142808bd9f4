"""Merging annotation files from the desktop app.

File › Import and dropped files: what the annotation-file registry
(:mod:`clipper.importers.annotation_formats`) detects — Clipper JSON, JSON Lines, W3C Web
Annotation … — is merged (the same operation as ``clipper import``), in a worker job with
its own connection; the window then reloads and says what was merged and what could not
be anchored. Everything else is imported as articles, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from clipper.gui.errors import show_error
from clipper.gui.workers import Job, JobContext
from clipper.importers.annotation_formats import ANNOTATION_FORMATS, detect, suffix_patterns
from clipper.operations.merge import MergeReport, merge_export

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

#: Warnings listed in the message box (the rest are counted).
SHOWN_WARNINGS = 10


def name_filter() -> str:
    """The Import dialog's filter for annotation files (every registered format)."""
    names = ", ".join(f.label for f in ANNOTATION_FORMATS.values())
    return f"Annotation files — {names} ({' '.join(suffix_patterns())})"


def split(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(annotation files, other files)``."""
    annotation_files = [p for p in paths if detect(p) is not None]
    return annotation_files, [p for p in paths if p not in annotation_files]


def summary(reports: Sequence[MergeReport]) -> str:
    added = sum(r.annotations_added for r in reports)
    skipped = sum(r.annotations_skipped for r in reports)
    created = sum(r.articles_created for r in reports)
    return (
        f"Merged {added} annotation{'s' if added != 1 else ''} ({skipped} already present, "
        f"{created} new article{'s' if created != 1 else ''})."
    )


def merge_files(window: MainWindow, paths: Sequence[str]) -> Job:
    """Merge ``paths`` into the open database in the background; returns the started job."""
    files = [Path(p) for p in paths]

    def work(context: JobContext) -> list[MergeReport]:
        return [
            merge_export(context.store, f, progress=context.progress, cancel=context.cancelled)
            for f in files
        ]

    job = Job(window.controller.db_path, work, window)
    job.finished.connect(lambda reports: _done(window, files, reports))
    job.failed.connect(
        lambda exc: show_error(
            window,
            "The annotations could not be merged",
            f"{getattr(exc, 'message', exc)}\n\nNothing was changed.",
        )
    )
    window.show_message(f"Merging annotations from {', '.join(f.name for f in files)}…")
    job.start()
    return job


def _done(window: MainWindow, files: list[Path], reports: list[MergeReport]) -> None:
    window.controller.refresh()
    window.show_message(summary(reports))
    warnings = [f"{f.name}: {w}" for f, r in zip(files, reports, strict=True) for w in r.warnings]
    if not warnings:
        return
    shown = warnings[:SHOWN_WARNINGS]
    if len(warnings) > SHOWN_WARNINGS:
        shown.append(f"… and {len(warnings) - SHOWN_WARNINGS} more.")
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Some annotations were left out",
        summary(reports) + "\n\n" + "\n".join(shown),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("mergeWarnings")
    box.open()  # not modal to the app: the window stays usable

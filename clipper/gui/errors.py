"""Unexpected errors: log them to a file, show a dialog with details, keep running.

:func:`install_excepthook` replaces ``sys.excepthook``; PySide6 calls it for an exception
raised in a slot or event handler, so a bug shows a dialog instead of killing the app.
Expected problems (:class:`~clipper.errors.ClipperError`) are shown by
:func:`show_clipper_error` with their user-fit message and no traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from clipper.errors import ClipperError, DatabaseError
from clipper.gui.field_messages import sentence

log = logging.getLogger("clipper")

_open_dialogs: list[QMessageBox] = []
_previous_hook = sys.excepthook
_log_file: Path | None = None


def log_dir() -> Path:
    """Where the log file goes: the platform's user log folder (shared with the CLI)."""
    from clipper.paths import log_dir as core_log_dir

    return core_log_dir()


def setup_logging(directory: Path | None = None) -> Path | None:
    """Log to ``clipper.log`` (rotated, 1 MB × 3) in ``directory``; returns the file."""
    import logging.handlers  # after the first paint, not at start-up (~8 ms)

    global _log_file
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "clipper.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None  # A read-only home must not stop the app.
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in log.handlers if getattr(h, "_clipper", False)]:
        log.removeHandler(old)
        old.close()
    handler._clipper = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _log_file = path
    return path


def log_file() -> Path | None:
    return _log_file


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """The exception hook: log, then show a dialog (when a QApplication exists)."""
    if issubclass(exc_type, KeyboardInterrupt):
        _previous_hook(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error\n%s", details)
    print(details, file=sys.stderr, end="")
    if QApplication.instance() is None:
        return
    if isinstance(exc, ClipperError):
        from clipper.gui.advice import explain

        show_error(None, "Clipper", explain(exc))
        return
    where = f"\n\nThe details are also in the log file:\n{_log_file}" if _log_file else ""
    show_error(
        None,
        "Unexpected error",
        f"Something went wrong: {exc_type.__name__}: {exc}\n\n"
        "Clipper keeps running and your saved work is safe. If this repeats, please report it "
        f"with the details below.{where}",
        details,
    )


def report_failed_change(exc: ClipperError, status: Callable[[str], object]) -> None:
    """A change the user asked for was refused. A problem with the database itself (full
    disk, read-only, damaged) gets a dialog, since nothing more will be saved until it is
    solved; anything else (a bad span, a clash) a status-bar message."""
    from clipper.gui.advice import explain

    if isinstance(exc, DatabaseError):
        show_error(None, "Not saved", explain(exc))
    status(exc.message)


def show_error(
    parent: QWidget | None, title: str, message: str, details: str | None = None
) -> QMessageBox:
    """Show a non-blocking error dialog (at most a few at a time) and return it."""
    if len(_open_dialogs) >= 3:
        return _open_dialogs[-1]
    if parent is None:
        parent = QApplication.activeWindow()
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(sentence(message) or message)
    box.setObjectName("clipperErrorDialog")
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    _open_dialogs.append(box)
    box.finished.connect(lambda _result, b=box: _forget(b))
    # Deleted with its window, unclosed: forgotten too (three dead ones blocked every
    # later error dialog).
    box.destroyed.connect(lambda _object=None, b=box: _forget(b))
    box.show()
    return box


def _forget(box: QMessageBox) -> None:
    if box in _open_dialogs:
        _open_dialogs.remove(box)


def open_error_dialogs() -> list[QMessageBox]:
    """The error dialogs shown and not yet closed (for tests)."""
    return list(_open_dialogs)


def install_excepthook() -> None:
    sys.excepthook = handle_exception

"""Start the desktop app: ``main(db_path, files, article_id)``; tests use
:func:`create_main_window`.

Set ``CLIPPER_QUIT_AFTER_PAINT=1`` to quit right after the window's first paint (start-up
benchmarks and smoke tests); the process's CPU time at that paint and the clock then
(``CLOCK_MONOTONIC``, system-wide: a parent can subtract its own reading from before the
start) are then written to stderr as ``clipper: first paint after N ms of CPU at T s``.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clipper.gui.platform_check import check_platform

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

QUIT_AFTER_PAINT = "CLIPPER_QUIT_AFTER_PAINT"

#: Set, Qt paints on the UI thread alone: no fills handed to its GUI thread pool.
NO_PAINT_THREADS = "QT_NO_GUI_THREADPOOL"


def main(
    db_path: str | None = None,
    files: list[str] | None = None,
    article_id: int | None = None,
    coder: str | None = None,
) -> int:
    """Run Clipper's window on ``db_path`` (new annotations by ``coder``: ``--coder``, see
    :func:`~clipper.operations.choose_coder`); returns the process exit code."""
    problem = check_platform()  # before Qt is imported: Qt would abort on a bad display
    if problem:
        print(problem, file=sys.stderr)
        return 1
    # Loading Qt and the window's modules and building it makes no garbage worth
    # collecting: the collector pauses until the first paint (a few percent of the start).
    gc.disable()
    try:
        return _run(db_path, files, article_id, coder)
    finally:
        gc.enable()


def _run(
    db_path: str | None, files: list[str] | None, article_id: int | None, coder: str | None
) -> int:
    from clipper.gui import feature_check

    feature_check.install()  # before PySide sees the window's modules imported
    from PySide6.QtWidgets import QApplication

    from clipper.errors import ClipperError
    from clipper.gui.errors import install_excepthook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app, icon=False)
    install_excepthook()
    from clipper.gui.settings import Settings

    db_path = db_path or default_db_path()
    settings = Settings()
    # The start's settings changes (recent databases, last article) are written to disk
    # (with two fsyncs) after the first paint, not before it.
    write_settings = settings.hold_writes()
    try:
        window = create_main_window(
            db_path, settings=settings, article_id=article_id, open_article=False, coder=coder
        )
    except ClipperError as exc:
        print(f"clipper: {exc.message}", file=sys.stderr)
        return 1
    # Not needed for the first picture: the log file and the icon's PNGs (~15 ms).
    later: list[Callable[[], object]] = [
        gc.enable,
        write_settings,
        lambda: _finish_start(app),
        window.ask_coder_once,
    ]
    if os.environ.get(QUIT_AFTER_PAINT) == "1":  # start-up benchmark: stop at the picture
        later[:0] = [_report_paint_cpu, QApplication.quit]
    _after_first_paint(window, *later)
    window.show()
    # After show (still before the first paint): the text is laid out once, at its final
    # width, instead of again for every paragraph when the window takes its size.
    window.open_initial_article(article_id)
    if files:
        window.import_files(files)
    code = app.exec()
    # Whatever is still held or pending goes to disk now (a no-op when nothing changed):
    # the process may end without collecting the window and its settings.
    settings.sync()
    window.controller.close()
    return int(code)


def _report_paint_cpu() -> None:
    """Write the process's CPU time so far (user + system, since it started) and the
    monotonic clock now to stderr (called from the event loop once the paint is done)."""
    import resource
    import time

    now = time.clock_gettime(time.CLOCK_MONOTONIC)
    used = resource.getrusage(resource.RUSAGE_SELF)
    ms = (used.ru_utime + used.ru_stime) * 1000
    print(
        f"clipper: first paint after {ms:.1f} ms of CPU at {now:.6f} s", file=sys.stderr, flush=True
    )


def _finish_start(app: object) -> None:
    """Start-up work that can wait until the window is on screen."""
    from clipper.gui.errors import setup_logging

    setup_logging()
    set_app_icon(app)


def default_db_path() -> str:
    """The CLI's default database (``$CLIPPER_DB`` or the user data folder), created."""
    from clipper.paths import default_db_path as core_default

    path = core_default()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def configure_application(app: object, *, icon: bool = True) -> None:
    """Names, icon and style sheet (also applied by tests, so they see what users see).

    ``icon=False`` leaves the icon to :func:`set_app_icon` (the app sets it after the
    first paint)."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    paint_on_one_thread()
    app.setApplicationName("Clipper")
    app.setOrganizationName("Clipper")
    app.setApplicationDisplayName("Clipper")
    app.setDesktopFileName("io.github.clipper.Clipper")
    if icon:
        set_app_icon(app)
    app.setStyleSheet(style_sheet())


def paint_on_one_thread() -> None:
    """Turn off Qt's parallel fills (before the first paint; a value already set wins).

    Qt hands every fill of 96 or more pixel rows (a scroll bar's groove, a large
    background) to the threads of its GUI thread pool and waits for them. For the
    widgets of this window such a fill takes microseconds, and handing it over costs more:
    a tagging key press, once the annotations list has a scroll bar, made 100–400 context
    switches and took 3.7–4.5 ms of UI-thread CPU (4.6–5.6 ms of the process's) instead
    of 2.7–2.8 ms (bench_main_window.py ``--only add``)."""
    os.environ.setdefault(NO_PAINT_THREADS, "1")


def set_app_icon(app: object) -> None:
    """Clipper's icon for every window (no icon if the bundled files are missing)."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    try:
        from clipper.gui.icons import app_icon

        app.setWindowIcon(app_icon())
    except (ImportError, FileNotFoundError):
        pass


def style_sheet() -> str:
    """The bundled style sheet (palette-relative, so dark themes work), or ""."""
    from clipper.resources import resources_dir

    path = resources_dir() / "style" / "clipper.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def create_main_window(
    db_path: str | Path,
    *,
    settings: object | None = None,
    article_id: int | None = None,
    open_article: bool = True,
    coder: str | None = None,
) -> MainWindow:
    """Open the database and build the window; shows ``article_id`` or the last article
    (unless ``open_article`` is false: then call ``open_initial_article`` yourself).

    ``settings`` is a :class:`~clipper.gui.settings.Settings` (tests pass one backed by a
    temporary file). New annotations are by ``coder`` (``--coder``), else $CLIPPER_CODER,
    else the settings' coder, else ``default`` (ClipperError if the chosen name is not valid).
    """
    from clipper.gui.controller import Controller
    from clipper.gui.main_window import MainWindow
    from clipper.gui.settings import Settings
    from clipper.operations import choose_coder
    from clipper.store import Store

    settings = settings if isinstance(settings, Settings) else Settings()
    chosen = choose_coder(coder, settings.coder())
    store = Store(db_path)
    controller = Controller(store, coder=chosen)
    window = MainWindow(controller, settings)
    window.coder_given = coder is not None and bool(coder.strip())
    if open_article:
        window.open_initial_article(article_id)
    return window


def _after_first_paint(window: MainWindow, *callbacks: Callable[[], object]) -> None:
    """Call ``callbacks`` in order from the event loop once the window has painted."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                for callback in callbacks:
                    QTimer.singleShot(0, callback)
            return False

    window.installEventFilter(_Watcher(window))

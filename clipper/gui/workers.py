"""Run a core function off the UI thread, with progress, status text and cancellation.

A :class:`Job` runs ``fn(context)`` in its own :class:`QThread`. The function gets a
:class:`JobContext`: its *own* :class:`~clipper.store.Store` on the database file (SQLite
connections belong to the thread that opened them; the store is closed when ``fn``
returns), a :data:`~clipper.progress.ProgressCallback`, a
:data:`~clipper.progress.CancelCheck` and a status callback. The job reports back on the
UI thread through Qt signals::

    job = Job(db_path, lambda ctx: export_to_path(ctx.store, path, "csv", selection,
                                                  progress=ctx.progress, cancel=ctx.cancelled))
    job.progress.connect(on_progress)      # (done, total)
    job.finished.connect(on_done)          # the function's result
    job.failed.connect(on_error)           # a ClipperError, Cancelled or an unexpected Exception
    job.start()
    ...
    job.cancel()                           # cooperative: fn sees ctx.cancelled() == True

``finished``/``failed`` are emitted after the thread has stopped, so the receiver may
start the next job or delete this one right away.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from clipper.errors import Cancelled, ClipperError
from clipper.store import Store

log = logging.getLogger(__name__)

#: Minimum time between two progress signals (seconds): a callback called a million
#: times must not flood the UI thread's event queue.
PROGRESS_INTERVAL = 0.05


@dataclass
class JobContext:
    """What a job's function gets: its own store and the ways to report back."""

    store: Store
    _emit_progress: Callable[[int, int], None]
    _emit_status: Callable[[str], None]
    _cancel_event: threading.Event
    _last_progress: float = field(default=0.0)

    def progress(self, done: int, total: int) -> None:
        """A :data:`~clipper.progress.ProgressCallback` (throttled; the last step always
        gets through)."""
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            self._emit_progress(done, total)

    def status(self, text: str) -> None:
        """Show ``text`` (e.g. "Importing report.pdf, page 3 of 15") to the user."""
        self._emit_status(text)

    def cancelled(self) -> bool:
        """A :data:`~clipper.progress.CancelCheck`: ``True`` once the user asked to stop."""
        return self._cancel_event.is_set()


JobFunction = Callable[[JobContext], Any]


class _Runner(QObject):
    """Lives in the worker thread and calls the function there."""

    progress = Signal(int, int)
    status = Signal(str)

    def __init__(
        self, db_path: str, fn: JobFunction, cancel_event: threading.Event, thread: QThread
    ) -> None:
        super().__init__()
        self._db_path = db_path
        self._fn = fn
        self._cancel_event = cancel_event
        self._worker_thread = thread
        self.result: Any = None
        self.error: BaseException | None = None
        #: Did the function change the database (commit on this job's connection)?
        self.wrote = False

    @Slot()
    def run(self) -> None:
        try:
            store = Store(self._db_path)
            try:
                context = JobContext(
                    store, self.progress.emit, self.status.emit, self._cancel_event
                )
                self.result = self._fn(context)
            finally:
                self.wrote = store.changes_made() > 0
                store.close()
        except Exception as exc:  # reported to the UI thread, never lost
            if not _is_expected(exc):
                log.exception("background job failed")
            self.error = exc
        finally:
            # Hand this object back to the UI thread so that it is deleted there, then
            # let the worker thread end.
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self._worker_thread.quit()


def _is_expected(exc: BaseException) -> bool:
    return isinstance(exc, ClipperError | Cancelled)


class Job(QObject):
    """One run of a function in a worker thread. Start it once."""

    progress = Signal(int, int)
    status = Signal(str)
    finished = Signal(object)
    failed = Signal(object)

    #: Jobs whose thread runs: kept alive here so a thread is never destroyed running.
    _active: ClassVar[set[Job]] = set()
    #: Bumped whenever a job that changed the database ends (see :meth:`own_activity`).
    _writes: ClassVar[int] = 0

    @classmethod
    def own_activity(cls) -> tuple[bool, int]:
        """(is a job running now, a number that changes whenever one that wrote ends).

        A job commits on its own connection, which the UI thread's connection sees as
        "another connection wrote" (``PRAGMA data_version``): this tells the controller
        that the change is this process's own, not another program's. Jobs that only
        read (statistics, searches, exports) do not count.

        A job whose thread has ended counts as ended even if its ``finished`` slot never
        ran (it is queued to the UI thread, and is lost when the job's parent is deleted
        first): otherwise one such job would stop every later foreign-change refresh."""
        for job in [job for job in cls._active if job._thread.isFinished()]:
            cls._retire(job)
        return bool(cls._active), cls._writes

    @classmethod
    def _retire(cls, job: Job) -> None:
        if job in cls._active:
            cls._active.discard(job)
            if job._runner.wrote:
                cls._writes += 1

    def __init__(self, db_path: str, fn: JobFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel_event = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("clipper-job")
        self._runner = _Runner(db_path, fn, self._cancel_event, self._thread)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self.progress)
        self._runner.status.connect(self.status)
        self._thread.finished.connect(self._on_thread_finished)
        self._started = False
        self._done = False

    def start(self) -> None:
        if self._started:
            raise RuntimeError("a Job runs only once")
        self._started = True
        Job._active.add(self)
        _stop_jobs_on_quit()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the function to stop (it checks :meth:`cancelled` between steps)."""
        self._cancel_event.set()

    def cancelled(self) -> bool:
        """A :data:`~clipper.progress.CancelCheck` for this job."""
        return self._cancel_event.is_set()

    def is_running(self) -> bool:
        return self._started and not self._done

    def wait(self, msecs: int = -1) -> bool:
        """Block until the thread stops (``True``) or ``msecs`` pass (``False``).
        Signals are delivered only once the event loop runs again."""
        if not self._started:
            return True
        return self._thread.wait(msecs) if msecs >= 0 else self._thread.wait()

    @Slot()
    def _on_thread_finished(self) -> None:
        self._done = True
        Job._retire(self)
        error, result = self._runner.error, self._runner.result
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)

    @classmethod
    def shutdown_all(cls, msecs: int = 5000) -> bool:
        """Cancel every running job and wait for their threads (call on application exit).
        Returns ``False`` if one did not stop in time."""
        jobs = list(cls._active)
        for job in jobs:
            job.cancel()
        return all(job.wait(msecs) for job in jobs)


_quit_hook: list[bool] = []


def _stop_jobs_on_quit() -> None:
    """Once per process: cancel and wait for running jobs when the application quits (a
    QThread destroyed while it runs aborts the process)."""
    app = QCoreApplication.instance()
    if app is not None and not _quit_hook:
        _quit_hook.append(True)
        app.aboutToQuit.connect(lambda: Job.shutdown_all())


def run_job(
    db_path: str,
    fn: JobFunction,
    *,
    parent: QObject | None = None,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Job:
    """Create, connect and start a :class:`Job` in one call."""
    job = Job(db_path, fn, parent)
    if on_progress is not None:
        job.progress.connect(on_progress)
    if on_finished is not None:
        job.finished.connect(on_finished)
    if on_failed is not None:
        job.failed.connect(on_failed)
    job.start()
    return job

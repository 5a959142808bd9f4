"""Worker processes that die with the process that started them.

A ``ProcessPoolExecutor`` worker started through the fork server is the fork server's
child, and the fork server lives as long as any worker does: when the importing process
is killed, its workers would read on for minutes, holding its output pipes open (a
script waiting for them hangs). :func:`die_with` in a worker's initializer prevents that.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_watched_pid = 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process: pid reused
        return False
    return True


def exit_if_orphaned() -> None:
    """Stop this worker at once if the process it works for has died."""
    if _watched_pid and not _alive(_watched_pid):
        os._exit(1)


def _watch(pid: int) -> None:
    """Exit as soon as ``pid`` is gone (a pidfd wakes up at its exit; else poll)."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        while _alive(pid):
            time.sleep(0.5)
        os._exit(1)
    select.select([handle], [], [])
    os._exit(1)


def die_with(pid: int) -> None:
    """Call in a worker's initializer with the starting process's pid (``os.getpid()``
    there): the worker exits within moments of that process's death, however it died."""
    global _watched_pid
    _watched_pid = pid
    if sys.platform.startswith("linux"):  # the direct parent (the "spawn" start method)
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass
    exit_if_orphaned()  # it may have died before the watch starts
    threading.Thread(target=_watch, args=(pid,), daemon=True, name="lifeline").start()

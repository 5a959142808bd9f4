"""How many cores are free *now*: idle CPU time sampled from ``/proc/stat``.

The load average lags by a minute (it still counts work that has just ended), so the
worker decision samples the idle time of all CPUs over a short interval instead. The
decision itself is a pure function of injected numbers (see :func:`decide_workers`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

#: How long idle time is sampled (seconds); 100 Hz tick accounting makes shorter samples coarse.
SAMPLE_SECONDS = 0.08
#: A core counts as free when at least this share of it was idle during the sample.
FREE_SHARE = 0.7
#: Fewer pages than this are read in-process: starting workers costs ~0.3 s.
PARALLEL_MIN_PAGES = 12
#: Each worker should get at least this many pages.
MIN_PAGES_PER_WORKER = 6
MAX_WORKERS = 4
_STAT = Path("/proc/stat")

CpuTimes = tuple[int, int]


def parse_cpu_times(stat: str) -> tuple[CpuTimes, int]:
    """``((idle, total), online CPUs)`` from the text of ``/proc/stat`` (jiffies since boot).

    Idle includes iowait; guest time is already part of user time, so it is not added.
    """
    lines = stat.splitlines()
    fields = lines[0].split()
    if not fields or fields[0] != "cpu":
        raise ValueError("no aggregate cpu line")
    values = [int(v) for v in fields[1:9]]  # user nice system idle iowait irq softirq steal
    online = sum(1 for line in lines[1:] if line.startswith("cpu"))
    return (values[3] + values[4], sum(values)), max(1, online)


def idle_cores(before: CpuTimes, after: CpuTimes, online: int) -> float:
    """How many CPUs' worth of time was idle between two samples."""
    total = after[1] - before[1]
    if total <= 0:
        return float(online)
    return online * max(0, after[0] - before[0]) / total


def cores_free(usable: int, idle: float) -> int:
    """Cores this process may use that are (almost) idle: at least 1, at most ``usable``."""
    return max(1, min(usable, int(idle + 1.0 - FREE_SHARE)))


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def free_cores(sample: float = SAMPLE_SECONDS) -> int:
    """Cores free right now (sampled over ``sample`` seconds; load average if no /proc)."""
    usable = usable_cores()
    try:
        before, online = parse_cpu_times(_STAT.read_text())
        time.sleep(sample)
        after, _ = parse_cpu_times(_STAT.read_text())
    except (OSError, ValueError):  # pragma: no cover - not Linux
        try:
            load = os.getloadavg()[0]
        except OSError:
            load = 0.0
        return max(1, usable - int(load))
    return cores_free(usable, idle_cores(before, after, online))


def decide_workers(
    pages: int, requested: int | None, env: str | None, free: Callable[[], int]
) -> int:
    """Worker processes for ``pages`` pages (1 = read in this process).

    ``requested`` (the caller's choice) wins over ``env`` (the ``CLIPPER_PDF_WORKERS``
    value); without either, ``free()`` is asked, and only for documents long enough to
    use workers. Every worker gets at least :data:`MIN_PAGES_PER_WORKER` pages.
    """
    if requested is None and env is not None and env.strip().isdigit():
        requested = int(env.strip())
    most = max(1, pages // MIN_PAGES_PER_WORKER)
    if requested is not None:
        return max(1, min(requested, most))
    if pages < PARALLEL_MIN_PAGES:
        return 1
    return max(1, min(free(), most, MAX_WORKERS))

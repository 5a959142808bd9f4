"""Run ``clipper --db DB suggest --all --json --workers N [--accept]`` in this process
(output thrown away) and print one JSON object: wall time, CPU time of this (main)
process and of its worker processes, their peak memory, the load average. Used by
``bench_suggest.py``."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import time

from clipper.cli import cli


def main() -> None:
    db, workers, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    t0 = time.perf_counter()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        cli.main(
            ["--db", db, "suggest", "--all", "--json", "--workers", workers, *extra],
            standalone_mode=False,
        )
    wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall_s": wall,
                "main_cpu_s": me.ru_utime + me.ru_stime,
                "workers_cpu_s": workers_usage.ru_utime + workers_usage.ru_stime,
                "main_peak_mb": me.ru_maxrss / 1024,
                "worker_peak_mb": workers_usage.ru_maxrss / 1024,
                "load": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()

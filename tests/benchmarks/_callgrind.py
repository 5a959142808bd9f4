"""Counting instructions of one measured part of a run with callgrind (the callgrind
benchmarks share this): the part runs inside :func:`counted`, and callgrind collects only
inside that C call (``--toggle-collect=ffi_call``), so start-up and set-up are not counted.
Instruction counts do not change with the machine's load. Needs valgrind."""

from __future__ import annotations

import ctypes
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

_COMPARE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def counted(fn: Callable[[], object]) -> None:
    """Run ``fn`` inside glibc's ``lfind`` (callgrind counts only in there)."""
    libc = ctypes.CDLL(None)
    libc.lfind.restype = ctypes.c_void_p

    def compare(_a: object, _b: object) -> int:
        fn()
        return 0

    key, item = ctypes.c_int(0), ctypes.c_int(0)
    count = ctypes.c_size_t(1)
    callback = _COMPARE(compare)
    libc.lfind(
        ctypes.byref(key), ctypes.byref(item), ctypes.byref(count), ctypes.sizeof(item), callback
    )


def run_counted(script: str, args: Sequence[str]) -> tuple[int, str, str]:
    """Run ``python script *args`` under callgrind: the instructions counted inside
    :func:`counted`, the child's standard output and the profile's path."""
    out = Path(tempfile.mkdtemp(prefix="clipper-callgrind-")) / "callgrind.out"
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        "--toggle-collect=ffi_call",
        f"--callgrind-out-file={out}",
        sys.executable,
        script,
        *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    summary = next(
        line for line in out.read_text().splitlines() if line.startswith(("summary:", "totals:"))
    )
    return int(summary.split()[1]), done.stdout, str(out)

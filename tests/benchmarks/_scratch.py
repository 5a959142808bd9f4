"""Temporary folders for benchmarks, removed when the run ends.

Benchmarks build and copy libraries of up to a gigabyte; a run must not leave them behind
(left-over copies once filled the disk of a shared machine).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def scratch_dir(prefix: str) -> Path:
    """A new temporary folder, deleted with everything in it when the process exits."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path

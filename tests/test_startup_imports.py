"""Start-up: the store does not drag pandas and numpy in through sqlite-utils (0.4 s of CPU
at every start of the CLI and the app), and a later import of them still works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHECK = """
import sys
import clipper.cli
from clipper.store import Store
print(sorted(n for n in ("pandas", "numpy") if n in sys.modules))
try:
    import numpy
except ImportError:
    print("absent")
else:
    print("importable")
"""


def test_the_cli_starts_without_pandas_or_numpy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded, later = done.stdout.split("\n")[:2]
    assert loaded == "[]"
    try:
        import numpy  # noqa: F401
    except ImportError:
        assert later == "absent"
    else:
        assert later == "importable"

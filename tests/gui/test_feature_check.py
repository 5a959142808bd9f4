"""PySide's per-import check, made cheap (start-up, issue 11), gives PySide's own answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json, sys
import shiboken6
feature = sys.modules["shibokensupport.feature"]
original = feature._mod_uses_pyside
from clipper.gui import feature_check
feature_check.install()
feature_check.install()  # once is enough: not wrapped twice
quick = feature._mod_uses_pyside
import clipper.gui.library_pane, clipper.model, json.decoder, math, types
names = ["clipper.gui.library_pane", "clipper.model", "json.decoder", "math", "sys"]
fake = types.ModuleType("no_file")
answers = [(quick(sys.modules[n]), original(sys.modules[n])) for n in names]
answers.append((quick(fake), original(fake)))
print(json.dumps({"answers": answers, "wrapped": quick is not original}))
"""


def test_the_quick_check_answers_as_pyside_does() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["wrapped"]
    assert [quick for quick, _ in result["answers"]] == [True, False, False, False, False, False]
    assert all(quick == original for quick, original in result["answers"])

"""The environment for running the real app in a child process (offscreen, in a private home)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def app_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment without a display, with ``home`` as the user's home,
    configuration and state folders, this tree on the path, and ``extra`` on top."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    env.update(extra)
    return env

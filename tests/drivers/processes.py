"""Real Clipper processes for tests and benchmarks: the CLI and the driven app window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

APP_SESSION = Path(__file__).parent / "app_session.py"


def run_cli(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """``clipper --db DB ARGS…`` in a new process."""
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


class AppProcess:
    """The real main window in its own process, driven by app_session.py's commands."""

    def __init__(self, db: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, str(APP_SESSION), str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def ask(self, command: str) -> str:
        """Run one command; returns what followed "ok" (fails on an error answer)."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        answer = self._line()
        assert answer.startswith("ok"), f"{command}: {answer!r}"
        return answer[2:].strip()

    def quit(self) -> None:
        if self.process.poll() is None:
            self.ask("quit")
        assert self.process.wait(timeout=60) == 0

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=60)

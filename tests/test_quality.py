"""Lint, format and types are part of the test run (rule 8)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is part of the test extra")
def test_ruff_lint() -> None:
    result = run("ruff", "check", "clipper", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is part of the test extra")
def test_ruff_format() -> None:
    result = run("ruff", "format", "--check", "clipper", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_core_and_gui() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers() -> None:
    """import-linter's contracts in pyproject.toml: Qt only in the GUI, SQL only in the
    store, importers never touch the database, and the layers."""
    result = run(
        sys.executable,
        "-c",
        "from importlinter.cli import lint_imports_command; lint_imports_command()",
    )
    assert result.returncode == 0, result.stdout + result.stderr

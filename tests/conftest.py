"""Shared fixtures. Qt runs offscreen in tests (no display needed)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from disks import mount_tmpfs

from clipper.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh database file."""
    return tmp_path / "clipper.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A real database file, migrated to the current schema."""
    with Store(db_path) as s:
        yield s


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system of its own (room for a fresh database with one article)."""
    where = tmp_path / "disk"
    mount_tmpfs(where, "1m")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)

"""Files Clipper refuses before reading: the open database (and its -wal/-shm), pipes, devices,
text files over the size limits."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from proc_locks import PROC_LOCKS, held_locks

from clipper.errors import ClipperError, ImportFailed
from clipper.exporters import export_to_path
from clipper.fields import MAX_TEXT_CHARS, MAX_TEXT_FILE_BYTES
from clipper.importers import read_file
from clipper.store import Store


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_importing_the_open_database_is_refused_without_opening_it(
    store: Store, db_path: Path, suffix: str
) -> None:
    store.list_tags()
    with pytest.raises(ImportFailed, match="belongs to the Clipper database that is open"):
        read_file(f"{db_path}{suffix}")
    if PROC_LOCKS.exists():
        assert held_locks(db_path), "the locks must survive: the file was never opened"


def test_exporting_onto_the_open_database_is_refused(store: Store, db_path: Path) -> None:
    with pytest.raises(ClipperError, match="cannot export to it"):
        export_to_path(store, db_path, "csv")
    assert store.list_tags()  # still a database
    if PROC_LOCKS.exists():
        assert held_locks(db_path)


def test_a_closed_database_is_no_longer_protected(db_path: Path) -> None:
    Store(db_path).close()
    with pytest.raises(ImportFailed) as refused:
        read_file(db_path)  # read, then refused as not text
    assert "is open" not in str(refused.value)


def test_two_stores_on_one_file_protect_it_until_both_close(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path)
    first.close()
    with pytest.raises(ImportFailed, match="is open"):
        read_file(db_path)
    second.close()
    with pytest.raises(ImportFailed) as refused:
        read_file(db_path)
    assert "is open" not in str(refused.value)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: _capture(outcome, fifo), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], ImportFailed)
    assert "not an ordinary file" in str(outcome[0])


def _capture(outcome: list[BaseException], path: Path) -> None:
    try:
        read_file(path)
    except BaseException as exc:
        outcome.append(exc)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused() -> None:
    with pytest.raises(ImportFailed, match="not an ordinary file"):
        read_file("/dev/zero")


def test_a_text_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:
        sparse.truncate(MAX_TEXT_FILE_BYTES + 1)  # no disk used, nothing worth reading
    with pytest.raises(ImportFailed, match="imports text files of at most 100 MB"):
        read_file(huge)


@pytest.mark.slow
def test_a_text_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_bytes(b"word " * (MAX_TEXT_CHARS // 5) + b"!")
    with pytest.raises(ImportFailed, match="at most 50,000,000"):
        read_file(long)

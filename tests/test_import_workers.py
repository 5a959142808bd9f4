"""A killed bulk import leaves no worker behind; re-running it skips what is stored."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PDF = Path(__file__).parent / "fixtures" / "pdfs" / "pdfjs__tracemonkey.pdf"
TEXTS = Path(__file__).parent / "fixtures" / "articles"


def _descendants(pid: int) -> set[int]:
    """Every living process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")
def _kill_once_workers_run(process: subprocess.Popen[bytes], workers_needed: int) -> None:
    """SIGKILL ``process`` once it has ``workers_needed`` descendants; then every one of
    them must be gone within seconds, and its pipes closed (communicate returns)."""
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < workers_needed:
        workers = _descendants(process.pid)
        time.sleep(0.05)
    assert len(workers) >= workers_needed, "the import never started its workers"
    process.send_signal(signal.SIGKILL)
    started = time.monotonic()
    process.communicate(timeout=30)  # hangs while any worker holds the pipes
    while _alive(workers) and time.monotonic() - started < 30:
        time.sleep(0.05)
    assert not _alive(workers)
    assert time.monotonic() - started < 15


def test_killed_bulk_import_leaves_no_worker_and_no_open_pipe(tmp_path: Path) -> None:
    files = []
    for number in range(24):
        target = tmp_path / f"report-{number:02}.pdf"
        shutil.copy(PDF, target)
        files.append(str(target))
    env = {**os.environ, "CLIPPER_IMPORT_WORKERS": "2", "CLIPPER_PDF_WORKERS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "--db", str(tmp_path / "c.db"), "import", *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    _kill_once_workers_run(process, 3)  # the fork server + 2 workers


def test_rerun_reports_stored_files_as_skipped_and_exits_0(tmp_path: Path) -> None:
    files = [str(TEXTS / "wikinews_news_crane.txt"), str(TEXTS / "wikinews_news_nasa.txt")]
    command = [sys.executable, "-m", "clipper", "--db", str(tmp_path / "c.db"), "import"]
    first = subprocess.run([*command, *files], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([*command, *files], capture_output=True, text=True, timeout=120)
    assert again.returncode == 0
    assert again.stdout == ""
    assert again.stderr.count("clipper: skipped:") == 2
    assert "clipper: error" not in again.stderr


def test_killed_import_of_one_long_pdf_leaves_no_page_reader(tmp_path: Path) -> None:
    """One long PDF is read by page workers; they too die with the import."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for _ in range(10):
        for page in PdfReader(PDF).pages:
            writer.add_page(page)
    long_pdf = tmp_path / "long.pdf"
    with long_pdf.open("wb") as out:
        writer.write(out)
    env = {**os.environ, "CLIPPER_PDF_WORKERS": "2"}
    process = subprocess.Popen(
        [sys.executable, "-m", "clipper", "--db", str(tmp_path / "c.db"), "import", str(long_pdf)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    _kill_once_workers_run(process, 3)  # the fork server + 2 page readers

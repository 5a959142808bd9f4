"""Long documents: worker processes, progress, cancellation, batch import."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from clipper.errors import Cancelled, ClipperError, PasswordRequired
from clipper.importers.parallel import read_files_parallel
from clipper.importers.pdf import read_pdf
from clipper.importers.pdf.errors import open_pdf
from clipper.importers.pdf.parallel import extract_pages, plan_workers
from clipper.model import ImportedArticle

PDFS = Path(__file__).parent.parent / "fixtures" / "pdfs"
FEDERAL_REGISTER = PDFS / "pdfplumber__federal-register-2020-17221.pdf"


def test_workers_give_the_same_article_as_one_process() -> None:
    serial_progress: list[tuple[int, int]] = []
    parallel_progress: list[tuple[int, int]] = []
    serial = read_pdf(
        FEDERAL_REGISTER, workers=1, progress=lambda d, t: serial_progress.append((d, t))
    )
    parallel = read_pdf(
        FEDERAL_REGISTER, workers=2, progress=lambda d, t: parallel_progress.append((d, t))
    )
    assert parallel.text == serial.text
    assert parallel.layout == serial.layout
    assert serial_progress == [(n, 15) for n in range(1, 16)]
    assert parallel_progress[-1] == (15, 15)
    assert [d for d, _ in parallel_progress] == sorted(d for d, _ in parallel_progress)


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_the_import(workers: int) -> None:
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        read_pdf(FEDERAL_REGISTER, workers=workers, cancel=cancel)


def test_pages_cross_the_process_boundary_packed() -> None:
    pdf = open_pdf(FEDERAL_REGISTER)
    try:
        pages = extract_pages(pdf, FEDERAL_REGISTER.name, 0, 2)
    finally:
        pdf.close()
    lines = pages[1].lines
    assert lines is pages[1].lines  # unpacked once: the same objects every time
    copy = pickle.loads(pickle.dumps(pages[1]))
    assert copy.lines == lines and copy.lines is not lines
    assert copy.line_count == len(lines) > 10
    assert all(len(line.boxes) == 4 * len(line.text) for line in copy.lines)
    assert "Ethiopian" in copy.text


def test_plan_workers() -> None:
    assert plan_workers(3) == 1  # short documents are read in this process
    assert plan_workers(150, 2) == 2
    assert plan_workers(8, 4) == 1  # at least a few pages per worker
    assert plan_workers(150, 1) == 1


def test_batch_import_keeps_input_order_and_reports_each_error(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("A headline\n\nSome text for the batch.\n", encoding="utf-8")
    paths = [
        PDFS / "pdfplumber__robocop_270.pdf",
        PDFS / "pdfplumber__password-example.pdf",
        text,
        PDFS / "pdfplumber__empty.pdf",
        PDFS / "pdfjs__copy_paste_ligatures.pdf",
    ]
    results = list(read_files_parallel(paths, workers=2))
    assert [path for path, _ in results] == paths
    kinds = [type(result) for _, result in results]
    assert kinds[0] is ImportedArticle and kinds[2] is ImportedArticle
    assert kinds[4] is ImportedArticle
    password_error = results[1][1]
    assert isinstance(password_error, PasswordRequired) and not password_error.wrong_password
    assert isinstance(results[3][1], ClipperError) and "empty" in results[3][1].message
    one_process = list(read_files_parallel(paths, workers=1))
    assert [type(r) for _, r in one_process] == kinds


def test_a_cancelled_parallel_read_lets_the_process_exit() -> None:
    """Cancelling must not leave the worker pool blocked: the interpreter has to exit.

    (Terminating a worker while it sends a result used to hang exit forever.)
    """
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from clipper.errors import Cancelled\n"
        "from clipper.importers.pdf import read_pdf\n"
        "for limit in (1, 3, 6):\n"
        "    calls = []\n"
        "    def cancel():\n"
        "        calls.append(1)\n"
        "        return len(calls) > limit\n"
        "    start = time.monotonic()\n"
        "    try:\n"
        "        read_pdf(Path(sys.argv[1]), workers=2, cancel=cancel)\n"
        "    except Cancelled:\n"
        "        print('cancelled', round(time.monotonic() - start, 2))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(FEDERAL_REGISTER)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("cancelled") == 3

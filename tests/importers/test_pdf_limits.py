"""PDF bombs and oversized PDFs: refused while reading, with a message naming the limit.

The bombs are written byte by byte (:mod:`bombs`). Most tests lower a limit
(:mod:`clipper.importers.limits`) so that they run in a moment; the first one uses the real
limits in a real ``clipper import`` process whose address space is capped.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from bombs import (
    deep_xobjects,
    many_pages,
    nested_flate_bomb,
    operand_bomb,
    operator_bomb,
    path_bomb,
    text_bomb,
    xobject_bomb,
)
from rawpdf import page_pdf, stream

from clipper.errors import ImportFailed, InputTooLarge
from clipper.importers import limits, read_file
from clipper.importers.pdf import read_pdf
from clipper.importers.pdf.guard import Budget

ROOT = Path(__file__).resolve().parents[2]
CAP = 1024 * 1024 * 1024  # address space of the CLI process importing a bomb


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


@pytest.mark.slow
def test_a_40_kb_text_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """2,000,000 one-letter strings deflated into 40 KB: it took 2.3 GB and 51 s before."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(text_bomb(2_000_000))
    assert bomb.stat().st_size < 50_000
    db = tmp_path / "c.db"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), "import", str(bomb)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_capped,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "100,000 characters, Clipper's limit per page" in result.stderr
    assert "PDF bomb" in result.stderr
    assert time.monotonic() - started < 120
    if db.exists():
        with sqlite3.connect(db) as connection:
            assert connection.execute("select count(*) from articles").fetchone() == (0,)


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough for bombs of a few KB to hit them at once."""
    monkeypatch.setattr(limits, "PDF_MAX_PAGE_CHARS", 2_000)
    monkeypatch.setattr(limits, "PDF_MAX_PAGE_DRAWINGS", 2_000)
    monkeypatch.setattr(limits, "PDF_MAX_PAGE_UNPACKED", 1024 * 1024)
    monkeypatch.setattr(limits, "PDF_MAX_PENDING", 5_000)
    monkeypatch.setattr(limits, "PDF_MAX_PAGE_SECONDS", 1.0)


BOMBS = {
    "text": (lambda: text_bomb(50_000), "2,000 characters, Clipper's limit per page"),
    "operators": (lambda: operator_bomb(200_000), "1 seconds per page"),
    "operands": (lambda: operand_bomb(200_000), "more than 5,000 parts"),
    "paths": (lambda: path_bomb(20_000), "2,000 drawing objects"),
    "forms fan-out": (lambda: xobject_bomb(5, 10), "2,000 characters"),
    "forms deep": (lambda: deep_xobjects(200), "more than 64 levels deep"),
    "flate in flate": (lambda: nested_flate_bomb(2, 5_000_000), "limit of 1 MB per page"),
}


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize("kind", list(BOMBS))
def test_bombs_are_refused_with_the_limit_named(kind: str, tmp_path: Path) -> None:
    build, expected = BOMBS[kind]
    path = tmp_path / "bomb.pdf"
    path.write_bytes(build())
    started = time.monotonic()
    with pytest.raises(InputTooLarge) as caught:
        read_file(path)
    assert expected in caught.value.message
    assert caught.value.message.startswith(("bomb.pdf, page 1,", "Reading bomb.pdf, page 1,"))
    assert time.monotonic() - started < 30


@pytest.mark.usefixtures("small_limits")
def test_a_corrupt_deflated_stream_is_bounded_too(tmp_path: Path) -> None:
    """A bad checksum sends pdfminer to its byte-by-byte repair, which had no bound (and
    was quadratic); the repair keeps what precedes the damage, within the limit."""
    good = zlib.compress(b"BT /F1 1 Tf (a) Tj ET " + b" " * 5_000_000, 9)
    broken = good[:-4] + bytes(b ^ 0xFF for b in good[-4:])
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(broken), broken)
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(page_pdf([body]))
    with pytest.raises(InputTooLarge, match="limit of 1 MB per page"):
        read_file(path)
    text = b"BT /F1 12 Tf 72 700 Td (A damaged stream still shows its text.) Tj ET"
    fine = zlib.compress(text)
    fine = fine[:-4] + bytes(b ^ 0xFF for b in fine[-4:])
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(fine), fine)
    path.write_bytes(page_pdf([body]))
    assert read_file(path).text == "A damaged stream still shows its text."


def test_page_count_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "PDF_MAX_PAGES", 40)
    path = tmp_path / "long.pdf"
    path.write_bytes(many_pages(41))
    with pytest.raises(InputTooLarge) as caught:
        read_file(path)
    assert caught.value.message.startswith("long.pdf has more than 40 pages, Clipper's limit per")
    assert "split the PDF" in caught.value.message
    path.write_bytes(many_pages(40))
    assert read_pdf(path, workers=1).text.count("Page text here.") == 40


@pytest.mark.parametrize("workers", [1, 2])
def test_document_character_limit(
    workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "PDF_MAX_CHARS", 300)
    path = tmp_path / "long.pdf"
    path.write_bytes(many_pages(24))  # 15 characters a page
    with pytest.raises(InputTooLarge, match="more than 300 characters of text, Clipper's limit"):
        read_pdf(path, workers=workers)


def test_document_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "PDF_MAX_SECONDS", 0.0)
    path = tmp_path / "slow.pdf"
    path.write_bytes(many_pages(3))
    with pytest.raises(InputTooLarge, match="minutes per PDF; split the PDF"):
        read_pdf(path, workers=1)


def test_limits_hold_in_page_reading_workers(tmp_path: Path) -> None:
    """Worker processes read under the same limits; the error crosses back intact."""
    path = tmp_path / "forms.pdf"
    path.write_bytes(page_pdf([stream(b"/X Do")] * 12, _chain(100), _FORM_RESOURCES))
    with pytest.raises(InputTooLarge, match=r"forms\.pdf, page \d+, draws forms inside forms"):
        read_pdf(path, workers=2)


_FORM_RESOURCES = b"<< /Font << /F1 4 0 R >> /XObject << /X 50 0 R >> >>"


def _chain(depth: int) -> dict[int, bytes]:
    objects = {}
    for level in range(depth):
        number = 50 + level
        child = b"/X %d 0 R" % (number + 1) if level < depth - 1 else b""
        objects[number] = stream(
            b"/X Do" if level < depth - 1 else b"BT /F1 1 Tf (ab) Tj ET",
            b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] "
            b"/Resources << /Font << /F1 4 0 R >> /XObject << %s >> >>" % child,
        )
    return objects


def test_budget_messages_name_page_and_limit() -> None:
    budget = Budget("x.pdf")
    with pytest.raises(InputTooLarge) as caught, budget.page(7):
        budget.add_unpacked(limits.PDF_MAX_PAGE_UNPACKED + 1)
    assert caught.value.message.startswith("x.pdf, page 7, unpacks to more data than")
    assert "32 MB per page" in caught.value.message
    with pytest.raises(InputTooLarge):  # once tripped, it stays tripped
        budget.check()


def test_ordinary_pdfs_are_far_from_the_limits() -> None:
    """The densest fixture page stays well below every per-page limit."""
    fixtures = ROOT / "tests" / "fixtures" / "pdfs"
    article = read_pdf(fixtures / "pdfplumber__federal-register-2020-17221.pdf", workers=1)
    assert len(article.text) > 20_000
    assert issubclass(InputTooLarge, ImportFailed)


def test_text_placed_absurdly_far_off_the_page_is_left_out(tmp_path: Path) -> None:
    """A damaged matrix put one word at x = 10^12: the column finder allocated a bin per
    point (MemoryError, found by fuzzing). Invisible text is left out; the page imports."""
    words = " ".join(f"word{i}" for i in range(30))
    content = (
        b"BT /F1 10 Tf 1 0 0 1 72 700 Tm (%s) Tj "
        b"1 0 0 1 1000000000000 700 Tm (far away) Tj 1 0 0 1 72 680 Tm (%s) Tj ET"
        % (words.encode(), words.encode())
    )
    path = tmp_path / "far.pdf"
    path.write_bytes(page_pdf([stream(content)]))
    article = read_pdf(path, workers=1)
    assert "far away" not in article.text
    assert article.text.count("word29") == 2


def test_page_workers_cap_their_address_space() -> None:
    """The backstop of the page workers: beyond the cap an allocation fails cleanly."""
    code = (
        "from clipper.importers.pdf.parallel import limit_memory\n"
        "limit_memory(200 * 1024 * 1024)\n"
        "try:\n"
        "    block = bytearray(600 * 1024 * 1024)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
        "small = bytearray(50 * 1024 * 1024)\n"
        "print('small ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.stdout.split() == ["refused", "small", "ok"], result.stderr


def test_a_cid_font_width_range_of_billions_is_bounded(tmp_path: Path) -> None:
    """Found by fuzzing: ``/W [0 4000000000 500]`` made pdfminer fill a dictionary entry per
    character id (MemoryError at 3 GB). Ids are 16-bit: the range is cut to them."""
    fonts = {
        4: b"<< /Type /Font /Subtype /Type0 /BaseFont /Damaged /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] >>",
        5: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Damaged /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/W [0 4000000000 500] /W2 [-4000000000 4000000000 -1000 500 880] /DW 1000 >>",
    }
    path = tmp_path / "widths.pdf"
    path.write_bytes(page_pdf([stream(b"BT /F1 12 Tf 72 700 Td <00410042> Tj ET")], fonts))
    code = (
        "import sys\n"
        "from clipper.errors import ClipperError\n"
        "from clipper.importers import read_file\n"
        "try:\n"
        "    read_file(sys.argv[1])\n"
        "except ClipperError as error:\n"
        "    print(type(error).__name__, error.message)\n"
    )
    started = time.monotonic()
    result = subprocess.run(  # capped: before the fix this filled memory
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_capped,
        timeout=300,
        env={**os.environ, "CLIPPER_PDF_WORKERS": "1"},
    )
    assert result.stdout.startswith(("ImportFailed", "NeedsOcr")), result.stdout + result.stderr
    assert time.monotonic() - started < 60

"""Bad and awkward PDFs: each gets its own clear message and the database stays unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from clipper.cli import explain
from clipper.errors import ClipperError, Hint, ImportFailed, NeedsOcr, PasswordRequired
from clipper.importers import read_file
from clipper.importers.pdf import errors as pdf_errors
from clipper.store import Store

PDFS = Path(__file__).parent.parent / "fixtures" / "pdfs"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def attempt_import(store: Store, db_path: Path, path: Path, **options: str) -> ClipperError:
    """Try read_file + add_article; return the error and check nothing was written."""
    store.add_article(read_file(PDFS / "py-pdf-sample-files__multicolumn.pdf"))
    before = (store.count_articles(), len(store.list_annotations()), _digest(db_path))
    with pytest.raises(ClipperError) as caught:
        store.add_article(read_file(path, **options))
    assert (store.count_articles(), len(store.list_annotations()), _digest(db_path)) == before
    return caught.value


def test_password_missing(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "pdfplumber__password-example.pdf")
    assert isinstance(error, PasswordRequired)
    assert not error.wrong_password
    assert "password" in error.message and "--password" not in error.message
    assert error.hint is Hint.PASSWORD and "--password" in explain(error)


def test_password_wrong(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "pdfminer__aes-256.pdf", password="nope")
    assert isinstance(error, PasswordRequired)
    assert error.wrong_password
    assert "password is wrong" in error.message


def test_right_password_opens() -> None:
    article = read_file(PDFS / "pdfplumber__password-example.pdf", password="test")
    assert "backup" in article.text.lower()
    assert read_file(PDFS / "pdfminer__aes-256.pdf", password="foo").text.startswith("Secret!")


def test_owner_password_only_file_just_opens_even_with_a_password_given() -> None:
    path = PDFS / "pdfplumber__pr-138-example.pdf"
    assert "Home Loan" in read_file(path).text
    assert "Home Loan" in read_file(path, password="something-else").text


def test_empty_file(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "pdfplumber__empty.pdf")
    assert type(error) is ImportFailed
    assert "empty (0 bytes)" in error.message


def test_not_a_pdf(store: Store, db_path: Path, tmp_path: Path) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    error = attempt_import(store, db_path, fake)
    assert "is not a PDF file" in error.message


def test_structure_missing(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "ocrmypdf__invalid.pdf")
    assert "damaged or incomplete" in error.message
    assert "structure" in error.message


def test_truncated(store: Store, db_path: Path, tmp_path: Path) -> None:
    source = PDFS / "pdfplumber__federal-register-2020-17221.pdf"
    cut = tmp_path / "truncated.pdf"
    data = source.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    error = attempt_import(store, db_path, cut)
    assert "damaged or incomplete" in error.message
    assert "truncated" in error.message


def test_opens_silently_with_no_pages(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "pdfplumber__issue-297-example.pdf")
    assert "no pages could be found" in error.message


def test_image_only_scan_needs_ocr(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "ocrmypdf__epson.pdf")
    assert isinstance(error, NeedsOcr)
    assert "no text layer" in error.message and "OCR" in error.message


@pytest.mark.parametrize(
    ("tool", "expected"),
    [("ocrmypdf", "`ocrmypdf scan.pdf scan-ocr.pdf`"), ("tesseract", "tesseract page-1.png")],
)
def test_ocr_advice_names_the_installed_tool(
    tool: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name == tool else None

    monkeypatch.setattr(pdf_errors.shutil, "which", which)
    assert expected in pdf_errors.ocr_advice("scan.pdf")


def test_ocr_advice_without_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_errors.shutil, "which", lambda name: None)
    assert "OCR software" in pdf_errors.ocr_advice("scan.pdf")
    assert shutil.which is not None


def test_mostly_unmapped_fonts_are_refused(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "pdfjs__TAMReview.pdf")
    assert "without a Unicode map" in error.message
    assert "(cid:" in error.message and "78%" in error.message


def test_garbage_text_layer_is_refused(store: Store, db_path: Path) -> None:
    error = attempt_import(store, db_path, PDFS / "ocrmypdf__truetype_font_nomapping.pdf")
    assert isinstance(error, NeedsOcr)
    assert "no usable text layer" in error.message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        read_file(tmp_path / "missing.pdf")


def test_unreadable_page_tree_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    """pdfplumber's close() re-reads the page tree and raised again inside open_pdf's own
    error handling (52 fuzz cases): the damaged file must get the damaged message."""
    from rawpdf import build_pdf

    for box in (b"[0 0 (a) 792]", b"/Letter", b"[0 0 612]"):
        path = tmp_path / "tree.pdf"
        path.write_bytes(
            build_pdf(
                {
                    1: b"<< /Type /Catalog /Pages 2 0 R >>",
                    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s >>" % box,
                }
            )
        )
        with pytest.raises(ImportFailed, match=r"tree\.pdf is damaged or incomplete"):
            read_file(path)


def test_unmapped_fonts_advice_forces_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """ocrmypdf refuses a page that has text ("page already has text! - aborting") unless
    told to replace it: the advice for undecodable fonts must say --force-ocr."""
    monkeypatch.setattr(pdf_errors.shutil, "which", lambda name: f"/usr/bin/{name}")
    message = pdf_errors.unreadable_fonts("review.pdf", 78, 100).message
    assert "`ocrmypdf --force-ocr review.pdf review-ocr.pdf`" in message
    message = pdf_errors.unusable_text("odd.pdf", "] ] ]").message
    assert "no usable text layer" in message and "`ocrmypdf --force-ocr odd.pdf" in message
    assert "--force-ocr" not in pdf_errors.no_text("scan.pdf", 2, 2).message  # a scan has no text


def test_no_text_messages_read_as_sentences() -> None:
    scan = pdf_errors.no_text("scan.pdf", 2, 2).message
    assert scan.startswith("scan.pdf has no text layer: its pages are images (a scan), so")
    blank = pdf_errors.no_text("blank.pdf", 1, 0).message
    assert blank.startswith("blank.pdf has no text layer: no text was found (1 page checked;")
    assert "looks like" not in scan + blank


def test_pages_without_text_are_counted_in_good_grammar() -> None:
    assert pdf_errors.blank_pages_warning([4]).startswith("page 4 has no text layer")
    assert pdf_errors.blank_pages_warning([2, 4, 7]).startswith(
        "3 pages (2, 4, 7) have no text layer"
    )

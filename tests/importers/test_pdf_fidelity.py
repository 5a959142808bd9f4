"""Text as printed, on real PDFs: no spaces inside TeX words, no margin line numbers,
whole small-caps words, Arabic in logical order, and a warning where text lies over text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from clipper.importers.pdf import read_pdf
from clipper.layout import CharLayout
from clipper.library import import_files
from clipper.store import Store

PDFS = Path(__file__).parents[1] / "fixtures" / "pdfs"


def test_tex_words_are_not_split_by_kerning() -> None:
    text = read_pdf(PDFS / "py-pdf-sample-files__multicolumn.pdf").text
    assert "Two-Column Document with Lorem Ipsum" in text
    for word in ("semper", "libero", "bibendum", "lobortis", "sodales", "euismod"):
        assert word in text
    for split in ("Do cument", "semp er", "lib ero", "bib endum", "lob ortis", "so dales"):
        assert split not in text


def test_words_with_a_gap_but_no_space_glyph_are_separated() -> None:
    # the file spells out most spaces; "the sun" has a gap instead (narrower than the em)
    text = read_pdf(PDFS / "pdfplumber__issue-463-example.pdf").text
    assert "hopping about in the sun and singing" in text


def test_transcript_line_numbers_are_left_out() -> None:
    article = read_pdf(PDFS / "pdfplumber__scotus-transcript-p1.pdf")
    text = article.text
    assert "came on for oral argument before the Supreme Court of the United States" in text
    assert "IN THE SUPREME COURT OF THE UNITED STATES" in text
    assert "Tuesday, January 13, 2009" in text
    assert "No. 07-1315" in text
    assert not re.search(r"(?m)^\d{1,2}\b", text)  # no line starts with a line number
    assert article.layout is not None  # characters and boxes still line up
    assert len(CharLayout.from_bytes(article.layout)) == len(text)


def test_letter_spaced_small_caps_read_as_words() -> None:
    text = read_pdf(PDFS / "pdfplumber__Acorn_127_201604.pdf").text
    assert "PUBLIC EXPENSE DISCLOSURE REPORT" in text
    assert "EXPENSES" in text and "REIMBURSEMENTS" in text
    assert "P UBLIC" not in text and "E X P E N S E S" not in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pdfjs__ArabicCIDTrueType.pdf", "انواع الخطوط العربية"),
        ("py-pdf-sample-files__habibi-rotated.pdf", "حَبيبي"),
    ],
)
def test_arabic_is_stored_in_logical_order_without_presentation_forms(
    name: str, expected: str
) -> None:
    text = read_pdf(PDFS / name).text
    assert expected in text
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)
    assert text == unicodedata.normalize("NFC", text)


def test_text_over_text_warns_and_the_warning_stays_with_the_article(tmp_path: Path) -> None:
    path = PDFS / "unstructured__reliance.pdf"
    article = read_pdf(path)
    [warning] = [w for w in article.warnings if "laid over text" in w]
    assert "page 1" in warning or "pages 1" in warning
    with Store(tmp_path / "c.db") as store:
        [outcome] = import_files(store, [path])
        assert warning in outcome.warnings
        assert outcome.article_id is not None
        info = store.source_file_info(outcome.article_id)
        assert info is not None and warning in info.warnings


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "py-pdf-sample-files__multicolumn.pdf",
        "pdfjs__tracemonkey.pdf",
        "pdfplumber__federal-register-2020-17221.pdf",
        "pdfplumber__scotus-transcript-p1.pdf",
        "pdfplumber__RGL-1310-Identification-Maple-Leaf-adoption.pdf",
    ],
)
def test_ordinary_documents_get_no_layering_warning(name: str) -> None:
    assert not [w for w in read_pdf(PDFS / name).warnings if "laid over text" in w]

"""PDF import on real files: reading order, readable text, scripts, rotation, metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from clipper.importers import read_file
from clipper.importers.pdf import read_pdf
from clipper.model import ImportedArticle

PDFS = Path(__file__).parent.parent / "fixtures" / "pdfs"
FEDERAL_REGISTER = PDFS / "pdfplumber__federal-register-2020-17221.pdf"
MULTICOLUMN = PDFS / "py-pdf-sample-files__multicolumn.pdf"
TRACEMONKEY = PDFS / "pdfjs__tracemonkey.pdf"


@pytest.fixture(scope="module")
def register() -> ImportedArticle:
    return read_pdf(FEDERAL_REGISTER, workers=1)


@pytest.fixture(scope="module")
def multicolumn() -> ImportedArticle:
    return read_pdf(MULTICOLUMN, workers=1)


def plain_extract(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_three_columns_read_column_by_column(register: ImportedArticle) -> None:
    sentence = "Hatta International Airport in Jakarta, Indonesia, resulting in 189 fatalities"
    # pdfplumber's default extraction interleaves the columns line by line
    assert sentence not in " ".join(plain_extract(FEDERAL_REGISTER).split())
    assert sentence in register.text
    assert (
        "altitude disagree alert,5 and may affect the flightcrew’s ability to accomplish "
        "continued safe flight and landing." in register.text
    )


def test_two_columns_read_column_by_column(multicolumn: ImportedArticle) -> None:
    text = multicolumn.text
    # the first sentences of the left column follow each other, not the right column's
    assert "Nulla et lectus vestibulum urna fringilla ultrices." in text
    first_column_end = text.index("Nulla et lectus vestibulum")
    assert "Abstract" in text[:first_column_end]


def test_paragraphs_are_separated_by_blank_lines(register: ImportedArticle) -> None:
    paragraphs = register.text.split("\n\n")
    assert len(paragraphs) > 100
    assert "\n\nBackground\n\n" in register.text
    # no line breaks left inside a running sentence
    assert not re.search(r"[a-z,]\n[a-z]", register.text)


def test_hyphenated_line_breaks_are_joined(multicolumn: ImportedArticle) -> None:
    raw = plain_extract(MULTICOLUMN)
    assert "Pellen-\ntesque" in raw
    assert "Pellentesque" in multicolumn.text
    assert not re.search(r"[a-z]- [a-z]", multicolumn.text)
    assert "Pellen-" not in multicolumn.text


def test_real_hyphens_stay(register: ImportedArticle) -> None:
    # "non-normal" is broken across lines in the file once; the compound keeps its hyphen
    assert register.text.count("non-normal") >= 5
    assert "nonnormal" not in register.text
    assert "Soekarno-Hatta" in register.text
    assert "FAA-approved" in register.text


def test_running_heads_and_footers_are_left_out(register: ImportedArticle) -> None:
    raw = plain_extract(FEDERAL_REGISTER)
    assert raw.count("VerDate Sep<11>2014") == 15
    assert "VerDate" not in register.text
    assert "Federal Register/Vol. 85" not in register.text
    assert "47699" not in register.text


def test_sentence_across_a_page_break_reads_as_one(register: ImportedArticle) -> None:
    # page 1 ends with "...after takeoff from Soekarno-", page 2 goes on with "Hatta ..."
    assert "after takeoff from Soekarno-Hatta International Airport in Jakarta" in register.text


def test_metadata_from_the_pdf(register: ImportedArticle) -> None:
    assert register.published == "2020-08-06"
    assert register.source_kind == "pdf"
    assert register.source_name == FEDERAL_REGISTER.name
    assert register.title  # no Title in the file: derived from the largest type on page 1
    assert register.warnings == []


def test_title_from_the_largest_type_when_metadata_has_none(multicolumn: ImportedArticle) -> None:
    assert multicolumn.title.startswith("Two-Column")


def test_rotated_page_reads_forwards() -> None:
    article = read_pdf(PDFS / "pdfplumber__robocop_270.pdf")
    assert article.text.startswith("The movie opens with a news report advertising the way")
    assert "morf" not in article.text
    assert "\u202d" not in article.text  # invisible bidi controls are dropped


def test_rotated_page_with_words_run_together() -> None:
    article = read_pdf(PDFS / "pdfplumber__issue-1054-example.pdf")
    assert "Bundesministerium des Innern" in article.text
    assert "Alt-Moabit 101 D, 10559 Berlin" in article.text


def test_ligatures_are_expanded() -> None:
    article = read_pdf(PDFS / "pdfjs__copy_paste_ligatures.pdf")
    assert "ffffiflffiffl" in article.text
    assert not re.search("[\ufb00-\ufb06]", article.text)


def test_cjk_and_latin_survive() -> None:
    article = read_pdf(PDFS / "pdfplumber__issue-463-example.pdf")
    assert "A grasshopper spent the summer hopping about in the sun" in article.text
    assert "「私は冬の餌を集めています。" in article.text
    assert "食べ物がなく" in article.text  # CJK lines join without a space


def test_french_guillemets_and_accents_survive() -> None:
    article = read_file(PDFS / "pdfplumber__RGL-1310-Identification-Maple-Leaf-adoption.pdf")
    assert "«\u00a0Maple Leaf\u00a0»" in article.text or "« Maple Leaf »" in article.text
    assert "décrétant l’identification du circuit de ski de fond" in article.text
    assert article.author == "France Vadeboncoeur"


@pytest.mark.slow
def test_two_column_paper_imports_readably() -> None:
    article = read_pdf(TRACEMONKEY)
    text = article.text
    assert article.title.startswith("Trace-based Just-in-Time Type Specialization")
    assert "fi" in text and "\ufb01" not in text
    assert (
        "Dynamic languages such as JavaScript, Python, and Ruby, are popular since they "
        "are expressive, accessible to non-experts, and make deployment as easy as "
        "distributing a source file." in text
    )
    # one unmapped glyph in the whole paper: imported, with a warning
    assert any("could not be decoded" in w for w in article.warnings)

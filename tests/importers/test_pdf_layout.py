"""Page mapping: every character of a PDF article knows its page and box."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from clipper.importers.pdf import read_pdf
from clipper.layout import CharLayout, merge_boxes
from clipper.model import ImportedArticle
from clipper.store import Store

PDFS = Path(__file__).parent.parent / "fixtures" / "pdfs"
FEDERAL_REGISTER = PDFS / "pdfplumber__federal-register-2020-17221.pdf"


@pytest.fixture(scope="module")
def register() -> ImportedArticle:
    return read_pdf(FEDERAL_REGISTER, workers=1)


def test_one_entry_per_character(register: ImportedArticle) -> None:
    assert register.layout is not None
    layout = CharLayout.from_bytes(register.layout)
    assert len(layout) == len(register.text)
    # inserted characters (spaces between words, paragraph breaks) map to no page
    for index, char in enumerate(register.text[:5000]):
        if char == "\n":
            assert layout.pages[index] == 0
        elif not char.isspace():
            assert 1 <= layout.pages[index] <= 15


@pytest.mark.parametrize(
    ("sentence", "page"),
    [
        ("Hatta International Airport in Jakarta, Indonesia, resulting in 189 fatalities", 2),
        ("The FAA invites you to participate in this rulemaking", 1),
        ("Airplane Flight Manual (AFM) Revisions Before further flight", None),
    ],
)
def test_annotation_page_and_box(
    store: Store, register: ImportedArticle, sentence: str, page: int | None
) -> None:
    article = store.add_article(register)
    start = article.text.index(sentence)
    annotation = store.add_annotation(article.id, start, start + len(sentence), "quote")
    assert annotation.text == sentence
    layout = store.get_layout(article.id)
    assert layout is not None
    pages = layout.pages_for(start, start + len(sentence))
    if page is not None:
        assert annotation.page == page
    assert annotation.page == pages[0]
    # pdfplumber's own search finds the first words on that page, where our boxes are
    words = " ".join(sentence.split()[:3])
    with pdfplumber.open(FEDERAL_REGISTER) as pdf:
        pdf_page = pdf.pages[pages[0] - 1]
        hits = pdf_page.search(words)
        assert hits, f"{words!r} not found by pdfplumber on page {pages[0]}"
        boxes = layout.boxes_for(start, start + len(words))
        assert {p for p, _ in boxes} == {pages[0]}
        (_, (x0, top, x1, bottom)) = merge_boxes(boxes)[0]
        assert 0 <= x0 < x1 <= pdf_page.width and 0 <= top < bottom <= pdf_page.height
        assert any(
            abs(hit["x0"] - x0) < 2 and abs(hit["top"] - top) < 2 and abs(hit["x1"] - x1) < 2
            for hit in hits
        )


def test_span_across_a_page_break_lists_both_pages(register: ImportedArticle) -> None:
    assert register.layout is not None
    layout = CharLayout.from_bytes(register.layout)
    start = register.text.index("after takeoff from Soekarno-Hatta International")
    end = start + len("after takeoff from Soekarno-Hatta International")
    assert layout.pages_for(start, end) == [1, 2]
    assert [page for page, _ in layout.line_boxes(start, end)] == [1, 2]


def test_line_boxes_give_one_box_per_line(register: ImportedArticle) -> None:
    assert register.layout is not None
    layout = CharLayout.from_bytes(register.layout)
    sentence = "Hatta International Airport in Jakarta, Indonesia, resulting in 189 fatalities"
    start = register.text.index(sentence)
    boxes = layout.line_boxes(start, start + len(sentence))
    assert len(boxes) == 2  # the sentence wraps once in its column
    (page_a, a), (page_b, b) = boxes
    assert page_a == page_b == 2 and a[3] <= b[1] + 1  # the second line lies below the first


def test_rotated_page_boxes_stay_on_the_page() -> None:
    article = read_pdf(PDFS / "pdfplumber__robocop_270.pdf")
    assert article.layout is not None
    layout = CharLayout.from_bytes(article.layout)
    with pdfplumber.open(PDFS / "pdfplumber__robocop_270.pdf") as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
    for _, (x0, top, x1, bottom) in layout.boxes_for(0, len(article.text)):
        assert 0 <= x0 <= x1 <= width + 1 and 0 <= top <= bottom <= height + 1


def test_ligature_characters_share_the_glyph_box() -> None:
    article = read_pdf(PDFS / "pdfjs__copy_paste_ligatures.pdf")
    assert article.layout is not None
    layout = CharLayout.from_bytes(article.layout)
    start = article.text.index("flffi") + 2  # the ﬃ glyph
    boxes = [box for _, box in layout.boxes_for(start, start + 3)]
    assert len(boxes) == 3 and boxes[0] == boxes[1] == boxes[2]

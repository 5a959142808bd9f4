"""Layout coordinates (pdfplumber's displayed page) -> PDF user space, checked against pdfium's
own character boxes on real rotated pages, and hit tests on a real two-column layout."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from clipper.importers import read_file
from clipper.importers.pdf.page import page_chars
from clipper.layout import CharLayout
from clipper.page_geometry import PageMap, layout_to_pdf


@pytest.mark.parametrize(
    "name",
    [
        "py-pdf-sample-files__habibi-rotated.pdf",  # /Rotate 90, 180, 270, 360
        "pdfplumber__robocop_270.pdf",
        "pdfplumber__issue-1054-example.pdf",  # /Rotate 270 with a crop box
        "py-pdf-sample-files__multicolumn.pdf",
    ],
)
def test_layout_points_land_in_pdfiums_character_boxes(fixtures: Path, name: str) -> None:
    path = fixtures / "pdfs" / name
    document = pdfium.PdfDocument(path)
    checked = 0
    with pdfplumber.open(path) as pdf:
        for number, plumber_page in enumerate(pdf.pages):
            chars, _ = page_chars(plumber_page)
            page = document[number]
            text = page.get_textpage()
            boxes = [text.get_charbox(i, loose=True) for i in range(text.count_chars())]
            rotation, mediabox = page.get_rotation(), page.get_mediabox()
            for char in chars[:60]:
                if not char.text.strip():
                    continue
                x, y = layout_to_pdf(
                    rotation, mediabox, (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
                )
                assert any(
                    left - 2 <= x <= right + 2 and bottom - 2 <= y <= top + 2
                    for left, bottom, right, top in boxes
                ), (number, char)
                checked += 1
    assert checked > 0


def test_a_region_selects_the_characters_inside_it(fixtures: Path) -> None:
    article = read_file(fixtures / "pdfs" / "py-pdf-sample-files__multicolumn.pdf")
    assert article.layout is not None
    layout = CharLayout.from_bytes(article.layout)
    pages = PageMap(layout)
    start = article.text.index("consectetuer", len(article.text) // 3)
    [(page, box)] = layout.line_boxes(start, start + len("consectetuer"))
    assert pages.span_in_region(page, box) == (start, start + len("consectetuer"))
    middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    found = pages.character_at(page, *middle)
    assert found is not None and start <= found < start + len("consectetuer")
    assert pages.span_in_region(page, (0.0, 0.0, 1.0, 1.0)) is None


def test_page_span_is_the_first_to_last_character_of_a_page() -> None:
    """Found by a byte search: page numbers whose bytes also occur across two entries
    (256, 257, 513) and characters of other pages in between are no trouble."""
    rng = random.Random(4)
    for _ in range(300):
        pages = array(
            "H", [rng.choice([0, 1, 2, 3, 256, 257, 513]) for _ in range(rng.randint(0, 40))]
        )
        page_map = PageMap(CharLayout(pages, array("f", [0.0] * 4 * len(pages))))
        for page in (1, 2, 3, 256, 257, 513, 4):
            where = [i for i, p in enumerate(pages) if p == page]
            assert page_map.page_span(page) == ((where[0], where[-1] + 1) if where else None)

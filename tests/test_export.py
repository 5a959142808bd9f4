"""CSV and JSON export: columns, formula protection, selection, atomic files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from clipper.errors import Cancelled, ClipperError
from clipper.exporters import ExportSelection, export_to_path, unescape_cell
from clipper.model import ImportedArticle
from clipper.store import Store
from clipper.store.export_queries import CSV_COLUMNS

TEXT = '=SUM(A1) said "Ms Wu" 😀, -3% and +5 @ 10am; \'=quoted\nNext line, é.'


def seed(store: Store) -> int:
    article_id = store.add_article(
        ImportedArticle(TEXT, "-Minus title", "x.txt", "txt", outlet="@Herald")
    ).id
    for piece, tag in [
        ("=SUM(A1)", "claim"),
        ("Ms Wu", "person"),
        ("-3%", "figure"),
        ("+5", "figure"),
        ("'=quoted", "quote"),
        ("Next line", "quote"),
    ]:
        start = TEXT.index(piece)
        note = "+note" if tag == "quote" else ""
        store.add_annotation(article_id, start, start + len(piece), tag, note=note)
    return article_id


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets detect UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_columns_and_exact_text_without_escaping(store: Store, tmp_path: Path) -> None:
    seed(store)
    target = tmp_path / "out.csv"
    assert export_to_path(store, target, "csv", escape_formulas=False) == 6
    rows = read_csv(target)
    assert list(rows[0]) == list(CSV_COLUMNS)
    for row in rows:
        assert TEXT[int(row["start"]) : int(row["end"])] == row["text"]
    assert rows[0]["text"] == "=SUM(A1)" and rows[0]["outlet"] == "@Herald"
    assert target.read_bytes().count(b"\r\n") == 7  # header + 6 rows, embedded \n kept


def test_csv_formula_cells_are_escaped_and_reversible(store: Store, tmp_path: Path) -> None:
    seed(store)
    target = tmp_path / "safe.csv"
    export_to_path(store, target, "csv")
    rows = read_csv(target)
    by_text = {unescape_cell(r["text"]): r for r in rows}
    assert by_text["=SUM(A1)"]["text"] == "'=SUM(A1)"
    assert by_text["-3%"]["text"] == "'-3%"
    assert by_text["'=quoted"]["text"] == "''=quoted"  # apostrophes before a trigger
    assert by_text["Ms Wu"]["text"] == "Ms Wu"  # ordinary cells untouched
    assert rows[0]["article_title"] == "'-Minus title" and rows[0]["outlet"] == "'@Herald"
    assert by_text["'=quoted"]["note"] == "'+note"
    assert rows[0]["start"] == "0"  # numbers are never escaped
    for row in rows:
        assert TEXT[int(row["start"]) : int(row["end"])] == unescape_cell(row["text"])


@pytest.mark.parametrize("value", ["plain", "'plain", "''", "=x", "'=x", "''-x", "@", "\tx"])
def test_unescape_inverts_escape(store: Store, value: str) -> None:
    article_id = store.add_article(ImportedArticle(value + " tail", "T", "x", "txt")).id
    store.add_annotation(article_id, 0, len(value), "quote")
    stream = io.StringIO()
    from clipper.exporters import export_to_stream

    export_to_stream(store, stream, "csv")
    [row] = csv.DictReader(io.StringIO(stream.getvalue()))
    assert unescape_cell(row["text"]) == value


def test_json_structure_and_selection(store: Store, tmp_path: Path) -> None:
    first = seed(store)
    second = store.add_article(ImportedArticle("Another text", "Other", "y.txt", "txt")).id
    target = tmp_path / "all.json"
    export_to_path(store, target, "json")
    data = json.loads(target.read_text("utf-8"))
    assert (data["format"], data["version"]) == ("clipper", 2)
    assert [t["name"] for t in data["tags"]] == ["figure", "quote", "person", "claim"]
    assert [a["id"] for a in data["articles"]] == [first, second]
    assert data["articles"][1]["annotations"] == []
    for annotation in data["articles"][0]["annotations"]:
        assert TEXT[annotation["start"] : annotation["end"]] == annotation["text"]
        assert set(annotation) >= {
            "id",
            "start",
            "end",
            "tag",
            "text",
            "note",
            "created_at",
            "updated_at",
            "uuid",
            "coder",
            "origin",
            "status",
            "attributes",
            "relations",
        }
    export_to_path(store, target, "json", ExportSelection(tags=["quote"]))
    data = json.loads(target.read_text("utf-8"))
    assert [a["id"] for a in data["articles"]] == [first]
    assert {a["tag"] for a in data["articles"][0]["annotations"]} == {"quote"}
    export_to_path(store, target, "json", ExportSelection(article_ids=[second]))
    assert [a["title"] for a in json.loads(target.read_text("utf-8"))["articles"]] == ["Other"]


def test_cancelled_export_leaves_no_file_and_keeps_old_one(store: Store, tmp_path: Path) -> None:
    seed(store)
    target = tmp_path / "out.csv"
    target.write_text("previous export")
    with pytest.raises(Cancelled):
        export_to_path(store, target, "csv", progress=lambda d, t: None, cancel=lambda: True)
    assert target.read_text() == "previous export"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv")]


def test_bad_destinations(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ClipperError, match="is a folder"):
        export_to_path(store, tmp_path, "csv")
    with pytest.raises(ClipperError, match="does not exist"):
        export_to_path(store, tmp_path / "no" / "x.csv", "csv")
    with pytest.raises(ClipperError, match="unknown export format"):
        export_to_path(store, tmp_path / "x.xml", "xml")


def test_pdf_annotations_carry_pages_and_boxes(store: Store, tmp_path: Path) -> None:
    """JSON lists every page and one box per line; the box is where pdfplumber finds it."""
    import pdfplumber

    from clipper.importers import read_file

    pdf = (
        Path(__file__).parent / "fixtures" / "pdfs" / "pdfplumber__federal-register-2020-17221.pdf"
    )
    article = store.add_article(read_file(pdf))
    phrase = "Hatta International Airport in Jakarta, Indonesia"
    start = article.text.index(phrase)
    annotation = store.add_annotation(article.id, start, start + len(phrase), "claim")
    target = tmp_path / "pdf.json"
    export_to_path(store, target, "json")
    [exported] = json.loads(target.read_text("utf-8"))["articles"][0]["annotations"]
    assert exported["page"] == annotation.page == exported["pages"][0]
    first_box = exported["boxes"][0]
    with pdfplumber.open(pdf) as document:
        page = document.pages[first_box["page"] - 1]
        hits = page.search("Hatta International")
    assert any(
        abs(hit["x0"] - first_box["x0"]) < 2 and abs(hit["top"] - first_box["top"]) < 2
        for hit in hits
    )
    rows = read_csv_text(store)
    assert rows[0]["page"] == str(annotation.page)


def read_csv_text(store: Store) -> list[dict[str, str]]:
    from clipper.exporters import export_to_stream

    stream = io.StringIO()
    export_to_stream(store, stream, "csv")
    return list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))

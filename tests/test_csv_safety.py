"""CSV export of hostile stored values: no forged rows, no formulas (issue 8).

The values go into the database behind the importers' back (older Clipper versions let
them in), so these tests hold the CSV writer to its own promise whatever is stored.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.exporters import export_to_path, unescape_cell
from clipper.formulas import FORMULA_STARTS, protect, unprotect
from clipper.model import ImportedArticle
from clipper.store import Store
from clipper.store.export_queries import CSV_COLUMNS

TEXT = "Another article text with words."
HOSTILE = {
    "title": "=1+1",
    "outlet": '\uff1dHYPERLINK("http://evil","click")',
    "author": '@SUM(9),extra"\r\nFORGED,ROW',
    "published": '=1+1,"inj"\r\nINJECTED,ROW',
    "url": "-2+3",
}
STAMPS = ('=HYPERLINK("http://evil","click")', "@SUM(9),extra\n,x")
NUMERIC = {"annotation_id", "article_id", "start", "end", "page"}


def hostile_store(store: Store) -> None:
    # The store's rules refuse these values today (a date, an address, a tag name), so
    # they go in behind its back, as an older Clipper or another program could write them.
    article = store.add_article(ImportedArticle(TEXT, "T", source_name="x", source_kind="txt"))
    with store.transaction():
        store.db.execute(
            f"UPDATE articles SET {', '.join(f'{k} = ?' for k in HOSTILE)} WHERE id = ?",
            [*HOSTILE.values(), article.id],
        )
        store.add_tag("minus")
        store.db.execute("UPDATE tags SET name = '-minus' WHERE name = 'minus'")
    rows = [
        (article.id, 0, 7, "quote", TEXT[0:7], "\t=cmd", *STAMPS, None),
        (article.id, 8, 15, "-minus", TEXT[8:15], "\uff20x\r\n", "+1", "\ufe66x", 2),
    ]
    with store.transaction():
        store.insert_annotations_ignoring_duplicates(rows)


def cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("escape", [True, False])
def test_hostile_values_cannot_add_rows_or_cells(
    store: Store, tmp_path: Path, escape: bool
) -> None:
    hostile_store(store)
    target = tmp_path / "out.csv"
    assert export_to_path(store, target, "csv", escape_formulas=escape) == 2
    rows = cells(target)
    assert rows[0] == list(CSV_COLUMNS) and len(rows) == 3
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    shown = unescape_cell if escape else (lambda value: value)
    for key, value in HOSTILE.items():
        name = "article_title" if key == "title" else key
        assert shown(first[name]) == value
    assert (shown(first["created_at"]), shown(first["updated_at"])) == STAMPS
    assert rows[1][CSV_COLUMNS.index("page")] == "" and rows[2][CSV_COLUMNS.index("page")] == "2"


def test_every_text_cell_is_quoted_and_guarded(store: Store, tmp_path: Path) -> None:
    hostile_store(store)
    target = tmp_path / "out.csv"
    export_to_path(store, target, "csv")
    for row in cells(target)[1:]:
        for name, value in zip(CSV_COLUMNS, row, strict=True):
            if name in NUMERIC:
                assert value == "" or value.isdigit()
            else:
                assert not value or value[0] not in FORMULA_STARTS, (name, value)
    raw = target.read_bytes().decode("utf-8-sig")
    # Quoted: every text cell opens with a double quote right after a comma.
    assert raw.count(',"') >= 2 * (len(CSV_COLUMNS) - len(NUMERIC))


@pytest.mark.parametrize("start", list(FORMULA_STARTS))
def test_each_formula_start_and_lookalike_is_guarded(store: Store, start: str) -> None:
    value = start + "1+1"
    article = store.add_article(ImportedArticle(value + " tail", "T", "x", "txt")).id
    store.add_annotation(article, 0, len(value), "quote", note=value)
    stream = io.StringIO()
    from clipper.exporters import export_to_stream

    export_to_stream(store, stream, "csv")
    row = dict(zip(CSV_COLUMNS, cells_of(stream.getvalue())[1], strict=True))
    assert row["text"] == row["note"] == "'" + value


def cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(FORMULA_STARTS + "'a1 \"\u00e9"), max_size=6) | st.text())
def test_sql_guard_is_the_python_rule_and_reversible(value: str) -> None:
    """The guard SQLite applies is exactly :func:`protect`, and :func:`unprotect` undoes it."""
    assert unprotect(protect(value)) == value
    assert not protect(value) or protect(value)[0] not in FORMULA_STARTS
    with Store(":memory:") as store:
        from clipper.store.export_queries import _formula_guard

        sql = f"WITH v(x) AS (SELECT ?) SELECT {_formula_guard('x')} FROM v"
        (guard,) = store.db.execute(sql, [value]).fetchone()
    assert guard + value == protect(value)


def _soffice_cells(csv_path: Path, out: Path) -> list[tuple[str | None, str]]:
    """LibreOffice's reading of a CSV: (formula, shown text) of every cell."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            # UTF-8, first line 1, formulas evaluated: the most dangerous reading.
            "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            str(csv_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    root = ElementTree.parse(out / (csv_path.stem + ".fods")).getroot()
    found = []
    for cell in root.iter(f"{table}table-cell"):
        shown = "".join("".join(p.itertext()) for p in cell.iter(f"{text}p"))
        found.append((cell.get(f"{table}formula"), shown))
    return found


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice not installed (apt install libreoffice-calc-nogui); CI runs it",
)
def test_libreoffice_runs_no_formula_and_sees_no_forged_row(store: Store, tmp_path: Path) -> None:
    hostile_store(store)
    target = tmp_path / "out.csv"
    export_to_path(store, target, "csv")
    found = _soffice_cells(target, tmp_path)
    assert [formula for formula, _ in found if formula] == []
    shown = [value for _, value in found]
    assert not any(v == "INJECTED" or v == "FORGED" for v in shown)
    assert "'=1+1" in shown and '\'=HYPERLINK("http://evil","click")' in shown
    # The same file without protection: LibreOffice does run the formulas (the test sees
    # what it claims to see), yet quoting still keeps the rows whole.
    export_to_path(store, target, "csv", escape_formulas=False)
    found = _soffice_cells(target, tmp_path)
    assert [f for f, _ in found if f] and not any(v in ("INJECTED", "FORGED") for _, v in found)

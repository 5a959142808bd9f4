"""The SQL views for Datasette and other SQLite tools (migration ``0007_datasette_views``),
queried with the plain sqlite3 module as such a tool would."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from clipper.store import Store
from clipper.store.schema import MIGRATION_NAMES

sys.path.insert(0, str(Path(__file__).parent))
from test_interop_roundtrip import build

VIEWS = ("annotations_with_articles", "quotes_with_speakers", "figures_with_values")


def _rows(path: Path, sql: str) -> list[dict[str, object]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def test_views_exist_and_read_well(db_path: Path) -> None:
    assert "0007_datasette_views" in MIGRATION_NAMES
    with Store(db_path) as store:
        build(store)
        store.update_article(1, outlet="The Herald", published="2026-11-30")
    names = {
        r["name"] for r in _rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'view'")
    }
    assert set(VIEWS) <= names

    everything = _rows(db_path, "SELECT * FROM annotations_with_articles ORDER BY annotation_id")
    assert len(everything) == 6
    first = everything[0]
    assert (first["tag"], first["tag_label"], first["coder"]) == ("person", "Person", "alice")
    assert (first["outlet"], first["published"], first["text"]) == (
        "The Herald",
        "2026-11-30",
        "Ann Lee",
    )
    assert {r["coder"] for r in everything} == {"alice", "default"}

    [quote] = _rows(db_path, "SELECT * FROM quotes_with_speakers")
    assert (quote["quote"], quote["speaker"], quote["coder"]) == (
        "I quit 👍🏽 today",
        "Ann Lee",
        "default",
    )
    assert quote["speaker_annotation_id"] == first["annotation_id"]

    figures = _rows(
        db_path,
        "SELECT figure, value, unit, status, coder FROM figures_with_values ORDER BY annotation_id",
    )
    assert figures == [
        {
            "figure": "12 %",
            "value": 12,
            "unit": "percent",
            "status": "accepted",
            "coder": "default",
        },
        {
            "figure": "€4.5 million",
            "value": 4.5e6,
            "unit": "EUR",
            "status": "pending",
            "coder": "alice",
        },
        {"figure": "107", "value": None, "unit": None, "status": "accepted", "coder": "default"},
    ]


def test_a_quote_without_the_attribute_takes_the_said_by_person(db_path: Path) -> None:
    with Store(db_path) as store:
        build(store)
        [quote] = [a for a in store.list_annotations() if a.tag == "quote"]
        store.set_attributes(quote.id, {"speaker": None})
    [row] = _rows(db_path, "SELECT speaker FROM quotes_with_speakers")
    assert row["speaker"] == "Ann Lee"

"""Round trips through the interchange formats keep every annotation's offsets, text, tag,
note, coder, attributes and relations (real databases, real files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clipper.exporters import export_to_path
from clipper.importers import read_file, read_pasted_text
from clipper.library import import_article
from clipper.operations.merge import merge_export
from clipper.store import Store

CRANE = Path(__file__).parent / "fixtures" / "articles" / "wikinews_news_crane.txt"
PASTED = (
    "Minister quits\n\nThe minister Ann Lee said: “I quit 👍🏽 today”, and 12 % agreed.\r\n"
    "👩‍💻 Lee said later that €4.5 million was spent."
)


def build(store: Store) -> None:
    """Two articles; annotations by two coders with notes, attributes and relations;
    astral characters before spans (code points ≠ UTF-16 units)."""
    pasted = import_article(store, read_pasted_text(PASTED))
    crane = import_article(store, read_file(CRANE))
    store.add_coder("alice")
    text = pasted.text

    def span(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    person = store.add_annotation(pasted.id, *span("Ann Lee"), "person", coder="alice")
    quote = store.add_annotation(
        pasted.id,
        *span("I quit 👍🏽 today"),
        "quote",
        'said "twice"\nnew line',
        attributes={"speaker": "Ann Lee"},
    )
    store.add_relation(quote.id, person.id, "said_by")
    store.add_annotation(
        pasted.id, *span("12 %"), "figure", attributes={"value": 12, "unit": "percent"}
    )
    store.add_annotation(
        pasted.id,
        *span("€4.5 million"),
        "figure",
        coder="alice",
        status="pending",
        origin="suggested",
        origin_detail="figures/1.0",
        attributes={"value": 4.5e6, "unit": "EUR"},
    )
    later = store.add_annotation(pasted.id, *span("Lee said"), "person", coder="alice")
    store.add_relation(later.id, person.id, "same_as")
    start = crane.text.index("107")
    store.add_annotation(crane.id, start, start + 3, "figure", "killed")


def state(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[str, str, str]]]:
    by_id = {a.id: a for a in store.list_annotations()}
    annotations = sorted(
        (
            a.uuid,
            store.get_article(a.article_id).content_hash,
            a.start,
            a.end,
            a.tag,
            a.text,
            a.note,
            a.coder,
            a.status,
            a.origin,
            a.origin_detail,
            dict(a.attributes),
        )
        for a in by_id.values()
    )
    relations = sorted(
        (r.type, by_id[r.from_id].uuid, by_id[r.to_id].uuid) for r in store.list_relations()
    )
    return annotations, relations


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.db"
    with Store(path) as store:
        build(store)
    return path


def test_jsonl_round_trip_into_an_empty_database(source: Path, tmp_path: Path) -> None:
    export = tmp_path / "out.jsonl"
    with Store(source) as store:
        assert export_to_path(store, export, "jsonl") == 6
        expected = state(store)
        texts = sorted(store.get_article(a.id).text for a in store.list_articles())
    lines = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    assert [line["type"] for line in lines][:2] == ["header", "article"]
    assert sum(line["type"] == "annotation" for line in lines) == 6
    for line in lines:
        if line["type"] == "annotation":
            assert {"content_hash", "title", "article_uuid", "coder", "attributes"} <= set(line)
    with Store(tmp_path / "empty.db") as other:
        report = merge_export(other, export)
        assert (report.articles_created, report.annotations_added) == (2, 6)
        assert report.relations_added == 2
        assert state(other) == expected
        assert sorted(other.get_article(a.id).text for a in other.list_articles()) == texts
        again = merge_export(other, export)  # idempotent
        assert (again.annotations_added, again.annotations_skipped) == (0, 6)


def test_jsonl_annotation_lines_alone_anchor_on_stored_articles(
    source: Path, tmp_path: Path
) -> None:
    """A file filtered down to annotation lines (e.g. with pandas) merges into a database
    holding the articles; annotations of articles it lacks are reported, not stored."""
    export = tmp_path / "out.jsonl"
    with Store(source) as store:
        export_to_path(store, export, "jsonl")
        expected = state(store)
    lines = export.read_text(encoding="utf-8").splitlines()
    only = tmp_path / "only.jsonl"
    only.write_text(
        "\n".join(line for line in lines if json.loads(line)["type"] == "annotation") + "\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "articles.db") as other:
        import_article(other, read_pasted_text(PASTED))
        report = merge_export(other, only)
        assert report.annotations_added == 5
        assert len(report.warnings) == 1 and "1 annotation " in report.warnings[0]
        assert state(other)[0] == [a for a in expected[0] if a[4:6] != ("figure", "107")]

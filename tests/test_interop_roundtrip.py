"""Round trips through the interchange formats keep every annotation's offsets, text, tag,
note, coder, attributes and relations (real databases, real files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from clipper.exporters import ExportSelection, export_to_path
from clipper.importers import read_file, read_pasted_text
from clipper.library import import_article
from clipper.model import ArticleMeta
from clipper.operations.merge import merge_export
from clipper.store import Store

#: A lossless round trip asks for every status (the default is accepted only).
EVERY = ExportSelection(statuses=())
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
        assert export_to_path(store, export, "jsonl", EVERY) == 6
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
        export_to_path(store, export, "jsonl", EVERY)
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


def with_articles(path: Path) -> Store:
    """A database holding the same articles as :func:`build` and no annotations."""
    store = Store(path)
    import_article(store, read_pasted_text(PASTED))
    import_article(store, read_file(CRANE))
    return store


def test_w3c_round_trip_onto_the_same_articles(source: Path, tmp_path: Path) -> None:
    export = tmp_path / "out.jsonld"
    with Store(source) as store:
        assert export_to_path(store, export, "w3c", EVERY) == 6
        expected = state(store)
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["type"] == "AnnotationCollection" and document["total"] == 6
    with with_articles(tmp_path / "target.db") as other:
        report = merge_export(other, export)
        assert report.warnings == ()
        assert (report.articles_matched, report.annotations_added) == (2, 6)
        assert report.relations_added == 2
        assert state(other) == expected
        assert merge_export(other, export).annotations_added == 0


def test_w3c_without_the_articles_reports_every_annotation(source: Path, tmp_path: Path) -> None:
    export = tmp_path / "out.jsonld"
    with Store(source) as store:
        export_to_path(store, export, "w3c", EVERY)
    with Store(tmp_path / "empty.db") as other:
        report = merge_export(other, export)
        assert report.annotations_added == 0 and len(report.warnings) == 6
        assert "no article in this database is its source (urn:sha256:" in report.warnings[0]
        assert other.count_articles() == 0


def hypothesis_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "Zx1_hypothesis_id",
        "created": "2025-03-01T10:00:00.123456+00:00",
        "updated": "2025-03-02T10:00:00.123456+00:00",
        "user": "acct:jane_doe@hypothes.is",
        "uri": "https://news.example.org/minister",
        "text": "check this",
        "tags": ["Direct Quote", "to verify"],
        "target": [
            {
                "source": "https://news.example.org/minister",
                "selector": [
                    {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0},
                    # browser offsets count UTF-16 units and the page's whole text: wrong here
                    {"type": "TextPositionSelector", "start": 1040, "end": 1058},
                    {
                        "type": "TextQuoteSelector",
                        "exact": "Lee said",
                        "prefix": "👩‍💻 ",
                        "suffix": " later",
                    },
                ],
            }
        ],
    }
    row.update(changes)
    return row


def test_hypothesis_export_anchors_by_quote_and_reports_the_rest(tmp_path: Path) -> None:
    rows = [
        hypothesis_row(),
        hypothesis_row(
            id="other",
            uri="https://nowhere.example/x",
            target=[{"source": "https://nowhere.example/x"}],
        ),
        hypothesis_row(
            id="gone",
            target=[
                {
                    "source": "https://news.example.org/minister",
                    "selector": [{"type": "TextQuoteSelector", "exact": "not in the text"}],
                }
            ],
        ),
    ]
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps({"export_date": "2025", "annotations": rows}), encoding="utf-8")
    with Store(tmp_path / "db.db") as store:
        article = import_article(
            store,
            read_pasted_text(PASTED).with_meta(
                ArticleMeta(url="https://news.example.org/minister")
            ),
        )
        report = merge_export(store, path)
        assert report.annotations_added == 1
        assert len(report.warnings) == 2
        assert "no article in this database is its source" in report.warnings[0]
        assert "its quote “not in the text” is not in the article text" in report.warnings[1]
        [made] = store.list_annotations()
        start = article.text.index("Lee said", article.text.index("👩"))
        assert (made.start, made.end, made.text) == (start, start + 8, "Lee said")
        assert (made.tag, made.note, made.coder) == ("direct-quote", "check this", "jane_doe")
        assert dict(made.attributes) == {"tags": "to verify"}
        assert (made.origin, made.origin_detail) == ("imported", "hypothesis")
        assert merge_export(store, path).annotations_added == 0  # stable identities


def test_a_quote_is_placed_by_its_prefix_and_suffix(tmp_path: Path) -> None:
    """The W3C example of a TextQuoteSelector alone (no position): the occurrence whose
    context matches wins, not the first."""
    text = "this is an anotation that is fine; this is an anotation that has some typos"
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "http://example.org/anno26",
        "type": "Annotation",
        "body": "http://example.org/comment1",
        "target": {
            "source": "http://example.org/page1",
            "selector": {
                "type": "TextQuoteSelector",
                "exact": "anotation",
                "prefix": "this is an ",
                "suffix": " that has some",
            },
        },
    }
    path = tmp_path / "anno26.jsonld"
    path.write_text(json.dumps(annotation), encoding="utf-8")
    with Store(tmp_path / "db.db") as store:
        import_article(
            store, read_pasted_text(text).with_meta(ArticleMeta(url="http://example.org/page1"))
        )
        assert merge_export(store, path).annotations_added == 1
        [made] = store.list_annotations()
        assert made.start == text.rindex("anotation") and made.tag == "highlight"

"""Exports carry identities, coders, statuses, attributes and relations; a JSON export
merged into an empty database gives back the same identities."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from clipper.cli import cli
from clipper.exporters import ExportSelection, export_to_path, export_to_stream, unescape_cell
from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store
from clipper.store.export_queries import COLUMNS, CSV_COLUMNS

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
TEXT = (ARTICLES / "seed_alibaba_ai_investment.txt").read_text("utf-8")


def span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def seed(store: Store) -> None:
    """A figure with typed attributes, a quote said by a person, two coders on one span."""
    article = store.add_article(ImportedArticle(TEXT, "Alibaba", "a.txt", "txt")).id
    figure = store.add_annotation(
        article,
        *span("$53 billion"),
        "figure",
        attributes={"value": 53_000_000_000, "unit": "USD", "share": 0.25},
    )
    quote = store.add_annotation(
        article, *span("once-in-a-generation"), "quote", coder="alice", status="pending"
    )
    person = store.add_annotation(article, *span("Eddie Wu"), "person", coder="alice")
    store.add_annotation(article, *span("Eddie Wu"), "person", coder="bob")
    store.add_relation(quote.id, person.id, "said_by")
    store.set_attributes(person.id, {"note": "=chief executive"})  # named like a column
    assert figure.id == 1


def csv_rows(store: Store, **options: Any) -> list[dict[str, str]]:
    stream = io.StringIO()
    export_to_stream(store, stream, "csv", **options)
    return list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))


def test_csv_has_uuid_coder_status_and_one_column_per_attribute_key(store: Store) -> None:
    seed(store)
    stream = io.StringIO()
    export_to_stream(store, stream, "csv")
    header = stream.getvalue().splitlines()[0].split(",")
    assert header == [*CSV_COLUMNS, "attribute_note", "share", "unit", "value"]
    assert CSV_COLUMNS[-4:] == ("page", "uuid", "coder", "status")
    rows = {(r["text"], r["coder"]): r for r in csv_rows(store)}
    figure = rows["$53 billion", "default"]
    assert (figure["value"], figure["unit"], figure["share"]) == ("53000000000", "USD", "0.25")
    assert figure["attribute_note"] == "" and figure["status"] == "accepted"
    stored = {(a.text, a.coder): a for a in store.list_annotations()}
    accepted = {k: a.uuid for k, a in stored.items() if a.status == "accepted"}
    assert {k: r["uuid"] for k, r in rows.items()} == accepted  # by default
    everything = {
        (r["text"], r["coder"]): r for r in csv_rows(store, selection=ExportSelection(statuses=()))
    }
    assert {k: r["uuid"] for k, r in everything.items()} == {k: a.uuid for k, a in stored.items()}
    assert everything["once-in-a-generation", "alice"]["status"] == "pending"
    person = rows["Eddie Wu", "alice"]
    assert person["attribute_note"] == "'=chief executive"  # guarded like every text cell
    assert unescape_cell(person["attribute_note"]) == "=chief executive"
    assert rows["Eddie Wu", "bob"]["value"] == ""
    # Numbers are bare, text quoted: the raw line shows it.
    raw = stream.getvalue().splitlines()[1]
    assert raw.endswith(',"accepted",,0.25,"USD",53000000000')  # no value: empty
    unescaped = csv_rows(store, escape_formulas=False)
    assert {r["attribute_note"] for r in unescaped} == {"", "=chief executive"}


def test_csv_attribute_columns_follow_the_selection(store: Store) -> None:
    seed(store)
    stream = io.StringIO()
    from clipper.exporters import ExportSelection

    export_to_stream(store, stream, "csv", ExportSelection(tags=["quote"]))
    assert stream.getvalue().splitlines()[0] == ",".join(CSV_COLUMNS)


def test_json_carries_identities_coders_attributes_and_relations(
    store: Store, tmp_path: Path
) -> None:
    seed(store)
    target = tmp_path / "out.json"
    export_to_path(store, target, "json")
    data = json.loads(target.read_text("utf-8"))
    assert data["version"] == 2
    assert [c["name"] for c in data["coders"]] == ["default", "alice", "bob"]
    assert all(t["uuid"] == store.get_tag(t["name"]).uuid for t in data["tags"])
    [article] = data["articles"]
    assert article["uuid"] == store.get_article(1).uuid
    by_text = {(a["text"], a["coder"]): a for a in article["annotations"]}
    figure = by_text["$53 billion", "default"]
    assert figure["attributes"] == {"share": 0.25, "unit": "USD", "value": 53_000_000_000}
    assert (figure["origin"], figure["status"]) == ("manual", "accepted")
    quote = by_text["once-in-a-generation", "alice"]
    person = by_text["Eddie Wu", "alice"]
    [relation] = store.list_relations()
    assert quote["relations"] == [{"type": "said_by", "to": person["uuid"], "uuid": relation.uuid}]
    assert list(figure)[: len([c for c in COLUMNS if c.json])] == [
        c.json for c in COLUMNS if c.json
    ]


def identities(store: Store) -> dict[str, Any]:
    return {
        "articles": sorted(store.get_article(a.id).uuid for a in store.list_articles()),
        "annotations": sorted(
            (
                a.uuid,
                a.start,
                a.end,
                a.tag,
                a.coder,
                a.origin,
                a.status,
                tuple(sorted((k, type(v).__name__, v) for k, v in a.attributes.items())),
            )
            for a in store.list_annotations()
        ),
        "relations": sorted(
            (
                r.uuid,
                r.type,
                store.get_annotation(r.from_id).uuid,
                store.get_annotation(r.to_id).uuid,
            )
            for r in store.list_relations()
        ),
        "coders": sorted((c.name, c.uuid) for c in store.list_coders()),
        "tags": sorted((t.name, t.uuid) for t in store.list_tags()),
    }


def test_export_then_import_into_an_empty_database_keeps_every_identity(tmp_path: Path) -> None:
    source, empty, target = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "out.json"
    with Store(source) as store:
        seed(store)
        expected = identities(store)
    runner = CliRunner()
    done = runner.invoke(cli, ["export", "--db", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["import-annotations", str(target), "--db", str(empty)])
    assert done.exit_code == 0, done.output
    with Store(empty) as store:
        assert identities(store) == expected
        # Merging the same file again adds nothing.
        report = Session(store).import_annotations(target)
        assert (report.annotations_added, report.annotations_skipped) == (0, 4)
        assert report.relations_added == 0
        assert identities(store) == expected


def test_a_version_1_file_still_merges(tmp_path: Path, store: Store) -> None:
    start, end = span("Eddie Wu")
    document = {
        "format": "clipper",
        "version": 1,
        "tags": [{"name": "person", "label": "Person", "colour": "#2a9d8f", "shortcut": "3"}],
        "articles": [
            {
                "id": 9,
                "title": "Alibaba",
                "text": TEXT,
                "annotations": [{"id": 4, "start": start, "end": end, "tag": "person"}],
            }
        ],
    }
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(document), "utf-8")
    report = Session(store).import_annotations(path)
    assert (report.articles_created, report.annotations_added) == (1, 1)
    [annotation] = store.list_annotations()
    assert (annotation.text, annotation.coder, annotation.status) == (
        "Eddie Wu",
        "default",
        "accepted",
    )
    assert len(annotation.uuid) == 36 and annotation.uuid[14] == "4"


def test_bad_v2_members_are_refused_and_change_nothing(tmp_path: Path, store: Store) -> None:
    from clipper.errors import InvalidExport

    start, end = span("Eddie Wu")
    base = {
        "start": start,
        "end": end,
        "tag": "person",
        "uuid": "0" * 8 + "-0000-4000-8000-" + "0" * 12,
    }
    for extra, message in [
        ({"uuid": "nope"}, '"uuid" must be a UUID string'),
        ({"status": "maybe"}, '"status" must be one of'),
        ({"attributes": {"Bad": 1}}, "is not an attribute key"),
        ({"attributes": {"ok": [1]}}, "must be text or a number"),
        ({"relations": [{"type": "said_by", "to": "x"}]}, '"to" must be the UUID'),
        ({"coder": ""}, '"coder" is wrong'),
    ]:
        document = {
            "format": "clipper",
            "version": 2,
            "articles": [{"title": "A", "text": TEXT, "annotations": [base | extra]}],
        }
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(document), "utf-8")
        try:
            Session(store).import_annotations(path)
        except InvalidExport as error:
            assert "article #1, annotation #1: " in error.message and message in error.message
        else:
            raise AssertionError(f"accepted {extra}")
        assert store.count_articles() == 0

"""REFI-QDA export: .qdpx projects and .qdc codebooks, valid against the standard's schemas."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from refi_files import FIXTURES

from clipper.exporters import export_to_path, format_for
from clipper.exporters.qdc_export import write_qdc
from clipper.exporters.qdpx_export import write_qdpx
from clipper.exporters.registry import ExportOptions
from clipper.model import ImportedArticle
from clipper.store import Store
from clipper.store.export_queries import Selection

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}
TEXT = "Emoji 😀 first. Alibaba will invest “$53 billion” & more <soon>.\nSecond line\twith a tab."


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(FIXTURES / "Project-mrt2019.xsd")


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(FIXTURES / "Codebook-mrt2019.xsd")


def _fill(store: Store) -> dict[str, int]:
    first = store.add_article(
        ImportedArticle(
            text=TEXT,
            title='Alibaba & "AI" <investment>',
            source_name="a.txt",
            source_kind="txt",
            outlet="Example Times",
            published="2025-02",
            url="https://example.org/a",
            language="en",
        )
    )
    store.add_article(
        ImportedArticle(
            text="An article nobody tagged.", title="Quiet", source_name="b", source_kind="txt"
        )
    )
    store.add_tag("figure_eur", "Money", "#aabbcc")
    start = TEXT.index("$53")
    figure = store.add_annotation(
        first.id,
        start,
        start + len("$53 billion"),
        "figure_eur",
        "checked\r\nagainst the filing & <notes>\x0b",
        coder="Ann Analyst",
        attributes={"value": 53_000_000_000, "unit": "USD"},
    )
    quote = store.add_annotation(first.id, 6, 7, "quote", coder="Bob")  # the emoji
    store.add_relation(quote.id, figure.id, "said_by")
    return {"article": first.id, "figure": figure.id, "quote": quote.id}


def _export(store: Store, selection: Selection = Selection()) -> tuple[int, zipfile.ZipFile]:
    buffer = io.BytesIO()
    count = write_qdpx(store, buffer, selection, ExportOptions(), None, None)
    return count, zipfile.ZipFile(buffer)


def test_qdpx_validates_against_the_project_schema(
    store: Store, project_schema: xmlschema.XMLSchema
) -> None:
    _fill(store)
    count, archive = _export(store)
    assert count == 2
    project_schema.validate(archive.read("project.qde").decode("utf-8"))


def test_qdpx_holds_each_article_text_and_codes_each_annotation(store: Store) -> None:
    ids = _fill(store)
    _, archive = _export(store)
    root = ET.fromstring(archive.read("project.qde"))
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert [s.get("name") for s in sources] == ['Alibaba & "AI" <investment>', "Quiet"]
    for source, article in zip(
        sources, sorted(store.list_articles(), key=lambda a: a.id), strict=True
    ):
        stored = store.get_article(article.id)
        assert source.get("guid") == stored.uuid
        assert source.get("plainTextPath") == f"internal://{stored.uuid}.txt"
        assert archive.read(f"sources/{stored.uuid}.txt").decode("utf-8") == stored.text
    figure = store.get_annotation(ids["figure"])
    selection = root.find(f".//q:PlainTextSelection[@guid='{figure.uuid}']", NS)
    assert selection is not None
    # Positions are code points: the emoji before the span counts once.
    assert (int(selection.get("startPosition") or 0), int(selection.get("endPosition") or 0)) == (
        figure.start,
        figure.end,
    )
    assert selection.findtext("q:Description", namespaces=NS) == figure.note.replace(
        "\x0b", "\ufffd"
    )
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", NS)}
    assert users[selection.get("creatingUser")] == "Ann Analyst"
    codes = {c.get("guid"): c for c in root.findall("q:CodeBook/q:Codes/q:Code", NS)}
    code = codes[selection.find("q:Coding/q:CodeRef", NS).get("targetGUID")]  # type: ignore[union-attr]
    assert (code.get("name"), code.get("color")) == ("Money", "#aabbcc")
    assert code.findtext("q:Description", namespaces=NS) == "Clipper tag: figure_eur"
    values = {
        v.find("q:VariableRef", NS).get("targetGUID"): v.findtext("q:TextValue", namespaces=NS)  # type: ignore[union-attr]
        for v in sources[0].findall("q:VariableValue", NS)
    }
    names = {v.get("guid"): v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
    assert {names[k]: v for k, v in values.items()} == {
        "outlet": "Example Times",
        "published": "2025-02",
        "url": "https://example.org/a",
        "language": "en",
    }
    link = root.find("q:Links/q:Link", NS)
    assert link is not None and link.get("name") == "said_by"
    assert link.get("originGUID") == store.get_annotation(ids["quote"]).uuid
    assert link.get("targetGUID") == figure.uuid


def test_qdpx_export_of_a_selection_and_of_nothing_is_valid(
    store: Store, project_schema: xmlschema.XMLSchema
) -> None:
    ids = _fill(store)
    count, archive = _export(store, Selection(tags=["quote"]))
    assert count == 1
    qde = archive.read("project.qde").decode("utf-8")
    project_schema.validate(qde)
    assert "Links" not in qde  # the relation's other end is not exported
    assert len([n for n in archive.namelist() if n.startswith("sources/")]) == 1
    count, archive = _export(store, Selection(article_ids=[ids["article"] + 100]))
    assert count == 0
    project_schema.validate(archive.read("project.qde").decode("utf-8"))


def test_qdc_codebook_validates_and_lists_every_tag(
    store: Store, codebook_schema: xmlschema.XMLSchema
) -> None:
    _fill(store)
    buffer = io.BytesIO()
    write_qdc(store, buffer, Selection(), ExportOptions(), None, None)
    codebook_schema.validate(buffer.getvalue().decode("utf-8"))
    root = ET.fromstring(buffer.getvalue())
    names = [c.get("name") for c in root.findall("c:Codes/c:Code", NS)]
    assert names == [t.label for t in store.list_tags()]


def test_qdpx_and_qdc_are_registered_formats(store: Store, tmp_path: Path) -> None:
    _fill(store)
    assert format_for(tmp_path / "out.qdpx", None) == "qdpx"
    assert format_for(tmp_path / "out.qdc", None) == "qdc"
    assert export_to_path(store, tmp_path / "out.qdpx", "qdpx") == 2
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        assert archive.testzip() is None
        assert "project.qde" in archive.namelist()
    export_to_path(store, tmp_path / "out.qdc", "qdc")
    assert (tmp_path / "out.qdc").read_bytes().startswith(b"<?xml")


def test_only_accepted_annotations_become_codings(store: Store) -> None:
    ids = _fill(store)
    for end, status in ((5, "pending"), (4, "rejected")):
        store.add_annotation(
            ids["article"], 0, end, "claim", origin="suggested", origin_detail="x/1", status=status
        )
    count, archive = _export(store)
    assert count == 2
    root = ET.fromstring(archive.read("project.qde"))
    assert len(root.findall(".//q:PlainTextSelection", NS)) == 2


class _Pipe(io.RawIOBase):
    """A stream that cannot seek or tell, like standard output into a pipe."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.data += data
        return len(data)


def test_qdpx_can_be_written_to_a_stream_that_cannot_seek(store: Store) -> None:
    _fill(store)
    pipe = _Pipe()
    assert write_qdpx(store, pipe, Selection(), ExportOptions(), None, None) == 2  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(bytes(pipe.data))) as archive:
        assert archive.testzip() is None
        assert len(archive.namelist()) == 3

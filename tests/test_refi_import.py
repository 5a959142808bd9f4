"""REFI-QDA import: real sample projects, position readings of QDA programs, round trips."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from refi_files import CODE, SAMPLES, make_qdpx, project, selection, text_source

from clipper.exporters import export_to_path
from clipper.importers.annotation_formats import detect
from clipper.importers.qdpx import open_qdpx
from clipper.model import ImportedArticle
from clipper.operations.merge import merge_export
from clipper.store import Store

STAMP = "2026-01-01T00:00:00Z"
ALL_SAMPLES = sorted(SAMPLES.iterdir())


def _annotations(store: Store) -> list[tuple[str, str, str, str]]:
    """(tag, text, coder, note) of every stored annotation."""
    return [(a.tag, a.text, a.coder, a.note) for a in store.list_annotations()]


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=lambda p: p.name)
def test_every_sample_project_is_read_and_merged(store: Store, sample: Path) -> None:
    assert detect(sample) is not None and detect(sample).name == "qdpx"  # type: ignore[union-attr]
    report = merge_export(store, sample)
    tags = {t.name: t for t in store.list_tags()}
    if "blank" in sample.name:
        assert report.tags_created == ()
    elif "target" in sample.name:  # nested codes become flat names, the path their label
        assert set(report.tags_created) == {
            "commits",
            "commits-2022-05-10t02-05-59z-19e4dce",
            "commits-2022-02-11t10-39-25z-cdbfd92",
        }
        assert tags["commits-2022-02-11t10-39-25z-cdbfd92"].label == (
            "Commits / 2022-02-11T10:39:25Z cdbfd92"
        )
    else:  # sky-loom: ATLAS.ti's standard project; its texts are not in the archive
        assert tags["coke-diet-coke"].label == "Coke::diet Coke"
        assert tags["coke-diet-coke"].colour == "#966450"
        assert tags["happiness"].colour == "#F00082"
        assert tags["rushed"].label == '"rushed"'
        assert report.articles_created == 0
        text = "\n".join(report.warnings)
        assert "Mabel.txt" in text and "is missing" in text
        assert "1 PictureSelection" in text and "2 VideoSelection" in text


def _sky_loom_with_texts(tmp_path: Path) -> tuple[Path, dict[tuple[int, int], str]]:
    """The sky-loom ATLAS.ti project with text files rebuilt around its selections: each
    selection's text (its ``name``, cut short with "…" by ATLAS.ti) is put at its positions
    in filler text (the original texts are not public). DERIVED from the real export."""
    qde = (SAMPLES / "sky-loom__Project.qde").read_text("utf-8")
    ns = "{urn:QDA-XML:project:1.0}"
    spans: dict[tuple[int, int], str] = {}
    members = {}
    for source in ET.fromstring(qde).iter():
        chosen = source.findall(f"{ns}PlainTextSelection")
        if not chosen or not source.get("plainTextPath"):
            continue
        found = [
            (int(s.get("startPosition", 0)), int(s.get("endPosition", 0)), s.get("name", ""))
            for s in chosen
        ]
        chars = list("." * (max(e for _, e, _ in found) + 20))
        for start, end, shown in found:
            shown = shown.removesuffix("…")
            chars[start : start + len(shown)] = shown
            spans[(start, end)] = shown
        name = source.get("plainTextPath", "").removeprefix("internal://")
        members[f"Sources/{name}"] = "".join(chars).encode("utf-8")
    return make_qdpx(tmp_path / "sky.qdpx", qde, members), spans


def test_sky_loom_codings_land_on_their_text(store: Store, tmp_path: Path) -> None:
    path, spans = _sky_loom_with_texts(tmp_path)
    report = merge_export(store, path)
    # The five text sources with selections (one the text of a PDF).
    assert report.articles_created == 5
    titles = {a.title for a in store.list_articles()}
    assert any(t.startswith("Pay de Lim") and t.endswith("Kellogg's ®.pdf") for t in titles)
    stored = store.list_annotations()
    # 8 selections with 9 codings, one selection without a code (kept as "uncoded").
    assert len(stored) == 10
    for a in stored:
        assert a.coder == "Friedrich Markgraf"
        assert a.origin == "imported"
    for a in stored:
        assert a.text.startswith(spans[(a.start, a.end)])
    simon = sorted((a.start, a.tag) for a in stored if a.start in (215, 513, 688))
    assert simon == [(215, "feelings"), (513, "happiness"), (688, "bacon-and-eggs")]
    memo = next(a for a in stored if a.tag == "uncoded")
    assert memo.note == "Mabel is not the only person I know who has Coke for breakfast!"
    noted = next(a for a in stored if a.start == 688)
    assert noted.note == "why does Simon feel the need to do this?"
    mabel = sorted(a.tag for a in stored if a.start == 0)
    assert mabel == ["bacon-and-eggs", "cornflakes", "happiness"]


# A text with CRLF line ends and a character beyond U+FFFF before the coded word.
RAW = "Line one\r\nCafé 😀 rocks\r\nTarget word here\r\n"
STORED = RAW  # kept as the file has it; positions are converted


def _positions(text: str, *, utf16: bool, crlf_as_one: bool) -> tuple[int, int]:
    counted = text.replace("\r\n", "\n") if crlf_as_one else text
    start = counted.index("Target")

    def units(at: int) -> int:
        return len(counted[:at].encode("utf-16-le")) // 2 if utf16 else at

    return units(start), units(start + len("Target word"))


@pytest.mark.parametrize(
    ("origin", "utf16", "crlf_as_one"),
    [
        ("MAXQDA 2022 (Release 22.7.0)", True, False),  # CRLF as two positions
        ("NVivo 14", True, False),
        ("ATLAS.ti 23.2.3", True, True),  # CRLF as one
        ("QualCoder 3.5", False, False),  # code points, as the specification says
    ],
)
def test_positions_of_each_program_land_on_the_same_text(
    store: Store, tmp_path: Path, origin: str, utf16: bool, crlf_as_one: bool
) -> None:
    start, end = _positions(RAW, utf16=utf16, crlf_as_one=crlf_as_one)
    sel = selection("99999999-9999-4999-8999-999999999999", start, end)
    qde = project(text_source(sel, path="internal://t.txt"), origin=origin)
    path = make_qdpx(tmp_path / "p.qdpx", qde, {"sources/t.txt": RAW.encode("utf-8")})
    merge_export(store, path)
    (article,) = store.list_articles()
    assert store.get_article(article.id).text == STORED
    (a,) = store.list_annotations()
    assert a.text == "Target word"
    assert (a.tag, a.coder, a.uuid) == (
        "topic",
        "Rita Coder",
        "99999999-9999-4999-8999-999999999999",
    )


def test_selection_names_overrule_the_guessed_reading(store: Store, tmp_path: Path) -> None:
    """An unknown program that counted UTF-16 units and CRLF as one: the names tell."""
    start, end = _positions(RAW, utf16=True, crlf_as_one=True)
    sel = selection("99999999-9999-4999-8999-999999999999", start, end, name="Target word")
    qde = project(text_source(sel, path="internal://t.txt"), origin="SomeTool 1")
    path = make_qdpx(tmp_path / "p.qdpx", qde, {"sources/t.txt": RAW.encode("utf-8")})
    merge_export(store, path)
    assert [a.text for a in store.list_annotations()] == ["Target word"]


def test_inline_text_nested_codes_and_out_of_range_selections(store: Store, tmp_path: Path) -> None:
    codes = (
        '<Code guid="00000000-0000-4000-8000-000000000001" name="People" isCodable="false">'
        f'<Code guid="{CODE}" name="Politicians &amp; MPs" isCodable="true" color="#0F0"/></Code>'
        '<Code guid="00000000-0000-4000-8000-000000000002" name="people-politicians-mps" '
        'isCodable="true"/>'
    )
    sels = selection("99999999-9999-4999-8999-999999999991", 0, 5) + selection(
        "99999999-9999-4999-8999-999999999992", 5, 500
    )
    qde = project(text_source(sels, inline="Hello world"), codes=codes)
    path = make_qdpx(tmp_path / "p.qdpx", qde)
    report = merge_export(store, path)
    tags = {t.name: (t.label, t.colour) for t in store.list_tags()}
    assert tags["people-politicians-mps"] == ("People / Politicians & MPs", "#00FF00")
    assert "people-politicians-mps-2" in tags  # a clash gets a number
    assert [a.text for a in store.list_annotations()] == ["Hello"]
    assert any("does not fit its text" in w for w in report.warnings)


def test_text_outside_the_archive_is_reported_not_read(store: Store, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    sel = selection("99999999-9999-4999-8999-999999999999", 0, 3)
    qde = project(text_source(sel, path=f"absolute://{secret}"))
    report = merge_export(store, make_qdpx(tmp_path / "p.qdpx", qde))
    assert store.list_articles() == []
    assert any("outside the project archive" in w for w in report.warnings)


def _rich_store(store: Store) -> None:
    text = "Jack Ma said “we will invest $53 billion”.\r\nSecond paragraph 😀 with Zhang Yong."
    article = store.add_article(
        ImportedArticle(
            text=text,
            title="Alibaba <AI> & cloud",
            source_name="a.txt",
            source_kind="txt",
            outlet="Example Times",
            author="A. Writer",
            published="2025-02-21",
            url="https://example.org/alibaba",
            language="en",
        )
    )
    stored = store.get_article(article.id).text
    store.add_tag("figure_eur", "Money", "#123456")
    person = store.add_annotation(article.id, 0, 7, "person", coder="Ann Analyst")
    quote = store.add_annotation(
        article.id,
        stored.index("“"),
        stored.index("”") + 1,
        "quote",
        "first line\nsecond & <third>",
        coder="Ann Analyst",
        attributes={"speaker": "Jack Ma"},
    )
    money = stored.index("$53")
    figure = store.add_annotation(
        article.id,
        money,
        money + 11,
        "figure_eur",
        coder="Bob",
        attributes={"value": 53_000_000_000, "unit": "USD", "share": 0.25},
    )
    emoji = stored.index("😀")
    store.add_annotation(article.id, emoji, emoji + 1, "claim", coder="Bob")
    store.add_relation(quote.id, person.id, "said_by")
    store.add_relation(figure.id, quote.id, "claimed_by")
    store.add_article(
        ImportedArticle(text="Untagged article.", title="Quiet", source_name="b", source_kind="txt")
    )


def _content(store: Store) -> dict[str, object]:
    articles = [store.get_article(a.id) for a in store.list_articles()]
    by_id = {a.id: a.uuid for a in store.list_annotations()}
    return {
        "articles": sorted(
            (a.uuid, a.title, a.text, a.outlet, a.author, a.published, a.url, a.language)
            for a in articles
        ),
        "annotations": sorted(
            (a.uuid, a.start, a.end, a.tag, a.text, a.note, a.coder, dict(a.attributes))
            for a in store.list_annotations()
        ),
        "relations": sorted(
            (r.uuid, r.type, by_id[r.from_id], by_id[r.to_id]) for r in store.list_relations()
        ),
        "tags": sorted((t.name, t.label, t.colour) for t in store.list_tags()),
    }


def test_round_trip_clipper_qdpx_clipper_keeps_everything_the_format_carries(
    store: Store, tmp_path: Path
) -> None:
    _rich_store(store)
    path = tmp_path / "project.qdpx"
    assert export_to_path(store, path, "qdpx") == 4
    with Store(tmp_path / "other.db") as other:
        report = merge_export(other, path)
        assert report.warnings == ()
        assert (report.articles_created, report.annotations_added) == (2, 4)
        assert report.relations_added == 2
        assert _content(other) == _content(store)
        again = merge_export(other, path)
        assert (again.articles_matched, again.annotations_added) == (2, 0)


def test_reader_yields_the_json_readers_structure(store: Store, tmp_path: Path) -> None:
    _rich_store(store)
    path = tmp_path / "project.qdpx"
    export_to_path(store, path, "qdpx")
    with open_qdpx(path, STAMP) as export:
        articles = list(export.articles)
    first = next(a for a in articles if a.annotations)
    assert first.article.source_kind == "qdpx"
    row = first.annotations[0]
    assert len(row) == 15 and row[10] == "imported" and row[12] == "accepted"

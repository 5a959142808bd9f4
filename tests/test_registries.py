"""The export and annotation-file registries: one table each drives the CLI, the file
name rules and the dialogs."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.errors import ClipperError, InvalidValue
from clipper.exporters import EXPORT_FORMATS, export_to_path, export_to_stream, format_for
from clipper.exporters.registry import ExportFormat, by_suffix
from clipper.importers import read_file as read_text
from clipper.importers.annotation_formats import ANNOTATION_FORMATS, detect
from clipper.library import import_article
from clipper.store import Store

CRANE = Path(__file__).parent / "fixtures" / "articles" / "wikinews_news_crane.txt"


def _fake(name: str, suffix: str, *, seekable: bool = False) -> ExportFormat:
    def write(*_args: object) -> int:
        return 0

    return ExportFormat(name, name.upper(), suffix, write, seekable=seekable)


@pytest.fixture
def more_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two formats as other modules add them: a double suffix and a zip."""
    table = dict(EXPORT_FORMATS)
    table["claimreview"] = _fake("claimreview", ".claimreview.json")
    table["zipped"] = _fake("zipped", ".zipped", seekable=True)
    monkeypatch.setattr("clipper.exporters.registry.EXPORT_FORMATS", table)
    monkeypatch.setattr("clipper.exporters.EXPORT_FORMATS", table)


def test_every_export_format_has_a_distinct_suffix_and_a_writer() -> None:
    suffixes = [f.suffix for f in EXPORT_FORMATS.values()]
    assert len(set(suffixes)) == len(suffixes)
    assert {"csv", "json", "jsonl", "w3c"} <= set(EXPORT_FORMATS)
    for name, fmt in EXPORT_FORMATS.items():
        assert fmt.name == name and fmt.suffix.startswith(".") and callable(fmt.write)


def test_the_longest_suffix_wins(more_formats: None) -> None:
    assert by_suffix("Checks.ClaimReview.JSON") is not None
    assert format_for(Path("out.claimreview.json"), None) == "claimreview"
    assert format_for(Path("out.json"), None) == "json"
    assert format_for(Path("out.jsonl"), None) == "jsonl"
    assert format_for(Path("out.jsonld"), None) == "w3c"
    assert format_for(None, None) == "csv"
    with pytest.raises(ClipperError, match="names a claimreview file"):
        format_for(Path("out.claimreview.json"), "json")
    with pytest.raises(ClipperError, match=r"cannot write \.xlsx"):
        format_for(Path("out.xlsx"), None)


def test_a_zip_format_is_refused_on_a_pipe(more_formats: None, store: Store) -> None:
    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    with pytest.raises(ClipperError, match="cannot be written to standard output"):
        export_to_stream(store, Pipe(), "zipped")


def test_cli_offers_exactly_the_registered_formats(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db_path), "export", "--help"])
    choices = re.search(r"\[([a-z0-9|]+)\]", result.output)
    assert choices is not None
    assert choices.group(1).split("|") == list(EXPORT_FORMATS)


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_every_format_writes_the_annotations_to_a_file_and_a_text_stream(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    article = import_article(store, read_text(CRANE))
    start = article.text.index("107")
    if fmt == "claimreview":  # one ClaimReview per rated claim
        store.add_annotation(
            article.id, start, start + 3, "claim", "a note", attributes={"rating": "True"}
        )
    else:
        store.add_annotation(article.id, start, start + 3, "figure", "a note")
    target = tmp_path / f"out{EXPORT_FORMATS[fmt].suffix}"
    expected = 0 if fmt == "qdc" else 1  # a codebook holds the tags, no annotations
    assert export_to_path(store, target, fmt) == expected
    text = io.StringIO()
    if EXPORT_FORMATS[fmt].binary:  # a zip archive (qdpx): files and binary streams only
        with pytest.raises(InvalidValue, match="zip archive"):
            export_to_stream(store, text, fmt)
        assert export_to_stream(store, io.BytesIO(), fmt) == expected
        return
    assert export_to_stream(store, text, fmt) == expected
    volatile = re.compile(r"urn:uuid:[0-9a-f-]{36}|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z")
    written = target.read_bytes().decode("utf-8-sig")
    assert volatile.sub("", text.getvalue()) == volatile.sub("", written)


def test_detect_picks_the_format_by_suffix_then_content(tmp_path: Path) -> None:
    clipper_json = tmp_path / "a.json"
    clipper_json.write_text('{"format": "clipper", "version": 2, "articles": []}')
    w3c_json = tmp_path / "hypothesis.json"
    w3c_json.write_text(json.dumps([{"type": "Annotation", "target": "x"}]))
    lines = tmp_path / "a.jsonl"
    lines.write_text('{"type": "header"}\n')
    assert detect(tmp_path / "x.txt") is None
    assert detect(tmp_path / "missing.jsonld") is ANNOTATION_FORMATS["w3c"]
    assert detect(clipper_json) is ANNOTATION_FORMATS["json"]
    assert detect(w3c_json) is ANNOTATION_FORMATS["w3c"]
    assert detect(lines) is ANNOTATION_FORMATS["jsonl"]
    for fmt in ANNOTATION_FORMATS.values():
        assert dataclasses.is_dataclass(fmt) and fmt.suffixes


def test_cli_import_merges_annotation_files_and_imports_the_rest(
    tmp_path: Path, db_path: Path
) -> None:
    source = tmp_path / "source.db"
    with Store(source) as store:
        article = import_article(store, read_text(CRANE))
        start = article.text.index("107")
        store.add_annotation(article.id, start, start + 3, "figure", "a note")
        export_to_path(store, tmp_path / "out.json", "json")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", str(db_path), "import", str(tmp_path / "out.json"), str(CRANE)]
    )
    assert result.exit_code == 0, result.output  # the article is a duplicate: skipped
    assert "annotations: 1 added" in result.stdout
    assert "already in the database" in result.stderr
    with Store(db_path) as store:
        assert store.count_articles() == 1
        assert [a.note for a in store.list_annotations(1)] == ["a note"]


def test_cli_import_merges_jsonl_and_w3c_and_prints_warnings(tmp_path: Path, db_path: Path) -> None:
    source = tmp_path / "source.db"
    with Store(source) as store:
        article = import_article(store, read_text(CRANE))
        start = article.text.index("107")
        store.add_annotation(article.id, start, start + 3, "figure", "a note")
        export_to_path(store, tmp_path / "out.jsonl", "jsonl")
        export_to_path(store, tmp_path / "out.jsonld", "w3c")
    runner = CliRunner()
    empty = tmp_path / "empty.db"
    result = runner.invoke(cli, ["--db", str(empty), "import", str(tmp_path / "out.jsonld")])
    assert result.exit_code == 0
    assert "annotations: 0 added" in result.stdout
    assert "warning: " in result.stderr and "no article in this database" in result.stderr
    result = runner.invoke(
        cli, ["--db", str(db_path), "import", "--json", str(tmp_path / "out.jsonl")]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["articles_created"], record["annotations_added"]) == (1, 1)
    result = runner.invoke(cli, ["--db", str(db_path), "import", str(tmp_path / "out.jsonld")])
    assert "annotations: 0 added, 1 already present" in result.stdout


def test_cli_import_reports_a_broken_annotation_file_and_goes_on(
    tmp_path: Path, db_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "header", "format": "clipper-jsonl", "version": 1}\n{oops\n')
    result = CliRunner().invoke(cli, ["--db", str(db_path), "import", str(bad), str(CRANE)])
    assert result.exit_code == 1
    assert "bad.jsonl: line 2 is not valid JSON" in result.stderr
    assert "At least 107 killed" in result.stdout
    with Store(db_path) as store:
        assert (store.count_articles(), store.count_annotations()) == (1, 0)

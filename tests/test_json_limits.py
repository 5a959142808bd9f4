"""import-annotations on hostile files: limits, field rules, layouts (issue 8).

Each refused file must give Clipper's own error and leave the database as it was; the
crash cases run the real ``clipper`` command in a child process, so a segfault or a
traceback fails the test instead of killing the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from json_cases import OTHER, TEXT, clipper_layout, valid_document

from clipper import fields
from clipper.errors import ClipperError, InvalidExport
from clipper.operations.merge import merge_export
from clipper.store import Store

INJECTION = (
    '{"format":"clipper","version":1,"tags":[],"articles":[{"title":"t","text":"Another '
    'article text with words.","published":"=1+1,\\"inj\\"\\r\\nINJECTED,ROW","annotations":'
    '[{"start":0,"end":7,"tag":"quote","created_at":"=HYPERLINK(\\"http://evil\\",\\"click\\")",'
    '"updated_at":"@SUM(9),extra"}]}]}'
)


def snapshot(store: Store) -> list[list[tuple[Any, ...]]]:
    """Every row of every table Clipper writes: equal snapshots, unchanged database."""
    return [
        store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("tags", "articles", "annotations", "article_layouts")
    ]


def write(tmp_path: Path, data: bytes | str, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


# The child reports its own peak memory (VmHWM of its own address space: rusage would
# also count the test process's memory, inherited until exec).
_REPORT_PEAK = (
    "import atexit, runpy, sys; atexit.register(lambda: print(*[line for line in "
    "open('/proc/self/status') if line.startswith('VmHWM:')], file=sys.stderr, end='')); "
    "sys.argv[0] = 'clipper'; runpy.run_module('clipper', run_name='__main__')"
)


class Run:
    """A finished ``clipper`` child process: status, error output, peak memory."""

    def __init__(self, result: subprocess.CompletedProcess[str]) -> None:
        self.returncode = result.returncode
        lines = result.stderr.splitlines(keepends=True)
        peak = [line for line in lines if line.startswith("VmHWM:")]
        self.stderr = "".join(
            line
            for line in lines
            if line not in peak and not line.startswith("clipper: created a new database")
        )
        self.peak_mb = int(peak[0].split()[1]) / 1024 if peak else float("nan")


def clipper_cli(db: Path, file: Path) -> Run:
    command = [sys.executable, "-c", _REPORT_PEAK, "--db", str(db), "import-annotations"]
    result = subprocess.run([*command, str(file)], capture_output=True, text=True, timeout=120)
    return Run(result)


def refused(store: Store, path: Path, words: str) -> None:
    before = snapshot(store)
    with pytest.raises(InvalidExport, match=words):
        merge_export(store, path)
    assert snapshot(store) == before


# -- the findings, as regression cases -------------------------------------------------------


def test_injection_line_is_refused_with_a_clear_message(store: Store, tmp_path: Path) -> None:
    refused(store, write(tmp_path, INJECTION), r'"published" is wrong: .* is not a date')
    fixed = INJECTION.replace('=1+1,\\"inj\\"\\r\\nINJECTED,ROW', "2025-02-24")
    refused(store, write(tmp_path, fixed), r'"created_at" is wrong: .* is not an ISO 8601 time')
    fixed = fixed.replace('=HYPERLINK(\\"http://evil\\",\\"click\\")', "2026-11-24T13:21:05Z")
    refused(store, write(tmp_path, fixed), r'"updated_at" is wrong')


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("where", ["article", "header", "annotation"])
def test_deep_nesting_is_refused_quickly(tmp_path: Path, depth: int, where: str) -> None:
    document = valid_document()
    deep = "[" * depth + "]" * depth
    if where == "header":
        document["extra"] = "DEEP"
    elif where == "article":
        document["articles"][0]["extra"] = "DEEP"
    else:
        document["articles"][0]["annotations"][0]["extra"] = "DEEP"
    db = tmp_path / "c.db"
    for layout in (clipper_layout(document), json.dumps(document).encode()):
        path = write(tmp_path, layout.replace(b'"DEEP"', deep.encode()))
        result = clipper_cli(db, path)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith("clipper: error: the file nests arrays and objects")
        assert str(fields.MAX_JSON_DEPTH) in result.stderr and "Traceback" not in result.stderr
        # Memory used to grow with the square of the depth: 60 KB of brackets took 2.2 GB.
        assert result.peak_mb < 250, f"{result.peak_mb:.0f} MB"


@pytest.mark.parametrize(
    "number",
    ["1" * 5_000, "-" + "9" * 5_000, "1" * 5_000 + ".5", "1" * 4_000, "1e99999", str(2**64)],
    ids=["5000-digits", "negative", "float", "4000-digits", "exponent", "2**64"],
)
@pytest.mark.parametrize("where", ["version", "start", "extra"])
def test_huge_numbers_are_refused_without_crashing(tmp_path: Path, number: str, where: str) -> None:
    document = valid_document()
    if where == "version":
        document["version"] = "NUMBER"
    elif where == "start":
        document["articles"][0]["annotations"][0]["start"] = "NUMBER"
    else:
        document["articles"][1]["extra"] = "NUMBER"
    db = tmp_path / "c.db"
    for layout in (clipper_layout(document), json.dumps(document, indent=1).encode()):
        path = write(tmp_path, layout.replace(b'"NUMBER"', number.encode()))
        result = clipper_cli(db, path)
        assert result.returncode == 1, (result.returncode, result.stderr)
        assert result.stderr.startswith("clipper: error:"), result.stderr
        assert "Traceback" not in result.stderr


def test_nesting_at_the_limit_is_accepted(store: Store, tmp_path: Path) -> None:
    document = valid_document()
    # The article sits at depth 3; its unknown member may nest down to the limit.
    depth = fields.MAX_JSON_DEPTH - 3
    document["articles"][0]["extra"] = json.loads("[" * depth + "]" * depth)
    for layout in (clipper_layout(document), json.dumps(document).encode()):
        assert merge_export(store, write(tmp_path, layout)).annotations_added in (3, 0)
    document["articles"][0]["extra"] = [document["articles"][0]["extra"]]
    for layout in (clipper_layout(document), json.dumps(document).encode()):
        refused(store, write(tmp_path, layout), "levels deep")


# -- layouts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dump",
    [
        {"indent": 1},
        {"indent": 2, "sort_keys": True},
        {"indent": "\t", "ensure_ascii": False},
        {"separators": (",", ":")},
    ],
    ids=["indent1", "indent2-sorted", "tabs", "compact"],
)
def test_a_reformatted_valid_export_is_read(store: Store, tmp_path: Path, dump: Any) -> None:
    path = write(tmp_path, json.dumps(valid_document(), **dump))
    report = merge_export(store, path)
    assert (report.articles_created, report.annotations_added) == (2, 3)
    assert {a.text for a in store.list_annotations()} == {TEXT[9:15], TEXT[32:37], OTHER[0:7]}


def test_a_file_that_leaves_clipper_layout_midway_is_read_again_whole(
    store: Store, tmp_path: Path
) -> None:
    """The fast reader's work is rolled back and the general reader gives the result."""
    lines = clipper_layout(valid_document()).split(b"\n")
    second = next(i for i, line in enumerate(lines) if b'"title":"Other"' in line)
    lines[second] = lines[second].replace(b'"text":', b'\n   "text":')
    report = merge_export(store, write(tmp_path, b"\n".join(lines)))
    assert (report.articles_created, report.annotations_added) == (2, 3)
    assert store.count_articles() == 2


def test_trailing_garbage_after_clipper_layout_is_refused(store: Store, tmp_path: Path) -> None:
    data = clipper_layout(valid_document()) + b'{"more": 1}\n'
    refused(store, write(tmp_path, data), "not valid JSON")


def test_a_nested_articles_line_is_not_taken_for_the_list(store: Store, tmp_path: Path) -> None:
    data = (
        b'{\n "format": "clipper",\n "version": 1,\n "tags": [],\n "x": {\n "articles": [\n'
        b'  {"text": "Hidden text here"}\n ]\n},\n "articles": []\n}\n'
    )
    assert merge_export(store, write(tmp_path, data)).articles_created == 0


# -- field rules -------------------------------------------------------------------------------


def _set(document: dict[str, Any], where: str, key: str, value: Any) -> None:
    target = {
        "file": document,
        "tag": document["tags"][1],
        "article": document["articles"][0],
        "annotation": document["articles"][0]["annotations"][0],
        "pdf": document["articles"][1]["annotations"][0],
    }[where]
    target[key] = value


@pytest.mark.parametrize(
    ("where", "key", "value", "words"),
    [
        ("file", "version", True, "version true/false"),
        ("file", "version", 3, "version 3"),
        ("file", "tags", {"name": "x"}, '"tags" must be a list'),
        ("file", "articles", {"text": "x"}, '"articles" in the file is not a list'),
        ("file", "articles", [1], 'an item of "articles"'),
        ("tag", "name", "Source", "not a tag name"),
        ("tag", "name", 5, "has no name"),
        ("tag", "colour", "red", "not a colour"),
        ("tag", "shortcut", "ab", "one letter, digit or symbol"),
        ("tag", "shortcut", "\n", "one letter, digit or symbol"),
        ("tag", "label", ["x"], "must be a string, not a list"),
        ("article", "text", 7, "has no text"),
        ("article", "text", "  ", "has no text"),
        ("article", "text", "bad \x00 text", "NUL"),
        ("article", "title", "\ud800", "unpaired surrogate"),
        ("article", "title", {"a": 1}, "must be a string, not an object"),
        ("article", "published", "2025-02-30", "not a real date"),
        ("article", "published", "24/02/2025", "not a date"),
        ("article", "published", "２０２５-02-24", "not a date"),
        ("article", "url", "https://x\x00", "NUL"),
        # the store's rules for every write (clipper.fields): a web address, a language code
        ("article", "url", "mailto:desk@example.org", "not a web address"),
        ("article", "url", "javascript:alert(1)", "not a web address"),
        ("article", "url", "notes from the desk", "not a web address"),
        ("article", "language", "english", "not a language code"),
        ("tag", "label", "x" * (fields.MAX_TAG_LABEL_CHARS + 1), "at most"),
        ("article", "source_kind", "Web Page", "short lower-case word"),
        ("article", "id", "1", "whole number"),
        ("article", "annotations", "none", '"annotations" must be a list'),
        ("article", "outlet", "x" * (fields.MAX_FIELD_CHARS + 1), "the limit is"),
        ("annotation", "start", 1.0, "do not fit"),
        ("annotation", "start", True, "do not fit"),
        ("annotation", "end", 10**7, "do not fit"),
        ("annotation", "tag", ["quote"], '"tag" must be a string'),
        ("annotation", "tag", "gossip", "unknown tag"),
        ("annotation", "text", "other", "does not match"),
        ("annotation", "note", 5, '"note" must be a string, not a number'),
        ("annotation", "note", "n\ud83d", "unpaired surrogate"),
        ("annotation", "created_at", 1732454400, "must be a string"),
        ("annotation", "created_at", "yesterday", "not an ISO 8601 time"),
        ("annotation", "updated_at", "2026-11-24T24:00:00Z", "not an ISO 8601 time"),
        ("annotation", "page", 0, '"page" must be a whole number'),
        ("annotation", "page", "1", '"page" must be a whole number'),
        ("annotation", "id", [], '"id" must be a whole number'),
        ("pdf", "pages", [1, "2"], "list of page numbers"),
        ("pdf", "boxes", [{"x0": "1"}], "list of objects of numbers"),
    ],
)
def test_wrong_fields_are_refused_and_change_nothing(
    store: Store, tmp_path: Path, where: str, key: str, value: Any, words: str
) -> None:
    merge_export(store, write(tmp_path, json.dumps(valid_document()), "base.json"))
    document = valid_document()
    document["articles"][0]["text"] += " (edited)"  # a new article, so the merge would add it
    document["articles"][0]["annotations"][0]["end"] = 14
    document["articles"][0]["annotations"][0].pop("text")
    _set(document, where, key, value)
    for layout in (clipper_layout(document), json.dumps(document, indent=1).encode()):
        refused(store, write(tmp_path, layout), words)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("published", "2015"),
        ("published", "2015-09"),
        ("published", None),
        ("published", ""),
        ("url", "bbc.co.uk/news/x"),  # stored as https://bbc.co.uk/news/x
        ("language", "pt-BR"),
        ("note", None),
        ("created_at", "2026-11-24 13:21:05"),
        ("created_at", "2026-11-24T13:21+01:00"),
        ("updated_at", None),
        ("unknown", {"nested": [1, 2.5, None, "x"]}),
    ],
)
def test_allowed_variants_are_merged(store: Store, tmp_path: Path, key: str, value: Any) -> None:
    document = valid_document()
    target = document["articles"][0]
    if key in ("note", "created_at", "updated_at"):
        target = target["annotations"][0]
    target[key] = value
    report = merge_export(store, write(tmp_path, clipper_layout(document)))
    assert report.annotations_added == 3


def test_field_rules() -> None:
    assert fields.date_problem("2024-02-29") is None
    assert fields.date_problem("2023-02-29") == "2023-02-29 is not a real date"
    assert fields.timestamp_problem("2026-11-24T13:21:05.123Z") is None
    assert fields.timestamp_problem("2026-11-24T13:21:05.123+0530") is None
    assert fields.timestamp_problem("2026-11-24") is not None
    assert fields.timestamp_problem("2026-11-24T13:21:05Z\n") is not None
    assert fields.text_problem("a\x00b") == "contains a NUL character at position 1"
    assert fields.tag_name_problem("long-term_2") is None


def test_devices_pipes_and_folders_are_refused_at_once(store: Store, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    for path in (Path("/dev/zero"), pipe, tmp_path):
        with pytest.raises(ClipperError, match=r"is not an ordinary file|is a folder"):
            merge_export(store, path)


def test_the_open_database_itself_is_refused_unopened(store: Store, db_path: Path) -> None:
    for path in (db_path, Path(f"{db_path}-wal")):
        with pytest.raises(ClipperError, match="belongs to the Clipper database that is open"):
            merge_export(store, path)


def test_minimal_annotations_and_extra_members_merge(store: Store, tmp_path: Path) -> None:
    document = valid_document()
    first, second = document["articles"][0]["annotations"]
    document["articles"][0]["annotations"] = [
        {"start": first["start"], "end": first["end"], "tag": "quote"},
        {**second, "colour_hint": {"rgb": [1, 2, 3]}},
    ]
    report = merge_export(store, write(tmp_path, clipper_layout(document)))
    assert report.annotations_added == 3
    stamps = {a.created_at for a in store.list_annotations()}
    assert all(fields.timestamp_problem(s) is None for s in stamps)

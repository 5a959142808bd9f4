"""import-annotations: merging a Clipper JSON export, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clipper.errors import InvalidExport
from clipper.exporters import export_to_path
from clipper.library import open_sample
from clipper.operations.merge import merge_export
from clipper.store import Store


def exported(tmp_path: Path) -> tuple[Path, str]:
    with Store(tmp_path / "colleague.db") as colleague:
        article = open_sample(colleague)
        colleague.add_tag("source", "Named source", "#123456", "5")
        colleague.add_annotation(article.id, 0, 8, "figure", note="check")
        colleague.add_annotation(article.id, 9, 12, "source")
        path = tmp_path / "export.json"
        export_to_path(colleague, path, "json")
        return path, article.text


def test_merge_creates_matches_and_skips_duplicates(store: Store, tmp_path: Path) -> None:
    path, text = exported(tmp_path)
    report = merge_export(store, path)
    assert (report.articles_created, report.annotations_added) == (1, 2)
    assert report.tags_created == ("source",)
    assert store.get_tag("source").shortcut == "5"
    again = merge_export(store, path)
    assert (again.articles_matched, again.annotations_added, again.annotations_skipped) == (1, 0, 2)
    [annotation, _] = store.list_annotations()
    assert (annotation.text, annotation.note) == (text[0:8], "check")


def test_merge_matches_existing_article_by_content(store: Store, tmp_path: Path) -> None:
    mine = open_sample(store)
    store.add_annotation(mine.id, 0, 8, "figure")
    path, _ = exported(tmp_path)
    report = merge_export(store, path)
    assert (report.articles_created, report.articles_matched) == (0, 1)
    assert report.annotations_added == 1 and store.count_articles() == 1


def broken(tmp_path: Path, change: str) -> Path:
    path, _ = exported(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    annotation = data["articles"][0]["annotations"][-1]
    if change == "text":
        annotation["text"] = "something else"
    elif change == "offsets":
        annotation["end"] = 10**7
    elif change == "tag":
        annotation["tag"] = "gossip"
        data["tags"] = [t for t in data["tags"] if t["name"] != "source"]
    elif change == "format":
        data["format"] = "other"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("text", "does not match"),
        ("offsets", "do not fit"),
        ("tag", "unknown tag"),
        ("format", "not a Clipper JSON export"),
    ],
)
def test_bad_files_change_nothing(store: Store, tmp_path: Path, change: str, words: str) -> None:
    path = broken(tmp_path, change)
    with pytest.raises(InvalidExport, match=words):
        merge_export(store, path)
    assert (store.count_articles(), store.count_annotations()) == (0, 0)
    assert [t.name for t in store.list_tags()] == ["figure", "quote", "person", "claim"]


def test_truncated_json_changes_nothing(store: Store, tmp_path: Path) -> None:
    path, _ = exported(tmp_path)
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(InvalidExport, match="not valid JSON"):
        merge_export(store, path)
    assert store.count_articles() == 0


def test_reformatted_export_is_read_by_the_generic_parser(store: Store, tmp_path: Path) -> None:
    """A file re-saved by another tool (other layout, key order) merges the same way."""
    path, text = exported(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data = {"articles": data["articles"], **{k: v for k, v in data.items() if k != "articles"}}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=True), encoding="utf-8")
    report = merge_export(store, path)
    assert (report.articles_created, report.annotations_added) == (1, 2)
    assert store.list_annotations()[0].text == text[0:8]


def test_foreign_keys_are_back_on_after_a_merge(store: Store, tmp_path: Path) -> None:
    path, _ = exported(tmp_path)
    merge_export(store, path)
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_digits_only_label_from_an_older_file_is_merged_under_the_tag_name(
    store: Store, tmp_path: Path
) -> None:
    path, _ = exported(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    for tag in data["tags"]:
        if tag["name"] == "source":
            tag["label"] = "2"  # stored before labels of digits only were refused
    path.write_text(json.dumps(data), encoding="utf-8")
    report = merge_export(store, path)
    assert report.annotations_added == 2
    assert store.get_tag("source").label == "Source"


def test_a_digits_only_tag_name_from_an_older_file_is_merged_as_it_is(
    store: Store, tmp_path: Path
) -> None:
    """Older databases could name a tag "2"; merging their export keeps the tag and its
    annotations instead of refusing the file (new tags may not be named so)."""
    path, _ = exported(tmp_path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    for tag in data["tags"]:
        if tag["name"] == "source":
            tag["name"] = "2"
    renamed = json.dumps(data).replace('"tag": "source"', '"tag": "2"')
    assert renamed.count('"tag": "2"') == 1  # the annotation of the tag moved with it
    path.write_text(renamed, encoding="utf-8")
    report = merge_export(store, path)
    assert report.annotations_added == 2
    assert report.tags_created == ("2",)
    assert store.get_tag("2").label == "Named source"

"""Broken and hostile interchange files are refused with a clear message and change
nothing in the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from clipper.errors import ClipperError
from clipper.exporters import export_to_path
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.operations.merge import merge_export
from clipper.store import Store

TEXT = "Minister quits\n\nThe minister said: “I quit 👍🏽 today”, and 12 % agreed."


def counts(store: Store) -> tuple[int, int, int, int]:
    return (
        store.count_articles(),
        store.count_annotations(),
        len(store.list_tags()),
        len(store.list_relations()),
    )


@pytest.fixture
def jsonl_lines(tmp_path: Path) -> list[str]:
    with Store(tmp_path / "source.db") as store:
        article = import_article(store, read_pasted_text(TEXT))
        start = article.text.index("12 %")
        store.add_annotation(article.id, start, start + 4, "figure", "note")
        export_to_path(store, tmp_path / "good.jsonl", "jsonl")
    return (tmp_path / "good.jsonl").read_text(encoding="utf-8").splitlines()


def _edit(index: int, change: Callable[[dict[str, object]], object]) -> Callable[[list[str]], str]:
    def apply(lines: list[str]) -> str:
        item = json.loads(lines[index])
        change(item)
        copy = list(lines)
        copy[index] = json.dumps(item, ensure_ascii=False)
        return "\n".join(copy)

    return apply


JSONL_CASES: dict[str, tuple[Callable[[list[str]], str | bytes], str]] = {
    "not json": (lambda ls: ls[0] + "\n{oops\n", "line 2 is not valid JSON"),
    "a list": (lambda ls: "\n".join([ls[0], "[1, 2]"]), "line 2 is not a JSON object"),
    "deep": (lambda ls: ls[0] + "\n" + '{"a":' * 5000 + "1" + "}" * 5000, "nests"),
    "huge number": (_edit(2, lambda d: d.update(page=10**30)), "page"),
    "huge attribute": (_edit(2, lambda d: d.update(attributes={"n": 10**30})), "too large"),
    "deep member": (
        _edit(2, lambda d: d.update(extra=json.loads("[" * 100 + "]" * 100))),
        "nests",
    ),
    "nan": (lambda ls: ls[0] + '\n{"type": "article", "text": NaN}', "not valid JSON"),
    "unknown type": (_edit(1, lambda d: d.update(type="song")), '"type" must be one of'),
    "header later": (lambda ls: "\n".join([ls[1], ls[0]]), "header must be the first line"),
    "wrong header": (_edit(0, lambda d: d.update(format="other")), "not a Clipper JSON Lines"),
    "offsets": (_edit(2, lambda d: d.update(end=10_000)), "do not fit the article text"),
    "text": (_edit(2, lambda d: d.update(text="13 %")), "does not match the article text"),
    "hash": (_edit(1, lambda d: d.update(content_hash="0" * 64)), "does not match the article"),
    "no article": (
        lambda ls: "\n".join([ls[0], json.dumps({**json.loads(ls[2]), "content_hash": None})]),
        "needs the article's",
    ),
    "not utf-8": (
        lambda ls: (ls[0] + "\n").encode() + b'{"type": "article", "text": "\xff"}',
        "UTF-8",
    ),
    "raw surrogate": (_edit(2, lambda d: d.update(note="\ud800")), "not UTF-8"),
    "escaped surrogate": (
        lambda ls: "\n".join([*ls[:2], ls[2].replace('"note"', '"note": "\\ud800", "x"', 1)]),
        "unpaired surrogate",
    ),
    "unknown tag": (_edit(2, lambda d: d.update(tag="nosuchtag")), "unknown tag"),
    "bad attribute": (_edit(2, lambda d: d.update(attributes={"Bad Key!": 1})), "attributes"),
    "bad relation": (_edit(2, lambda d: d.update(relations=[{"type": "x", "to": 5}])), "relations"),
    "empty": (lambda ls: "", "is empty"),
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
def test_broken_jsonl_is_refused_and_changes_nothing(
    case: str, jsonl_lines: list[str], tmp_path: Path
) -> None:
    make, message = JSONL_CASES[case]
    content = make(jsonl_lines)
    path = tmp_path / "bad.jsonl"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    with Store(tmp_path / "target.db") as store:
        import_article(store, read_pasted_text("Another article entirely."))
        before = counts(store)
        with pytest.raises(ClipperError, match=message):
            merge_export(store, path)
        assert counts(store) == before


W3C_CASES: dict[str, tuple[bytes, str]] = {
    "not json": (b'{"type": "AnnotationCollection", "first": {', "not valid JSON"),
    "deep": (b'{"type": "Annotation", "target": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nests"),
    "scalar": (b'"http://www.w3.org/ns/anno.jsonld"', "not a JSON object or list"),
    "item not an object": (
        b'{"@context": "http://www.w3.org/ns/anno.jsonld", "items": [1]}',
        "not an object",
    ),
    "surrogate": (b'[{"type": "Annotation", "target": "\\ud800"}]', "unpaired surrogate"),
    "trailing garbage": (b'[{"type": "Annotation", "target": "x"}] ]', "not valid JSON"),
}


@pytest.mark.parametrize("case", list(W3C_CASES))
def test_broken_w3c_is_refused_and_changes_nothing(case: str, tmp_path: Path) -> None:
    content, message = W3C_CASES[case]
    path = tmp_path / "bad.jsonld"
    path.write_bytes(content)
    with Store(tmp_path / "target.db") as store:
        import_article(store, read_pasted_text("Another article entirely."))
        before = counts(store)
        with pytest.raises(ClipperError, match=message):
            merge_export(store, path)
        assert counts(store) == before


def test_w3c_with_a_bad_attributes_body_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "target.db") as store:
        article = import_article(store, read_pasted_text(TEXT))
        annotation = {
            "type": "Annotation",
            "id": "urn:uuid:12345678-1234-4234-8234-123456789abc",
            "body": [
                {
                    "type": "TextualBody",
                    "purpose": "describing",
                    "format": "application/json",
                    "value": '{"Not A Key": 1}',
                }
            ],
            "target": {
                "source": f"urn:sha256:{store.get_article(article.id).content_hash}",
                "selector": {"type": "TextPositionSelector", "start": 0, "end": 8},
            },
        }
        path = tmp_path / "bad.jsonld"
        path.write_text(json.dumps([annotation]), encoding="utf-8")
        before = counts(store)
        with pytest.raises(ClipperError, match="attributes"):
            merge_export(store, path)
        assert counts(store) == before

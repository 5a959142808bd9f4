"""Every exported W3C annotation passes the Web Annotation test suite's MUST assertions
(tests/fixtures/w3c, copied from w3c/web-annotation-tests), and so does the collection."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
from referencing.jsonschema import DRAFT4

from clipper.exporters import ExportSelection, export_to_path
from clipper.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_interop_roundtrip import build

W3C = Path(__file__).parent / "fixtures" / "w3c"
URI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S+")


def _registry() -> referencing.Registry[Any]:
    resources = []
    for path in sorted((W3C / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], referencing.Resource(schema, DRAFT4)))
    return referencing.Registry().with_resources(resources)


def musts(test: str) -> list[tuple[str, jsonschema.Draft4Validator]]:
    registry = _registry()
    listed = json.loads((W3C / test).read_text(encoding="utf-8"))["assertions"]
    out = []
    for name in listed:
        schema = json.loads((W3C / name).read_text(encoding="utf-8"))
        assert schema["assertionType"] == "must" and schema["expectedResult"] == "valid"
        checker = jsonschema.FormatChecker()
        out.append(
            (name, jsonschema.Draft4Validator(schema, registry=registry, format_checker=checker))
        )
    return out


def failures(document: dict[str, Any], validators: list[tuple[str, Any]]) -> list[str]:
    return [
        f"{name}: {error.message[:200]}"
        for name, validator in validators
        for error in validator.iter_errors(document)
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("w3c")
    with Store(folder / "db.db") as store:
        build(store)
        store.update_article(1, url="https://news.example.org/minister")
        export_to_path(store, folder / "out.jsonld", "w3c", ExportSelection(statuses=()))
    return json.loads((folder / "out.jsonld").read_text(encoding="utf-8"))


def test_every_exported_annotation_passes_the_must_assertions(exported: dict[str, Any]) -> None:
    validators = musts("annotations/annotationMusts.test")
    assert len(validators) == 54
    items = exported["first"]["items"]
    assert len(items) == exported["total"] == 6
    for item in items:
        assert failures(item, validators) == []
        # "format": "uri" needs an optional package in jsonschema: check the ids here
        assert URI.fullmatch(item["id"]) and item["id"].startswith("urn:uuid:")
        assert item["target"]["source"].startswith("urn:sha256:")
        kinds = [s["type"] for s in item["target"]["selector"]]
        assert kinds == ["TextPositionSelector", "TextQuoteSelector"]
        purposes = [b["purpose"] for b in item["body"]]
        assert purposes[0] == "tagging"
    assert any(i["target"].get("via") == "https://news.example.org/minister" for i in items)


def test_the_collection_passes_the_must_assertions(exported: dict[str, Any]) -> None:
    validators = musts("collections/collectionMusts.test")
    assert failures(exported, validators) == []
    assert exported["first"]["type"] == "AnnotationPage"


def test_the_validators_do_refuse_a_broken_annotation(exported: dict[str, Any]) -> None:
    validators = musts("annotations/annotationMusts.test")
    item = dict(exported["first"]["items"][0])
    del item["target"]
    assert failures(item, validators)
    item = dict(exported["first"]["items"][0], **{"@context": "http://example.org/other"})
    assert failures(item, validators)

"""Check JSON-LD objects against the schema.org vocabulary's definitions: the part of
``schemaorg-current-https.jsonld`` (schema.org release 12.0) that ClaimReview uses,
shipped in tests/fixtures/schemaorg (see fixtures/ATTRIBUTION.md).

Every property must be defined, used on a type its ``domainIncludes`` allows (or a
subtype), with values of a type its ``rangeIncludes`` allows (objects by ``@type`` and
subtypes; strings as Text, URL, Date or DateTime; numbers as Number).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).parent / "fixtures" / "schemaorg" / "claimreview-vocabulary.jsonld"
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix("schema:") for item in items]


class Vocabulary:
    def __init__(self, path: Path = VOCABULARY) -> None:
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        nodes = {n["@id"].removeprefix("schema:"): n for n in graph}
        self.parents = {k: _ids(n.get("rdfs:subClassOf")) for k, n in nodes.items()}
        self.classes = {k for k, n in nodes.items() if "rdfs:Class" in str(n["@type"])}
        self.domains = {k: _ids(n.get("schema:domainIncludes")) for k, n in nodes.items()}
        self.ranges = {k: _ids(n.get("schema:rangeIncludes")) for k, n in nodes.items()}
        self.properties = {k for k, n in nodes.items() if n["@type"] == "rdf:Property"}

    def ancestry(self, name: str) -> set[str]:
        found = {name}
        for parent in self.parents.get(name, []):
            found |= self.ancestry(parent)
        return found

    def problems(self, node: Any, where: str = "$") -> list[str]:
        """What is wrong with ``node`` (a typed object) and everything in it."""
        if not isinstance(node, dict) or "@type" not in node:
            return [f"{where}: not a typed object"]
        kind = node["@type"]
        if kind not in self.classes:
            return [f"{where}: unknown type {kind}"]
        lineage = self.ancestry(kind)
        found: list[str] = []
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in self.properties:
                found.append(f"{where}.{key}: not a schema.org property")
                continue
            if not lineage & set(self.domains[key]):
                found.append(f"{where}.{key}: not a property of {kind}")
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                found += self._value(key, item, f"{where}.{key}[{index}]")
        return found

    def _value(self, key: str, item: Any, where: str) -> list[str]:
        allowed = set(self.ranges[key])
        if isinstance(item, dict):
            if not self.ancestry(item.get("@type", "")) & allowed:
                return [f"{where}: a {item.get('@type')} where {sorted(allowed)} go"]
            return self.problems(item, where)
        if isinstance(item, bool):
            return [] if "Boolean" in allowed else [f"{where}: true/false not allowed"]
        if isinstance(item, int | float):
            numeric = {"Number", "Integer", "Float"}
            return [] if allowed & numeric else [f"{where}: a number where {sorted(allowed)} go"]
        if not isinstance(item, str):
            return [f"{where}: {type(item).__name__} is not a JSON-LD value"]
        if "Text" in allowed:
            return []
        if "URL" in allowed and item.startswith(("https://", "http://")):
            return []
        if "Date" in allowed and _DATE.fullmatch(item):
            date.fromisoformat(item) if len(item) == 10 else None
            return []
        if "DateTime" in allowed:
            try:
                datetime.fromisoformat(item)
                return []
            except ValueError:
                pass
        return [f"{where}: {item[:30]!r} is not one of {sorted(allowed)}"]

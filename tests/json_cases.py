"""Hostile JSON exports for the fuzz tests and the fuzz benchmark (one mutator for both).

A case is the bytes of a file for ``import-annotations``: a valid export with mutated
fields, types or nesting (structure-aware), or a valid export's bytes mutated at random.
Everything is driven by a :class:`random.Random`, so hypothesis (``st.randoms()``) and
the benchmark's seeded generator share it.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

TEXT = "Figures: £51.6m rose 4.5%, said Ms Wu. «Déclaré» 😀 done."
OTHER = "Another article text with words, and a second sentence."

FIELDS = [
    "format",
    "version",
    "tags",
    "articles",
    "title",
    "text",
    "published",
    "url",
    "language",
    "outlet",
    "author",
    "source_kind",
    "source_name",
    "annotations",
    "start",
    "end",
    "tag",
    "note",
    "created_at",
    "updated_at",
    "page",
    "pages",
    "boxes",
    "id",
    "name",
    "colour",
    "shortcut",
    "label",
]

HOSTILE_SCALARS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2**63,
    2**64,
    -(2**63) - 1,
    10**30,
    1.5,
    -0.0,
    1e308,
    "",
    " ",
    "=1+1",
    '=HYPERLINK("http://evil","click")',
    "@SUM(9),extra",
    '=1+1,"inj"\r\nINJECTED,ROW',
    "\uff1d1+1",
    "\x00",
    "\ud800",
    "\udfff x",
    "2026-02-30",
    "2026-13-01",
    "2026-11-24T25:00:00Z",
    "2026-11-24T13:21:05.123Z",
    "２０２６-11-24",
    "quote",
    "QUOTE",
    "gossip",
    "a" * 70,
    "x" * 5000,
    "javascript:alert(1)",
    "https://example.org/a b",
    "-",
    "\t=cmd",
]


def valid_document() -> dict[str, Any]:
    """A small valid export: two articles (one PDF-like), custom tag, every field set."""
    stamp = "2026-11-24T13:21:05.123Z"
    return {
        "format": "clipper",
        "version": 1,
        "generator": "Clipper 0.1.0",
        "exported_at": stamp,
        "offsets": "Unicode code points, 0-based, end exclusive",
        "tags": [
            {"name": "quote", "label": "Quote", "colour": "#3a86ff", "shortcut": "2"},
            {"name": "source", "label": "Named source", "colour": "#123456", "shortcut": "5"},
        ],
        "articles": [
            {
                "id": 1,
                "title": "Figures",
                "outlet": "The Herald",
                "author": "A. Writer",
                "published": "2025-02-24",
                "url": "https://example.org/1",
                "source_name": "a.txt",
                "source_kind": "txt",
                "language": "en",
                "imported_at": stamp,
                "content_hash": "0" * 64,
                "text": TEXT,
                "annotations": [
                    {
                        "id": 1,
                        "start": 9,
                        "end": 15,
                        "tag": "quote",
                        "text": TEXT[9:15],
                        "note": "check",
                        "created_at": stamp,
                        "updated_at": stamp,
                        "page": None,
                    },
                    {
                        "id": 2,
                        "start": 32,
                        "end": 37,
                        "tag": "source",
                        "text": TEXT[32:37],
                        "note": "",
                        "created_at": stamp,
                        "updated_at": "2026-11-25T08:00:00Z",
                        "page": None,
                    },
                ],
            },
            {
                "id": 2,
                "title": "Other",
                "outlet": None,
                "author": None,
                "published": "2025",
                "url": None,
                "source_name": "b.pdf",
                "source_kind": "pdf",
                "language": None,
                "imported_at": stamp,
                "content_hash": "1" * 64,
                "text": OTHER,
                "annotations": [
                    {
                        "id": 3,
                        "start": 0,
                        "end": 7,
                        "tag": "quote",
                        "text": OTHER[0:7],
                        "note": "",
                        "created_at": stamp,
                        "updated_at": stamp,
                        "page": 1,
                        "pages": [1],
                        "boxes": [{"page": 1, "x0": 1.5, "top": 2, "x1": 30.25, "bottom": 12}],
                    }
                ],
            },
        ],
    }


def clipper_layout(document: dict[str, Any]) -> bytes:
    """The document laid out as Clipper writes it (one article per line), when it can be."""
    articles = document.get("articles")
    if not isinstance(articles, list) or list(document)[-1] != "articles":
        return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    header = {k: v for k, v in document.items() if k != "articles"}
    head = json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ',\n "articles": ['
    if header == {}:
        head = '{\n "articles": ['
    lines = [json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in articles]
    body = ",\n  ".join(lines)
    text = head + ("\n  " + body if lines else "") + "\n ]\n}\n"
    return text.encode("utf-8", "surrogatepass")


def layouts(document: dict[str, Any], rng: random.Random) -> bytes:
    """One of the layouts a file may come in (Clipper's, compact, indented, ASCII-only)."""
    choice = rng.randrange(5)
    if choice == 0:
        return clipper_layout(document)
    if choice == 1:
        return json.dumps(document).encode("ascii")
    indent = rng.choice([1, 2, "\t"])
    return json.dumps(document, indent=indent, ensure_ascii=choice == 3).encode(
        "utf-8", "surrogatepass"
    )


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _containers(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _containers(child, (*path, index))
    return found


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if roll < 0.6 or depth > 3:
        return rng.choice(HOSTILE_SCALARS)
    if roll < 0.8:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    return {rng.choice(FIELDS): _random_value(rng, depth + 1) for _ in range(rng.randrange(3))}


def _nest(rng: random.Random, value: Any) -> Any:
    for _ in range(rng.choice([2, 8, 30, 33, 40, 200])):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def mutate_document(rng: random.Random, document: dict[str, Any] | None = None) -> Any:
    """A valid document with 1–3 fields replaced, removed, added or nested deeper."""
    document = copy.deepcopy(document or valid_document())
    for _ in range(rng.randint(1, 3)):
        paths = _containers(document)
        path = rng.choice(paths[1:]) if len(paths) > 1 else ()
        if not path:
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        action = rng.randrange(5)
        if action == 0:
            parent[key] = _random_value(rng)
        elif action == 1:
            del parent[key]
        elif action == 2:
            parent[key] = _nest(rng, parent[key])
        elif action == 3 and isinstance(parent[key], dict):
            parent[key][rng.choice(FIELDS)] = _random_value(rng)
        elif action == 4 and isinstance(parent[key], list):
            parent[key].append(copy.deepcopy(rng.choice(parent[key] or [None])))
    return document


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """``data`` with 1–8 random byte edits (flip, insert, delete, repeat, cut)."""
    buffer = bytearray(data)
    tokens = [
        b"{",
        b"}",
        b"[",
        b"]",
        b'"',
        b",",
        b":",
        b"\\",
        b"\\u",
        b"9" * 30,
        b"1" * 5000,
        b"-",
        b"\n",
    ]
    for _ in range(rng.randint(1, 8)):
        if not buffer:
            break
        at = rng.randrange(len(buffer))
        action = rng.randrange(6)
        if action == 0:
            buffer[at] = rng.randrange(256)
        elif action == 1:
            buffer[at:at] = rng.choice(tokens)
        elif action == 2:
            del buffer[at : at + rng.randint(1, 8)]
        elif action == 3:
            size = rng.randint(1, 64)
            buffer[at:at] = buffer[at : at + size] * rng.randint(1, 4)
        elif action == 4:
            del buffer[at:]
        else:
            buffer[at:at] = b"[" * 40 + b"1" + b"]" * 40
    return bytes(buffer)


def case(rng: random.Random) -> bytes:
    """One hostile file: half structure-aware, half byte-mutated."""
    if rng.random() < 0.5:
        return layouts(mutate_document(rng), rng)
    return mutate_bytes(rng, layouts(valid_document(), rng))

"""The annotation-file formats Clipper merges: one table, :data:`ANNOTATION_FORMATS`.

Each format's ``open(path, stamp)`` is a context manager giving the SAME validated
structure — an :class:`~clipper.importers.clipper_json.ExportFile` — so one merge
operation (:func:`clipper.operations.merge.merge_export`) stores any of them. ``stamp`` is
the time given to annotations the file has no time for. Formats that point at articles
instead of holding their text (W3C Web Annotation) also have ``open_anchored(path, stamp,
texts)``, which finds the texts in the database (:class:`ArticleTexts`, e.g. the Store).

:func:`detect` picks the format from the file name's ending (the longest wins) and the
first bytes; ``clipper import`` merges what it detects and imports anything else as an
article. Adding a format is one module and one line in the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from clipper.importers.clipper_json import ExportFile, read_export
from clipper.importers.jsonl_reader import open_jsonl, open_jsonl_anchored, sniff_jsonl
from clipper.importers.qdpx import open_qdpx, sniff_qdpx
from clipper.importers.w3c_reader import open_w3c, open_w3c_anchored, sniff_w3c

__all__ = [
    "ANNOTATION_FORMATS",
    "AnnotationFormat",
    "ArticleTexts",
    "detect",
    "sniff_head",
]

#: How much of a file :func:`detect` reads to tell formats apart.
SNIFF_BYTES = 64 * 1024


class ArticleTexts(Protocol):
    """The database's article texts, as a reader that anchors annotations needs them."""

    def article_text_by_hash(self, digest: str) -> str | None:
        """The text of the article whose content hash (SHA-256, hex) is ``digest``."""
        ...

    def article_texts_by_url(self, url: str) -> list[str]:
        """The texts of the articles stored with the address ``url``."""
        ...


Opener = Callable[[Path, str], AbstractContextManager[ExportFile]]
AnchoredOpener = Callable[[Path, str, ArticleTexts], AbstractContextManager[ExportFile]]


@dataclass(frozen=True)
class AnnotationFormat:
    """One annotation-file format Clipper reads."""

    name: str
    #: Shown in the Import dialog's file filter and ``--help``.
    label: str
    #: File name endings (lower case, with the dot), e.g. ``(".json",)``.
    suffixes: tuple[str, ...]
    #: ``True`` if the first bytes (up to :data:`SNIFF_BYTES`) look like this format.
    sniff: Callable[[bytes], bool]
    open: Opener
    #: For formats whose files point at articles instead of holding their text.
    open_anchored: AnchoredOpener | None = None


def _clipper_json(path: Path, stamp: str) -> AbstractContextManager[ExportFile]:
    return read_export(path, stamp=stamp)


_CLIPPER_JSON = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{[^\x00]{0,4096}?"format"\s*:\s*"clipper"')


def _sniff_clipper_json(head: bytes) -> bool:
    return _CLIPPER_JSON.match(head) is not None


ANNOTATION_FORMATS: dict[str, AnnotationFormat] = {
    f.name: f
    for f in (
        AnnotationFormat("json", "Clipper JSON", (".json",), _sniff_clipper_json, _clipper_json),
        AnnotationFormat(
            "jsonl",
            "Clipper JSON Lines",
            (".jsonl",),
            sniff_jsonl,
            open_jsonl,
            open_jsonl_anchored,
        ),
        AnnotationFormat(
            "w3c",
            "W3C Web Annotation (JSON-LD; Hypothesis exports)",
            (".jsonld", ".json"),
            sniff_w3c,
            open_w3c,
            open_w3c_anchored,
        ),
        AnnotationFormat("qdpx", "REFI-QDA project", (".qdpx", ".qde"), sniff_qdpx, open_qdpx),
    )
}


def sniff_head(path: Path) -> bytes:
    """The first bytes of ``path`` (empty if it cannot be read: the reader says why)."""
    try:
        with path.open("rb") as stream:
            return stream.read(SNIFF_BYTES)
    except OSError:
        return b""


def detect(path: str | Path) -> AnnotationFormat | None:
    """The format of an annotation file, or ``None`` when its name ends in no registered
    suffix (then it is not an annotation file). Among the formats whose suffix matches
    (longest first), the first whose ``sniff`` accepts the first bytes wins, else the one
    with the longest matching suffix (its reader then says what is wrong)."""
    path = Path(path)
    name = path.name.lower()
    candidates = sorted(
        (
            (max(len(s) for s in f.suffixes if name.endswith(s)), index, f)
            for index, f in enumerate(ANNOTATION_FORMATS.values())
            if any(name.endswith(s) for s in f.suffixes)
        ),
        key=lambda c: (-c[0], c[1]),
    )
    if not candidates:
        return None
    head = sniff_head(path) if path.is_file() else b""
    for _, _, found in candidates:
        if found.sniff(head):
            return found
    return candidates[0][2]


def suffix_patterns() -> list[str]:
    """File-dialog patterns of every registered suffix (``*.json`` …)."""
    return sorted({f"*{s}" for f in ANNOTATION_FORMATS.values() for s in f.suffixes})

"""Read a Clipper JSON export back in, as validated plain data.

:func:`read_export` yields the file's tags and its articles as they are read (see
:mod:`clipper.importers.export_format` and the limits in :mod:`clipper.fields`); the file
is streamed, so a million annotations need little memory. Merging it into a database is
an operation (:mod:`clipper.operations.merge`): importers never write to the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from clipper.errors import Hint, InvalidExport
from clipper.importers import check_importable, json_reader
from clipper.importers.export_format import ExportArticle, ExportTag, check_article, check_header

__all__ = ["ExportFile", "read_export"]


@dataclass(frozen=True, slots=True)
class ExportFile:
    """An open export: its tags, and its articles as they are read (validated).

    Every annotation-file reader (:mod:`clipper.importers.annotation_formats`) gives one.
    ``stream.tell()`` against ``size`` is the progress; ``warnings`` collects what the
    reader could not take (e.g. annotations it could not anchor), filled as it reads.
    """

    tags: list[ExportTag]
    articles: Iterator[ExportArticle]
    stream: BinaryIO
    size: int
    warnings: list[str] = field(default_factory=list)


def _checked(articles: Iterator[dict[str, object]], stamp: str) -> Iterator[ExportArticle]:
    for number, item in enumerate(articles, 1):
        yield check_article(item, number, stamp)


def _refuse_other_formats(head: bytes, name: str) -> None:
    """A file that cannot be a JSON export gets a message about what it is instead."""
    if not head:  # "not valid JSON (parse error: premature EOF)" said nothing useful
        raise InvalidExport(
            f"{name} is empty (0 bytes): there is nothing to merge. Choose a Clipper "
            "database or a JSON export",
            hint=Hint.JSON_EXPORT,
        )
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"{") or not start:
        return
    what = (
        "a CSV export"
        if start.startswith(b"annotation_id,") or start.startswith(b'"annotation_id"')
        else "not JSON"
    )
    raise InvalidExport(
        f"{name} is {what}: annotations are merged from Clipper JSON exports only (an export "
        "in the JSON format); text, PDF or web pages are imported as articles instead",
        hint=Hint.JSON_EXPORT,
    )


@contextmanager
def read_export(path: str | Path, *, stamp: str, by_lines: bool = True) -> Iterator[ExportFile]:
    """Open a Clipper JSON export; its articles are read and validated as they are taken
    (``stamp``: the time given to annotations the file has no time for).

    With ``by_lines`` the fast reader for Clipper's own layout is tried; it raises
    :class:`~clipper.importers.json_reader.LayoutChanged` when the file is laid out
    otherwise — read it again with ``by_lines=False``.
    """
    path = Path(path)
    check_importable(path)  # a missing file, folder, pipe, device or the open database
    with path.open("rb") as stream:
        _refuse_other_formats(stream.read(512), path.name)
        stream.seek(0)
        header = None
        if by_lines:
            try:
                header, items = json_reader.read_by_lines(stream)
            except json_reader.LayoutChanged:
                stream.seek(0)
        if header is None:
            header = json_reader.read_header(stream)
            stream.seek(0)
            items = json_reader.read_articles(stream)
        tags = check_header(header, path.name)
        yield ExportFile(tags, _checked(items, stamp), stream, path.stat().st_size)

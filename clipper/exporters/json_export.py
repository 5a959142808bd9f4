"""Clipper JSON export: every selected article with its text and annotations.

``{"format": "clipper", "version": 2, "exported_at": …, "tags": [{…, "uuid"}], "coders":
[{"name", "uuid"}], "articles": [{"id", "uuid", …, "text": …, "annotations": [{"id", "tag",
"start", "end", "text", "note", "created_at", "updated_at", "page", "uuid", "coder",
"origin", "origin_detail", "status", "attributes": {…}, "relations": [{"type", "to",
"uuid"}]}]}]}`` (the annotation members: :data:`~clipper.store.export_queries.COLUMNS`) —
written as a stream, so memory stays flat. Version 1 (no identities, coders, attributes or
relations) is still read.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, BinaryIO

import clipper
from clipper.layout import CharLayout
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now
from clipper.store.export_queries import (
    Selection,
    article_json,
    count_annotations,
    iter_annotation_json_batches,
    selected_article_ids,
)

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions

FORMAT_NAME = "clipper"
FORMAT_VERSION = 2


def pdf_fields(layout: CharLayout, start: int, end: int) -> str:
    """``"pages"`` and ``"boxes"`` (one per text line, PDF points, top-left origin) of a
    span of a PDF article, as JSON members."""
    boxes = [
        {
            "page": page,
            "x0": round(x0, 2),
            "top": round(top, 2),
            "x1": round(x1, 2),
            "bottom": round(bottom, 2),
        }
        for page, (x0, top, x1, bottom) in layout.line_boxes(start, end)
    ]
    pages = json.dumps(layout.pages_for(start, end))
    return f'"pages":{pages},"boxes":{json.dumps(boxes)}'


def header_members(store: Store, name: str, version: int) -> dict[str, object]:
    """What a Clipper export says before its articles: format, version, generator, time,
    offset unit, every tag and every coder."""
    tags = [
        {
            "name": t.name,
            "label": t.label,
            "colour": t.colour,
            "shortcut": t.shortcut,
            "uuid": t.uuid,
        }
        for t in store.list_tags()
    ]
    coders = [{"name": c.name, "uuid": c.uuid} for c in store.list_coders()]
    return {
        "format": name,
        "version": version,
        "generator": f"Clipper {clipper.__version__}",
        "exported_at": now(),
        "offsets": "Unicode code points, 0-based, end exclusive",
        "tags": tags,
        "coders": coders,
    }


@contextmanager
def text_stream(stream: BinaryIO) -> Iterator[IO[str]]:
    """A UTF-8 text stream writing through to the binary ``stream`` (left open)."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def write_json(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection as Clipper JSON; returns the number of annotations."""
    with text_stream(stream) as text:
        return _write_json(store, text, selection, progress, cancel)


def _write_json(
    store: Store,
    stream: IO[str],
    selection: Selection,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> int:
    total = count_annotations(store, selection) if progress else 0
    header = header_members(store, FORMAT_NAME, FORMAT_VERSION)
    stream.write(json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ',\n "articles": [')
    article_ids = selected_article_ids(store, selection)
    position = 0  # index into article_ids of the next article to open
    current: int | None = None
    first_annotation = True
    written = 0

    def open_article(article_id: int) -> None:
        nonlocal first_annotation
        separator = "\n  " if position == 0 else ",\n  "
        stream.write(separator + article_json(store, article_id)[:-1] + ',"annotations":[')
        first_annotation = True

    layout: CharLayout | None = None
    for batch in iter_annotation_json_batches(store, selection):
        check_cancel(cancel)
        for article_id, start, end, annotation in batch:
            if article_id != current:
                if current is not None:
                    stream.write("]}")
                # Articles without matching annotations come out in id order too.
                while position < len(article_ids) and article_ids[position] < article_id:
                    open_article(article_ids[position])
                    stream.write("]}")
                    position += 1
                open_article(article_id)
                if position < len(article_ids) and article_ids[position] == article_id:
                    position += 1
                current = article_id
                layout = store.get_layout(article_id)
            if layout is not None:
                annotation = annotation[:-1] + "," + pdf_fields(layout, start, end) + "}"
            stream.write(annotation if first_annotation else "," + annotation)
            first_annotation = False
        written += len(batch)
        if progress:
            progress(written, total)
    if current is not None:
        stream.write("]}")
    while position < len(article_ids):
        open_article(article_ids[position])
        stream.write("]}")
        position += 1
    stream.write("\n ]\n}\n")
    return written

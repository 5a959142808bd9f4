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

import json
from operator import itemgetter
from typing import TYPE_CHECKING, BinaryIO

import clipper
from clipper.layout import CharLayout
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now
from clipper.store.export_queries import (
    BATCH,
    Selection,
    article_json,
    count_annotations,
    iter_article_annotation_json,
    iter_json_articles,
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


def write_json(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection as Clipper JSON; returns the number of annotations.

    SQLite renders each article's annotations joined (one row per article); an article
    with very many, or a PDF's, is read in batches."""
    total = count_annotations(store, selection) if progress else 0
    header = header_members(store, FORMAT_NAME, FORMAT_VERSION)
    head = json.dumps(header, ensure_ascii=False, indent=1)[:-2] + ',\n "articles": ['
    stream.write(head.encode("utf-8"))
    written = reported = 0
    separator = b"\n  "
    for article_id, count, joined in iter_json_articles(store, selection):
        stream.write(separator + article_json(store, article_id)[:-1] + b',"annotations":[')
        separator = b",\n  "
        if joined is not None:
            stream.write(joined)
        else:
            layout = store.get_layout(article_id)
            comma = b""
            for batch in iter_article_annotation_json(store, article_id, selection):
                check_cancel(cancel)
                if layout is None:
                    stream.write(comma + b",".join(map(_OBJECT, batch)))
                else:
                    stream.write(comma + b",".join(_with_pdf_fields(layout, r) for r in batch))
                comma = b","
        stream.write(b"]}")
        written += count
        if written - reported >= BATCH:
            check_cancel(cancel)
            reported = written
            if progress:
                progress(written, total)
    stream.write(b"\n ]\n}\n")
    if progress and reported != written:
        progress(written, total)
    return written


_OBJECT = itemgetter(2)


def _with_pdf_fields(layout: CharLayout, row: tuple[int, int, bytes]) -> bytes:
    """A PDF article's annotation object with its pages and boxes."""
    return row[2][:-1] + b"," + pdf_fields(layout, row[0], row[1]).encode("utf-8") + b"}"

"""JSON Lines export: one JSON object per line, each with a ``"type"``.

* line 1, ``"type": "header"``: ``format`` (``"clipper-jsonl"``), ``version``, ``generator``,
  ``exported_at``, ``offsets``, ``tags`` and ``coders`` (as in Clipper JSON);
* ``"type": "article"``: an article's metadata and its ``text`` — written before its
  annotations, so the file alone rebuilds the articles in an empty database; a URL
  clipping's provenance as ``"fetched"`` (as in Clipper JSON; read back, it is ignored);
* ``"type": "annotation"``: one annotation (the members of Clipper JSON's annotations:
  ``id``, ``tag``, ``start``, ``end`` in code points, ``text``, ``note``, times, ``page``,
  ``uuid``, ``coder``, ``origin``, ``origin_detail``, ``status``, ``attributes``,
  ``relations``) followed by its article's ``article_id``, ``article_uuid``,
  ``content_hash``, ``title``, ``outlet``, ``author``, ``published``, ``url`` and
  ``language``, so each annotation line stands alone (``pandas.read_json(path,
  lines=True)`` then keep ``type == "annotation"``).

Streamed with constant memory: SQLite renders every annotation line.
"""

from __future__ import annotations

import json
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, BinaryIO

from clipper.exporters.json_export import header_members
from clipper.interchange import JSONL_FORMAT, JSONL_VERSION
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store
from clipper.store.export_queries import Selection, count_annotations, selected_article_ids
from clipper.store.interop_queries import iter_jsonl_annotation_batches, jsonl_article_line

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions

_ARTICLE = itemgetter(0)
_LINE = itemgetter(1)


def write_jsonl(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection as JSON Lines; returns the number of annotations."""
    total = count_annotations(store, selection) if progress else 0
    header = {"type": "header", **header_members(store, JSONL_FORMAT, JSONL_VERSION)}
    stream.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
    article_ids = iter(selected_article_ids(store, selection))
    pending = next(article_ids, None)  # the next selected article not written yet
    current: int | None = None
    written = 0
    for batch in iter_jsonl_annotation_batches(store, selection):
        check_cancel(cancel)
        chunk: list[bytes] = []
        for article_id, rows in groupby(batch, key=_ARTICLE):
            if article_id != current:
                # Selected articles without annotations come out in id order too.
                while pending is not None and pending <= article_id:
                    if pending != article_id:
                        chunk.append(jsonl_article_line(store, pending))
                    pending = next(article_ids, None)
                chunk.append(jsonl_article_line(store, article_id))
                current = article_id
            chunk.append(b"".join(map(_LINE, rows)))
        stream.write(b"".join(chunk))
        written += len(batch)
        if progress:
            progress(written, total)
    while pending is not None:
        stream.write(jsonl_article_line(store, pending))
        pending = next(article_ids, None)
    return written

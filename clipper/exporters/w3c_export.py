"""W3C Web Annotation export (JSON-LD, ``.jsonld``): an ``AnnotationCollection`` whose
first ``AnnotationPage`` holds every selected annotation, streamed.

Each annotation (see :func:`~clipper.store.interop_queries.iter_w3c_annotation_batches`):

* ``id``: ``urn:uuid:<the annotation's uuid>``; ``creator``: the coder, a ``Person`` with
  ``id`` ``urn:uuid:<coder uuid>`` and ``name``; ``created``/``modified``;
* ``body``: a ``TextualBody`` with ``purpose: tagging`` (the tag name); the note as a
  ``TextualBody`` with ``purpose: commenting``; the attributes as one ``TextualBody`` with
  ``purpose: describing``, ``format: application/json`` and the attributes as a JSON
  object in ``value`` (types kept); each relation as a ``SpecificResource`` with
  ``purpose: linking``, ``id`` ``urn:uuid:<relation uuid>``, ``source``
  ``urn:uuid:<the related annotation>`` and ``clipper:relation`` (e.g. ``said_by``);
* ``target``: a ``SpecificResource`` whose ``source`` is the article as
  ``urn:sha256:<content hash>`` (SHA-256 of its UTF-8 text), with the article's URL as
  ``via`` when known, and two selectors: a ``TextPositionSelector`` whose ``start``/``end``
  count **Unicode code points** of the stored text (0-based, end exclusive), and a
  ``TextQuoteSelector`` (``exact``, and up to 32 characters of ``prefix`` and ``suffix``);
* Clipper's own ``clipper:status``, ``clipper:origin``, ``clipper:originDetail``
  (``clipper:`` = ``urn:clipper:``, declared in the collection's context).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, BinaryIO

import clipper
from clipper.interchange import W3C_CLIPPER_PREFIX, W3C_CONTEXT, W3C_QUOTE_CONTEXT
from clipper.model import new_uuid
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now
from clipper.store.export_queries import Selection, count_annotations
from clipper.store.interop_queries import article_text, iter_w3c_annotation_batches

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions

_SUFFIX = ',"suffix":'
_END = "}]}}"


def _collection_head(total: int) -> bytes:
    collection = {
        "@context": [W3C_CONTEXT, {"clipper": W3C_CLIPPER_PREFIX}],
        "id": f"urn:uuid:{new_uuid()}",
        "type": "AnnotationCollection",
        "label": "Clipper annotations",
        "created": now(),
        "generator": {"type": "Software", "name": f"Clipper {clipper.__version__}"},
        "clipper:offsets": "TextPositionSelector start/end: Unicode code points of the "
        "article text, 0-based, end exclusive",
        "total": total,
    }
    page = {"id": f"urn:uuid:{new_uuid()}", "type": "AnnotationPage", "startIndex": 0}
    text = json.dumps(collection, ensure_ascii=False, indent=1)[:-2]
    text += ',\n "first": ' + json.dumps(page, ensure_ascii=False)[:-1] + ',"items": [\n'
    return text.encode("utf-8")


def write_w3c(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection as a W3C AnnotationCollection; returns the annotations."""
    total = count_annotations(store, selection)
    stream.write(_collection_head(total))
    quote = encode_basestring  # a JSON string literal, non-ASCII kept (C)
    width = W3C_QUOTE_CONTEXT
    current: int | None = None
    text = ""
    written = 0
    separator = b""  # before each item: nothing before the first, then ",\n"
    for batch in iter_w3c_annotation_batches(store, selection):
        check_cancel(cancel)
        pieces: list[bytes] = []
        append = pieces.append
        for article_id, start, end, head in batch:
            if article_id != current:
                text = article_text(store, article_id)
                current = article_id
            before = text[start - width : start] if start > width else text[:start]
            append(separator)
            append(head)
            append((quote(before) + _SUFFIX + quote(text[end : end + width]) + _END).encode())
            separator = b",\n"
        stream.write(b"".join(pieces))
        written += len(batch)
        if progress:
            progress(written, total)
    stream.write(b"\n ]}\n}\n")
    return written

"""A clipped span as one line of text: what "Copy with offsets" puts on the clipboard.

The line is a JSON object with the keys ``clipper annotations --json`` uses::

    {"article_id": 12, "start": 320, "end": 326, "text": "£79.60"}

``start`` and ``end`` are Unicode code points into the stored text (``text`` is
``article.text[start:end]``); JSON escapes line breaks, so a span over paragraphs still
fits on one line, and the line can be pasted into a script, a spreadsheet or a message.
"""

from __future__ import annotations

import json


def span_reference(article_id: int, start: int, end: int, text: str) -> str:
    """The one-line form of ``text`` at code points ``start..end`` of article ``article_id``."""
    record = {"article_id": article_id, "start": start, "end": end, "text": text}
    return json.dumps(record, ensure_ascii=False)

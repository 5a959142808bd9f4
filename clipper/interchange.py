"""Names the interchange formats share between their writers (exporters, store queries)
and readers (importers): one place."""

from __future__ import annotations

#: The article members each JSON Lines annotation line repeats, so a line stands alone:
#: ``(member name, articles column)``.
JSONL_ARTICLE_MEMBERS = (
    ("article_id", "id"),
    ("article_uuid", "uuid"),
    ("content_hash", "content_hash"),
    ("title", "title"),
    ("outlet", "outlet"),
    ("author", "author"),
    ("published", "published"),
    ("url", "url"),
    ("language", "language"),
)
#: The ``format`` of a Clipper JSON Lines header line, and its version.
JSONL_FORMAT = "clipper-jsonl"
JSONL_VERSION = 1

#: W3C Web Annotation: the context, Clipper's extension prefix (``clipper:status`` …) and
#: the characters of context a TextQuoteSelector gives on each side (as Hypothesis does).
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
W3C_CLIPPER_PREFIX = "urn:clipper:"
W3C_QUOTE_CONTEXT = 32
#: The ``format`` of the TextualBody holding an annotation's attributes (a JSON object).
W3C_ATTRIBUTES_FORMAT = "application/json"

"""Plain data: articles, annotations and tags. No I/O here.

Offsets everywhere are Unicode code points (Python ``str`` indices) into the stored
article text: 0-based, end-exclusive.
"""

from __future__ import annotations

import hashlib
import os
import uuid as _uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from clipper.fields import same_key
from clipper.provenance import FetchedPage

SOURCE_KINDS = ("txt", "md", "pdf", "html", "clipboard", "stdin", "json")

#: Where an annotation came from: made by a person, read from a file, proposed by an engine.
ORIGINS = ("manual", "imported", "suggested")
#: Where an annotation stands: suggestions wait ("pending") until accepted or rejected.
STATUSES = ("pending", "accepted", "rejected")
#: The coder of every annotation made before coders existed, and of those made without one.
DEFAULT_CODER = "default"
#: The coder adjudication writes the settled ("gold standard") annotations as.
GOLD_CODER = "gold"

#: Attribute and relation names of assisted tagging (issue 12; one place, see docs):
#: a figure's number (scale applied) and unit (ISO 4217 code, "percent", a unit or the
#: counted entity); a quote's speaker (fullest name) and its ``said_by`` link to a person;
#: a later mention ``same_as`` its earlier full name; a claim's source and ``claimed_by``.
FIGURE_VALUE = "value"
FIGURE_UNIT = "unit"
QUOTE_SPEAKER = "speaker"
SAID_BY = "said_by"
SAME_AS = "same_as"
CLAIMED_BY = "claimed_by"
CLAIM_SOURCE = "source"
#: The namespace of Clipper's name-based UUIDs (tags and coders): the same name gives the
#: same UUID in every database, so two coders' files agree on what a tag is.
CLIPPER_NAMESPACE = _uuid.UUID("6f1c2a4e-3b7d-5e8f-9a0b-c1d2e3f4a5b6")

#: An attribute's value; SQLite keeps the type (TEXT, INTEGER or REAL).
AttributeValue = str | int | float
#: The attributes of an annotation without any: shared, immutable.
NO_ATTRIBUTES: Mapping[str, AttributeValue] = MappingProxyType({})

#: An annotation of an export file as the store merges it: ``(start, end, tag, text, note,
#: created_at, updated_at, page, uuid, coder, origin, origin_detail, status, attributes,
#: relations)``, a plain tuple because a big file has a million of them. ``text`` is the
#: article's text at ``start..end``; times the file does not give are the merge time; what a
#: version-1 file does not give is ``None`` (``uuid``: a new identity; ``coder``: the default
#: coder) or the default (``origin``, ``status``). ``relations``: ``(type, to uuid, relation
#: uuid or None)`` tuples, or ``None``.
MergedAnnotation = tuple[
    int,
    int,
    str,
    str,
    str,
    str,
    str,
    int | None,
    str | None,
    str | None,
    str,
    str | None,
    str,
    dict[str, AttributeValue] | None,
    list[tuple[str, str, str | None]] | None,
]


def tag_uuid(name: str) -> str:
    """The identity of the tag named ``name`` (kept when the tag is renamed)."""
    return str(_uuid.uuid5(CLIPPER_NAMESPACE, "tag:" + name))


def coder_uuid(name: str) -> str:
    """The identity of the coder named ``name``."""
    return str(_uuid.uuid5(CLIPPER_NAMESPACE, "coder:" + name))


def new_uuid() -> str:
    """A new random identity (articles, annotations, relations)."""
    return str(_uuid.uuid4())


def new_uuids(count: int) -> list[str]:
    """``count`` new random identities, as :func:`new_uuid` makes them (version 4), about
    ten times faster (one read of the system's randomness, no UUID objects)."""
    data = bytearray(os.urandom(16 * count))
    found = []
    for i in range(0, 16 * count, 16):
        data[i + 6] = data[i + 6] & 0x0F | 0x40  # version 4
        data[i + 8] = data[i + 8] & 0x3F | 0x80  # the RFC 4122 variant
        h = data[i : i + 16].hex()
        found.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return found


@dataclass(frozen=True, slots=True)
class Tag:
    """A category a span can be tagged with."""

    name: str
    label: str
    colour: str
    shortcut: str | None = None
    position: int = 0
    builtin: bool = False
    #: Stable identity (see :func:`tag_uuid`); ``None`` for a tag not stored yet.
    uuid: str | None = None

    @property
    def caption(self) -> str:
        """The label, with the name after it only when they differ in more than case:
        "Figure", but "Money (figure_eur)"."""
        if self.label.casefold() == self.name.casefold():
            return self.label
        return f"{self.label} ({self.name})"


def find_tag(tags: Iterable[Tag], given: str) -> Tag | None:
    """The tag a person means by ``given``: its name, its label (any case, e.g. "Figure")
    or its one-key shortcut (e.g. "1"), in that order."""
    tags = list(tags)
    folded = given.strip().casefold()
    for matches in (
        lambda t: t.name == given,
        lambda t: folded in (t.name.casefold(), t.label.casefold()),
        lambda t: t.shortcut is not None and same_key(t.shortcut, given.strip()),
    ):
        found = [t for t in tags if matches(t)]
        if found:
            return found[0]
    return None


def tag_labels(tags: Iterable[Tag]) -> Callable[[str], str]:
    """What every view shows for a tag name: the tag's label ("Claim" for ``claim``); a
    name with no tag (deleted since it was read) shows as itself. Charts, tables and
    lists all ask this one function."""
    labels = {t.name: t.label for t in tags}
    return lambda name: labels.get(name, name)


BUILTIN_TAGS: tuple[Tag, ...] = (
    Tag("figure", "Figure", "#f2b705", "1", 1, True),
    Tag("quote", "Quote", "#3a86ff", "2", 2, True),
    Tag("person", "Person", "#2a9d8f", "3", 3, True),
    Tag("claim", "Claim", "#e63946", "4", 4, True),
)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Metadata a user may set or override; ``None`` means "not given"."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(slots=True)
class ImportedArticle:
    """What an importer hands to the store: the text exactly as it will be stored."""

    text: str
    title: str
    source_name: str
    source_kind: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    #: Compact per-character page layout (see :mod:`clipper.layout`), PDFs only.
    layout: bytes | None = None
    #: Problems worth telling the user about that did not stop the import.
    warnings: list[str] = field(default_factory=list)
    #: PDFs: the file read, kept in the database for the page view (streamed from this
    #: path when the article is stored; ``source_sha256`` checks it is the same file).
    source_file: str | None = None
    source_sha256: str | None = None
    #: Text files: the encoding the text was decoded with (as ``--encoding`` takes it).
    encoding: str | None = None
    #: ``False`` when another encoding would read almost as well (a warning says which).
    encoding_certain: bool = True
    #: Those other encodings, most plausible first.
    encoding_alternatives: tuple[str, ...] = ()

    def with_meta(self, meta: ArticleMeta) -> ImportedArticle:
        """Return a copy where every field the user gave wins over the derived one."""
        for name in ArticleMeta.__dataclass_fields__:  # = clipper.fields.ARTICLE_FIELDS
            value = getattr(meta, name)
            if value is not None:
                setattr(self, name, value)
        return self


@dataclass(frozen=True, slots=True)
class SourceFileInfo:
    """The original file kept with an article (a PDF, for the page view)."""

    article_id: int
    name: str
    size: int
    sha256: str
    #: What the importer warned about (e.g. an untrustworthy reading order).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    text: str
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    source_name: str | None
    source_kind: str
    language: str | None
    imported_at: str
    content_hash: str
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library: an article without its text, with tag counts."""

    id: int
    title: str
    outlet: str | None
    author: str | None
    published: str | None
    source_kind: str
    imported_at: str
    length: int
    counts: dict[str, int]

    @property
    def annotation_count(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    article_id: int
    start: int
    end: int
    tag: str
    text: str
    note: str
    created_at: str
    updated_at: str
    #: First PDF page (1-based) the span lies on; ``None`` for non-PDF articles.
    page: int | None = None
    uuid: str = ""
    #: The name of the coder who made it.
    coder: str = DEFAULT_CODER
    #: One of :data:`ORIGINS`.
    origin: str = "manual"
    #: What made it, for imported and suggested annotations (e.g. "figures 1.0").
    origin_detail: str | None = None
    #: One of :data:`STATUSES`.
    status: str = "accepted"
    #: Typed key → value pairs (e.g. ``speaker``, ``value``, ``unit``).
    attributes: Mapping[str, AttributeValue] = field(
        default_factory=lambda: NO_ATTRIBUTES, hash=False
    )


@dataclass(frozen=True, slots=True)
class Coder:
    """A person (or engine) who makes annotations."""

    id: int
    uuid: str
    name: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link from one annotation to another (e.g. a quote ``said_by`` a person)."""

    id: int
    uuid: str
    from_id: int
    to_id: int
    type: str
    created_at: str


def content_hash(text: str) -> str:
    """The identity of an article's text: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, hex, read in chunks (a kept source file's identity)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class AnnotationsSnapshot:
    """Annotations as stored (with attributes), the relations touching them and the
    identities (uuids) of those relations' ends by id: what undo needs to put them back."""

    annotations: tuple[Annotation, ...]
    relations: tuple[Relation, ...] = ()
    ends: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)


@dataclass(frozen=True, slots=True)
class ArticleSnapshot:
    """An article as stored: its row, PDF layout, annotations and relations."""

    article: Article
    layout: bytes | None
    annotations: AnnotationsSnapshot
    #: The page a URL clipping was fetched from.
    fetched: FetchedPage | None = None
    #: The kept source file (a PDF): its name, bytes and import warnings, if there was one.
    source: tuple[str, bytes, str] | None = None


# -- fact-checking vocabulary (claims; see clipper.verdicts) ------------------------------

#: The rating's label on the database's scale (e.g. "Mostly false").
RATING = "rating"
#: The rating's number on the scale (absent for a level without one, e.g. "Unproven").
RATING_VALUE = "rating_value"
#: The short verdict text.
VERDICT = "verdict"
#: Who checked the claim.
CHECKER = "checker"
#: When the claim was checked (YYYY-MM-DD).
CHECKED_ON = "checked_on"
#: Links to the evidence, one URL a line.
EVIDENCE_URLS = "evidence_urls"
#: The address of the published fact-check.
REVIEW_URL = "review_url"
#: Claim → evidence annotation (any article) that supports it …
SUPPORTED_BY = "supported_by"
#: … or contradicts it.
CONTRADICTED_BY = "contradicted_by"

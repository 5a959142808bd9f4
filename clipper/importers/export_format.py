"""What a Clipper JSON export may contain: every field's type and rule, checked.

Turns the plain values a reader gives (see :mod:`clipper.importers.json_reader`) into
plain, validated data — :class:`ExportTag`, :class:`ExportArticle`,
:class:`ExportAnnotation` — or raises :class:`InvalidExport` saying where and what is
wrong. The rules themselves (dates, times, sizes, nesting) live in :mod:`clipper.fields`.
Members this version does not know are ignored (their nesting is still limited).
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clipper import fields
from clipper.errors import InvalidExport
from clipper.importers.json_reader import check_value
from clipper.model import ORIGINS, STATUSES, AttributeValue, ImportedArticle, MergedAnnotation

FORMAT_NAME = "clipper"
#: The version this Clipper writes; it reads every version in :data:`READABLE_VERSIONS`
#: (1: no identities, coders, origins, statuses, attributes or relations).
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

_KIND = re.compile(r"[a-z][a-z0-9_-]{0,31}")


@dataclass(frozen=True, slots=True)
class ExportTag:
    name: str
    label: str | None
    colour: str | None
    shortcut: str | None


#: An annotation of an export file, as the store merges it
#: (:data:`~clipper.model.MergedAnnotation`).
ExportAnnotation = MergedAnnotation


@dataclass(slots=True)
class ExportArticle:
    article: ImportedArticle
    annotations: list[ExportAnnotation]
    #: The article's identity in the file (version 2), else ``None``.
    uuid: str | None = None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def _fail(where: str, key: str, problem: str) -> InvalidExport:
    return InvalidExport(f'{where}: "{key}" {problem}')


def _string(where: str, key: str, value: Any, limit: int = fields.MAX_FIELD_CHARS) -> str:
    if type(value) is not str:
        raise _fail(where, key, _must_be_string(value))
    problem = fields.text_problem(value, limit)
    if problem:
        raise _fail(where, key, problem)
    return value


def _optional(
    where: str, key: str, value: Any, rule: Callable[[str], str | None] | None = None
) -> str | None:
    """A string field that may be null or empty (both mean "not given")."""
    if value is None or value == "":
        return None
    text = _string(where, key, value)
    problem = rule(text) if rule else None
    if problem:
        raise _fail(where, key, f"is wrong: {problem}")
    return text


def _integer(where: str, key: str, value: Any, low: int = 0) -> int:
    if type(value) is not int or not low <= value <= fields.MAX_INTEGER:
        raise _fail(where, key, f"must be a whole number from {low} to {fields.MAX_INTEGER}")
    return value


def _unknown(members: dict[str, Any], known: frozenset[str], depth: int) -> None:
    if members.keys() <= known:
        return
    for key in members.keys() - known:
        check_value(members[key], depth)


# -- header and tags ---------------------------------------------------------------------

_HEADER_KEYS = frozenset(
    {"format", "version", "generator", "exported_at", "offsets", "tags", "coders"}
)
_TAG_KEYS = frozenset({"name", "label", "colour", "shortcut", "uuid"})


def check_header(header: dict[str, Any], file_name: str) -> list[ExportTag]:
    """Refuse a file that is not a version-1 Clipper export; return its tags."""
    if header.get("format") != FORMAT_NAME:
        raise InvalidExport(f'{file_name} is not a Clipper JSON export (no "format": "clipper")')
    version = header.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        shown = version if type(version) is int else _kind(version)
        raise InvalidExport(
            f"{file_name} is a Clipper export of version {shown}; this Clipper reads versions "
            f"{' and '.join(map(str, READABLE_VERSIONS))}"
        )
    coders = header.get("coders", [])
    if type(coders) is not list or not all(
        type(c) is dict and type(c.get("name")) is str for c in coders
    ):
        raise _fail(file_name, "coders", "must be a list of objects with a name")
    for coder in coders:
        check_value(coder, 4)
    for key in ("generator", "exported_at", "offsets"):
        if key in header:
            _optional(file_name, key, header[key])
    _unknown(header, _HEADER_KEYS, 2)
    tags = header.get("tags", [])
    if type(tags) is not list:
        raise _fail(file_name, "tags", f"must be a list, not {_kind(tags)}")
    return [_tag(item, number) for number, item in enumerate(tags, 1)]


def _tag(item: Any, number: int) -> ExportTag:
    where = f"tag #{number} in the file"
    if type(item) is not dict:
        raise InvalidExport(f"{where} is not an object")
    name = item.get("name")
    if type(name) is not str or not name:
        raise InvalidExport(f"{where} has no name")
    problem = fields.tag_name_problem(name)
    if problem:
        raise _fail(where, "name", f"is wrong: {problem}")
    _optional(where, "uuid", item.get("uuid"), _uuid_problem)
    shortcut = _optional(where, "shortcut", item.get("shortcut"), fields.key_problem)
    _unknown(item, _TAG_KEYS, 4)
    return ExportTag(
        name,
        _optional(where, "label", item.get("label"), fields.label_problem),
        _optional(where, "colour", item.get("colour"), fields.colour_problem),
        shortcut,
    )


# -- articles ------------------------------------------------------------------------------


def _article_rule(name: str) -> Callable[[str], str | None]:
    """The store's rule for an article field (a URL is checked as the store keeps it)."""
    return lambda value: fields.article_field_problem(
        name, fields.normalise_article_field(name, value)
    )


_META: dict[str, Callable[[str], str | None] | None] = {
    "outlet": None,
    "author": None,
    "published": _article_rule("published"),
    "url": _article_rule("url"),
    "language": _article_rule("language"),
    "source_name": None,
}
_INFO = ("imported_at", "content_hash")
_ARTICLE_KEYS = frozenset(
    {"id", "uuid", "title", "text", "source_kind", "annotations", *_META, *_INFO}
)


def _uuid_problem(value: str) -> str | None:
    return None if _UUID.fullmatch(value) else f"{value[:40]!r} is not a UUID"


@dataclass(frozen=True, slots=True)
class _Bad(Exception):
    """What is wrong with one annotation's identity members (the caller says where)."""

    problem: str


def _source_kind(where: str, value: Any) -> str:
    kind = _optional(where, "source_kind", value)
    if kind is None:
        return "json"
    if not _KIND.fullmatch(kind):
        raise _fail(where, "source_kind", f"is wrong: {kind[:40]!r} is not a short lower-case word")
    return kind


def check_article(item: dict[str, Any], number: int, stamp: str) -> ExportArticle:
    """One article object of the file, validated, with its annotations; ``stamp`` (an
    ISO 8601 time) stands in for the times an annotation does not give."""
    where = f"article #{number}"
    text = item.get("text")
    if type(text) is not str or not text.strip():
        raise InvalidExport(f"{where} in the file has no text")
    _string(where, "text", text, fields.MAX_TEXT_CHARS)
    if "id" in item and item["id"] is not None:
        _integer(where, "id", item.get("id"))
    for key in _INFO:
        if key in item:
            _optional(where, key, item[key])
    meta = {key: _optional(where, key, item.get(key), rule) for key, rule in _META.items()}
    uuid = _optional(where, "uuid", item.get("uuid"), _uuid_problem)
    _unknown(item, _ARTICLE_KEYS, 4)
    article = ImportedArticle(
        text=text,
        title=_optional(where, "title", item.get("title")) or "Untitled clipping",
        source_name=meta["source_name"],  # type: ignore[arg-type]  # None: not given
        source_kind=_source_kind(where, item.get("source_kind")),
        outlet=meta["outlet"],
        author=meta["author"],
        published=meta["published"],
        url=meta["url"],
        language=meta["language"],
    )
    annotations = item.get("annotations")
    if annotations is None:
        annotations = []
    elif type(annotations) is not list:
        raise _fail(where, "annotations", f"must be a list, not {_kind(annotations)}")
    return ExportArticle(article, _annotations(annotations, text, where, stamp), uuid)


_V1_KEYS = frozenset(
    {"id", "start", "end", "tag", "text", "note", "created_at", "updated_at", "page"}
)
_V2_KEYS = frozenset(
    {"uuid", "coder", "origin", "origin_detail", "status", "attributes", "relations"}
)
_ANNOTATION_KEYS = _V1_KEYS | _V2_KEYS
_MEMBERS = operator.itemgetter(
    "start", "end", "tag", "text", "note", "created_at", "updated_at", "page", "id"
)
_PDF_KEYS = frozenset({"pages", "boxes"})
_ALL_ANNOTATION_KEYS = _ANNOTATION_KEYS | _PDF_KEYS


def _annotations(items: list[Any], text: str, article: str, stamp: str) -> list[ExportAnnotation]:
    """The annotations of one article. A big file has a million: the usual case is one
    pass of cheap tests, and :func:`_explain` spells out whatever is wrong."""
    length = len(text)
    max_note = fields.MAX_NOTE_CHARS
    stamp_problem = _timestamp_problem
    unstorable = _unstorable
    known = _ANNOTATION_KEYS
    v1 = len(_V1_KEYS)
    members = _MEMBERS
    identity = _identity
    big = fields.MAX_INTEGER
    out: list[ExportAnnotation] = []
    append = out.append
    for item in items:
        if type(item) is not dict:
            break
        try:  # Clipper writes every member: one C call fetches them all
            start, end, tag, given, note, created, updated, page, ident = members(item)
            extras = len(item) != len(known) and len(item) != v1
        except KeyError:
            get = item.get
            start, end, tag, given = get("start"), get("end"), get("tag"), get("text")
            note, created, updated = get("note"), get("created_at"), get("updated_at")
            page, ident = get("page"), get("id")
            extras = not item.keys() <= known
        if (
            type(start) is not int
            or type(end) is not int
            or not 0 <= start < end <= length
            or type(tag) is not str
        ):
            break
        span = text[start:end]
        if given is not None and given != span:
            break
        if note is None:
            note = ""
        elif type(note) is not str or len(note) > max_note or (note and unstorable(note)):
            break
        if created is None or created == "":
            created = stamp
        elif type(created) is not str or stamp_problem(created):
            break
        if updated is None or updated == "":
            updated = stamp
        elif type(updated) is not str or stamp_problem(updated):
            break
        if page is not None and (type(page) is not int or not 1 <= page <= big):
            break
        if ident is not None and (type(ident) is not int or not 0 <= ident <= big):
            break
        if extras:
            _annotation_extras(item, f"{article}, annotation #{len(out) + 1}")
        try:
            more = identity(item)
        except _Bad as bad:
            raise InvalidExport(f"{article}, annotation #{len(out) + 1}: {bad.problem}") from None
        append((start, end, tag, span, note, created, updated, page, *more))
    else:
        return out
    _explain(items[len(out)], text, f"{article}, annotation #{len(out) + 1}")
    raise AssertionError("unreachable: _explain raises")  # pragma: no cover


_NO_IDENTITY = (None, None, "manual", None, "accepted", None, None)
_coder_problem = functools.lru_cache(maxsize=256)(fields.coder_name_problem)
_key_problem = functools.lru_cache(maxsize=1024)(fields.attribute_key_problem)
_type_problem = functools.lru_cache(maxsize=256)(fields.relation_type_problem)
_uuid_match = _UUID.fullmatch


def _identity(
    item: dict[str, Any],
) -> tuple[
    str | None,
    str | None,
    str,
    str | None,
    str,
    dict[str, AttributeValue] | None,
    list[tuple[str, str, str | None]] | None,
]:
    """The version-2 members of an annotation (identity, coder, origin, status, attributes,
    relations), checked; raises :class:`_Bad`."""
    get = item.get
    uuid = get("uuid")
    if uuid is None:
        if len(item) <= len(_V1_KEYS):
            return _NO_IDENTITY
    elif type(uuid) is not str or not _uuid_match(uuid):
        raise _Bad('"uuid" must be a UUID string')
    coder = get("coder")
    if coder is not None and (type(coder) is not str or _coder_problem(coder.strip())):
        raise _Bad(f'"coder" is wrong: {_coder_problem(str(coder).strip())}')
    origin = get("origin") or "manual"
    if origin not in ORIGINS:
        raise _Bad(f'"origin" must be one of: {", ".join(ORIGINS)}')
    detail = get("origin_detail")
    if detail is not None and (type(detail) is not str or fields.text_problem(detail)):
        raise _Bad('"origin_detail" must be a short string')
    status = get("status") or "accepted"
    if status not in STATUSES:
        raise _Bad(f'"status" must be one of: {", ".join(STATUSES)}')
    return (
        uuid,
        coder,
        origin,
        detail,
        status,
        _attributes(get("attributes")),
        _relations(get("relations")),
    )


def _attributes(value: Any) -> dict[str, AttributeValue] | None:
    if not value:
        if value is None or value == {}:
            return None
        raise _Bad('"attributes" must be an object')
    if type(value) is not dict:
        raise _Bad('"attributes" must be an object')
    for key, v in value.items():
        problem = _key_problem(key)
        if problem:
            raise _Bad(f'"attributes": {problem}')
        if type(v) is str:
            if fields.text_problem(v):
                raise _Bad(f'"attributes": {key} {fields.text_problem(v)}')
        elif type(v) is int:
            if not -(2**63) <= v < 2**63:
                raise _Bad(f'"attributes": {key} is too large a number')
        elif type(v) is not float or not math.isfinite(v):
            raise _Bad(f'"attributes": {key} must be text or a number')
    return value


def _relations(value: Any) -> list[tuple[str, str, str | None]] | None:
    if not value:
        if value is None or value == []:
            return None
        raise _Bad('"relations" must be a list')
    if type(value) is not list:
        raise _Bad('"relations" must be a list')
    out = []
    for r in value:
        if type(r) is not dict:
            raise _Bad('"relations" must be a list of objects')
        kind, to, uuid = r.get("type"), r.get("to"), r.get("uuid")
        if type(kind) is not str or _type_problem(kind):
            raise _Bad(f'"relations": {_type_problem(str(kind)) or "a relation needs a type"}')
        if type(to) is not str or not _uuid_match(to):
            raise _Bad('"relations": "to" must be the UUID of an annotation')
        if uuid is not None and (type(uuid) is not str or not _uuid_match(uuid)):
            raise _Bad('"relations": "uuid" must be a UUID string')
        out.append((kind, to, uuid))
    return out


def _explain(item: Any, text: str, where: str) -> None:
    """Raise the message for an annotation :func:`_annotations` found wrong."""
    if type(item) is not dict:
        raise InvalidExport(f"{where}: not an object")
    start, end, tag = item.get("start"), item.get("end"), item.get("tag")
    if start is None or end is None or tag is None:
        raise InvalidExport(f"{where}: needs start, end and tag")
    if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
        raise InvalidExport(
            f"{where}: offsets {str(start)[:20]}..{str(end)[:20]} do not fit the article "
            f"text ({len(text)} characters)"
        )
    if type(tag) is not str:
        raise _fail(where, "tag", _must_be_string(tag))
    given = item.get("text")
    if given is not None and given != text[start:end]:
        raise InvalidExport(f"{where}: its text does not match the article text at {start}..{end}")
    note = item.get("note")
    if note is not None:
        _string(where, "note", note, fields.MAX_NOTE_CHARS)
    for key in ("created_at", "updated_at"):
        if item.get(key) is not None:
            _stamp(where, key, item[key])
    if item.get("page") is not None:
        _integer(where, "page", item["page"], 1)
    _integer(where, "id", item.get("id"))


def _must_be_string(value: Any) -> str:
    return f"must be a string, not {_kind(value)}"


#: Exports repeat stamps (created_at == updated_at, annotations made in one go).
_timestamp_problem = functools.lru_cache(maxsize=256)(fields.timestamp_problem)
_unstorable = fields.UNSTORABLE.search


def _stamp(where: str, key: str, value: Any) -> None:
    if type(value) is not str:
        raise _fail(where, key, _must_be_string(value))
    problem = _timestamp_problem(value) if value else None
    if problem:
        raise _fail(where, key, f"is wrong: {problem}")


def _annotation_extras(item: dict[str, Any], where: str) -> None:
    """The PDF ``pages`` and ``boxes`` (derived, not merged) and unknown members."""
    pages = item.get("pages")
    if pages is not None and (
        type(pages) is not list
        or not all(type(p) is int and 1 <= p <= fields.MAX_INTEGER for p in pages)
    ):
        raise _fail(where, "pages", "must be a list of page numbers")
    boxes = item.get("boxes")
    if boxes is not None and (
        type(boxes) is not list
        or not all(
            type(box) is dict
            and all(type(v) in (int, float) and math.isfinite(v) for v in box.values())
            for box in boxes
        )
    ):
        raise _fail(where, "boxes", "must be a list of objects of numbers")
    _unknown(item, _ALL_ANNOTATION_KEYS, 6)

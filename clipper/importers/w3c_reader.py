"""Read W3C Web Annotation files (JSON-LD) — Clipper's own ``.jsonld`` exports, other
tools' annotation lists and pages, and Hypothesis exports — as the validated structure
every annotation reader gives (:class:`~clipper.importers.clipper_json.ExportFile`).

W3C annotations point at a document instead of holding its text, so they are anchored on
the database's articles (:class:`~clipper.importers.annotation_formats.ArticleTexts`):
a target ``source`` of ``urn:sha256:<hash>`` is the article with that content hash;
an ``http(s)`` source, the target's ``via`` or Hypothesis' ``uri`` is an article stored
with that URL. Within the text an annotation is placed by its ``TextPositionSelector``
(code points) when the text there is its quote (or it has no quote), else by its
``TextQuoteSelector``: the occurrence of ``exact`` whose ``prefix``/``suffix`` match best
(the nearest to the position on a tie). What cannot be anchored is left out and reported
as a warning (:attr:`ExportFile.warnings`).

Bodies: ``purpose: tagging`` → the tag (the first; a name is made lower-case with ``-``
for spaces; more tags go to the ``tags`` attribute; none: ``comment`` or ``highlight``);
``commenting``/plain ``TextualBody``/``bodyValue``/Hypothesis ``text`` → the note;
``describing`` with ``format: application/json`` → the attributes; ``linking``
``SpecificResource`` with a ``urn:uuid:`` source → a relation (``clipper:relation``).
``creator`` (``name``/``nickname``, Hypothesis ``user``) → the coder. Ids ``urn:uuid:X`` keep
X; other ids get a UUID derived from them, so merging a file twice adds nothing.

The file is streamed twice (tags first, then the annotations); consecutive annotations of
one article are merged together.
"""

from __future__ import annotations

import functools
import json
import re
import uuid as _uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from clipper import fields
from clipper.errors import InvalidExport
from clipper.importers import check_importable, json_reader
from clipper.importers.anchoring import TextTarget, anchor
from clipper.importers.clipper_json import ExportFile
from clipper.importers.export_format import ExportArticle, ExportTag, check_article
from clipper.interchange import W3C_ATTRIBUTES_FORMAT
from clipper.model import ORIGINS, STATUSES, content_hash

if TYPE_CHECKING:
    from clipper.importers.annotation_formats import ArticleTexts

_LISTS = ("items", "annotations", "rows")
_SNIFF = re.compile(
    rb'anno\.jsonld|"type"\s*:\s*"(?:Annotation|AnnotationCollection|AnnotationPage)"'
    rb'|"(?:TextQuoteSelector|TextPositionSelector)"|"target"\s*:\s*\[\s*\{\s*"source"'
)
_UUID_URN = re.compile(r"urn:uuid:([0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12})")
_MAX_WARNINGS = 100


def sniff_w3c(head: bytes) -> bool:
    """JSON that names the Web Annotation context, its types or its text selectors."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return start[:1] in (b"{", b"[") and _SNIFF.search(head) is not None


class _NoTexts:
    def article_text_by_hash(self, digest: str) -> str | None:
        return None

    def article_texts_by_url(self, url: str) -> list[str]:
        return []


# -- streaming the annotations out of any of the layouts ------------------------------------


def _array(events: Iterator[tuple[str, Any]], depth: int) -> Iterator[Any]:
    for event, value in events:
        if event == "end_array":
            return
        yield json_reader._build(events, event, value, depth + 1)
    raise InvalidExport("the file is not valid JSON (it ends too early)")


def _map(events: Iterator[tuple[str, Any]], depth: int) -> Iterator[Any]:
    """The annotations of an object: those of its ``items``/``annotations``/``rows`` list
    or of its embedded ``first`` page, else the object itself if it is one."""
    members: dict[str, Any] = {}
    found = False
    for event, key in events:
        if event == "end_map":
            break
        event, value = json_reader._next(events)
        if key in _LISTS and event == "start_array":
            found = True
            yield from _array(events, depth + 1)
        elif key == "first" and event == "start_map":
            found = True
            yield from _map(events, depth + 1)
        else:
            members[key] = json_reader._build(events, event, value, depth + 1)
    else:
        raise InvalidExport("the file is not valid JSON (it ends too early)")
    if not found and ("target" in members or members.get("type") == "Annotation"):
        yield members


def _items(stream: BinaryIO) -> Iterator[Any]:
    stream.seek(0)
    json_reader.check_escapes(stream)
    events = json_reader._events(stream)
    event, _ = next(events, ("end of file", None))
    if event == "start_array":
        yield from _array(events, 1)
    elif event == "start_map":
        yield from _map(events, 1)
    else:
        raise InvalidExport("the file is not a W3C Web Annotation file (not a JSON object or list)")
    for _ in events:  # trailing garbage is reported by the parser
        pass


# -- one annotation ------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _purposes(body: dict[str, Any]) -> set[str]:
    return {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}


_NOT_TAG = re.compile(r"[^a-z0-9_-]+")


def tag_name(value: str) -> str | None:
    """A tag name made from another tool's tag (``Climate Change`` → ``climate-change``)."""
    name = _NOT_TAG.sub("-", value.strip().lower()).strip("-_")[: fields.MAX_TAG_NAME_CHARS]
    return name if name and fields.tag_name_problem(name) is None else None


@dataclass(slots=True)
class _Bodies:
    tags: list[str]
    notes: list[str]
    attributes: dict[str, Any] | None
    relations: list[dict[str, Any]]


def _bodies(item: dict[str, Any], where: str) -> _Bodies:
    found = _Bodies([], [], None, [])
    if isinstance(item.get("bodyValue"), str):
        found.notes.append(item["bodyValue"])
    if isinstance(item.get("text"), str) and item["text"]:  # Hypothesis
        found.notes.append(item["text"])
    found.tags += [t for t in _as_list(item.get("tags")) if isinstance(t, str)]
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict):
            continue
        purposes = _purposes(body)
        value = body.get("value")
        if "linking" in purposes and isinstance(body.get("source"), str):
            match = _UUID_URN.fullmatch(body["source"])
            if match:
                kind = body.get("clipper:relation") or "links_to"
                ident = _UUID_URN.fullmatch(str(body.get("id", "")))
                found.relations.append(
                    {
                        "type": kind,
                        "to": match.group(1).lower(),
                        "uuid": ident.group(1).lower() if ident else None,
                    }
                )
            continue
        if not isinstance(value, str):
            continue
        if "tagging" in purposes:
            found.tags.append(value)
        elif body.get("format") == W3C_ATTRIBUTES_FORMAT and "describing" in purposes:
            try:
                attributes = json.loads(value)
            except ValueError:
                raise InvalidExport(f"{where}: its attributes body is not JSON") from None
            if not isinstance(attributes, dict):
                raise InvalidExport(f"{where}: its attributes body is not a JSON object")
            json_reader.check_value(attributes, 6)
            found.attributes = {**(found.attributes or {}), **attributes}
        elif body.get("type") in (None, "TextualBody") and purposes <= {
            "commenting",
            "describing",
            "replying",
            "editing",
            "questioning",
        }:
            found.notes.append(value)
    return found


def _tag_of(bodies: _Bodies) -> tuple[str, list[str]]:
    """The tag (the first usable one, else ``comment``/``highlight``) and the others."""
    names = [n for n in (tag_name(t) for t in bodies.tags) if n]
    if names:
        return names[0], [t for t in bodies.tags if tag_name(t) != names[0]]
    return ("comment" if bodies.notes else "highlight"), list(bodies.tags)


def _selectors(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    for selector in _as_list(value):
        if isinstance(selector, dict) and depth < 8:
            yield selector
            yield from _selectors(selector.get("refinedBy"), depth + 1)


def _targets(item: dict[str, Any]) -> Iterator[TextTarget]:
    for target in _as_list(item.get("target")):
        if isinstance(target, str):
            yield TextTarget([target], None, None, None, "", "")
            continue
        if not isinstance(target, dict):
            continue
        source = target.get("source", target.get("id"))
        if isinstance(source, dict):
            source = source.get("id")
        keys = [k for k in (source, target.get("via"), item.get("uri")) if isinstance(k, str)]
        found = TextTarget(keys, None, None, None, "", "")
        for selector in _selectors(target.get("selector")):
            kind = selector.get("type")
            if kind == "TextPositionSelector" and found.start is None:
                start, end = selector.get("start"), selector.get("end")
                if type(start) is int and type(end) is int:
                    found.start, found.end = start, end
            elif kind == "TextQuoteSelector" and found.exact is None:
                exact = selector.get("exact")
                if isinstance(exact, str) and exact:
                    found.exact = exact
                    prefix, suffix = selector.get("prefix"), selector.get("suffix")
                    found.prefix = prefix if isinstance(prefix, str) else ""
                    found.suffix = suffix if isinstance(suffix, str) else ""
        yield found


def _uuid_of(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    match = _UUID_URN.fullmatch(value)
    if match:
        return match.group(1).lower()
    return str(_uuid.uuid5(_uuid.NAMESPACE_URL, value))


_ACCOUNT = re.compile(r"acct:([^@]+)@.*")


def _coder(item: dict[str, Any]) -> str | None:
    names: list[Any] = []
    for creator in _as_list(item.get("creator")):
        if isinstance(creator, dict):
            names += [creator.get("name"), creator.get("nickname")]
        elif isinstance(creator, str):
            names.append(creator)
    names.append(item.get("user"))  # Hypothesis
    for name in names:
        if not isinstance(name, str):
            continue
        account = _ACCOUNT.fullmatch(name)
        candidate = fields.normalise_coder_name(account.group(1) if account else name)
        if fields.coder_name_problem(candidate) is None and "://" not in candidate:
            return candidate
    return None


def _time(value: Any) -> str | None:
    return value if isinstance(value, str) and not fields.timestamp_problem(value) else None


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class _Reader:
    def __init__(self, stream: BinaryIO, stamp: str, texts: ArticleTexts) -> None:
        self.stream = stream
        self.stamp = stamp
        self.texts = texts
        self.warnings: list[str] = []
        self.dropped = 0
        self._texts = functools.lru_cache(maxsize=16)(self._lookup)

    def warn(self, message: str) -> None:
        self.dropped += 1
        if len(self.warnings) < _MAX_WARNINGS:
            self.warnings.append(message)

    def _lookup(self, key: str) -> tuple[tuple[str, str], ...]:
        """``(content hash, text)`` of the articles ``key`` names."""
        if key.lower().startswith("urn:sha256:"):
            text = self.texts.article_text_by_hash(key[11:].lower())
            found = [text] if text is not None else []
        elif fields.url_problem(fields.normalise_url(key)) is None:
            found = self.texts.article_texts_by_url(fields.normalise_url(key))
        else:
            found = []
        return tuple((content_hash(t), t) for t in found)

    def tags(self) -> list[ExportTag]:
        names: dict[str, None] = {}
        for number, item in enumerate(_items(self.stream), 1):
            if isinstance(item, dict):
                names[_tag_of(_bodies(item, f"annotation #{number}"))[0]] = None
        return [ExportTag(name, None, None, None) for name in names]

    def articles(self) -> Iterator[ExportArticle]:
        current: dict[str, Any] | None = None
        digest = ""
        count = 0
        for number, item in enumerate(_items(self.stream), 1):
            placed = self._place(item, number)
            if placed is None:
                continue
            key, text, annotation = placed
            if current is None or key != digest:
                if current is not None:
                    count += 1
                    yield check_article(current, count, self.stamp)
                current, digest = {"text": text, "annotations": []}, key
            current["annotations"].append(annotation)
        if current is not None:
            yield check_article(current, count + 1, self.stamp)
        if self.dropped > len(self.warnings):
            self.warnings.append(
                f"… and {self.dropped - len(self.warnings)} more annotations could not be anchored"
            )

    def _place(self, item: Any, number: int) -> tuple[str, str, dict[str, Any]] | None:
        where = f"annotation #{number}"
        if not isinstance(item, dict):
            raise InvalidExport(f"{where} in the file is not an object")
        ident = item.get("id")
        name = f"{where} ({_short(ident)})" if isinstance(ident, str) else where
        targets = list(_targets(item))
        if not targets:
            self.warn(f"{name} has no target: left out")
            return None
        known = False
        for target in targets:
            for key in target.keys:
                for digest, text in self._texts(key):
                    known = True
                    span = anchor(text, target)
                    if span is not None:
                        return digest, text, self._annotation(item, text, span, where)
        keys = [k for t in targets for k in t.keys]
        if not known:
            shown = _short(keys[0], 80) if keys else "no source"
            self.warn(f"{name}: no article in this database is its source ({shown}): left out")
        else:
            quote = next((t.exact for t in targets if t.exact), None)
            what = f"its quote “{_short(quote)}” is not in" if quote else "it has no place in"
            self.warn(f"{name}: {what} the article text: left out")
        return None

    def _annotation(
        self, item: dict[str, Any], text: str, span: tuple[int, int], where: str
    ) -> dict[str, Any]:
        bodies = _bodies(item, where)
        tag, more_tags = _tag_of(bodies)
        attributes = dict(bodies.attributes or {})
        if more_tags and "tags" not in attributes:
            attributes["tags"] = ", ".join(more_tags)
        origin = item.get("clipper:origin")
        clipper_made = origin in ORIGINS
        status = item.get("clipper:status")
        start, end = span
        return {
            "start": start,
            "end": end,
            "tag": tag,
            "text": text[start:end],
            "note": "\n\n".join(bodies.notes),
            "created_at": _time(item.get("created")) or self.stamp,
            "updated_at": _time(item.get("modified") or item.get("updated")) or self.stamp,
            "uuid": _uuid_of(item.get("id")),
            "coder": _coder(item),
            "origin": origin if clipper_made else "imported",
            "origin_detail": item.get("clipper:originDetail")
            if clipper_made
            else ("hypothesis" if "user" in item else "w3c"),
            "status": status if status in STATUSES else "accepted",
            "attributes": attributes or None,
            "relations": bodies.relations or None,
        }


@contextmanager
def open_w3c_anchored(path: Path, stamp: str, texts: ArticleTexts) -> Iterator[ExportFile]:
    """Open a W3C Web Annotation file, anchoring its annotations on ``texts``."""
    path = Path(path)
    check_importable(path)
    with path.open("rb") as stream:
        reader = _Reader(stream, stamp, texts)
        tags = reader.tags()
        yield ExportFile(tags, reader.articles(), stream, path.stat().st_size, reader.warnings)


def open_w3c(path: Path, stamp: str) -> AbstractContextManager[ExportFile]:
    """:func:`open_w3c_anchored` without a database: nothing can be anchored."""
    return open_w3c_anchored(path, stamp, _NoTexts())

"""Read a Clipper JSON export back in: merge its articles and annotations into a store.

Articles are matched by content hash (created when missing); annotations are added
unless the same span already carries the same tag. Every span is checked against the
article text first; the whole file goes in as one transaction, or nothing does.
The file is streamed (ijson), so a million annotations need little memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from clipper.errors import ClipperError, InvalidExport
from clipper.model import ImportedArticle, content_hash
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now

_SCALARS = {"string", "number", "boolean", "null"}
_ARTICLES_LINE = b' "articles": ['


@dataclass(frozen=True, slots=True)
class MergeReport:
    articles_created: int
    articles_matched: int
    annotations_added: int
    annotations_skipped: int
    tags_created: tuple[str, ...]


def _read_header(stream: BinaryIO) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The top-level scalars and the tag list (which precede ``articles`` in our files)."""
    header: dict[str, Any] = {}
    tags: list[dict[str, Any]] = []
    builder: ijson.ObjectBuilder | None = None
    try:
        for prefix, event, value in ijson.parse(stream):
            if builder is not None:
                builder.event(event, value)
                if prefix == "tags.item" and event == "end_map":
                    tags.append(builder.value)
                    builder = None
            elif prefix == "tags.item" and event == "start_map":
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
            elif "." not in prefix and prefix and event in _SCALARS:
                header[prefix] = value
            elif prefix == "articles" and event == "start_array" and "format" in header:
                break
    except ijson.JSONError as exc:
        raise InvalidExport(f"the file is not valid JSON ({exc})") from exc
    return header, tags


def _iter_articles(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    """Every article object, whatever the file's layout (streamed by ijson)."""
    try:
        yield from ijson.items(stream, "articles.item", use_float=True)
    except ijson.JSONError as exc:
        raise InvalidExport(f"the file is not valid JSON ({exc})") from exc


def _iter_articles_by_line(stream: BinaryIO) -> Iterator[dict[str, Any]] | None:
    """Fast path for files Clipper wrote: one article object per line.

    Returns ``None`` (use :func:`_iter_articles`) unless the file has that layout.
    """
    for line in stream:
        if line.rstrip() == _ARTICLES_LINE:
            break
    else:
        return None
    start = stream.tell()
    first = stream.readline()
    stream.seek(start)
    if not (first.startswith(b"  {") or first.rstrip() == b" ]"):
        return None
    return _parse_article_lines(stream)


def _parse_article_lines(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    for line in stream:
        body = line.strip()
        if body == b"]":
            return
        try:
            article = json.loads(body[:-1] if body.endswith(b",") else body)
        except ValueError as exc:
            raise InvalidExport(f"the file is not valid JSON ({exc})") from exc
        if not isinstance(article, dict):
            raise InvalidExport('an item of "articles" is not an object')
        yield article
    raise InvalidExport("the file is not valid JSON (it ends inside the article list)")


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidExport(message)


def merge_export(
    store: Store,
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> MergeReport:
    """Merge a Clipper JSON export into ``store``; all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise ClipperError(f"{path}: no such file")
    with path.open("rb") as stream:
        header, tags = _read_header(stream)
    _require(
        header.get("format") == "clipper",
        f'{path.name} is not a Clipper JSON export (no "format": "clipper")',
    )
    _require(
        header.get("version") == 1,
        f"{path.name} is a Clipper export of version {header.get('version')}; "
        "this Clipper reads version 1",
    )
    created = matched = added = skipped = 0
    size = path.stat().st_size
    with store.bulk_writes(), store.transaction(), path.open("rb") as stream:
        new_tags = _ensure_tags(store, tags)
        known_tags = frozenset(t.name for t in store.list_tags())
        articles = _iter_articles_by_line(stream)
        if articles is None:
            stream.seek(0)
            articles = _iter_articles(stream)
        for number, article in enumerate(articles, 1):
            check_cancel(cancel)
            article_id, was_created = _match_article(store, article, number)
            created += was_created
            matched += not was_created
            rows = _annotation_rows(article, article_id, number, known_tags)
            inserted = store.insert_annotations_ignoring_duplicates(rows)
            added += inserted
            skipped += len(rows) - inserted
            if progress:
                progress(min(stream.tell(), size), size)
    return MergeReport(created, matched, added, skipped, new_tags)


def _ensure_tags(store: Store, tags: list[dict[str, Any]]) -> tuple[str, ...]:
    existing = {t.name: t for t in store.list_tags()}
    used_keys = {t.shortcut for t in existing.values() if t.shortcut}
    created: list[str] = []
    for tag in tags:
        name = tag.get("name")
        _require(isinstance(name, str) and bool(name), "a tag in the file has no name")
        if name in existing:
            continue
        key = tag.get("shortcut")
        store.add_tag(
            str(name),
            tag.get("label"),
            tag.get("colour") or "#8e7dbe",
            key if key and key not in used_keys else None,
        )
        if key:
            used_keys.add(key)
        created.append(str(name))
    return tuple(created)


def _match_article(store: Store, article: dict[str, Any], number: int) -> tuple[int, bool]:
    text = article.get("text")
    if not isinstance(text, str) or not text:
        raise InvalidExport(f"article #{number} in the file has no text")
    existing = store.find_article_by_hash(content_hash(text))
    if existing is not None:
        return existing, False
    imported = ImportedArticle(
        text=text,
        title=str(article.get("title") or "Untitled clipping"),
        source_name=article.get("source_name"),  # type: ignore[arg-type]
        source_kind=str(article.get("source_kind") or "json"),
        outlet=article.get("outlet"),
        author=article.get("author"),
        published=article.get("published"),
        url=article.get("url"),
        language=article.get("language"),
    )
    return store.add_article(imported).id, True


def _annotation_rows(
    article: dict[str, Any], article_id: int, number: int, known_tags: frozenset[str]
) -> list[tuple[int, int, int, str, str, str, str, str, int | None]]:
    """Validated rows for the store; any bad annotation rejects the whole file."""
    text: str = article["text"]
    length = len(text)
    annotations = article.get("annotations") or []
    _require(isinstance(annotations, list), f'article #{number}: "annotations" is not a list')
    stamp = now()
    rows = []
    for index, item in enumerate(annotations, 1):
        try:
            start = item["start"]
            end = item["end"]
            tag = item["tag"]
        except (KeyError, TypeError):
            raise InvalidExport(
                f"article #{number}, annotation #{index}: needs start, end and tag"
            ) from None
        if not (type(start) is int and type(end) is int and 0 <= start < end <= length):
            raise InvalidExport(
                f"article #{number}, annotation #{index}: offsets {start}..{end} do not fit "
                f"the article text ({length} characters)"
            )
        span = text[start:end]
        given = item.get("text")
        if given is not None and given != span:
            raise InvalidExport(
                f"article #{number}, annotation #{index}: its text does not match the "
                f"article text at {start}..{end}"
            )
        if tag not in known_tags:
            raise InvalidExport(f"article #{number}, annotation #{index}: unknown tag {tag!r}")
        page = item.get("page")
        rows.append(
            (
                article_id,
                start,
                end,
                tag,
                span,
                item.get("note") or "",
                item.get("created_at") or stamp,
                item.get("updated_at") or stamp,
                page if type(page) is int else None,
            )
        )
    return rows

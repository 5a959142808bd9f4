"""Read a Clipper JSON export back in: merge its articles and annotations into a store.

Articles are matched by content hash (created when missing); annotations are added
unless the same span already carries the same tag. Every span is checked against the
article text first; the whole file goes in as one transaction, or nothing does.
The file is streamed (ijson), so a million annotations need little memory.
"""

from __future__ import annotations

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
    try:
        yield from ijson.items(stream, "articles.item", use_float=True)
    except ijson.JSONError as exc:
        raise InvalidExport(f"the file is not valid JSON ({exc})") from exc


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
    with store.transaction(), path.open("rb") as stream:
        new_tags = _ensure_tags(store, tags)
        known_tags = {t.name for t in store.list_tags()}
        for number, article in enumerate(_iter_articles(stream), 1):
            check_cancel(cancel)
            article_id, was_created = _match_article(store, article, number)
            created += was_created
            matched += not was_created
            rows = list(_annotation_rows(article, article_id, number, known_tags))
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
    article: dict[str, Any], article_id: int, number: int, known_tags: set[str]
) -> Iterator[tuple[int, int, int, str, str, str, str, str, int | None]]:
    text: str = article["text"]
    length = len(text)
    annotations = article.get("annotations") or []
    _require(isinstance(annotations, list), f'article #{number}: "annotations" is not a list')
    stamp = now()
    for index, item in enumerate(annotations, 1):
        where = f"article #{number}, annotation #{index}"
        start, end, tag = item.get("start"), item.get("end"), item.get("tag")
        _require(
            isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length,
            f"{where}: offsets {start}..{end} do not fit the article text ({length} characters)",
        )
        span = text[start:end]
        _require(
            item.get("text") in (None, span),
            f"{where}: its text does not match the article text at {start}..{end}",
        )
        _require(tag in known_tags, f"{where}: unknown tag {tag!r}")
        page = item.get("page")
        yield (
            article_id,
            start,
            end,
            tag,
            span,
            str(item.get("note") or ""),
            str(item.get("created_at") or stamp),
            str(item.get("updated_at") or stamp),
            page if isinstance(page, int) else None,
        )

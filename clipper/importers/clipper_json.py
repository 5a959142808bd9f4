"""Read a Clipper JSON export back in: merge its articles and annotations into a store.

Articles are matched by content hash (created when missing); annotations are added
unless the same span already carries the same tag. Reading is separate from merging:
:func:`read_export` yields validated plain data (see :mod:`clipper.importers.export_format`
and the limits in :mod:`clipper.fields`); :func:`merge_export` puts it into the store as
one transaction, so a file with anything wrong in it changes nothing. The file is
streamed, so a million annotations need little memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from clipper.errors import Hint, InvalidExport
from clipper.importers import check_importable, json_reader
from clipper.importers.export_format import (
    ExportArticle,
    ExportTag,
    check_article,
    check_header,
)
from clipper.model import content_hash
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now

__all__ = ["ExportFile", "MergeReport", "merge_export", "read_export"]


@dataclass(frozen=True, slots=True)
class MergeReport:
    articles_created: int
    articles_matched: int
    annotations_added: int
    annotations_skipped: int
    tags_created: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExportFile:
    """An open export: its tags, and its articles as they are read (validated)."""

    tags: list[ExportTag]
    articles: Iterator[ExportArticle]
    stream: BinaryIO
    size: int


def _checked(articles: Iterator[dict[str, object]], stamp: str) -> Iterator[ExportArticle]:
    for number, item in enumerate(articles, 1):
        yield check_article(item, number, stamp)


def _refuse_other_formats(head: bytes, name: str) -> None:
    """A file that cannot be a JSON export gets a message about what it is instead."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"{") or not start:
        return
    what = (
        "a CSV export"
        if start.startswith(b"annotation_id,") or start.startswith(b'"annotation_id"')
        else "not JSON"
    )
    raise InvalidExport(
        f"{name} is {what}: annotations are merged from Clipper JSON exports only (an export "
        "in the JSON format); text, PDF or web pages are imported as articles instead",
        hint=Hint.JSON_EXPORT,
    )


@contextmanager
def read_export(path: str | Path, *, by_lines: bool = True) -> Iterator[ExportFile]:
    """Open a Clipper JSON export; its articles are read and validated as they are taken.

    With ``by_lines`` the fast reader for Clipper's own layout is tried; it raises
    :class:`~clipper.importers.json_reader.LayoutChanged` when the file is laid out
    otherwise — read it again with ``by_lines=False``.
    """
    path = Path(path)
    check_importable(path)  # a missing file, folder, pipe, device or the open database
    with path.open("rb") as stream:
        _refuse_other_formats(stream.read(512), path.name)
        stream.seek(0)
        header = None
        if by_lines:
            try:
                header, items = json_reader.read_by_lines(stream)
            except json_reader.LayoutChanged:
                stream.seek(0)
        if header is None:
            header = json_reader.read_header(stream)
            stream.seek(0)
            items = json_reader.read_articles(stream)
        tags = check_header(header, path.name)
        yield ExportFile(tags, _checked(items, now()), stream, path.stat().st_size)


def merge_export(
    store: Store,
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> MergeReport:
    """Merge a Clipper JSON export into ``store``; all or nothing."""
    try:
        try:
            return _merge(store, path, True, progress, cancel)
        except json_reader.LayoutChanged:  # rolled back; read it the general way
            return _merge(store, path, False, progress, cancel)
    except RecursionError as exc:  # defence in depth: nesting is limited before this
        raise json_reader.too_deep() from exc


def _merge(
    store: Store,
    path: str | Path,
    by_lines: bool,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> MergeReport:
    created = matched = added = skipped = 0
    with read_export(path, by_lines=by_lines) as export, store.bulk_writes(), store.transaction():
        new_tags = _ensure_tags(store, export.tags)
        known_tags = frozenset(t.name for t in store.list_tags())
        for number, item in enumerate(export.articles, 1):
            check_cancel(cancel)
            article_id, was_created = _match_article(store, item)
            created += was_created
            matched += not was_created
            rows = _annotation_rows(item, article_id, number, known_tags)
            inserted = store.insert_annotations_ignoring_duplicates(rows)
            added += inserted
            skipped += len(rows) - inserted
            if progress:
                progress(min(export.stream.tell(), export.size), export.size)
    return MergeReport(created, matched, added, skipped, new_tags)


def _ensure_tags(store: Store, tags: list[ExportTag]) -> tuple[str, ...]:
    existing = {t.name for t in store.list_tags()}
    used_keys = {t.shortcut.lower() for t in store.list_tags() if t.shortcut}  # as the app
    created: list[str] = []
    for tag in tags:
        if tag.name in existing:
            continue
        key = tag.shortcut
        free = key is not None and key.lower() not in used_keys
        store.add_tag(tag.name, tag.label, tag.colour or "#8e7dbe", key if free else None)
        if key:
            used_keys.add(key.lower())
        existing.add(tag.name)
        created.append(tag.name)
    return tuple(created)


def _match_article(store: Store, item: ExportArticle) -> tuple[int, bool]:
    existing = store.find_article_by_hash(content_hash(item.article.text))
    if existing is not None:
        return existing, False
    return store.add_article(item.article).id, True


def _annotation_rows(
    item: ExportArticle, article_id: int, number: int, known_tags: frozenset[str]
) -> list[tuple[int, int, int, str, str, str, str, str, int | None]]:
    """Rows for the store; an unknown tag rejects the whole file."""
    if not {a[2] for a in item.annotations} <= known_tags:
        index, tag = next(
            (i, a[2]) for i, a in enumerate(item.annotations, 1) if a[2] not in known_tags
        )
        raise InvalidExport(f"article #{number}, annotation #{index}: unknown tag {tag[:40]!r}")
    head = (article_id,)
    return [head + a for a in item.annotations]

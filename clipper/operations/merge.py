"""Merge an annotation file into a database (``clipper import``, ``import-annotations``).

Any format of :data:`~clipper.importers.annotation_formats.ANNOTATION_FORMATS` (Clipper
JSON, JSON Lines, W3C Web Annotation …): each reader gives the same validated structure.

Articles are matched by content hash (created when missing, keeping the file's identity);
annotations keep their identity, coder, origin, status and attributes, and are added unless
the same identity is stored already or the same span already carries the same tag for the
same coder; relations are added once both ends are stored. The importer only reads
(e.g. :func:`clipper.importers.clipper_json.read_export`); this puts what it read into the
store as one transaction, so a file with anything wrong in it changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from clipper.errors import InvalidExport
from clipper.fields import key_clash_problem
from clipper.importers import json_reader
from clipper.importers.annotation_formats import ANNOTATION_FORMATS, AnnotationFormat, detect
from clipper.importers.clipper_json import ExportFile, read_export
from clipper.importers.export_format import ExportAnnotation, ExportArticle, ExportTag
from clipper.model import content_hash
from clipper.operations.changes import Changes
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now

__all__ = ["MergeReport", "merge_export"]


@dataclass(frozen=True, slots=True)
class MergeReport:
    articles_created: int
    articles_matched: int
    annotations_added: int
    annotations_skipped: int
    tags_created: tuple[str, ...]
    relations_added: int = 0
    #: What the reader could not take (e.g. annotations it could not anchor).
    warnings: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        """What a front end redraws after a merge: everything."""
        return Changes(everything=True, tags=bool(self.tags_created))


def merge_export(
    store: Store,
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    format: str | None = None,
) -> MergeReport:
    """Merge an annotation file into ``store``; all or nothing. ``format``: a name in
    :data:`~clipper.importers.annotation_formats.ANNOTATION_FORMATS`, else detected (a
    file of no registered kind is read as Clipper JSON, whose reader says what it is)."""
    chosen = ANNOTATION_FORMATS[format] if format is not None else detect(path)
    if chosen is None:
        chosen = ANNOTATION_FORMATS["json"]
    try:
        try:
            return _merge(store, _opener(store, chosen), path, progress, cancel)
        except json_reader.LayoutChanged:  # rolled back; read it the general way
            general = partial(read_export, by_lines=False)
            return _merge(store, lambda p, s: general(p, stamp=s), path, progress, cancel)
    except RecursionError as exc:  # defence in depth: nesting is limited before this
        raise json_reader.too_deep() from exc


Opener = Callable[[Path, str], AbstractContextManager[ExportFile]]


def _opener(store: Store, chosen: AnnotationFormat) -> Opener:
    """The reader for ``chosen``: given the database's texts if it anchors onto them."""
    anchored = chosen.open_anchored
    if anchored is None:
        return chosen.open
    return lambda path, stamp: anchored(path, stamp, store)


def _merge(
    store: Store,
    opener: Opener,
    path: str | Path,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> MergeReport:
    created = matched = added = skipped = 0
    relations: list[tuple[str, str, str, str | None]] = []
    with (
        opener(Path(path), now()) as export,
        store.bulk_writes(),
        store.transaction(),
    ):
        new_tags = _ensure_tags(store, export.tags)
        known_tags = frozenset(t.name for t in store.list_tags())
        for number, item in enumerate(export.articles, 1):
            check_cancel(cancel)
            article_id, was_created = _match_article(store, item)
            created += was_created
            matched += not was_created
            rows = _annotation_rows(item, number, known_tags)
            inserted = store.merge_annotations(article_id, rows)
            added += inserted
            skipped += len(rows) - inserted
            relations += _relation_rows(rows)
            if progress:
                progress(min(export.stream.tell(), export.size), export.size)
        related = store.merge_relations(relations) if relations else 0
    return MergeReport(created, matched, added, skipped, new_tags, related, tuple(export.warnings))


def _ensure_tags(store: Store, tags: list[ExportTag]) -> tuple[str, ...]:
    """Add the file's tags that are missing; a key another tag has (as the app compares
    keys) is left out rather than refusing the merge."""
    known = store.list_tags()
    existing = {t.name for t in known}
    created: list[str] = []
    for tag in tags:
        if tag.name in existing:
            continue
        key = tag.shortcut
        free = key is not None and key_clash_problem(key, known) is None
        known.append(
            store.add_tag(tag.name, tag.label, tag.colour or "#8e7dbe", key if free else None)
        )
        existing.add(tag.name)
        created.append(tag.name)
    return tuple(created)


def _match_article(store: Store, item: ExportArticle) -> tuple[int, bool]:
    existing = store.find_article_by_hash(content_hash(item.article.text))
    if existing is not None:
        return existing, False
    return store.add_article(item.article, uuid=item.uuid).id, True


def _annotation_rows(
    item: ExportArticle, number: int, known_tags: frozenset[str]
) -> list[ExportAnnotation]:
    """Rows for the store; an unknown tag rejects the whole file."""
    if not {a[2] for a in item.annotations} <= known_tags:
        index, tag = next(
            (i, a[2]) for i, a in enumerate(item.annotations, 1) if a[2] not in known_tags
        )
        raise InvalidExport(f"article #{number}, annotation #{index}: unknown tag {tag[:40]!r}")
    return item.annotations


def _relation_rows(rows: list[ExportAnnotation]) -> list[tuple[str, str, str, str | None]]:
    """``(type, from uuid, to uuid, relation uuid)`` of the relations the rows start."""
    return [
        (kind, a[8], to, uuid)
        for a in rows
        if a[14] and a[8] is not None
        for kind, to, uuid in a[14]
    ]

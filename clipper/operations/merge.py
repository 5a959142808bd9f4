"""Merge coders' work into a database: Clipper databases and JSON exports, one way.

``clipper import-annotations`` / ``clipper import FILE`` merge one annotation file of any
format in :data:`~clipper.importers.annotation_formats.ANNOTATION_FORMATS` (Clipper JSON,
JSON Lines, W3C Web Annotation, REFI-QDA …) (:func:`merge_export`);
``clipper merge A.db B.db … -o team.db`` merges databases and exports
(:func:`merge_files`). A file is read as plain data — the tags, then
:class:`~clipper.importers.export_format.ExportArticle` items — and stored by
:func:`_merge_articles`. A database is ATTACHed (read-only) to the output's connection: its
articles are matched one by one the same way, then its annotations, attributes and relations
are copied by SQLite in one ``INSERT … SELECT`` each
(:meth:`~clipper.store.Store.merge_attached`; past SQLite's limit of attached databases, a
database is read like a file through :meth:`~clipper.store.Store.iter_merge_articles`).
Either way:

* an article is matched by identity (UUID) when the text is the same, else by content hash,
  else created (keeping its identity when free);
* annotations keep their identity, coder, origin, status and attributes; one whose identity
  is stored already, or whose span carries the same tag for the same coder already, is
  skipped, so merging again adds nothing; relations are added once both ends are stored;
* **conflicts are reported, never settled silently: the output keeps its value.** A matched
  article whose title, outlet, author, date, URL or language differs, an article with the
  same identity but another text (then stored as a new article), and an annotation with the
  same identity whose tag, note, status, attributes, span or coder differ are listed in
  :attr:`MergeReport.conflicts`. A metadata field the output leaves empty is filled in.

All of it is one transaction: a source with anything wrong in it changes nothing.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clipper.errors import ClipperError, InvalidExport
from clipper.fields import ARTICLE_FIELDS, key_clash_problem, new_label_problem
from clipper.importers.export_format import ExportAnnotation, ExportArticle, ExportTag
from clipper.model import Annotation, Article, content_hash
from clipper.open_databases import open_database_for
from clipper.operations.changes import Changes
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store, now

if TYPE_CHECKING:  # the file formats' readers load when a file is merged (not at start-up)
    from clipper.importers.annotation_formats import AnnotationFormat
    from clipper.importers.clipper_json import ExportFile

__all__ = ["MergeConflict", "MergeReport", "merge_export", "merge_files", "total_report"]

#: The first bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """A value the source has that differs from the output's (which was kept)."""

    #: "article" or "annotation".
    kind: str
    #: The source's file name.
    source: str
    #: The article's title (in the output).
    article: str
    #: The identity of the article or annotation.
    uuid: str
    #: What differs: an article field, "text", or "tag", "note", "status", "attributes",
    #: "span", "coder".
    field: str
    kept: str
    other: str

    def to_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "source": self.source,
            "article": self.article,
            "uuid": self.uuid,
            "field": self.field,
            "kept": self.kept,
            "other": self.other,
        }

    def describe(self) -> str:
        what = "article" if self.kind == "article" else f"annotation {self.uuid[:8]} in"
        return (
            f"{self.source}: {what} “{self.article[:60]}”: {self.field} differs "
            f"(kept {self.kept[:60]!r}, not {self.other[:60]!r})"
        )


@dataclass(frozen=True, slots=True)
class MergeReport:
    articles_created: int
    articles_matched: int
    annotations_added: int
    annotations_skipped: int
    tags_created: tuple[str, ...]
    relations_added: int = 0
    conflicts: tuple[MergeConflict, ...] = ()
    #: The source merged (its file name), or several for a total.
    sources: tuple[str, ...] = ()
    #: What the reader could not take (e.g. annotations it could not anchor).
    warnings: tuple[str, ...] = ()

    @property
    def changes(self) -> Changes:
        """What a front end redraws after a merge: everything."""
        return Changes(everything=True, tags=bool(self.tags_created))

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": list(self.sources),
            "articles_created": self.articles_created,
            "articles_matched": self.articles_matched,
            "annotations_added": self.annotations_added,
            "annotations_skipped": self.annotations_skipped,
            "relations_added": self.relations_added,
            "tags_created": list(self.tags_created),
            "conflicts": [c.to_dict() for c in self.conflicts],
            "warnings": list(self.warnings),
        }


def total_report(reports: Iterable[MergeReport]) -> MergeReport:
    """Several sources' reports added up."""
    reports = list(reports)
    tags: list[str] = []
    for report in reports:
        tags += [t for t in report.tags_created if t not in tags]
    return MergeReport(
        sum(r.articles_created for r in reports),
        sum(r.articles_matched for r in reports),
        sum(r.annotations_added for r in reports),
        sum(r.annotations_skipped for r in reports),
        tuple(tags),
        sum(r.relations_added for r in reports),
        tuple(c for r in reports for c in r.conflicts),
        tuple(s for r in reports for s in r.sources),
        tuple(w for r in reports for w in r.warnings),
    )


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
    from clipper.importers import json_reader
    from clipper.importers.annotation_formats import ANNOTATION_FORMATS, detect
    from clipper.importers.clipper_json import read_export

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


Opener = Callable[[Path, str], AbstractContextManager["ExportFile"]]


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
    with (
        opener(Path(path), now()) as export,
        store.bulk_writes(),
        store.transaction(),
    ):

        def tick() -> None:
            if progress:
                progress(min(export.stream.tell(), export.size), export.size)

        report = _merge_articles(store, export.tags, export.articles, Path(path).name, tick, cancel)
    return dataclasses.replace(report, warnings=tuple(export.warnings))


# -- several sources: databases and exports ----------------------------------------------


def merge_files(
    store: Store,
    paths: Sequence[str | Path],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> tuple[MergeReport, ...]:
    """Merge Clipper databases and JSON exports into ``store``, in the order given; one
    report per source. All or nothing. A database at an older schema version is upgraded
    first (backed up beside itself, as opening any database does); nothing else is
    written to a source."""
    if not paths:
        raise ClipperError("nothing to merge: give the databases or exports to merge")
    kinds = [_is_database(store, Path(p)) for p in paths]
    sources: dict[int, Store] = {}
    try:
        for number, (path, is_db) in enumerate(zip(paths, kinds, strict=True)):
            if is_db:  # opening upgrades an older database (backed up beside itself)
                sources[number] = Store(path, create=False, busy_timeout=store.busy_timeout)
        numbers = sorted(sources)
        reports: list[MergeReport] = []
        with store.attached([sources[n].path for n in numbers]) as names:
            schemas = dict(zip(numbers, names, strict=True))
            with store.bulk_writes(), store.transaction():
                for number, path in enumerate(paths):
                    part = _part(progress, number, len(paths))
                    if number in sources:
                        merged = _merge_database(
                            store, sources[number], schemas[number], part, cancel
                        )
                        reports.append(merged)
                    else:
                        reports.append(merge_export(store, path, progress=part, cancel=cancel))
        return tuple(reports)
    finally:
        for source in sources.values():
            source.close()


def _is_database(store: Store, path: Path) -> bool:
    """Whether ``path`` is an SQLite database (else it is read as an export); the output
    itself is refused."""
    if store.path != ":memory:" and path.exists() and os.path.samefile(path, store.path):
        raise ClipperError(f"{path} is the database merged into: it cannot be merged into itself")
    if open_database_for(path) is not None:  # open here: a database, never open()ed
        return True
    if not path.is_file():
        return False  # the export reader says what is wrong
    with path.open("rb") as stream:
        return stream.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER


def _part(progress: ProgressCallback | None, number: int, count: int) -> ProgressCallback | None:
    """Progress of source ``number`` of ``count`` as a share of the whole."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        share = done / total if total else 1.0
        progress(int((number + share) * 1000), count * 1000)

    return report


def _merge_database(
    store: Store,
    source: Store,
    schema: str | None,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> MergeReport:
    """One database: set-based through ``schema`` (the source attached to ``store``'s
    connection), else (not attached) article by article like an export."""
    tags = [ExportTag(t.name, t.label, t.colour, t.shortcut) for t in source.list_tags()]
    total = source.count_articles()
    done = [0]
    name = Path(source.path).name

    def tick() -> None:
        done[0] += 1
        if progress:
            progress(done[0], 2 * total if schema is not None else total)

    if schema is None:
        articles = (
            ExportArticle(imported, rows, uuid or None)
            for imported, uuid, rows in source.iter_merge_articles()
        )
        with store.transaction():
            return _merge_articles(store, tags, articles, name, tick, cancel)
    with store.transaction():
        report = _merge_attached(store, source, schema, tags, name, tick, cancel)
    if progress:
        progress(1, 1)
    return report


def _merge_attached(
    store: Store,
    source: Store,
    schema: str,
    tags: list[ExportTag],
    name: str,
    tick: Callable[[], None],
    cancel: CancelCheck | None,
) -> MergeReport:
    """The articles matched one by one (identity, content hash, metadata conflicts), then
    every annotation, attribute and relation copied by SQLite in one statement each."""
    new_tags = _ensure_tags(store, tags)
    unknown = store.attached_unknown_tags(schema)
    if unknown:
        raise InvalidExport(f"{name}: annotations with an unknown tag {unknown[0][:40]!r}")
    conflicts: list[MergeConflict] = []
    mapping: dict[int, tuple[int, bool]] = {}
    titles: dict[int, str] = {}
    created = 0
    for imported, uuid, source_id in source.iter_merge_article_heads():
        check_cancel(cancel)
        item = ExportArticle(imported, [], uuid or None)
        article_id, was_created = _match_article(store, item, name, conflicts)
        mapping[source_id] = (article_id, not was_created)
        titles[article_id] = imported.title
        created += was_created
        tick()
    result = store.merge_attached(schema, mapping, cancel)
    for mine, row in result.differing:
        conflicts += [
            MergeConflict("annotation", name, titles.get(mine.article_id, ""), mine.uuid, f, k, o)
            for f, k, o in _differences(mine, row)
        ]
    return MergeReport(
        created,
        len(mapping) - created,
        result.added,
        result.skipped,
        new_tags,
        result.relations_added,
        tuple(conflicts),
        (name,),
    )


# -- the one merge -------------------------------------------------------------------------


def _merge_articles(
    store: Store,
    tags: list[ExportTag],
    articles: Iterable[ExportArticle],
    source: str,
    tick: Callable[[], None] | None,
    cancel: CancelCheck | None,
) -> MergeReport:
    """Store a source's tags and articles (inside the caller's transaction)."""
    created = matched = added = skipped = 0
    relations: list[tuple[str, str, str, str | None]] = []
    conflicts: list[MergeConflict] = []
    new_tags = _ensure_tags(store, tags)
    known_tags = frozenset(t.name for t in store.list_tags())
    for number, item in enumerate(articles, 1):
        check_cancel(cancel)
        article_id, was_created = _match_article(store, item, source, conflicts)
        created += was_created
        matched += not was_created
        rows = _annotation_rows(item, number, known_tags)
        if not was_created:
            conflicts += _annotation_conflicts(store, rows, source, item.article.title)
        inserted = store.merge_annotations(article_id, rows)
        added += inserted
        skipped += len(rows) - inserted
        relations += _relation_rows(rows)
        if tick:
            tick()
    related = store.merge_relations(relations) if relations else 0
    return MergeReport(
        created, matched, added, skipped, new_tags, related, tuple(conflicts), (source,)
    )


def _ensure_tags(store: Store, tags: list[ExportTag]) -> tuple[str, ...]:
    """Add the file's tags that are missing; a key another tag has (as the app compares
    keys) is left out, a name older rules allowed (digits only) is kept, and a label the
    app no longer gives (digits only) becomes the name, rather than refusing the merge."""
    known = store.list_tags()
    existing = {t.name for t in known}
    created: list[str] = []
    for tag in tags:
        if tag.name in existing:
            continue
        key = tag.shortcut
        free = key is not None and key_clash_problem(key, known) is None
        label = tag.label if new_label_problem(tag.label or "") is None else None
        known.append(
            store.add_tag(
                tag.name, label, tag.colour or "#8e7dbe", key if free else None, carried=True
            )
        )
        existing.add(tag.name)
        created.append(tag.name)
    return tuple(created)


def _match_article(
    store: Store, item: ExportArticle, source: str, conflicts: list[MergeConflict]
) -> tuple[int, bool]:
    """The output's article for ``item``: by identity (same text), else by content hash,
    else a new one. Returns its id and whether it was created."""
    digest = content_hash(item.article.text)
    if item.uuid is not None:
        found = store.find_article_by_uuid(item.uuid)
        if found is not None:
            article = store.get_article(found)
            if article.content_hash == digest:
                _compare_article(store, article, item, source, conflicts)
                return found, False
            conflicts.append(
                MergeConflict(
                    "article", source, article.title, item.uuid, "text",
                    f"{len(article.text)} characters", f"{len(item.article.text)} characters, "
                    "stored as another article",
                )
            )  # fmt: skip
    existing = store.find_article_by_hash(digest)
    if existing is not None:
        _compare_article(store, store.get_article(existing), item, source, conflicts)
        return existing, False
    return store.add_article(item.article, uuid=item.uuid).id, True


def _compare_article(
    store: Store, article: Article, item: ExportArticle, source: str, conflicts: list[MergeConflict]
) -> None:
    """Report the metadata that differs; fill in what the output leaves empty."""
    fills: dict[str, str] = {}
    for name in ARTICLE_FIELDS:
        mine, theirs = getattr(article, name), getattr(item.article, name)
        if theirs in (None, "") or mine == theirs:
            continue
        if mine in (None, ""):
            fills[name] = theirs
        else:
            conflicts.append(
                MergeConflict("article", source, article.title, article.uuid, name, mine, theirs)
            )
    if fills:
        store.update_article(article.id, **fills)


def _annotation_conflicts(
    store: Store, rows: list[ExportAnnotation], source: str, title: str
) -> list[MergeConflict]:
    """The annotations of ``rows`` stored already (same identity) with other values."""
    uuids = [r[8] for r in rows if r[8] is not None]
    stored = store.annotations_by_uuid(uuids) if uuids else {}
    found: list[MergeConflict] = []
    for row in rows:
        mine = stored.get(row[8]) if row[8] is not None else None
        if mine is not None:
            found += [
                MergeConflict("annotation", source, title, mine.uuid, name, kept, other)
                for name, kept, other in _differences(mine, row)
            ]
    return found


def _differences(mine: Annotation, row: ExportAnnotation) -> list[tuple[str, str, str]]:
    theirs_attributes = dict(row[13] or {})
    pairs = [
        ("tag", mine.tag, row[2]),
        ("note", mine.note, row[4]),
        ("status", mine.status, row[12]),
        ("span", f"{mine.start}..{mine.end}", f"{row[0]}..{row[1]}"),
        ("coder", mine.coder, row[9] if row[9] is not None else mine.coder),
        ("attributes", _shown(dict(mine.attributes)), _shown(theirs_attributes)),
    ]
    return [(name, kept, other) for name, kept, other in pairs if kept != other]


def _shown(attributes: dict[str, Any]) -> str:
    return ", ".join(f"{k}={attributes[k]!r}" for k in sorted(attributes))


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

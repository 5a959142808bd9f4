"""Operations the CLI and the GUI share: importing files into a store, the sample clipping.

Each function takes a :class:`~clipper.store.Store` and plain data, so both front ends
(and tests) call exactly the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from clipper.errors import Cancelled, ClipperError, DuplicateArticle
from clipper.importers import read_file
from clipper.importers.text import read_text
from clipper.model import Article, ArticleMeta, ImportedArticle
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.resources import SAMPLE_CLIPPING, SAMPLE_META, resource_path
from clipper.store import Store


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file: the new article, or the error that stopped it."""

    path: str
    article: Article | None = None
    error: ClipperError | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.article is not None


def import_article(
    store: Store,
    imported: ImportedArticle,
    meta: ArticleMeta = ArticleMeta(),
    *,
    force: bool = False,
) -> Article:
    """Store one imported article, the user's metadata winning over derived values."""
    return store.add_article(imported.with_meta(meta), force=force)


def import_files(
    store: Store,
    paths: Sequence[str | Path],
    *,
    meta: ArticleMeta = ArticleMeta(),
    force: bool = False,
    encoding: str | None = None,
    password: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> list[ImportOutcome]:
    """Import files one by one; a bad file is reported and the others still go in.

    ``progress(done, total)`` counts files. Each article is committed on its own, so a
    cancel keeps the files finished before it and nothing of the one in progress.
    """
    outcomes: list[ImportOutcome] = []
    total = len(paths)
    for index, path in enumerate(paths):
        check_cancel(cancel)
        try:
            imported = read_file(path, encoding=encoding, password=password, cancel=cancel)
            check_cancel(cancel)
            article = import_article(store, imported, meta, force=force)
            outcomes.append(ImportOutcome(str(path), article, warnings=tuple(imported.warnings)))
        except Cancelled:
            raise
        except ClipperError as error:
            outcomes.append(ImportOutcome(str(path), error=error))
        if progress is not None:
            progress(index + 1, total)
    return outcomes


def store_imported(
    store: Store,
    results: Iterable[tuple[str | Path, ImportedArticle | ClipperError]],
    *,
    meta: ArticleMeta = ArticleMeta(),
    force: bool = False,
) -> list[ImportOutcome]:
    """Store articles read elsewhere (e.g. by parallel workers), in the order given."""
    outcomes: list[ImportOutcome] = []
    for path, result in results:
        if isinstance(result, ClipperError):
            outcomes.append(ImportOutcome(str(path), error=result))
            continue
        try:
            article = import_article(store, result, meta, force=force)
            outcomes.append(ImportOutcome(str(path), article, warnings=tuple(result.warnings)))
        except ClipperError as error:
            outcomes.append(ImportOutcome(str(path), error=error))
    return outcomes


def import_pasted(
    store: Store, data: bytes, *, kind: str, meta: ArticleMeta = ArticleMeta(), force: bool = False
) -> Article:
    """Import text that did not come from a named file (stdin, clipboard)."""
    return import_article(store, read_text(data, kind, kind=kind), meta, force=force)


def open_sample(store: Store) -> Article:
    """The bundled sample clipping, imported on first use."""
    path = resource_path(SAMPLE_CLIPPING)
    imported = read_file(path)
    try:
        return import_article(store, imported, ArticleMeta(**SAMPLE_META))
    except DuplicateArticle as duplicate:
        return store.get_article(duplicate.existing_id)

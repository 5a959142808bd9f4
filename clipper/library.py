"""Operations the CLI and the GUI share: importing files into a store, the sample clipping.

Each function takes a :class:`~clipper.store.Store` and plain data, so both front ends
(and tests) call exactly the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from clipper.errors import ClipperError, DatabaseError, DuplicateArticle
from clipper.importers import read_file
from clipper.importers.parallel import read_files_parallel
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
    workers: int | None = None,
    ocr: bool = False,
    ocr_language: str = "eng",
) -> list[ImportOutcome]:
    """Import files; a bad file is reported in its outcome and the others still go in.

    One file is read here, ``progress(done, total)`` counting its pages (PDFs; long ones
    are read by page workers). Several files are read in worker processes when cores are
    free (``workers``: how many; 1 = here), ``progress`` counting files. Each article is
    committed on its own: a cancel keeps the files finished before it. ``ocr``: PDFs
    without a text layer are read with OCRmyPDF in ``ocr_language`` when it is installed.
    """
    if len(paths) == 1:
        path = paths[0]
        try:
            result: ImportedArticle | ClipperError = read_file(
                path,
                encoding=encoding,
                password=password,
                progress=progress,
                cancel=cancel,
                ocr=ocr,
                ocr_language=ocr_language,
            )
        except ClipperError as error:
            result = error
        check_cancel(cancel)
        return store_imported(store, [(path, result)], meta=meta, force=force)

    def read_all() -> Iterator[tuple[Path, ImportedArticle | ClipperError]]:
        results = read_files_parallel(
            paths,
            password=password,
            encoding=encoding,
            workers=workers,
            ocr=ocr,
            ocr_language=ocr_language,
        )
        for done, item in enumerate(results, 1):
            check_cancel(cancel)
            yield item
            if progress is not None:
                progress(done, len(paths))

    return store_imported(store, read_all(), meta=meta, force=force)


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
        except DatabaseError as error:  # disk full, read-only …: the next file fails too
            outcomes.append(ImportOutcome(str(path), error=error))
            break
        except ClipperError as error:
            outcomes.append(ImportOutcome(str(path), error=error))
    return outcomes


def import_pasted(
    store: Store, data: bytes, *, kind: str, meta: ArticleMeta = ArticleMeta(), force: bool = False
) -> ImportOutcome:
    """Import text that did not come from a named file (stdin, clipboard); the outcome
    carries the error or the warnings (e.g. an uncertain encoding) under the name ``-``."""
    try:
        imported = read_text(data, kind, kind=kind)
        article = import_article(store, imported, meta, force=force)
    except ClipperError as error:
        return ImportOutcome("-", error=error)
    return ImportOutcome("-", article, warnings=tuple(imported.warnings))


def open_sample(store: Store) -> Article:
    """The bundled sample clipping, imported on first use."""
    path = resource_path(SAMPLE_CLIPPING)
    imported = read_file(path)
    try:
        return import_article(store, imported, ArticleMeta(**SAMPLE_META))
    except DuplicateArticle as duplicate:
        return store.get_article(duplicate.existing_id)

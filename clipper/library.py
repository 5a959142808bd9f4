"""Operations the CLI and the GUI share: importing files into a store, the sample clipping.

Each function takes a :class:`~clipper.store.Store` and plain data, so both front ends
(and tests) call exactly the same code. There is one import pipeline,
:func:`iter_import` (and :func:`import_files`, its list form): both front ends build an
:class:`ImportOptions` and call it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from clipper.errors import Cancelled, ClipperError, DatabaseError, DuplicateArticle, ImportFailed
from clipper.importers import read_file, read_pasted_text
from clipper.importers.encoding import EncodingOption, file_encoding_options
from clipper.importers.ocr import DEFAULT_LANGUAGE
from clipper.importers.parallel import is_heavy, read_files
from clipper.importers.text import read_text
from clipper.model import Article, ArticleMeta, ImportedArticle
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.resources import SAMPLE_CLIPPING, SAMPLE_META, resource_path
from clipper.store import Store

#: When a text file's encoding is held back for the user to choose (not stored):
#: ``never`` (stored, with a warning if uncertain: the CLI), ``uncertain`` (the app),
#: ``always`` (every text file whose encoding was not given).
HoldEncoding = Literal["never", "uncertain", "always"]

#: A batch of stored files is committed after this many files …
BATCH_FILES = 500
#: … or this many characters of text …
BATCH_CHARS = 16_000_000
#: … or when its first file was read this long ago (seconds), and before a PDF or web page
#: is read (that can take long: OCR): what was read is committed before, and a cancel or
#: crash loses little.
BATCH_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import files: built by the CLI (from its options) and the app alike."""

    #: Metadata the user gave; it wins over what the importer derives.
    meta: ArticleMeta = ArticleMeta()
    #: Import a file even if the same text is stored already.
    force: bool = False
    #: Text encoding of text files (``None``: detect it).
    encoding: str | None = None
    #: Password of encrypted PDFs.
    password: str | None = None
    #: PDFs without a text layer are recognised with OCRmyPDF (when installed).
    ocr: bool = False
    #: Tesseract language(s) for OCR: eng, fra, eng+fra …
    ocr_language: str = DEFAULT_LANGUAGE
    #: Every PDF is recognised with OCRmyPDF, replacing its text layer (``--force-ocr``:
    #: for text layers whose fonts cannot be decoded).
    force_ocr: bool = False
    #: Worker processes for PDFs and web pages (``None``: the free cores; 1: none).
    workers: int | None = None
    #: See :data:`HoldEncoding`.
    hold_encoding: HoldEncoding = "never"

    def read_options(self) -> dict[str, object]:
        """The keyword arguments of :func:`~clipper.importers.read_file`."""
        return {
            "encoding": self.encoding,
            "password": self.password,
            "ocr": self.ocr or self.force_ocr,
            "ocr_language": self.ocr_language,
            "force_ocr": self.force_ocr,
        }


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import is: files finished of all, and the file being read in this process
    with its pages (``ocr``: pages being recognised by OCRmyPDF)."""

    done: int
    total: int
    name: str = ""
    pages_done: int = 0
    pages_total: int = 0
    ocr: bool = False


ImportProgressCallback = Callable[[ImportProgress], None]


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file: the stored article's id and title, or the error that
    stopped it, or (``encoding_options``) held back until the user chooses its encoding.
    The text is not kept: a batch of any size holds little memory."""

    path: str
    article_id: int | None = None
    title: str = ""
    length: int = 0
    error: ClipperError | None = None
    warnings: tuple[str, ...] = ()
    encoding_options: tuple[EncodingOption, ...] = ()

    @property
    def ok(self) -> bool:
        return self.article_id is not None


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
    options: ImportOptions = ImportOptions(),
    *,
    progress: ImportProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> list[ImportOutcome]:
    """:func:`iter_import` as a list (a cancel raises :class:`Cancelled`; what was
    committed before it stays)."""
    return list(iter_import(store, paths, options, progress=progress, cancel=cancel))


def iter_import(
    store: Store,
    paths: Sequence[str | Path],
    options: ImportOptions = ImportOptions(),
    *,
    progress: ImportProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[ImportOutcome]:
    """Import files; yield each file's outcome, in input order, once it is committed.

    A bad file is reported in its outcome and the others still go in. Short text files
    are read in this process, PDFs and web pages in worker processes when there are
    several (``options.workers``). Stored files are committed in batches, each file all or
    nothing within its batch. A cancel (``cancel()`` true, checked between files and
    during PDF pages and OCR) commits the files finished before it, yields them, then
    raises :class:`Cancelled`: the one cancel policy of CLI and app. A database error
    (disk full …) fails the files of its batch and stops the import.
    """
    total = len(paths)
    state = {"done": 0}

    def report(name: str = "", pages: tuple[int, int] = (0, 0), ocr: bool = False) -> None:
        if progress is not None:
            progress(ImportProgress(state["done"], total, name, pages[0], pages[1], ocr))

    def read_here(path: Path) -> ImportedArticle:
        name = path.name
        report(name)
        try:
            return read_file(
                path,
                **options.read_options(),  # type: ignore[arg-type]
                progress=lambda done, pages: report(name, (done, pages)),
                ocr_progress=lambda done, pages: report(name, (done, pages), ocr=True),
                cancel=cancel,
            )
        except (Cancelled, ClipperError):
            if cancel is not None and cancel():  # an importer may wrap the cancel
                raise Cancelled("cancelled") from None
            raise
        except Exception as exc:  # a bug in an importer must not stop the other files
            raise ImportFailed(
                f"{name} could not be imported because of an unexpected error "
                f"({type(exc).__name__}: {exc}). Please report this to the Clipper developers."
            ) from exc

    results = read_files(
        paths, workers=options.workers, read_here=read_here, **options.read_options()
    )
    batch: list[tuple[str | Path, ImportedArticle | ClipperError]] = []
    chars = 0
    started = 0.0
    try:
        for path, result in results:
            check_cancel(cancel)
            state["done"] += 1
            report()
            if not batch:
                started = time.monotonic()
            batch.append((path, result))
            chars += len(result.text) if isinstance(result, ImportedArticle) else 0
            full = len(batch) >= BATCH_FILES or chars >= BATCH_CHARS
            slow_next = state["done"] < total and is_heavy(paths[state["done"]])
            if full or slow_next or time.monotonic() - started >= BATCH_SECONDS:
                stored, batch, chars = store_imported(store, batch, options), [], 0
                yield from stored
                if _stopped(stored):
                    return
    except Cancelled:
        yield from store_imported(store, batch, options)
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    yield from store_imported(store, batch, options)


def _stopped(outcomes: Sequence[ImportOutcome]) -> bool:
    return any(isinstance(o.error, DatabaseError) for o in outcomes)


def store_imported(
    store: Store,
    results: Iterable[tuple[str | Path, ImportedArticle | ClipperError]],
    options: ImportOptions = ImportOptions(),
) -> list[ImportOutcome]:
    """Store articles read elsewhere, in the order given, in one transaction where each
    file is all or nothing (a file refused, even half-way by the database, is rolled back
    alone; the others stay). If the commit itself fails, none of the batch is in and
    every file of it says so."""
    items = list(results)
    if not items:
        return []
    outcomes: list[ImportOutcome] = []
    try:
        with store.transaction():
            for path, result in items:
                try:
                    outcomes.append(_store_one(store, path, result, options))
                except DatabaseError as error:  # rolled back to before this file
                    outcomes.append(ImportOutcome(str(path), error=error))
    except DatabaseError as error:  # disk full, read-only …: nothing of the batch is in
        if not outcomes:  # the batch could not even start
            return [ImportOutcome(str(path), error=error) for path, _ in items]
        return [replace(o, article_id=None, error=error) if o.ok else o for o in outcomes]
    return outcomes


def _store_one(
    store: Store,
    path: str | Path,
    result: ImportedArticle | ClipperError,
    options: ImportOptions,
) -> ImportOutcome:
    if isinstance(result, ClipperError):
        return ImportOutcome(str(path), error=result)
    if _hold_encoding(result, options):
        try:
            choices = file_encoding_options(path, result.encoding, result.encoding_alternatives)
        except ClipperError as error:
            return ImportOutcome(str(path), error=error)
        return ImportOutcome(str(path), encoding_options=choices)
    try:
        article = import_article(store, result, options.meta, force=options.force)
    except DatabaseError:
        raise
    except ClipperError as error:
        return ImportOutcome(str(path), error=error)
    return _stored(str(path), article, result)


def _stored(path: str, article: Article, imported: ImportedArticle) -> ImportOutcome:
    return ImportOutcome(
        path,
        article.id,
        article.title,
        len(article.text),
        warnings=tuple(imported.warnings),
    )


def _hold_encoding(imported: ImportedArticle, options: ImportOptions) -> bool:
    """A text file (it has an encoding) the user has not chosen for, to be asked about."""
    if imported.encoding is None or options.encoding is not None:
        return False
    if options.hold_encoding == "always":
        return True
    return options.hold_encoding == "uncertain" and not imported.encoding_certain


def import_pasted(
    store: Store, data: bytes, *, kind: str, options: ImportOptions = ImportOptions()
) -> ImportOutcome:
    """Import text that did not come from a named file (stdin, clipboard); the outcome
    carries the error or the warnings (e.g. an uncertain encoding) under the name ``-``."""
    try:
        imported = read_text(data, kind, kind=kind, encoding=options.encoding)
        article = import_article(store, imported, options.meta, force=options.force)
    except ClipperError as error:
        return ImportOutcome("-", error=error)
    return _stored("-", article, imported)


def import_text(store: Store, text: str, options: ImportOptions = ImportOptions()) -> ImportOutcome:
    """Import text already decoded (the app's clipboard), under the name ``-``."""
    try:
        imported = read_pasted_text(text)
        article = import_article(store, imported, options.meta, force=options.force)
    except ClipperError as error:
        return ImportOutcome("-", error=error)
    return _stored("-", article, imported)


def import_url(
    store: Store,
    url: str,
    options: ImportOptions = ImportOptions(),
    *,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ImportOutcome:
    """Clip a web page by its address: fetch it (:mod:`clipper.importers.url`), read its
    article as a saved page is read, and store the article with the fetched page as its
    provenance in one transaction (both or neither). The outcome carries the error of a
    failed fetch (offline, 404, timeout, too large, not an article); nothing is stored then.
    A cancel raises :class:`Cancelled` before anything is stored."""
    from clipper.importers.url import FETCH_TIMEOUT_SECONDS, read_url

    try:
        imported, page = read_url(
            url,
            timeout=FETCH_TIMEOUT_SECONDS if timeout is None else timeout,
            progress=progress,
            cancel=cancel,
        )
        check_cancel(cancel)
        with store.transaction():
            article = import_article(store, imported, options.meta, force=options.force)
            store.add_fetched_page(article.id, page)
    except ClipperError as error:
        return ImportOutcome(url, error=error)
    return _stored(url, article, imported)


def open_sample(store: Store) -> Article:
    """The bundled sample clipping, imported on first use."""
    path = resource_path(SAMPLE_CLIPPING)
    imported = read_file(path)
    try:
        return import_article(store, imported, ArticleMeta(**SAMPLE_META))
    except DuplicateArticle as duplicate:
        return store.get_article(duplicate.existing_id)

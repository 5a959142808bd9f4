"""Importing articles and merging exported annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from clipper.cli.base import (
    Context,
    advice,
    cli,
    error_record,
    explain,
    fail,
    json_option,
    meta_options,
    pass_context,
)
from clipper.errors import ClipperError, DuplicateArticle, Hint
from clipper.fields import is_web_address
from clipper.model import ArticleMeta
from clipper.paths import printable

if TYPE_CHECKING:
    from clipper.library import ImportOutcome
    from clipper.operations.merge import MergeReport

# The importers (PDF: pdfplumber) and the JSON merge are imported inside the commands that
# use them, so that ``clipper gui`` and the light commands start fast.

# -- import ------------------------------------------------------------------------------


def _print_outcome(outcome: ImportOutcome, as_json: bool) -> bool:
    """Print one file's outcome; ``False`` if it failed (a duplicate is skipped, not a
    failure). With ``as_json`` an error is a JSON object on stderr."""
    if outcome.article_id is not None:
        if as_json:
            record = {
                "id": outcome.article_id,
                "title": outcome.title,
                "source": printable(outcome.path),
                "length": outcome.length,
                "warnings": [explain(w) for w in outcome.warnings],
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"{outcome.article_id}\t{outcome.title}")
        for warning in outcome.warnings:
            click.echo(f"clipper: warning: {printable(outcome.path)}: {explain(warning)}", err=True)
        return True
    error = outcome.error
    if error is None:  # pragma: no cover - an outcome has one or the other
        return True
    duplicate = isinstance(error, DuplicateArticle)
    if as_json:
        failure = error_record(error, source=printable(outcome.path))
        if isinstance(error, DuplicateArticle):
            failure["existing_id"] = error.existing_id
        click.echo(json.dumps(failure, ensure_ascii=False), err=True)
    elif isinstance(error, DuplicateArticle):
        click.echo(
            f"clipper: skipped: {printable(outcome.path)} is already in the database as "
            f"article {error.existing_id} ({advice(Hint.FORCE)})",
            err=True,
        )
    else:
        click.echo(f"clipper: error: {explain(error)}", err=True)
    return duplicate


@cli.command("import")
@click.argument("files", nargs=-1)
@click.option(
    "--files-from",
    type=click.File("r", encoding="utf-8"),
    help="Also import the files named in this list, one a line (- reads the list from "
    "standard input): for more files than one command line can hold.",
)
@meta_options
@click.option("--encoding", help="Text encoding of the files (default: detected).")
@click.option("--password", help="Password of encrypted PDFs.")
@click.option("--ocr", is_flag=True, help="Read scanned PDFs (no text layer) with OCRmyPDF.")
@click.option(
    "--force-ocr",
    is_flag=True,
    help="OCR every PDF, replacing its text layer (for fonts that cannot be decoded).",
)
@click.option(
    "--ocr-language",
    default="eng",
    show_default=True,
    help="Tesseract language(s) for --ocr, e.g. fra or eng+fra.",
)
@click.option("--force", is_flag=True, help="Import even if the same text is already stored.")
@json_option("JSON Lines: one JSON object per imported article.")
@pass_context
def import_command(
    ctx: Context,
    files: tuple[str, ...],
    files_from: TextIO | None,
    meta: ArticleMeta,
    encoding: str | None,
    password: str | None,
    ocr: bool,
    force_ocr: bool,
    ocr_language: str,
    force: bool,
    as_json: bool,
) -> None:
    """Import text (.txt, .md), PDF or HTML files, or web pages by their address
    (https://…: fetched, and kept as the article's provenance); "-" reads standard input.

    Annotation files (Clipper JSON .json, JSON Lines .jsonl, W3C Web Annotation .jsonld,
    and the other formats of the registry) are merged instead, as import-annotations does.

    Prints one line per imported article as it is stored: its id, a tab, its title.
    Scanned PDFs (no text layer) need --ocr, which runs OCRmyPDF (sudo apt install
    ocrmypdf); PDFs whose text layer cannot be decoded need --force-ocr. Check OCR text
    against the page.

    Example: clipper import clippings/*.txt report.pdf --outlet "The Herald"

    Example: clipper import https://example.org/news/2026/budget

    Example: find clippings -name '*.txt' | clipper import --files-from -
    """
    if files_from is not None:
        files = (*files, *(line.strip() for line in files_from if line.strip()))
    if not files:
        fail("name the files to import (or a list of them with --files-from)")
    from clipper.cli_progress import ImportProgressDisplay
    from clipper.importers.annotation_formats import detect
    from clipper.library import ImportOptions, import_pasted, import_url, iter_import

    options = ImportOptions(
        meta=meta,
        force=force,
        encoding=encoding,
        password=password,
        ocr=ocr,
        ocr_language=ocr_language,
        force_ocr=force_ocr,
    )
    failed = False
    urls = [f for f in files if is_web_address(f)]
    for url in urls:
        click.echo(f"clipper: fetching {printable(url)} …", err=True)
        outcome = import_url(ctx.store, url, options)
        failed |= not _print_outcome(outcome, as_json)
    annotation_files = [
        Path(f) for f in files if f != "-" and f not in urls and detect(f) is not None
    ]
    for path in annotation_files:  # a file that cannot be merged changes nothing
        try:
            report = ctx.session(create=True).import_annotations(path)
        except ClipperError as error:
            failed = True
            if as_json:
                record = error_record(error, source=printable(str(path)))
                click.echo(json.dumps(record, ensure_ascii=False), err=True)
            else:
                click.echo(f"clipper: error: {printable(str(path))}: {explain(error)}", err=True)
            continue
        _print_merge(report, path, as_json)
    merged = {str(p) for p in annotation_files}
    paths = [f for f in files if f != "-" and f not in merged and f not in urls]
    if "-" in files:
        data = sys.stdin.buffer.read()
        outcome = import_pasted(ctx.store, data, kind="stdin", options=options)
        failed |= not _print_outcome(outcome, as_json)
    if paths:
        with ImportProgressDisplay(sys.stderr) as display:
            for outcome in iter_import(ctx.store, paths, options, progress=display.update):
                display.clear()
                failed |= not _print_outcome(outcome, as_json)
    if failed:
        sys.exit(1)


@cli.command("import-annotations")
@click.argument("file", type=click.Path(path_type=Path))
@pass_context
def import_annotations_command(ctx: Context, file: Path) -> None:
    """Merge an annotation file (Clipper JSON, JSONL, W3C …): articles matched by content.

    Example: clipper import-annotations colleague-export.json
    """
    report = ctx.session(create=True).import_annotations(file)
    _print_merge(report, file, False)


def _print_merge(report: MergeReport, path: Path, as_json: bool) -> None:
    """One merged annotation file's summary (stdout) and warnings (stderr)."""
    if as_json:
        record = {
            "source": printable(str(path)),
            "articles_created": report.articles_created,
            "articles_matched": report.articles_matched,
            "annotations_added": report.annotations_added,
            "annotations_skipped": report.annotations_skipped,
            "relations_added": report.relations_added,
            "tags_created": list(report.tags_created),
            "warnings": list(report.warnings),
        }
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        click.echo(
            f"articles: {report.articles_created} created, {report.articles_matched} matched; "
            f"annotations: {report.annotations_added} added, "
            f"{report.annotations_skipped} already present"
            + (f"; new tags: {', '.join(report.tags_created)}" if report.tags_created else "")
        )
    for warning in report.warnings:
        click.echo(f"clipper: warning: {printable(str(path))}: {warning}", err=True)

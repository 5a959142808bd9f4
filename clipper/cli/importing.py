"""Importing articles and merging exported annotations."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clipper.cli.base import (
    Context,
    advice,
    cli,
    error_record,
    explain,
    json_option,
    meta_options,
    pass_context,
)
from clipper.errors import DuplicateArticle, Hint
from clipper.model import ArticleMeta
from clipper.paths import printable
from clipper.store import Store

if TYPE_CHECKING:
    from clipper.library import ImportOutcome

# The importers (PDF: pdfplumber) and the JSON merge are imported inside the commands that
# use them, so that ``clipper gui`` and the light commands start fast.

# -- import ------------------------------------------------------------------------------


def _print_outcomes(outcomes: Sequence[ImportOutcome], as_json: bool) -> int:
    failures = 0
    for outcome in outcomes:
        if outcome.article is not None:
            article = outcome.article
            if as_json:
                click.echo(
                    json.dumps(
                        {
                            "id": article.id,
                            "title": article.title,
                            "source": printable(outcome.path),
                            "length": len(article.text),
                            "warnings": [explain(w) for w in outcome.warnings],
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                click.echo(f"{article.id}\t{article.title}")
            for warning in outcome.warnings:
                click.echo(
                    f"clipper: warning: {printable(outcome.path)}: {explain(warning)}", err=True
                )
        elif outcome.error is None:  # pragma: no cover - an outcome has one or the other
            continue
        elif as_json:  # a duplicate is skipped, not a failure: see the exit status
            failures += not isinstance(outcome.error, DuplicateArticle)
            record = error_record(outcome.error, source=printable(outcome.path))
            if isinstance(outcome.error, DuplicateArticle):
                record["existing_id"] = outcome.error.existing_id
            click.echo(json.dumps(record, ensure_ascii=False), err=True)
        elif isinstance(outcome.error, DuplicateArticle):
            click.echo(
                f"clipper: skipped: {printable(outcome.path)} is already in the database as "
                f"article {outcome.error.existing_id} ({advice(Hint.FORCE)})",
                err=True,
            )
        else:
            failures += 1
            click.echo(f"clipper: error: {explain(outcome.error)}", err=True)
    return failures


def _import_paths(
    store: Store,
    paths: list[str],
    meta: ArticleMeta,
    force: bool,
    encoding: str | None,
    password: str | None,
    ocr: bool = False,
    ocr_language: str = "eng",
) -> list[ImportOutcome]:
    """Import files (several in parallel), with a progress bar on a terminal: pages
    for one file, files for several."""
    from clipper.library import import_files

    options: dict[str, Any] = {
        "meta": meta,
        "force": force,
        "encoding": encoding,
        "password": password,
        "ocr": ocr,
        "ocr_language": ocr_language,
    }
    if not sys.stderr.isatty():
        return import_files(store, paths, **options)
    label = "Reading pages" if len(paths) == 1 else "Importing files"
    with click.progressbar(length=0, label=label, file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        return import_files(store, paths, progress=progress, **options)


@cli.command("import")
@click.argument("files", nargs=-1, required=True)
@meta_options
@click.option("--encoding", help="Text encoding of the files (default: detected).")
@click.option("--password", help="Password of encrypted PDFs.")
@click.option("--ocr", is_flag=True, help="Read scanned PDFs (no text layer) with OCRmyPDF.")
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
    meta: ArticleMeta,
    encoding: str | None,
    password: str | None,
    ocr: bool,
    ocr_language: str,
    force: bool,
    as_json: bool,
) -> None:
    """Import text (.txt, .md), PDF or HTML files; "-" reads text from standard input.

    Prints one line per imported article: its id, a tab, its title. Scanned PDFs
    (no text layer) need --ocr, which runs OCRmyPDF (sudo apt install ocrmypdf); check
    OCR text against the page.

    Example: clipper import clippings/*.txt report.pdf --outlet "The Herald"
    """
    from clipper.library import import_pasted

    outcomes: list[ImportOutcome] = []
    paths = [f for f in files if f != "-"]
    if "-" in files:
        data = sys.stdin.buffer.read()
        outcomes.append(import_pasted(ctx.store, data, kind="stdin", meta=meta, force=force))
    if paths:
        outcomes += _import_paths(
            ctx.store, paths, meta, force, encoding, password, ocr, ocr_language
        )
    if _print_outcomes(outcomes, as_json):
        sys.exit(1)


@cli.command("import-annotations")
@click.argument("file", type=click.Path(path_type=Path))
@pass_context
def import_annotations_command(ctx: Context, file: Path) -> None:
    """Merge a Clipper JSON export: articles matched by content, no duplicate annotations.

    Example: clipper import-annotations colleague-export.json
    """
    report = ctx.session(create=True).import_annotations(file)
    click.echo(
        f"articles: {report.articles_created} created, {report.articles_matched} matched; "
        f"annotations: {report.annotations_added} added, "
        f"{report.annotations_skipped} already present"
        + (f"; new tags: {', '.join(report.tags_created)}" if report.tags_created else "")
    )

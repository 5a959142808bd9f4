"""The ``clipper`` command line: thin commands over the same core the app uses.

Every command wraps library calls; none of them imports Qt (only ``gui`` does, and only
when it runs). Expected errors print ``clipper: error: …`` (with ``--json``: one JSON
object ``{"error": code, "message": …, "hint": …}``) on stderr and exit with status 1; the
command-line advice for an error's :class:`~clipper.errors.Hint` is added here, in
:func:`advice`. A closed output pipe (``clipper articles | head -1``) ends quietly with 0.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from clipper import __version__
from clipper.errors import (
    Cancelled,
    ClipperError,
    DuplicateArticle,
    Hint,
    InvalidValue,
    append_advice,
    hint_of,
)
from clipper.exporters import (
    FORMATS,
    ExportSelection,
    export_to_path,
    export_to_stream,
    format_for,
)
from clipper.fields import date_problem
from clipper.model import Annotation, ArticleMeta, find_tag
from clipper.paths import DB_ENV, default_db_path, printable
from clipper.store import Store
from clipper.store.failures import translate

if TYPE_CHECKING:
    from clipper.library import ImportOutcome

# The importers (PDF: pdfplumber) and the JSON merge are imported inside the commands that
# use them, so that ``clipper gui`` and the light commands start fast.

F = TypeVar("F", bound=Callable[..., Any])
#: How long a command waits for another program's write (a long merge) to finish.
COMMAND_BUSY_SECONDS = 60.0


def advice(hint: Hint | None, suggestion: str | None = None) -> str | None:
    """The command line's advice for an error's or a warning's hint (the one place the
    core's front-end-neutral messages meet the command-line options)."""
    if hint is Hint.FORCE:
        return "use --force to import it again"
    if hint is Hint.PASSWORD:
        return "give the password with --password"
    if hint is Hint.ENCODING:
        return f"give the encoding with --encoding (e.g. --encoding {suggestion or 'cp1252'})"
    if hint is Hint.OCR:
        name = f" {suggestion}" if suggestion else ""
        return (
            f"run again with --ocr to recognise the text (`clipper import --ocr{name}`; add "
            "--ocr-language fra for French, for example)"
        )
    if hint is Hint.OCR_LANGUAGE:
        return "choose the language with --ocr-language (e.g. --ocr-language eng+fra)"
    if hint is Hint.FORMAT:
        return "give the format with --format"
    if hint is Hint.DATABASE:
        return "`clipper import` creates one"
    if hint is Hint.RESTORE:
        return "`clipper restore BACKUP` restores one"
    if hint is Hint.JSON_EXPORT:
        return (
            "write one with `clipper export --format json`; add articles from text, PDF or "
            "web pages with `clipper import`"
        )
    return None


def explain(item: object) -> str:
    """An error's or a warning's text with the command line's advice, fit to print."""
    text = item.message if isinstance(item, ClipperError | Cancelled) else str(item)
    return printable(append_advice(text, advice(*hint_of(item))))


def error_record(error: ClipperError | Cancelled, **extra: Any) -> dict[str, Any]:
    """``{"error": code, "message": …, "hint": advice}``: an error as ``--json`` prints it."""
    record: dict[str, Any] = {"error": error.code, "message": printable(error.message)}
    told = advice(*hint_of(error))
    if told:
        record["hint"] = told
    return record | extra


def _wants_json() -> bool:
    click_context = click.get_current_context(silent=True)
    context = click_context.find_object(Context) if click_context is not None else None
    return context is not None and context.as_json


def report(error: ClipperError | Cancelled) -> NoReturn:
    """Print an expected error the way every command does (as JSON with ``--json``), and
    exit 1."""
    if _wants_json():
        click.echo(json.dumps(error_record(error), ensure_ascii=False), err=True)
    else:
        prefix = "clipper: " if isinstance(error, Cancelled) else "clipper: error: "
        click.echo(prefix + explain(error), err=True)
    sys.exit(1)


def fail(message: str) -> NoReturn:
    """Refuse a value the command line was given (see :func:`report`)."""
    report(InvalidValue(message))


def quiet_broken_pipe() -> NoReturn:
    """The reader of our output went away (``clipper articles | head -1``): that is the
    reader's choice, not an error. Exit 0, and let nothing be written to the pipe again."""
    _silence_stdout()
    sys.exit(0)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit
    os.close(devnull)


def _db_given(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    ctx.meta[_DB_META] = value
    context = ctx.find_object(Context)
    if context is not None:  # given after a command: ``clipper articles --db x.db``
        context.use(value)


_DB_META = "clipper.db"


def _db_option() -> click.Option:
    """``--db PATH``, defined once: accepted before the command and after it."""
    return click.Option(
        ["--db"],
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_db_given,
        help="Database file (default: $CLIPPER_DB, else clipper.db in your user data folder).",
    )


def _json_given(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    context = ctx.find_object(Context)
    if context is not None and value:
        context.as_json = True
    return value


def json_option(help_text: str) -> Callable[[F], F]:
    """``--json``: JSON output, and errors as JSON objects on stderr too."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        callback=_json_given,
        help=f"{help_text} Errors: one JSON object on stderr.",
    )


class ClipperCommand(click.Command):
    """A command that takes ``--db`` after its name too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_db_option())


class ClipperGroup(click.Group):
    """Turns :class:`ClipperError` (and a failure of the disk or of SQLite) into
    ``clipper: error: …`` and exit status 1: never a traceback. Its commands take
    ``--db`` too."""

    command_class = ClipperCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_db_option())

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ClipperError, Cancelled) as error:
            report(error)
        except OSError as error:
            if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
                quiet_broken_pipe()
            where = f"{error.filename}: " if error.filename else ""
            fail(printable(f"{where}{error.strerror or error}"))
        except Exception as error:  # an SQLite failure outside a Store method
            context = ctx.find_object(Context)
            path = str(context.db_path) if context is not None else "the database"
            translated = translate(path, error)
            if translated is None:
                raise
            report(translated)


class Context:
    """Per-run state: the database path, opened lazily (see :meth:`open`)."""

    def __init__(self, db: Path, *, default_location: bool = False) -> None:
        self.db_path = db
        self.default_location = default_location
        #: Errors are printed as JSON objects (the command was given ``--json``).
        self.as_json = False
        self._store: Store | None = None

    def use(self, db: Path) -> None:
        """The database given with ``--db`` (before the command is run)."""
        self.db_path = db
        self.default_location = False

    @property
    def store(self) -> Store:
        """The database for a command that may create it (import and the like)."""
        return self.open(create=True)

    @property
    def reader(self) -> Store:
        """The database for a command that needs one to exist (it is never created)."""
        return self.open(create=False)

    def open(self, *, create: bool) -> Store:
        if self._store is None:
            if create and not self.db_path.parent.is_dir():
                if not self.default_location:
                    raise InvalidValue(
                        f"the folder {self.db_path.parent} does not exist; check --db, or "
                        "create the folder first"
                    )
                self.db_path.parent.mkdir(parents=True, exist_ok=True)
            # A command may wait a while for the app's or a merge's write to finish.
            self._store = Store(self.db_path, create=create, busy_timeout=COMMAND_BUSY_SECONDS)
            if self._store.created:
                click.echo(
                    f"clipper: created a new database at {printable(str(self.db_path))}", err=True
                )
            if self._store.migration_backup is not None:
                click.echo(
                    printable(
                        f"clipper: upgraded {self.db_path} for this version of Clipper; the "
                        f"database as it was is saved at {self._store.migration_backup}"
                    ),
                    err=True,
                )
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_context = click.make_pass_decorator(Context)


@click.group(cls=ClipperGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="clipper")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Clipper: tag figures, quotes, people and claims in press clippings.

    Run without a command to start the desktop app.

    Example: clipper import article.txt && clipper articles
    """
    db: Path | None = ctx.meta.get(_DB_META)
    context = Context(
        db or default_db_path(), default_location=db is None and not os.environ.get(DB_ENV)
    )
    ctx.obj = context
    ctx.call_on_close(context.close)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


# -- import ------------------------------------------------------------------------------


_META_OPTIONS = (
    ("title", "Title (default: from the file)."),
    ("outlet", "Publication or outlet."),
    ("author", "Author."),
    ("date", "Publication date, YYYY-MM-DD."),
    ("url", "Where the article was published."),
    ("language", "Language code, e.g. en."),
)


def _meta_options(func: F) -> F:
    """Add --title, --outlet, … and hand the command one ``meta: ArticleMeta`` instead."""

    @functools.wraps(func)
    def with_meta(*args: Any, **kwargs: Any) -> Any:
        fields = {name: kwargs.pop(name) for name, _ in _META_OPTIONS}
        date = fields.pop("date")
        problem = None if date is None else date_problem(date)
        if problem:
            fail(f"--date: {problem}")
        return func(*args, meta=ArticleMeta(published=date, **fields), **kwargs)

    wrapped: Any = with_meta
    for name, help_text in reversed(_META_OPTIONS):
        wrapped = click.option(f"--{name}", help=help_text)(wrapped)
    return wrapped  # type: ignore[no-any-return]


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
@_meta_options
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


# -- reading -----------------------------------------------------------------------------


@cli.command("articles")
@click.option("--search", help="Full-text search over titles and texts.")
@click.option("--tag", "tags", multiple=True, help="Only articles with annotations of this tag.")
@json_option("JSON Lines: one JSON object per article.")
@pass_context
def articles_command(
    ctx: Context, search: str | None, tags: tuple[str, ...], as_json: bool
) -> None:
    """List the stored articles, newest first.

    Example: clipper articles --search "crane" --json
    """
    for summary in ctx.reader.list_articles(search=search, tags=list(tags) or None):
        if as_json:
            record = {
                "id": summary.id,
                "title": summary.title,
                "outlet": summary.outlet,
                "author": summary.author,
                "published": summary.published,
                "source_kind": summary.source_kind,
                "imported_at": summary.imported_at,
                "length": summary.length,
                "annotations": summary.counts,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            counts = " ".join(f"{tag}:{n}" for tag, n in sorted(summary.counts.items()))
            click.echo(
                f"{summary.id}\t{summary.title}\t{summary.outlet or ''}\t"
                f"{summary.published or ''}\t{counts}"
            )


@cli.command("show")
@click.argument("article_id", type=int)
@pass_context
def show_command(ctx: Context, article_id: int) -> None:
    """Print an article's stored text exactly (offsets count its code points).

    Example: clipper show 3 | head
    """
    text = ctx.reader.get_article(article_id).text
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _annotation_record(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "article_id": a.article_id,
        "start": a.start,
        "end": a.end,
        "tag": a.tag,
        "text": a.text,
        "note": a.note,
        "page": a.page,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def _echo_annotation(a: Annotation, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(_annotation_record(a), ensure_ascii=False))
    else:
        text = a.text.replace("\n", "⏎")
        note = f"\t{a.note}" if a.note else ""
        click.echo(f"{a.id}\t{a.article_id}\t{a.start}\t{a.end}\t{a.tag}\t{text}{note}")


# Negative numbers are offsets (then refused with the span rule), not unknown options.
@cli.command("annotate", context_settings={"ignore_unknown_options": True})
@click.argument("article_id", type=int)
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.argument("tag")
@click.option("--note", default="", help="A note to keep with the annotation.")
@json_option("Print the annotation as JSON.")
@pass_context
def annotate_command(
    ctx: Context, article_id: int, start: int, end: int, tag: str, note: str, as_json: bool
) -> None:
    """Tag characters START to END (code points, end exclusive) of an article. TAG is a
    tag's name, label or key (quote, Quote or 2).

    Example: clipper annotate 3 120 158 quote --note "check the source"
    """
    store = ctx.reader
    found = find_tag(store.list_tags(), tag)
    name = found.name if found is not None else tag  # unknown: the store names the known ones
    _echo_annotation(store.add_annotation(article_id, start, end, name, note), as_json)


@cli.command("annotations")
@click.argument("article_id", type=int, required=False)
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable).")
@json_option("JSON Lines: one JSON object per annotation.")
@pass_context
def annotations_command(
    ctx: Context, article_id: int | None, tags: tuple[str, ...], as_json: bool
) -> None:
    """List annotations in text order (of one article, or all).

    Columns: id, article, start, end, tag, text, note.

    Example: clipper annotations 3 --tag quote --json
    """
    for annotation in ctx.reader.list_annotations(article_id, tags=list(tags) or None):
        _echo_annotation(annotation, as_json)


@cli.command("delete-annotation")
@click.argument("annotation_id", type=int)
@pass_context
def delete_annotation_command(ctx: Context, annotation_id: int) -> None:
    """Delete one annotation.

    Example: clipper delete-annotation 42
    """
    removed = ctx.reader.delete_annotation(annotation_id)
    click.echo(f"deleted annotation {removed.id} ({removed.tag}: {removed.text!r})", err=True)


# -- tags --------------------------------------------------------------------------------


@cli.group("tags", cls=ClipperGroup, invoke_without_command=True)
@click.pass_context
def tags_command(ctx: click.Context) -> None:
    """List tags, or add one with "tags add".

    Example: clipper tags
    """
    if ctx.invoked_subcommand is None:
        for tag in ctx.find_object(Context).reader.list_tags():  # type: ignore[union-attr]
            click.echo(f"{tag.name}\t{tag.label}\t{tag.colour}\t{tag.shortcut or ''}")


@tags_command.command("add")
@click.argument("name")
@click.option("--label", help="Label shown in the app (default: the name).")
@click.option("--colour", default="#8e7dbe", show_default=True, help="Highlight colour.")
@click.option("--key", help="One-key shortcut in the app, e.g. 5.")
@pass_context
def tags_add_command(
    ctx: Context, name: str, label: str | None, colour: str, key: str | None
) -> None:
    """Define a new tag.

    Example: clipper tags add source --label "Named source" --key 5
    """
    tag = ctx.store.add_tag(name, label, colour, key)
    click.echo(f"{tag.name}\t{tag.label}\t{tag.colour}\t{tag.shortcut or ''}")


# -- export / round trip -----------------------------------------------------------------


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    help="Default: from -o's suffix, else csv.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
@click.option("--article", "article_ids", type=int, multiple=True, help="Only this article.")
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable).")
@click.option(
    "--no-formula-escape",
    is_flag=True,
    help="CSV: keep cells starting with = + - @ exactly as stored (no leading apostrophe).",
)
@pass_context
def export_command(
    ctx: Context,
    fmt: str | None,
    output: Path | None,
    article_ids: tuple[int, ...],
    tags: tuple[str, ...],
    no_formula_escape: bool,
) -> None:
    """Export annotations as CSV (one row each) or Clipper JSON (articles with text).

    Example: clipper export --format csv -o quotes.csv --tag quote
    """
    fmt = format_for(output, fmt)
    store = ctx.reader
    for article_id in article_ids:
        store.get_article(article_id)
    for tag in tags:
        store.get_tag(tag)
    selection = ExportSelection(list(article_ids) or None, list(tags) or None)
    escape = not no_formula_escape
    if output is None:
        stdout = sys.stdout.buffer  # click 8.5 deprecates get_binary_stream
        export_to_stream(store, stdout, fmt, selection, escape_formulas=escape)
        stdout.flush()
        return
    count = export_to_path(store, output, fmt, selection, escape_formulas=escape)
    click.echo(f"exported {count} annotations to {output}", err=True)


@cli.command("import-annotations")
@click.argument("file", type=click.Path(path_type=Path))
@pass_context
def import_annotations_command(ctx: Context, file: Path) -> None:
    """Merge a Clipper JSON export: articles matched by content, no duplicate annotations.

    Example: clipper import-annotations colleague-export.json
    """
    from clipper.operations import Session

    report = Session(ctx.store).import_annotations(file)
    click.echo(
        f"articles: {report.articles_created} created, {report.articles_matched} matched; "
        f"annotations: {report.annotations_added} added, "
        f"{report.annotations_skipped} already present"
        + (f"; new tags: {', '.join(report.tags_created)}" if report.tags_created else "")
    )


# -- backup / restore ---------------------------------------------------------------------


@cli.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Backup file (default: DB.backup-TIMESTAMP.db beside the database).",
)
@pass_context
def backup_command(ctx: Context, output: Path | None) -> None:
    """Copy the database, safely even while the app or another command writes to it.

    Prints where the backup went. Restore it with "clipper restore".

    Example: clipper backup -o ~/clipper-2026-12-01.db
    """
    click.echo(str(ctx.reader.backup(output)))


@cli.command("restore")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def restore_command(ctx: Context, backup: Path) -> None:
    """Replace the database's content with a backup's.

    The backup is checked first (a Clipper database, undamaged); the current content is
    backed up beside the database before it is replaced. Quit the app first, or reload.

    Example: clipper restore clipper.db.backup-20261201T185012.db
    """
    safety = ctx.store.restore(backup)
    click.echo(
        f"restored {ctx.db_path} from {backup}; the database as it was is saved at {safety}",
        err=True,
    )


# -- the app -----------------------------------------------------------------------------


@cli.command("gui")
@click.argument("files", nargs=-1)
@click.option("--article", "article_id", type=int, help="Open this article.")
@pass_context
def gui(ctx: Context, files: tuple[str, ...], article_id: int | None) -> None:
    """Start the desktop app (also what plain "clipper" does); FILES are imported.

    Example: clipper gui --article 3
    """
    try:
        from clipper.gui.app import main as gui_main
    except ImportError as exc:  # PySide6 missing or broken
        fail(f"the desktop app cannot start ({exc}). The command line still works: clipper --help")
    if not ctx.db_path.parent.is_dir():
        if not ctx.default_location:  # a mistyped --db must not make folders
            fail(
                f"the folder {ctx.db_path.parent} does not exist; check --db, or create the "
                "folder first"
            )
        ctx.db_path.parent.mkdir(parents=True, exist_ok=True)
    sys.exit(gui_main(str(ctx.db_path), list(files), article_id))


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    status: int | str | None = 0
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="clipper")
    except SystemExit as done:
        status = done.code
    try:  # what is still buffered goes now, while a closed pipe can be handled
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(status)

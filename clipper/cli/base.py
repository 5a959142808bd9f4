"""What every command shares: the group, the per-run context, ``--db``/``--json``, the
metadata options, and the way errors are printed.

Expected errors print ``clipper: error: …`` (with ``--json``: one JSON object ``{"error":
code, "message": …, "hint": …}``) on stderr and exit with status 1; the command-line advice
for an error's :class:`~clipper.errors.Hint` is added here, in :func:`advice`. A closed
output pipe (``clipper articles | head -1``) ends quietly with 0.
"""

from __future__ import annotations

import errno
import functools
import importlib
import json
import os
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from clipper import __version__
from clipper.errors import (
    Cancelled,
    ClipperError,
    Hint,
    InvalidField,
    InvalidValue,
    append_advice,
    hint_of,
)
from clipper.fields import ARTICLE_FIELDS, article_field_problem, normalise_article_field
from clipper.model import ArticleMeta
from clipper.operations import Session, choose_coder
from clipper.paths import DB_ENV, default_db_path, printable
from clipper.store import Store
from clipper.store.failures import translate

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
        #: Modules whose import registers more commands: imported when a command not
        #: registered yet, or the whole list (help, docs), is asked for — so that starting
        #: the app (``clipper``, ``clipper gui``) imports none of them. See :meth:`load`.
        self.lazy_modules: tuple[str, ...] = ()
        self._loaded = False
        super().__init__(*args, **kwargs)
        self.params.append(_db_option())

    @property
    def commands(self) -> MutableMapping[str, click.Command]:
        """Every command (the lazy modules are imported first)."""
        self.load()
        return self._commands

    @commands.setter
    def commands(self, value: MutableMapping[str, click.Command]) -> None:
        self._commands = value

    def load(self) -> None:
        """Import :attr:`lazy_modules` (once)."""
        if self._loaded:
            return
        self._loaded = True  # first: their @cli.command registrations come back here
        for name in self.lazy_modules:
            importlib.import_module(name)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name is None:  # pragma: no cover - click names every command
            raise TypeError("Command has no name.")
        self._commands[name] = cmd

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = self._commands.get(cmd_name)
        return found if found is not None else self.commands.get(cmd_name)

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

    def session(self, *, create: bool = False, coder: str | None = None) -> Session:
        """The operations on the database (created first if ``create``), for ``coder``
        (``--coder``, else $CLIPPER_CODER, else the default coder)."""
        return Session(self.open(create=create), coder=choose_coder(coder))

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
        gui = cli.get_command(ctx, "gui")
        assert gui is not None  # registered by clipper.cli.maintenance, imported first
        ctx.invoke(gui)


#: Help of the article metadata options (``import`` and ``edit-article``), one per
#: :data:`clipper.fields.ARTICLE_FIELDS`.
META_HELP = {
    "title": "Title (default: from the file).",
    "outlet": "Publication or outlet.",
    "author": "Author.",
    "published": "Publication date, YYYY-MM-DD (or YYYY-MM, YYYY).",
    "url": "Where the article was published (https://…).",
    "language": "Language code, e.g. en.",
}
#: The option of a field when it is not ``--<field>``.
META_OPTION = {"published": "date"}


def meta_options(func: F) -> F:
    """Add --title, --outlet, … and hand the command one ``meta: ArticleMeta`` instead,
    checked with the store's rules before anything is read (``""`` is passed on: it clears
    a field in ``edit-article``)."""

    @functools.wraps(func)
    def with_meta(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(META_OPTION.get(name, name)) for name in ARTICLE_FIELDS}
        for name, value in given.items():
            if value:  # "" clears a field (edit-article)
                given[name] = value = normalise_article_field(name, value)
                problem = article_field_problem(name, value)
                if problem is not None:
                    raise InvalidField(problem)
        return func(*args, meta=ArticleMeta(**given), **kwargs)

    wrapped: Any = with_meta
    for name in reversed(ARTICLE_FIELDS):
        option = META_OPTION.get(name, name)
        wrapped = click.option(f"--{option}", help=META_HELP[name])(wrapped)
    return wrapped  # type: ignore[no-any-return]

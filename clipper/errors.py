"""Expected errors: each carries a message fit to show a user as it is.

Messages are front-end neutral: they say what is wrong and what to do in words that hold
for the command line and the app alike. Where the remedy is a front end's own control (a
command-line option, a dialog), the error carries a :class:`Hint` and each front end adds
its advice in one place (``clipper.cli.advice``, ``clipper.gui.advice``).

Every :class:`ClipperError` has a class-level ``code`` (snake_case, stable: the CLI prints
it with ``--json``) and survives :mod:`pickle` with all its attributes (worker processes
send errors back). :class:`Cancelled` is not a ClipperError: a cancel is not a failure.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar


class Hint(enum.Enum):
    """A remedy that each front end words its own way (an option, a dialog …)."""

    #: Import the same text again although it is stored already.
    FORCE = "force"
    #: Give the password of an encrypted PDF.
    PASSWORD = "password"
    #: Choose the text encoding instead of letting Clipper detect it.
    ENCODING = "encoding"
    #: Let Clipper recognise a scanned PDF's text with OCR.
    OCR = "ocr"
    #: Choose another OCR language.
    OCR_LANGUAGE = "ocr_language"
    #: Choose the export format explicitly.
    FORMAT = "format"
    #: Create a database (by importing into it) or choose another one.
    DATABASE = "database"
    #: Merge only Clipper JSON exports; import other files as articles.
    JSON_EXPORT = "json_export"
    #: Restore the database from a backup.
    RESTORE = "restore"


def _restore(cls: type[ClipperError], state: dict[str, Any]) -> ClipperError:
    """Unpickle an error without calling its ``__init__`` (whose signature varies)."""
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error


class ClipperError(Exception):
    """Base class of every error a user can cause and should be told about."""

    #: Stable, unique, snake_case identifier of the kind of error.
    code: ClassVar[str] = "error"
    #: The remedy a front end adds advice for (``None``: the message says it all).
    hint: Hint | None = None
    #: A value for the advice, e.g. the encoding to try (``--encoding cp1250``).
    suggestion: str | None = None

    def __init__(
        self, message: str, *, hint: Hint | None = None, suggestion: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        if suggestion is not None:
            self.suggestion = suggestion

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), dict(self.__dict__))

    def to_dict(self) -> dict[str, Any]:
        """``{"error": code, "message": …}`` (the CLI's ``--json`` error object)."""
        return {"error": self.code, "message": self.message}


class InvalidValue(ClipperError):
    """A value (a name, a path, an option) that Clipper cannot accept."""

    code = "invalid_value"


class NotFound(ClipperError):
    """An id that names no article, annotation or tag."""

    code = "not_found"


class InvalidSpan(ClipperError):
    """Offsets that do not select a non-empty part of the article text."""

    code = "invalid_span"


class UnknownTag(ClipperError):
    """A tag name that is not defined in the database."""

    code = "unknown_tag"


class DuplicateAnnotation(ClipperError):
    """The same span is already tagged with the same tag."""

    code = "duplicate_annotation"


class DuplicateArticle(ClipperError):
    """The same text was imported before (same content hash)."""

    code = "duplicate_article"
    hint = Hint.FORCE

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class ImportFailed(ClipperError):
    """A file could not be turned into an article (empty, binary, damaged …)."""

    code = "import_failed"


class PasswordRequired(ImportFailed):
    """An encrypted PDF needs a password (none, or a wrong one, was given)."""

    code = "password_required"
    hint = Hint.PASSWORD

    def __init__(self, message: str, *, wrong_password: bool = False) -> None:
        super().__init__(message)
        self.wrong_password = wrong_password


class InputTooLarge(ImportFailed):
    """A file exceeds one of Clipper's input limits (:mod:`clipper.importers.limits`)."""

    code = "input_too_large"


class FetchFailed(ImportFailed):
    """A web page could not be fetched (offline, no such host, an HTTP error, a timeout,
    not a web page); nothing was stored."""

    code = "fetch_failed"


class NeedsOcr(ImportFailed):
    """A PDF has no text layer: it is a scan and needs OCR first."""

    code = "needs_ocr"


class InvalidExport(ClipperError):
    """A file given to merge annotations from is not a Clipper JSON export."""

    code = "invalid_export"


class NoDatabase(ClipperError):
    """A command that only reads was given a database file that does not exist."""

    code = "no_database"
    hint = Hint.DATABASE

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class DatabaseError(ClipperError):
    """The database cannot be opened, read or written (full disk, read-only, damaged,
    another program's file …); nothing was changed."""

    code = "database_error"


class Cancelled(Exception):
    """The user cancelled a long operation. Not a :class:`ClipperError`: code that reports
    failures (``except ClipperError``) lets a cancel pass through on its own."""

    code: ClassVar[str] = "cancelled"

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Notice(str):
    """A warning's text (front-end neutral) with the :class:`Hint` a front end turns into
    advice; it is a ``str``, so code that only shows warnings needs nothing else."""

    hint: Hint | None
    suggestion: str | None

    def __new__(cls, text: str, hint: Hint | None = None, suggestion: str | None = None) -> Notice:
        notice = super().__new__(cls, text)
        notice.hint = hint
        notice.suggestion = suggestion
        return notice

    def __reduce__(self) -> tuple[Any, ...]:
        return Notice, (str(self), self.hint, self.suggestion)


def hint_of(item: object) -> tuple[Hint | None, str | None]:
    """The hint and suggestion of an error or a warning (``(None, None)`` for plain text)."""
    return getattr(item, "hint", None), getattr(item, "suggestion", None)


def append_advice(text: str, advice: str | None) -> str:
    """``text`` followed by a front end's ``advice`` (a clause starting in lower case): as
    a new sentence after a full stop, else after a semicolon."""
    if not advice:
        return text
    stripped = text.rstrip()
    if stripped.endswith("."):
        return f"{stripped} {advice[0].upper()}{advice[1:]}."
    return f"{stripped}; {advice}"


class InvalidField(InvalidValue):
    """A value that breaks one of the field rules of :mod:`clipper.fields` (a tag name,
    label, colour or key, an article's title, date, URL or language …); nothing was saved."""

    code = "invalid_field"


class KeyInUse(InvalidField):
    """A tag key that another tag uses already (``Q`` and ``q`` are one key)."""

    code = "key_in_use"


class TagExists(InvalidField):
    """A new tag's name is taken by another tag."""

    code = "tag_exists"


class ServerError(ClipperError):
    """The team server (PostgreSQL, issue 17) failed or refused a request; nothing was
    changed on it."""

    code = "server_error"


class TeamExtraMissing(ServerError):
    """The PostgreSQL driver (psycopg, the ``team`` extra) is not installed."""

    code = "team_extra_missing"


class ServerUnreachable(ServerError):
    """The team server cannot be reached (wrong address, not running, no network)."""

    code = "server_unreachable"


class ServerAuthFailed(ServerError):
    """The team server refused the login (wrong user or password, no such login)."""

    code = "server_auth_failed"


class ServerSchemaMismatch(ServerError):
    """The team database has no Clipper schema yet, an older one, or a newer one."""

    code = "server_schema_mismatch"


class ServerPermissionDenied(ServerError):
    """The team server's roles or row-level security refused a change (a coder writing
    another coder's annotation, an analyst writing anything …)."""

    code = "server_permission_denied"

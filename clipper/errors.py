"""Expected errors: each carries a message fit to show a user as it is."""

from __future__ import annotations


class ClipperError(Exception):
    """Base class of every error a user can cause and should be told about."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(ClipperError):
    """An id that names no article, annotation or tag."""


class InvalidSpan(ClipperError):
    """Offsets that do not select a non-empty part of the article text."""


class UnknownTag(ClipperError):
    """A tag name that is not defined in the database."""


class DuplicateAnnotation(ClipperError):
    """The same span is already tagged with the same tag."""


class DuplicateArticle(ClipperError):
    """The same text was imported before (same content hash)."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class ImportFailed(ClipperError):
    """A file could not be turned into an article (empty, binary, damaged …)."""


class PasswordRequired(ImportFailed):
    """An encrypted PDF needs a password (none, or a wrong one, was given)."""

    def __init__(self, message: str, *, wrong_password: bool = False) -> None:
        super().__init__(message)
        self.wrong_password = wrong_password


class InputTooLarge(ImportFailed):
    """A file exceeds one of Clipper's input limits (:mod:`clipper.importers.limits`)."""


class NeedsOcr(ImportFailed):
    """A PDF has no text layer: it is a scan and needs OCR first."""


class Cancelled(ClipperError):
    """The user cancelled a long operation; nothing was written."""


class InvalidExport(ClipperError):
    """A file given to ``import-annotations`` is not a Clipper JSON export."""


class NoDatabase(ClipperError):
    """A command that only reads was given a database file that does not exist."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class DatabaseError(ClipperError):
    """The database cannot be opened, read or written (full disk, read-only, damaged,
    another program's file …); nothing was changed."""


class InvalidField(ClipperError):
    """A value that breaks one of the field rules of :mod:`clipper.fields` (a tag name,
    label, colour or key, an article's title, date, URL or language …); nothing was saved."""

    code = "invalid_field"


class KeyInUse(InvalidField):
    """A tag key that another tag uses already (``Q`` and ``q`` are one key)."""

    code = "key_in_use"


class TagExists(InvalidField):
    """A new tag's name is taken by another tag."""

    code = "tag_exists"

"""Connecting to the team server (PostgreSQL, through psycopg 3), and its errors in words.

psycopg is optional (``pip install "clipper[team]"``): it is imported only when a connection
is made, so ``import clipper`` and every command that does not talk to a server work without
it. The URL is a libpq connection string (``postgresql://user@host:5432/db`` or
``host=… dbname=…``). TLS: ``sslmode=prefer`` unless the URL chooses (TLS whenever the server
offers it; ``?sslmode=verify-full`` to insist and check the certificate). Passwords: Clipper
never writes one to disk; it uses, in this order, the one in the URL, the one kept in the
system keyring by :func:`remember_password` (when the optional ``keyring`` package is
installed), else libpq's own ``~/.pgpass`` or service file (``PGPASSFILE``, ``PGSERVICE``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from clipper.errors import (
    ClipperError,
    NotFound,
    ServerAuthFailed,
    ServerError,
    ServerPermissionDenied,
    ServerUnreachable,
    TeamExtraMissing,
)

if TYPE_CHECKING:
    import psycopg

#: The keyring "service" under which :func:`remember_password` keeps passwords.
KEYRING_SERVICE = "clipper-team-server"
#: Seconds to wait for the server to answer a connection (unless the URL says).
CONNECT_TIMEOUT_SECONDS = 15
#: How to add the driver (said by every error about it).
INSTALL_HINT = 'pip install "clipper[team]"'

#: SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_AUTH_STATES = {"28000", "28P01"}
_PERMISSION_STATES = {"42501"}


def driver() -> Any:
    """The psycopg module, or :class:`TeamExtraMissing` saying how to install it."""
    try:
        return importlib.import_module("psycopg")
    except ImportError as error:
        raise TeamExtraMissing(
            "working with a team server needs the PostgreSQL driver psycopg, which is not "
            f"installed; install it with: {INSTALL_HINT}"
        ) from error


def connection_parameters(url: str) -> dict[str, str]:
    """The libpq parameters of ``url`` as given (``ServerError`` if it cannot be parsed)."""
    psycopg = driver()
    try:
        params: dict[str, Any] = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise ServerError(
            f"{url!r} is not a PostgreSQL address; give one like "
            "postgresql://user@host:5432/database"
        ) from error
    return {key: str(value) for key, value in params.items()}


def describe(url: str) -> str:
    """``user@host:port/database`` of ``url`` without its password (fit for messages)."""
    try:
        params = connection_parameters(url)
    except ClipperError:
        return "the team server"
    host = params.get("host") or params.get("hostaddr") or "localhost"
    port = f":{params['port']}" if params.get("port") else ""
    user = f"{params['user']}@" if params.get("user") else ""
    database = params.get("dbname", "")
    return f"{user}{host}{port}/{database}"


def _keyring_key(params: dict[str, str]) -> str:
    host = params.get("host") or params.get("hostaddr") or "localhost"
    user, port, database = params.get("user", ""), params.get("port", "5432"), params.get("dbname")
    return f"{user}@{host}:{port}/{database or ''}"


def _keyring() -> Any | None:
    try:
        return importlib.import_module("keyring")
    except ImportError:
        return None


def keyring_password(url: str) -> str | None:
    """The password the system keyring keeps for ``url``'s user, host, port and database."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, _keyring_key(connection_parameters(url)))
    except Exception:  # no usable keyring back end: libpq's own files still apply
        return None
    return value if isinstance(value, str) else None


def remember_password(url: str, password: str) -> bool:
    """Keep ``password`` for ``url`` in the system keyring; False when there is no keyring
    (then use ``~/.pgpass``: Clipper never writes a password to a file itself)."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_key(connection_parameters(url)), password)
    except Exception:
        return False
    return True


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    """A connection to the team server at ``url`` (see the module docstring for TLS and
    passwords); :class:`ServerUnreachable`, :class:`ServerAuthFailed` or
    :class:`TeamExtraMissing` in plain words when that fails."""
    pg = driver()
    params = connection_parameters(url)
    extra: dict[str, Any] = {"application_name": "clipper"}
    if "sslmode" not in params:
        extra["sslmode"] = "prefer"
    if "connect_timeout" not in params:
        extra["connect_timeout"] = str(CONNECT_TIMEOUT_SECONDS)
    if "password" not in params:
        secret = keyring_password(url)
        if secret is not None:
            extra["password"] = secret
    try:
        conn: psycopg.Connection[Any] = pg.connect(url, autocommit=autocommit, **extra)
    except pg.Error as error:
        raise connection_error(url, error) from error
    return conn


def _first_line(error: BaseException) -> str:
    """libpq's own words: the first line, without psycopg's "connection failed:" prefix."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    for prefix in ("connection failed: ", "connection is bad: "):
        text = text.removeprefix(prefix)
    return text


def connection_error(url: str, error: Exception) -> ClipperError:
    """A failed connection in words: unreachable, or login refused."""
    where = describe(url)
    state = getattr(error, "sqlstate", None)
    text = str(error)
    if state in _AUTH_STATES or "authentication failed" in text or "no password" in text:
        return ServerAuthFailed(
            f"the team server at {where} refused the login ({_first_line(error)}); check the "
            "user name and password (in the URL, the system keyring or ~/.pgpass)"
        )
    if state == "3D000" or "does not exist" in text:
        return NotFound(
            f"the team server at {where} says: {_first_line(error)}; check the URL (the "
            "database is created with createdb, then set up with clipper server init)"
        )
    return ServerUnreachable(
        f"cannot reach the team server at {where} ({_first_line(error)}); check the address "
        "and port, that PostgreSQL is running there, and the network"
    )


def statement_error(url: str, error: Exception) -> ServerError:
    """A refused or failed statement in words (permission and row-level security first)."""
    where = describe(url)
    state = getattr(error, "sqlstate", None)
    if state in _PERMISSION_STATES:
        return ServerPermissionDenied(
            f"the team server at {where} refused this for your login: {_first_line(error)} "
            "(your role may not do it; ask the team's lead)"
        )
    if state is not None and state.startswith("08"):
        return ServerUnreachable(
            f"lost the connection to the team server at {where} ({_first_line(error)}); "
            "nothing was changed, try again"
        )
    return ServerError(f"the team server at {where} failed: {_first_line(error)}")


@contextmanager
def server_errors(url: str) -> Iterator[None]:
    """Turn psycopg's errors raised inside into :class:`ServerError` s in words."""
    pg = driver()
    try:
        yield
    except pg.OperationalError as error:
        if getattr(error, "sqlstate", None) is None:
            raise connection_error(url, error) from error
        raise statement_error(url, error) from error
    except pg.Error as error:
        raise statement_error(url, error) from error


@contextmanager
def open_server(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection for the ``with`` block, its psycopg errors in words; committed when the
    block ends normally, rolled back otherwise, closed either way."""
    conn = connect(url)
    try:
        with server_errors(url), conn.transaction():
            yield conn
    finally:
        conn.close()

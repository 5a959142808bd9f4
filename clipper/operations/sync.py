"""Sync a local database with a team server (PostgreSQL): push local changes, then pull
everyone else's (see :mod:`clipper.store.sync` and :mod:`clipper.store.postgres.sync_queries`).

Each side is one transaction: the push commits on the server, then the push cursor is
recorded locally; the pull's rows and its cursor are stored in one SQLite transaction.
A sync interrupted anywhere (a lost network, a killed process, Cancel) leaves both
databases consistent; the next sync sends what the server did not get (re-sending a row
the server has changes nothing: upserts by uuid) and pulls what was not stored.

The conflict rule (:func:`clipper.store.sync.later_wins`): only article metadata and tags
can be edited by two people (each coder owns their annotations); the later edit wins, and
at the same instant the coder name that sorts last. Every conflict is reported.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from clipper.errors import Cancelled, NotFound, ServerUnreachable
from clipper.store.sync import Assignment, Conflict

if TYPE_CHECKING:
    from clipper.store import Store

#: What to install for team work (the message says it; one place).
DRIVER_ADVICE = (
    'syncing with a team server needs the PostgreSQL driver psycopg: pip install "clipper[team]"'
)
#: What an unreachable server means for the user's work.
OFFLINE_NOTE = (
    "Nothing was lost: keep working, your changes stay in this database and the next sync "
    "sends them"
)
#: Test hook: the sync stops (sleeps) at this point, so a test can kill it there.
PAUSE_ENV = "CLIPPER_SYNC_PAUSE_AT"
#: The points :data:`PAUSE_ENV` may name, in the order a sync reaches them.
PAUSE_POINTS = ("push-uploaded", "push-committed", "pull-applied")

#: Settings (per database): the team server's address without password, and the
#: automatic sync interval in minutes.
SERVER_SETTING = "team_server"
AUTO_SYNC_SETTING = "team_sync_minutes"
#: ``progress(stage, done, total)``: "push", "pull" or "apply".
SyncProgress = Callable[[str, int, int], None]


def driver_available() -> bool:
    """Is psycopg (the ``team`` extra) installed?"""
    try:
        importlib.import_module("psycopg")
    except ImportError:
        return False
    return True


def server_key(url: str) -> str:
    """``url`` without its password (how a server is named in the database and shown)."""
    url = url.strip()
    if "://" in url:
        parts = urlsplit(url)
        if parts.password is not None:
            host = parts.hostname or ""
            if parts.port:
                host += f":{parts.port}"
            user = f"{parts.username}@" if parts.username else ""
            parts = parts._replace(netloc=user + host)
        return urlunsplit(parts)
    return re.sub(r"\bpassword\s*=\s*('[^']*'|\S+)\s*", "", url).strip()


@dataclass(slots=True)
class SyncReport:
    """What one sync did."""

    server: str
    login: str = ""
    coder: str | None = None
    pushed: int = 0
    unchanged: int = 0
    pulled: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    #: Articles whose content or annotations the pull changed (to redraw).
    article_uuids: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "login": self.login,
            "coder": self.coder,
            "pushed": self.pushed,
            "unchanged": self.unchanged,
            "pulled": self.pulled,
            "skipped": dict(self.skipped),
            "conflicts": [c.to_dict() for c in self.conflicts],
            "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        text = f"pushed {self.pushed}, pulled {self.pulled}, conflicts {len(self.conflicts)}"
        if self.unchanged:
            text += f" ({self.unchanged} already on the server)"
        return text


def _pause(point: str) -> None:
    if os.environ.get(PAUSE_ENV) == point:
        print(f"clipper: sync paused at {point}", file=sys.stderr, flush=True)
        while True:
            time.sleep(1)


def _checkpoint(point: str, step: Callable[[str, int, int], None], count: int) -> None:
    """Before a commit: the test pause, then the last progress (and the cancel check)."""
    _pause(point)
    step("push" if point.startswith("push") else "apply", count, count)


def sync(
    store: Store,
    url: str,
    *,
    coder: str | None = None,
    progress: SyncProgress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SyncReport:
    """Push this database's changes to the server at ``url``, then pull the others'.
    ``coder``: the local coder name (used for conflicts; default: the server login's coder).
    Raises :class:`~clipper.errors.ServerError` (in words: no driver, unreachable, refused)
    or :class:`Cancelled` (then
    what was committed stays committed; nothing is half-written)."""
    from clipper.store.postgres import server_schema, sync_queries
    from clipper.store.postgres.connection import connect, server_errors

    started = time.monotonic()
    key = server_key(url)
    report = SyncReport(server=key)

    def step(stage: str, done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled("sync cancelled; what was sent or received so far is kept")
        if progress is not None:
            progress(stage, done, total)

    try:
        conn = connect(url, autocommit=True)  # each side below is one explicit transaction
    except ServerUnreachable as exc:
        raise ServerUnreachable(f"{exc.message}. {OFFLINE_NOTE}") from exc
    try:
        with server_errors(url):
            server_schema.check_schema(conn)
            who = sync_queries.login(conn)
            report.login, report.coder = who.user, who.coder_name
            me = coder or who.coder_name or who.user
            cursor = store.sync_cursor(key)
            step("push", 0, 0)
            changes = store.local_changes(cursor.pushed_seq, everything=not cursor.known)
            step("push", 0, changes.count)
            pushed = sync_queries.push(
                conn,
                changes,
                who,
                cursor,
                me,
                checkpoint=lambda: _checkpoint("push-uploaded", step, changes.count),
            )
            _pause("push-committed")
            local_only = [
                entity
                for entity, allowed in (("tag", who.write_tags), ("article", who.write_articles))
                if not allowed
            ]
            store.record_push(key, changes.last_seq, local_only=local_only)
            report.pushed, report.unchanged = pushed.rows, pushed.unchanged
            report.skipped.update(pushed.skipped)
            report.conflicts.extend(pushed.conflicts)
            step("pull", 0, 0)
            cursor = store.sync_cursor(key)
            pulled = sync_queries.pull(conn, cursor, own_xid=pushed.xid)
            step("apply", 0, pulled.rows.count)
            applied = store.apply_pull(
                key,
                pulled.rows,
                version=pulled.version,
                xmin=pulled.xmin,
                pushed_seq=cursor.pushed_seq,
                me=me,
                local_only=local_only,
                checkpoint=lambda: _checkpoint("pull-applied", step, pulled.rows.count),
            )
    finally:
        conn.close()
    report.pulled = applied.rows
    if applied.skipped:
        report.skipped["pulled rows this database cannot hold"] = applied.skipped
    report.conflicts.extend(applied.conflicts)
    report.article_uuids = applied.article_uuids
    report.seconds = time.monotonic() - started
    return report


def mark_assignment_done(store: Store, url: str, article_uuid: str, *, done: bool = True) -> bool:
    """Tell the team server that the login's assignment of ``article_uuid`` is done (or not
    done after all) and note it in the local copy; ``False``: the article is not assigned to
    this login."""
    from clipper.operations.team_server import mark_assignment_done as mark_on_server

    marked = mark_on_server(url, article_uuid, done=done)
    if marked is None:
        return False
    store.set_assignment_done(article_uuid, *marked)
    return True


def my_assignments(store: Store, coder: str | None) -> list[Assignment]:
    """The assignments pulled from the team server for ``coder`` (``None``: everyone's)."""
    return store.list_assignments(coder)


class SyncOperations:
    """The Session's part for team server sync (pulled rows are never undo steps)."""

    store: Store

    def sync_with_server(
        self,
        url: str,
        *,
        progress: SyncProgress | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """See :func:`sync`."""
        return sync(self.store, url, progress=progress, cancel=cancel)

    def sync_settings(self) -> tuple[str | None, int]:
        """The team server remembered for this database (without password) and the
        automatic sync interval in minutes (0: off)."""
        minutes = self.store.get_setting(AUTO_SYNC_SETTING) or "0"
        return self.store.get_setting(SERVER_SETTING), int(minutes) if minutes.isdigit() else 0

    def team_server(self) -> str | None:
        """The server this database syncs with (without password): the one remembered by the
        app, else the only one it has synced with; ``None`` when there is no such server."""
        remembered = self.sync_settings()[0]
        if remembered:
            return remembered
        servers = self.store.sync_servers()
        return servers[0] if len(servers) == 1 else None

    def remember_sync(self, url: str, minutes: int) -> None:
        """Remember the server (its password is dropped) and the interval."""
        self.store.set_setting(SERVER_SETTING, server_key(url))
        self.store.set_setting(AUTO_SYNC_SETTING, str(max(0, minutes)) if minutes else None)

    def my_assignments(self) -> list[Assignment]:
        """The assignments pulled from the team server (a coder receives only their own)."""
        return self.store.list_assignments()

    def mark_assignment_done(
        self, article_uuid: str, *, done: bool = True, url: str | None = None
    ) -> bool:
        """See :func:`mark_assignment_done`; ``url`` defaults to :meth:`team_server`."""
        url = url or self.team_server()
        if not url:
            raise NotFound(
                "which team server? This database has not synced with one yet, or with "
                "several: sync with the team server first, or say which server"
            )
        return mark_assignment_done(self.store, url, article_uuid, done=done)

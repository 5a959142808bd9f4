"""Setting up and running a team server (issue 17): what ``clipper server …`` does.

Each function opens one connection to the PostgreSQL database at ``url``, does its work in
one transaction (all or nothing) and closes it. Failures are :class:`~clipper.errors.
ServerError` s in words (missing driver, server unreachable, login refused, a right the
login's role lacks, an older or newer schema).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clipper.store.postgres import assignments, roles, server_schema
from clipper.store.postgres.assignments import ServerStatus
from clipper.store.postgres.connection import open_server
from clipper.store.postgres.roles import ServerCoder

__all__ = [
    "InitReport",
    "ServerCoder",
    "ServerStatus",
    "add_server_coder",
    "assign_articles",
    "init_server",
    "mark_assignment_done",
    "open_articles",
    "server_status",
]


@dataclass(frozen=True, slots=True)
class InitReport:
    """What ``init`` did: the migrations applied now (none: it was up to date) and all."""

    applied: list[str]
    schema: list[str]


def init_server(url: str) -> InitReport:
    """Create the team schema and roles on the database at ``url``, or upgrade them;
    running it again changes nothing. Needs the database's owner (or a superuser), who may
    create roles."""
    with open_server(url) as conn:
        applied = server_schema.migrate(conn)
        schema = server_schema.applied_migrations(conn) or []
    return InitReport(applied, schema)


def add_server_coder(
    url: str,
    name: str,
    *,
    role: str = "coder",
    login: str | None = None,
    password: str | None = None,
) -> ServerCoder:
    """Add coder ``name`` (or change their role): a login role and a ``coders`` row."""
    with open_server(url) as conn:
        server_schema.check_schema(conn)
        return roles.add_coder(conn, name, role=role, login=login, password=password)


def assign_articles(
    url: str, coder: str, article_uuids: Sequence[str] = (), *, all_unassigned: bool = False
) -> int:
    """Assign articles to ``coder``; how many were newly assigned."""
    with open_server(url) as conn:
        server_schema.check_schema(conn)
        return assignments.assign(conn, coder, article_uuids, all_unassigned=all_unassigned)


def open_articles(url: str, article_uuids: Sequence[str]) -> int:
    """Lift blind coding on these articles; how many were newly opened."""
    with open_server(url) as conn:
        server_schema.check_schema(conn)
        return assignments.open_articles(conn, article_uuids)


def server_status(url: str) -> ServerStatus:
    """Articles and each coder's progress, as the login of ``url`` may see them."""
    with open_server(url) as conn:
        server_schema.check_schema(conn)
        return assignments.status(conn, server_schema.applied_migrations(conn) or [])


def mark_assignment_done(
    url: str, article_uuid: str, *, done: bool = True
) -> tuple[str, str | None] | None:
    """Mark the login's own assignment of an article done (or not done after all): its coder's
    uuid and the server's ``done_at``; ``None`` when the article is not assigned to the login."""
    with open_server(url) as conn:
        server_schema.check_schema(conn)
        return assignments.mark_done(conn, article_uuid, done=done)

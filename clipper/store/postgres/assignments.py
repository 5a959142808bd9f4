"""Assignments on the team server: the lead assigns articles to coders and opens them (lifts
blind coding); progress per coder. Row-level security decides who may (see :mod:`.roles`)."""

from __future__ import annotations

import uuid as _uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from clipper.errors import InvalidValue, NotFound

from .roles import coder_named
from .sync_queries import TIME_FORMAT

if TYPE_CHECKING:
    import psycopg


@dataclass(frozen=True, slots=True)
class CoderProgress:
    """One coder's work: articles assigned, of them annotated (at least one live annotation
    of theirs) and done (``done_at`` set), and their live annotations in all."""

    name: str
    login: str | None
    role: str
    assigned: int
    annotated: int
    done: int
    annotations: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """The team server at a glance."""

    schema: list[str]
    articles: int
    opened: int
    unassigned: int
    coders: list[CoderProgress]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "articles": self.articles,
            "opened": self.opened,
            "unassigned": self.unassigned,
            "coders": [c.to_dict() for c in self.coders],
        }


def _uuids(values: Sequence[str]) -> list[str]:
    found = []
    for value in values:
        try:
            found.append(str(_uuid.UUID(value)))
        except ValueError:
            raise InvalidValue(f"{value!r} is not an article UUID") from None
    return found


def _existing(conn: psycopg.Connection[Any], uuids: list[str]) -> None:
    rows = conn.execute(
        "SELECT uuid::text FROM articles WHERE uuid = ANY(%s::uuid[]) AND NOT deleted", (uuids,)
    ).fetchall()
    missing = sorted(set(uuids) - {r[0] for r in rows})
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise NotFound(f"no article {missing[0]}{more} on the team server; nothing was changed")


def assign(
    conn: psycopg.Connection[Any],
    coder: str,
    article_uuids: Sequence[str] = (),
    *,
    all_unassigned: bool = False,
) -> int:
    """Assign articles to ``coder`` (a name or login): the UUIDs given, or with
    ``all_unassigned`` every live article nobody is assigned; how many were newly assigned
    (assigning again changes nothing). Unknown UUIDs change nothing (:class:`NotFound`)."""
    target = coder_named(conn, coder)
    if all_unassigned:
        rows = conn.execute(
            "SELECT a.uuid::text FROM articles a WHERE NOT a.deleted AND NOT EXISTS "
            "(SELECT 1 FROM assignments s WHERE s.article_uuid = a.uuid AND NOT s.deleted)"
        ).fetchall()
        uuids = [r[0] for r in rows]
    else:
        uuids = _uuids(article_uuids)
        _existing(conn, uuids)
    if not uuids:
        return 0
    cursor = conn.execute(
        "INSERT INTO assignments (article_uuid, coder_uuid) "
        "SELECT u, %s FROM unnest(%s::uuid[]) AS u "
        "ON CONFLICT (article_uuid, coder_uuid) DO UPDATE SET deleted = false, "
        "assigned_by = current_user, assigned_at = now(), done_at = NULL "
        "WHERE assignments.deleted",
        (target.uuid, uuids),
    )
    return cursor.rowcount


def open_articles(conn: psycopg.Connection[Any], article_uuids: Sequence[str]) -> int:
    """Lift blind coding on these articles: every coder may now read everyone's annotations
    on them. Their annotations and relations get new versions, so that coders' next pull
    brings the ones they could not see before. How many articles were newly opened."""
    uuids = _uuids(article_uuids)
    _existing(conn, uuids)
    cursor = conn.execute(
        "UPDATE articles SET opened = true WHERE uuid = ANY(%s::uuid[]) AND NOT opened", (uuids,)
    )
    opened = cursor.rowcount
    conn.execute(
        "UPDATE annotations SET deleted = deleted WHERE article_uuid = ANY(%s::uuid[])", (uuids,)
    )
    conn.execute(
        "UPDATE relations SET deleted = deleted WHERE from_uuid IN "
        "(SELECT uuid FROM annotations WHERE article_uuid = ANY(%s::uuid[]))",
        (uuids,),
    )
    return opened


def mark_done(
    conn: psycopg.Connection[Any], article_uuid: str, *, done: bool = True
) -> tuple[str, str | None] | None:
    """Mark the current login's assignment of ``article_uuid`` done (or not done): the
    assignment's coder and its new ``done_at`` (ISO 8601), or ``None`` when the article is not
    assigned to this login."""
    row = conn.execute(
        "UPDATE assignments SET done_at = CASE WHEN %s THEN now() END "
        "WHERE article_uuid = %s AND coder_uuid = clipper_my_coder() AND NOT deleted "
        f"RETURNING coder_uuid::text, to_char(done_at AT TIME ZONE 'UTC', '{TIME_FORMAT}')",
        (done, _uuids([article_uuid])[0]),
    ).fetchone()
    return None if row is None else (row[0], row[1])


_PROGRESS = """
SELECT k.name, k.login, k.role,
    count(s.article_uuid) AS assigned,
    count(s.article_uuid) FILTER (WHERE EXISTS (
        SELECT 1 FROM annotations n WHERE n.article_uuid = s.article_uuid
        AND n.coder_uuid = k.uuid AND NOT n.deleted)) AS annotated,
    count(s.done_at) AS done,
    (SELECT count(*) FROM annotations n WHERE n.coder_uuid = k.uuid AND NOT n.deleted)
        AS annotations
FROM coders k
LEFT JOIN assignments s ON s.coder_uuid = k.uuid AND NOT s.deleted
GROUP BY k.uuid, k.name, k.login, k.role
ORDER BY k.name
"""


def status(conn: psycopg.Connection[Any], schema: list[str]) -> ServerStatus:
    """Articles, opened, unassigned, and each coder's progress (what this login may see)."""
    row = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE opened), count(*) FILTER (WHERE NOT EXISTS "
        "(SELECT 1 FROM assignments s WHERE s.article_uuid = a.uuid AND NOT s.deleted)) "
        "FROM articles a WHERE NOT a.deleted"
    ).fetchone()
    assert row is not None
    progress = [CoderProgress(*r) for r in conn.execute(_PROGRESS).fetchall()]
    return ServerStatus(schema, row[0], row[1], row[2], progress)

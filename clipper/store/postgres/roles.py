"""Who may do what on the team server: group roles, coders' logins, row-level security.

Three group roles (NOLOGIN, shared by every database of the PostgreSQL cluster) carry the
table privileges: ``clipper_coder``, ``clipper_lead``, ``clipper_analyst``. Each coder logs in
with a LOGIN role of their own, member of one group, named in their ``coders`` row (``login``).
Row-level security is enabled AND forced on every table, and the policies decide by that
database's ``coders`` row of ``current_user`` (so a login has no rights in a team database
where it is not a coder); the owner of the schema (who ran ``clipper server init``) counts as
a lead:

- coder: reads every tag, article and coder; reads their own annotations and relations, and
  the others' only on articles the lead ``opened`` (blind coding); inserts and updates only
  annotations and relations whose ``coder_uuid`` is their own; reads their own assignments
  and may set ``done_at`` on them; never deletes (tombstones: ``deleted = true``);
- lead: reads and writes everything, and alone may delete rows;
- analyst: reads everything, writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from clipper.errors import InvalidValue, NotFound
from clipper.fields import coder_name_problem, normalise_coder_name
from clipper.model import coder_uuid

if TYPE_CHECKING:
    import psycopg

#: The roles a coder can have, each a NOLOGIN group role ``clipper_<role>``.
ROLES = ("coder", "lead", "analyst")
GROUP_ROLES = {role: f"clipper_{role}" for role in ROLES}
#: A login role's name: what PostgreSQL takes unquoted (63 bytes at most).
_LOGIN = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_SECURED_TABLES = (
    "clipper_server_migrations",
    "coders",
    "tags",
    "articles",
    "annotations",
    "relations",
    "assignments",
)

_FUNCTIONS = """
-- The role of current_user in THIS database: 'lead' for the schema's owner, else the role
-- of its coders row (NULL: no rights here). Policies call it as (SELECT …): once a
-- statement. PL/pgSQL keeps its plans for the session (a SQL function is planned per call).
CREATE FUNCTION clipper_my_role() RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c
            WHERE c.oid = 'public.clipper_server_migrations'::regclass), 'MEMBER') THEN
        RETURN 'lead';
    END IF;
    RETURN (SELECT k.role FROM public.coders k WHERE k.login = current_user);
END
$$;
-- The uuid of current_user's coders row in this database (NULL: none).
CREATE FUNCTION clipper_my_coder() RETURNS uuid LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT k.uuid FROM public.coders k WHERE k.login = current_user);
END
$$;
"""

_LEAD = "(SELECT clipper_my_role()) = 'lead'"
_READER = "(SELECT clipper_my_role()) IN ('lead', 'analyst')"
_ANYONE = "(SELECT clipper_my_role()) IS NOT NULL"
_MINE = "coder_uuid = (SELECT clipper_my_coder())"
_CODER_OWN = f"({_LEAD} OR ((SELECT clipper_my_role()) = 'coder' AND {_MINE}))"
_OPENED = "article_uuid IN (SELECT a.uuid FROM public.articles a WHERE a.opened)"
_RELATION_OPENED = (
    "from_uuid IN (SELECT n.uuid FROM public.annotations n WHERE n.article_uuid IN "
    "(SELECT a.uuid FROM public.articles a WHERE a.opened))"
)
_RELATION_OWN = (
    f"({_LEAD} OR ((SELECT clipper_my_role()) = 'coder' AND {_MINE} AND from_uuid IN "
    "(SELECT n.uuid FROM public.annotations n WHERE n.coder_uuid = (SELECT clipper_my_coder()))))"
)

#: table -> (read, insert, update) conditions; DELETE is the lead's everywhere.
_POLICIES = {
    "clipper_server_migrations": ("true", _LEAD, _LEAD),
    "coders": ("true", _LEAD, _LEAD),
    "tags": (_ANYONE, _LEAD, _LEAD),
    "articles": (_ANYONE, _LEAD, _LEAD),
    "annotations": (f"{_ANYONE} AND ({_READER} OR {_MINE} OR {_OPENED})", _CODER_OWN, _CODER_OWN),
    "relations": (
        f"{_ANYONE} AND ({_READER} OR {_MINE} OR {_RELATION_OPENED})",
        _RELATION_OWN,
        _RELATION_OWN,
    ),
    "assignments": (f"{_READER} OR ({_ANYONE} AND {_MINE})", _LEAD, f"({_LEAD} OR {_MINE})"),
}

_GRANTS = """
GRANT SELECT ON clipper_server_migrations, coders, tags, articles, annotations, relations,
    assignments TO clipper_coder, clipper_lead, clipper_analyst;
GRANT INSERT, UPDATE ON annotations, relations TO clipper_coder;
GRANT UPDATE (done_at) ON assignments TO clipper_coder;
GRANT INSERT, UPDATE, DELETE ON coders, tags, articles, annotations, relations, assignments
    TO clipper_lead;
"""


def install_security(conn: psycopg.Connection[Any]) -> None:
    """The group roles (when missing), privileges and row-level security (a migration)."""
    for group in GROUP_ROLES.values():
        # Roles are the cluster's: another database's init may create them at the same time.
        conn.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{group}') "
            f"THEN CREATE ROLE {group} NOLOGIN; END IF; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
    conn.execute(_FUNCTIONS)
    conn.execute(_GRANTS)
    for table in _SECURED_TABLES:
        read, insert, update = _POLICIES[table]
        conn.execute(
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;"
            f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"
            f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({read});"
            f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK ({insert});"
            f"CREATE POLICY {table}_update ON {table} FOR UPDATE USING ({update}) "
            f"WITH CHECK ({update});"
            f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({_LEAD});"
        )


@dataclass(frozen=True, slots=True)
class ServerCoder:
    """A coder on the team server."""

    uuid: str
    name: str
    login: str | None
    role: str
    created_at: datetime


def default_login(name: str) -> str:
    """The login role proposed for coder ``name``: lower case, ``_`` for the rest."""
    login = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:63]
    if login and login[0].isdigit():
        login = f"c_{login}"[:63]
    return login


def login_problem(login: str) -> str | None:
    """What is wrong with ``login`` as a coder's PostgreSQL login (``None``: nothing)."""
    if not _LOGIN.fullmatch(login):
        return (
            f"{login!r} is not a login name: use 1 to 63 lower-case letters, digits and _, "
            "not starting with a digit"
        )
    if login.startswith("pg_") or login in GROUP_ROLES.values():
        return f"{login!r} is reserved; choose another login name"
    return None


def add_coder(
    conn: psycopg.Connection[Any],
    name: str,
    *,
    role: str = "coder",
    login: str | None = None,
    password: str | None = None,
) -> ServerCoder:
    """Make (or update) coder ``name`` with ``role``: their LOGIN role (created if missing,
    put in the role's group and out of the others; ``password`` set when given, sent to
    the server only as a SCRAM verifier) and their ``coders`` row (uuid as the local one's).
    Needs a connection allowed to create roles (the administrator's)."""
    from psycopg import sql

    name = normalise_coder_name(name)
    problem = coder_name_problem(name)
    if problem is not None:
        raise InvalidValue(problem)
    if role not in ROLES:
        raise InvalidValue(f"{role!r} is not a role; choose one of {', '.join(ROLES)}")
    login = default_login(name) if login is None else login
    problem = login_problem(login)
    if problem is not None:
        raise InvalidValue(problem)
    taken = conn.execute(
        "SELECT name FROM coders WHERE login = %s AND name <> %s", (login, name)
    ).fetchone()
    if taken is not None:
        raise InvalidValue(f"the login {login!r} is coder {taken[0]!r}'s; choose another")
    ident = sql.Identifier(login)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
    if exists is None:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
    for other, group in GROUP_ROLES.items():
        if other != role:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), ident))
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUP_ROLES[role]), ident))
    if password:
        verifier = conn.pgconn.encrypt_password(
            password.encode(), login.encode(), b"scram-sha-256"
        ).decode("ascii")
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(verifier)))
    row = conn.execute(
        "INSERT INTO coders (uuid, name, login, role) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (name) DO UPDATE SET login = excluded.login, role = excluded.role "
        "RETURNING uuid, name, login, role, created_at",
        (coder_uuid(name), name, login, role),
    ).fetchone()
    assert row is not None
    return ServerCoder(str(row[0]), row[1], row[2], row[3], row[4])


def coders(conn: psycopg.Connection[Any]) -> list[ServerCoder]:
    """Every coder on the server, by name."""
    rows = conn.execute(
        "SELECT uuid, name, login, role, created_at FROM coders ORDER BY name"
    ).fetchall()
    return [ServerCoder(str(r[0]), r[1], r[2], r[3], r[4]) for r in rows]


def coder_named(conn: psycopg.Connection[Any], name: str) -> ServerCoder:
    """Coder ``name`` (or the coder whose login it is), else :class:`NotFound`."""
    for coder in coders(conn):
        if name in (coder.name, coder.login):
            return coder
    raise NotFound(f"no coder {name!r} on the team server; add one with clipper server add-coder")

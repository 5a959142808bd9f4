"""The team server (PostgreSQL): set it up, add coders, assign and open articles, progress.

URL is a PostgreSQL address (``postgresql://user@host:5432/database``); its password, when
one is needed, comes from the URL, the system keyring or ``~/.pgpass`` (never asked to be
written to a file by Clipper). Needs the ``team`` extra: ``pip install "clipper[team]"``.
"""

from __future__ import annotations

import json

import click

from clipper.cli.base import ClipperGroup, cli, json_option
from clipper.operations import team_server
from clipper.store.postgres.connection import describe
from clipper.store.postgres.roles import ROLES


@cli.group("server", cls=ClipperGroup)
def server_command() -> None:
    """Set up and run a team server (PostgreSQL) that coders sync with.

    Example: clipper server init postgresql://admin@db.example.org/newsroom
    """


@server_command.command("init")
@click.argument("url")
def server_init_command(url: str) -> None:
    """Create the team schema and roles in an existing, empty PostgreSQL database, or
    upgrade them; running it again changes nothing. Run it as the database's owner (or a
    superuser) who may create roles.

    Example: clipper server init postgresql://admin@db.example.org/newsroom
    """
    report = team_server.init_server(url)
    where = describe(url)
    if report.applied:
        click.echo(f"set up the team database at {where}: {', '.join(report.applied)}")
    else:
        click.echo(f"the team database at {where} is up to date ({len(report.schema)} migrations)")


@server_command.command("add-coder")
@click.argument("url")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="coder",
    show_default=True,
    help="coder: writes only their own annotations; lead: everything; analyst: reads only.",
)
@click.option("--login", help="Their PostgreSQL login (default: from the name, e.g. alice_smith).")
@click.option(
    "--password-prompt",
    is_flag=True,
    help="Ask for the login's password (sent to the server only as a SCRAM hash).",
)
def server_add_coder_command(
    url: str, name: str, role: str, login: str | None, password_prompt: bool
) -> None:
    """Add a coder (or change their role): a PostgreSQL login role in the role's group and a
    coder of that name. Without --password-prompt the login has no password (for socket,
    peer or certificate authentication). Needs the administrator's URL.

    Example: clipper server add-coder postgresql:///newsroom "Alice Smith" --password-prompt
    """
    password = None
    if password_prompt:
        password = click.prompt(
            "Password for the new login", hide_input=True, confirmation_prompt=True
        )
    coder = team_server.add_server_coder(url, name, role=role, login=login, password=password)
    click.echo(f"{coder.name}\t{coder.login}\t{coder.role}\t{coder.uuid}")


@server_command.command("assign")
@click.argument("url")
@click.argument("articles", nargs=-1)
@click.option("--coder", required=True, help="The coder's name (or login).")
@click.option("--all-unassigned", is_flag=True, help="Assign every article nobody is assigned yet.")
def server_assign_command(
    url: str, articles: tuple[str, ...], coder: str, all_unassigned: bool
) -> None:
    """Assign articles (by UUID) to a coder; assigning again changes nothing.

    Example: clipper server assign postgresql:///newsroom --coder alice --all-unassigned
    """
    if bool(articles) == all_unassigned:
        raise click.UsageError("give article UUIDs or --all-unassigned (one of the two)")
    count = team_server.assign_articles(url, coder, articles, all_unassigned=all_unassigned)
    click.echo(f"assigned {count} article{'s' if count != 1 else ''} to {coder}")


@server_command.command("open")
@click.argument("url")
@click.argument("articles", nargs=-1, required=True)
def server_open_command(url: str, articles: tuple[str, ...]) -> None:
    """Lift blind coding on articles (by UUID): every coder may then see (and pull) the
    others' annotations on them.

    Example: clipper server open postgresql://lead@db.example.org/newsroom 6f1c…
    """
    count = team_server.open_articles(url, articles)
    click.echo(f"opened {count} article{'s' if count != 1 else ''}")


@server_command.command("status")
@click.argument("url")
@json_option("One JSON object: articles, opened, unassigned and each coder's progress.")
def server_status_command(url: str, as_json: bool) -> None:
    """Articles on the server and, per coder: assigned, annotated (of those), done, and
    annotations in all (what your login may see).

    Example: clipper server status postgresql://lead@db.example.org/newsroom
    """
    status = team_server.server_status(url)
    if as_json:
        click.echo(json.dumps(status.to_dict(), ensure_ascii=False))
        return
    click.echo(
        f"articles {status.articles} (opened {status.opened}, unassigned {status.unassigned})"
    )
    click.echo("coder\trole\tassigned\tannotated\tdone\tannotations")
    for c in status.coders:
        click.echo(f"{c.name}\t{c.role}\t{c.assigned}\t{c.annotated}\t{c.done}\t{c.annotations}")

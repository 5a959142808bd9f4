"""Coders: who made each annotation."""

from __future__ import annotations

import click

from clipper.cli.base import ClipperGroup, Context, cli, pass_context


@cli.group("coders", cls=ClipperGroup, invoke_without_command=True)
@click.pass_context
def coders_command(ctx: click.Context) -> None:
    """List coders (name, uuid), or add one with "coders add". `annotate --coder NAME`
    (or $CLIPPER_CODER) records who codes; a new name is added on first use.

    Example: clipper coders
    """
    if ctx.invoked_subcommand is None:
        for coder in ctx.find_object(Context).session().list_coders():  # type: ignore[union-attr]
            click.echo(f"{coder.name}\t{coder.uuid}")


@coders_command.command("add")
@click.argument("name")
@pass_context
def coders_add_command(ctx: Context, name: str) -> None:
    """Add a coder (an existing name is left as it is).

    Example: clipper coders add bob
    """
    session = ctx.session()
    session.add_coder(name)
    wanted = name.strip()
    for coder in session.list_coders():
        if coder.name == wanted:
            click.echo(f"{coder.name}\t{coder.uuid}")

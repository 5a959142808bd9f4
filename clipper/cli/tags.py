"""Tags: list, add, rename, delete, merge."""

from __future__ import annotations

import click

from clipper.cli.base import ClipperGroup, Context, cli, pass_context
from clipper.model import Tag


def _echo_tag(tag: Tag) -> None:
    click.echo(f"{tag.name}\t{tag.label}\t{tag.colour}\t{tag.shortcut or ''}")


@cli.group("tags", cls=ClipperGroup, invoke_without_command=True)
@click.pass_context
def tags_command(ctx: click.Context) -> None:
    """List tags (name, label, colour, key), or change them with a subcommand.

    Example: clipper tags
    """
    if ctx.invoked_subcommand is None:
        for tag in ctx.find_object(Context).session().list_tags():  # type: ignore[union-attr]
            _echo_tag(tag)


@tags_command.command("add")
@click.argument("name")
@click.option("--label", help="Label shown in the app (default: the name).")
@click.option("--colour", default="#8e7dbe", show_default=True, help="Highlight colour.")
@click.option("--key", help="One-key shortcut in the app, e.g. 5.")
@pass_context
def tags_add_command(
    ctx: Context, name: str, label: str | None, colour: str, key: str | None
) -> None:
    """Define a new tag.

    Example: clipper tags add source --label "Named source" --key 5
    """
    session = ctx.session(create=True)
    session.add_tag(name, label, colour, key)
    _echo_tag(session.get_tag(name.strip().lower()))


@tags_command.command("rename")
@click.argument("old")
@click.argument("new")
@pass_context
def tags_rename_command(ctx: Context, old: str, new: str) -> None:
    """Rename a user tag; its annotations keep it (and its identity stays).

    Example: clipper tags rename source named-source
    """
    ctx.session().rename_tag(old, new)
    click.echo(f"renamed the tag {old} to {new.strip().lower()}", err=True)


@tags_command.command("delete")
@click.argument("name")
@click.option("--force", is_flag=True, help="Also delete the tag's annotations.")
@pass_context
def tags_delete_command(ctx: Context, name: str, force: bool) -> None:
    """Delete a user tag. A tag in use is refused unless --force (which deletes its
    annotations too) — or merge it into another tag instead.

    Example: clipper tags delete source --force
    """
    changes = ctx.session().delete_tag(name, delete_annotations=force)
    gone = len(changes.annotations_removed)
    click.echo(f"deleted the tag {name}" + (f" and {gone} annotation(s)" if gone else ""), err=True)


@tags_command.command("merge")
@click.argument("source")
@click.argument("target")
@pass_context
def tags_merge_command(ctx: Context, source: str, target: str) -> None:
    """Move SOURCE's annotations to TARGET and delete SOURCE (a span TARGET already tags
    for the same coder is not doubled).

    Example: clipper tags merge source person
    """
    changes = ctx.session().merge_tags(source, target)
    dropped = len(changes.annotations_removed)
    click.echo(
        f"merged the tag {source} into {target}"
        + (f"; {dropped} duplicate annotation(s) dropped" if dropped else ""),
        err=True,
    )

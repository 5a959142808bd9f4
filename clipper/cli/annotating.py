"""Annotating: add, edit, delete and relate annotations."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from clipper.attribute_values import parse_assignment
from clipper.cli.base import Context, cli, fail, json_option, pass_context
from clipper.cli.reading import echo_annotation
from clipper.model import STATUSES, AttributeValue, find_tag
from clipper.operations import Session
from clipper.spans import find_occurrence

F = TypeVar("F", bound=Callable[..., Any])


def _attr_option(help_text: str) -> Callable[[F], F]:
    return click.option("--attr", "attrs", multiple=True, metavar="KEY=VALUE", help=help_text)


def _attributes(attrs: tuple[str, ...]) -> dict[str, AttributeValue | None]:
    return dict(parse_assignment(a) for a in attrs)


def _tag_name(session: Session, given: str) -> str:
    """The tag a person means (name, label or key); unknown: the store names the known."""
    found = find_tag(session.list_tags(), given)
    return found.name if found is not None else given


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        fail(f"{what} must be a whole number, not {value[:40]!r}")


# Negative numbers are offsets (then refused with the span rule), not unknown options.
@cli.command("annotate", context_settings={"ignore_unknown_options": True})
@click.argument("article_id", type=int)
@click.argument("span_and_tag", nargs=-1, required=True, metavar="[START END] TAG")
@click.option("--note", default="", help="A note to keep with the annotation.")
@click.option("--coder", help="Who codes (default: $CLIPPER_CODER, else the default coder).")
@_attr_option("An attribute, e.g. speaker=Ann or value=53000000000 (repeatable).")
@click.option("--match", "match", help="Tag this exact text of the article instead of START END.")
@click.option(
    "--occurrence",
    type=int,
    default=1,
    show_default=True,
    help="With --match: tag the Nth occurrence.",
)
@json_option("Print the annotation as JSON.")
@pass_context
def annotate_command(
    ctx: Context,
    article_id: int,
    span_and_tag: tuple[str, ...],
    note: str,
    coder: str | None,
    attrs: tuple[str, ...],
    match: str | None,
    occurrence: int,
    as_json: bool,
) -> None:
    """Tag characters START to END (code points, end exclusive) of an article, or the
    text given with --match (its first occurrence, or the Nth with --occurrence). TAG is a
    tag's name, label or key (quote, Quote or 2).

    Example: clipper annotate 3 figure --match "$53 billion" --attr value=53000000000
    """
    attributes = _attributes(attrs)
    if None in attributes.values():
        fail("--attr needs a value (KEY=VALUE)")
    session = ctx.session(coder=coder)
    if match is not None:
        if len(span_and_tag) != 1:
            fail("with --match, give the article and the tag only: ARTICLE_ID TAG --match TEXT")
        (tag,) = span_and_tag
        start, end = find_occurrence(session.get_article(article_id).text, match, occurrence)
    else:
        if occurrence != 1:
            fail("--occurrence goes with --match TEXT")
        if len(span_and_tag) != 3:
            fail("give START END TAG, or TAG with --match TEXT")
        start, end = _int(span_and_tag[0], "START"), _int(span_and_tag[1], "END")
        tag = span_and_tag[2]
    changes = session.add_annotation(
        article_id,
        start,
        end,
        _tag_name(session, tag),
        note,
        attributes={k: v for k, v in attributes.items() if v is not None} or None,
    )
    if changes.annotations_updated and not as_json:
        click.echo("A suggestion waited on that span with that tag: accepted it.", err=True)
    echo_annotation((changes.annotations_added or changes.annotations_updated)[0], as_json)


@cli.command("edit-annotation")
@click.argument("annotation_id", type=int)
@click.option("--tag", help="The new tag (name, label or key).")
@click.option("--note", help='The new note ("" removes it).')
@_attr_option("Set an attribute; KEY= removes it (repeatable).")
@click.option("--status", type=click.Choice(STATUSES), help="Pending, accepted or rejected.")
@json_option("Print the annotation as JSON.")
@pass_context
def edit_annotation_command(
    ctx: Context,
    annotation_id: int,
    tag: str | None,
    note: str | None,
    attrs: tuple[str, ...],
    status: str | None,
    as_json: bool,
) -> None:
    """Change an annotation's tag, note, attributes or status.

    Example: clipper edit-annotation 42 --attr unit=EUR --attr speaker= --status accepted
    """
    session = ctx.session()
    session.edit_annotation(
        annotation_id,
        tag=None if tag is None else _tag_name(session, tag),
        note=note,
        status=status,
        attributes=_attributes(attrs) or None,
    )
    echo_annotation(session.get_annotation(annotation_id), as_json)


@cli.command("delete-annotation")
@click.argument("annotation_id", type=int)
@pass_context
def delete_annotation_command(ctx: Context, annotation_id: int) -> None:
    """Delete one annotation (and its relations).

    Example: clipper delete-annotation 42
    """
    (removed,) = ctx.session().delete_annotations([annotation_id]).annotations_removed
    click.echo(f"deleted annotation {removed.id} ({removed.tag}: {removed.text!r})", err=True)


@cli.command("relate")
@click.argument("from_id", type=int)
@click.argument("to_id", type=int)
@click.argument("type")
@json_option("Print the relation as JSON.")
@pass_context
def relate_command(ctx: Context, from_id: int, to_id: int, type: str, as_json: bool) -> None:
    """Link annotation FROM_ID to TO_ID with a TYPE such as said_by (a quote said by a
    person), supported_by or contradicted_by. Deleting either annotation deletes the link.

    Prints the relation's id, from, to and type.

    Example: clipper relate 42 17 said_by
    """
    session = ctx.session()
    session.add_relation(from_id, to_id, type)
    relation = next(
        r
        for r in session.list_relations(annotation_id=from_id)
        if (r.from_id, r.to_id, r.type) == (from_id, to_id, type)
    )
    if as_json:
        record = {"id": relation.id, "uuid": relation.uuid, "from_id": from_id, "to_id": to_id}
        click.echo(json.dumps(record | {"type": type}, ensure_ascii=False))
    else:
        click.echo(f"{relation.id}\t{from_id}\t{to_id}\t{type}")


@cli.command("unrelate")
@click.argument("relation_id", type=int)
@pass_context
def unrelate_command(ctx: Context, relation_id: int) -> None:
    """Remove a link made with "relate" (its id: `clipper annotations --json`).

    Example: clipper unrelate 5
    """
    ctx.session().delete_relation(relation_id)
    click.echo(f"deleted relation {relation_id}", err=True)

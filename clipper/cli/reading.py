"""Reading: articles, an article's text, annotations (with coders, attributes, relations)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from typing import Any

import click

from clipper.cli.base import Context, cli, json_option, pass_context
from clipper.cli.corpus import chosen_statuses
from clipper.corpus.kwic import one_line
from clipper.corpus_query import AnnotationFilter
from clipper.model import STATUSES, Annotation, Relation
from clipper.operations import Session
from clipper.verdicts import rating_labels


@cli.command("articles")
@click.option("--search", help="Full-text search over titles and texts.")
@click.option("--tag", "tags", multiple=True, help="Only articles with annotations of this tag.")
@json_option("JSON Lines: one JSON object per article.")
@pass_context
def articles_command(
    ctx: Context, search: str | None, tags: tuple[str, ...], as_json: bool
) -> None:
    """List the stored articles, newest first.

    Example: clipper articles --search "crane" --json
    """
    for summary in ctx.session().list_articles(search=search, tags=list(tags) or None):
        if as_json:
            record = {
                "id": summary.id,
                "title": summary.title,
                "outlet": summary.outlet,
                "author": summary.author,
                "published": summary.published,
                "source_kind": summary.source_kind,
                "imported_at": summary.imported_at,
                "length": summary.length,
                "annotations": summary.counts,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            counts = " ".join(f"{tag}:{n}" for tag, n in sorted(summary.counts.items()))
            click.echo(
                f"{summary.id}\t{summary.title}\t{summary.outlet or ''}\t"
                f"{summary.published or ''}\t{counts}"
            )


@cli.command("show")
@click.argument("article_id", type=int)
@pass_context
def show_command(ctx: Context, article_id: int) -> None:
    """Print an article's stored text exactly (offsets count its code points).

    Example: clipper show 3 | head
    """
    text = ctx.session().get_article(article_id).text
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def annotation_record(
    a: Annotation, relations: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """An annotation as ``--json`` prints it (one object per line)."""
    return {
        "id": a.id,
        "uuid": a.uuid,
        "article_id": a.article_id,
        "start": a.start,
        "end": a.end,
        "tag": a.tag,
        "text": a.text,
        "note": a.note,
        "coder": a.coder,
        "origin": a.origin,
        "status": a.status,
        "attributes": dict(a.attributes),
        "relations": relations or [],
        "page": a.page,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def echo_annotation(
    a: Annotation, as_json: bool, relations: list[dict[str, Any]] | None = None
) -> None:
    if as_json:
        click.echo(json.dumps(annotation_record(a, relations), ensure_ascii=False))
    else:
        text = a.text.replace("\n", "⏎")
        note = f"\t{a.note}" if a.note else ""
        click.echo(f"{a.id}\t{a.article_id}\t{a.start}\t{a.end}\t{a.tag}\t{text}{note}")


def relation_records(
    session: Session, annotations: Iterable[Annotation], relations: Iterable[Relation]
) -> dict[int, list[dict[str, Any]]]:
    """Each annotation's relations as ``{"type", "to"/"from": uuid, "to_id"/"from_id"}``."""
    uuids = {a.id: a.uuid for a in annotations}

    def uuid_of(annotation_id: int) -> str:
        if annotation_id not in uuids:  # the other end is not among those listed
            uuids[annotation_id] = session.get_annotation(annotation_id).uuid
        return uuids[annotation_id]

    found: dict[int, list[dict[str, Any]]] = {}
    for r in relations:
        found.setdefault(r.from_id, []).append(
            {"type": r.type, "to": uuid_of(r.to_id), "to_id": r.to_id, "uuid": r.uuid}
        )
        found.setdefault(r.to_id, []).append(
            {"type": r.type, "from": uuid_of(r.from_id), "from_id": r.from_id, "uuid": r.uuid}
        )
    return found


_ARTICLE_ID = attrgetter("article_id")


def _with_relations(
    session: Session, annotations: Iterable[Annotation]
) -> Iterator[tuple[Annotation, list[dict[str, Any]]]]:
    """Each annotation with its relations, as the annotations stream by: the relations
    are read one article at a time (the stream is in article order), so memory stays
    that of the largest article however many there are."""
    for current, group in groupby(annotations, key=_ARTICLE_ID):
        relations = relation_records(session, (), session.list_relations(current))
        for a in group:
            yield a, relations.get(a.id, [])


@cli.command("annotations")
@click.argument("article_id", type=int, required=False)
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable).")
@click.option("--coder", "coders", multiple=True, help="Only this coder's (repeatable).")
@click.option(
    "--all",
    "across",
    is_flag=True,
    help="Across the corpus, with each span's context (left/right columns; accepted "
    "annotations unless --status says otherwise).",
)
@click.option("--speaker", help="Only quotes by this person (part of the name; implies --all).")
@click.option("--text", "text", help="Only spans containing this text (implies --all).")
@click.option("--outlet", "outlets", multiple=True, help="Only articles from this outlet (--all).")
@click.option("--from", "date_from", help="Only articles published on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", help="Only articles published on or before (YYYY[-MM[-DD]]).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([*STATUSES, "any"]),
    help="With --all: only this status (repeatable; default accepted; any: all).",
)
@click.option(
    "--rating",
    "ratings",
    multiple=True,
    help="Only claims with this rating (a label of the scale; repeatable; implies --all).",
)
@click.option("--rated", is_flag=True, help="Only claims with any rating (implies --all).")
@json_option(
    "JSON Lines: one JSON object per annotation, with uuid, coder, origin, status, "
    "attributes and relations (with --all: left, right, speaker, rating, title, outlet, "
    "published)."
)
@pass_context
def annotations_command(
    ctx: Context,
    article_id: int | None,
    tags: tuple[str, ...],
    coders: tuple[str, ...],
    across: bool,
    speaker: str | None,
    text: str | None,
    outlets: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    statuses: tuple[str, ...],
    ratings: tuple[str, ...],
    rated: bool,
    as_json: bool,
) -> None:
    """List annotations in text order (of one article, or all).

    Columns: id, article, start, end, tag, text, note. With --all (or a corpus filter):
    id, article, start, end, tag, left context, text, right context, coder.

    Example: clipper annotations 3 --tag quote --coder bob --json

    Example: clipper annotations --all --tag quote --speaker Hill

    Example: clipper annotations --all --rating False --rating "Mostly false"
    """
    session = ctx.session()
    wide = ratings or rated or outlets or date_from or date_to or statuses
    if across or speaker or text or wide:
        selected = AnnotationFilter(
            tags=tags,
            coders=coders,
            text=text,
            speaker=speaker,
            outlets=outlets,
            date_from=date_from,
            date_to=date_to,
            statuses=chosen_statuses(statuses),
            article_ids=None if article_id is None else (article_id,),
            ratings=rating_labels(session.rating_scale(), ratings),
            rated=rated,
        )
        for row in session.iter_corpus_annotations(selected):  # streamed
            if as_json:
                click.echo(json.dumps(row.record(), ensure_ascii=False))
            else:
                click.echo(
                    f"{row.id}\t{row.article_id}\t{row.start}\t{row.end}\t{row.tag}\t"
                    f"{one_line(row.left)}\t{one_line(row.text)}\t{one_line(row.right)}\t"
                    f"{row.coder}"
                )
        return
    found = session.iter_annotations(  # streamed: constant memory
        article_id, tags=list(tags) or None, coders=list(coders) or None
    )
    if not as_json:
        for annotation in found:
            echo_annotation(annotation, False)
        return
    # Written through the stream's buffer (click.echo flushes each line: a write per line).
    out = sys.stdout
    encode = json.JSONEncoder(ensure_ascii=False).encode  # = json.dumps(…, ensure_ascii=False)
    for annotation, relations in _with_relations(session, found):
        out.write(encode(annotation_record(annotation, relations)) + "\n")
    out.flush()

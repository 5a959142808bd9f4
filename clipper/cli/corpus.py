"""Corpus views on the command line: ``search`` (hits in context) and ``stats``.

``annotations --all`` (in :mod:`.reading`) lists annotations across the corpus with their
context.
"""

from __future__ import annotations

import json

import click

from clipper.cli.base import Context, cli, fail, json_option, pass_context
from clipper.corpus.kwic import one_line
from clipper.corpus.stats import STATISTICS
from clipper.corpus_query import AnnotationFilter
from clipper.model import STATUSES


@cli.command("search")
@click.argument("query")
@click.option(
    "--limit", type=int, default=20, show_default=True, help="At most this many hits (0: all)."
)
@json_option(
    "JSON Lines: one hit per line (article_id, start, end, text, left, right, rank, title)."
)
@pass_context
def search_command(ctx: Context, query: str, limit: int, as_json: bool) -> None:
    """Search every article's text; print each hit with its context, best article first.

    Words match whole words (case and accents ignored): "two words" is a phrase, word* a
    prefix. A term with a symbol or an unspaced script (£, €, %, 中文) matches any
    substring. Columns: article, start, end (code points), left context, hit, right context.

    Example: clipper search '"crane collapse"' --limit 5
    """
    if limit < 0:
        fail("--limit must be 0 (all hits) or more")
    session = ctx.session()
    hits = session.iter_search_hits(query)
    for count, hit in enumerate(hits, start=1):
        if as_json:
            click.echo(json.dumps(hit.record(), ensure_ascii=False))
        else:
            click.echo(
                f"{hit.article_id}\t{hit.start}\t{hit.end}\t{one_line(hit.left)}\t"
                f"{one_line(hit.text)}\t{one_line(hit.right)}"
            )
        if count == limit:
            break


@cli.command("stats")
@click.option(
    "--by",
    type=click.Choice(list(STATISTICS)),
    default="tag",
    show_default=True,
    help="What to count: annotations per tag, outlet, coder or month of publication; "
    "quotes per speaker; figures per unit; tags_together / people_together: pairs named "
    "in the same articles.",
)
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable).")
@click.option("--coder", "coders", multiple=True, help="Only this coder's (repeatable).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([*STATUSES, "any"]),
    help="Only annotations with this status (repeatable; default: accepted; any: all).",
)
@json_option("JSON Lines: one object per row.")
@pass_context
def stats_command(
    ctx: Context,
    by: str,
    tags: tuple[str, ...],
    coders: tuple[str, ...],
    statuses: tuple[str, ...],
    as_json: bool,
) -> None:
    """Count the corpus's annotations (accepted ones unless --status says otherwise).

    Example: clipper stats --by speaker --json
    """
    selected = AnnotationFilter(tags=tags, coders=coders, statuses=chosen_statuses(statuses))
    table = ctx.session().corpus_statistics(by, selected)
    if as_json:
        for record in table.records():
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    for row in table.rows:
        click.echo("\t".join("" if v is None else one_line(str(v)) for v in row))


def chosen_statuses(statuses: tuple[str, ...]) -> tuple[str, ...]:
    """``--status`` values as a filter wants them (none given: accepted; ``any``: all)."""
    if not statuses:
        return AnnotationFilter().statuses
    if "any" in statuses:
        return ()
    return statuses

"""Export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from clipper.cli.base import Context, cli, pass_context
from clipper.cli.corpus import chosen_statuses
from clipper.exporters import (
    EXPORT_FORMATS,
    ExportSelection,
    describe_statuses,
    export_statuses,
    export_to_path,
    export_to_stream,
    format_for,
)
from clipper.model import STATUSES

# -- export / round trip -----------------------------------------------------------------


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    help="Default: from -o's suffix, else csv. "
    + "; ".join(f"{f.name} ({f.suffix}): {f.label}" for f in EXPORT_FORMATS.values()),
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
@click.option("--article", "article_ids", type=int, multiple=True, help="Only this article.")
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([*STATUSES, "any"]),
    help="Only annotations with this status (repeatable; any: all). Default: accepted only, "
    "as the library and `clipper annotations` count; "
    + ", ".join(f.name for f in EXPORT_FORMATS.values() if not f.statuses)
    + " (the round trip): every status. "
    + ", ".join(f.name for f in EXPORT_FORMATS.values() if not f.keeps_status)
    + ": no status in the format, so accepted annotations only.",
)
@click.option(
    "--no-formula-escape",
    is_flag=True,
    help="CSV: keep cells starting with = + - @ exactly as stored (no leading apostrophe).",
)
@pass_context
def export_command(
    ctx: Context,
    fmt: str | None,
    output: Path | None,
    article_ids: tuple[int, ...],
    tags: tuple[str, ...],
    statuses: tuple[str, ...],
    no_formula_escape: bool,
) -> None:
    """Export annotations as CSV (one row each), Clipper JSON (articles with text) or
    another format of --format: accepted annotations unless --status says otherwise
    (Clipper JSON: every status, so that the round trip loses nothing).

    Example: clipper export --format csv -o quotes.csv --tag quote
    """
    fmt = format_for(output, fmt)
    written = export_statuses(EXPORT_FORMATS[fmt], chosen_statuses(statuses) if statuses else None)
    session = ctx.session()
    store = session.store  # the exporters stream straight from the database
    for article_id in article_ids:
        session.get_article(article_id)
    for tag in tags:
        session.get_tag(tag)
    selection = ExportSelection(list(article_ids) or None, list(tags) or None, written)
    escape = not no_formula_escape
    if output is None:
        stdout = sys.stdout.buffer  # click 8.5 deprecates get_binary_stream
        export_to_stream(store, stdout, fmt, selection, escape_formulas=escape)
        stdout.flush()
        return
    count = export_to_path(store, output, fmt, selection, escape_formulas=escape)
    noun = "annotation" if count == 1 else "annotations"
    click.echo(
        f"exported {count} {noun} to {output} (status: {describe_statuses(written)})", err=True
    )

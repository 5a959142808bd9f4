"""Export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from clipper.cli.base import Context, cli, pass_context
from clipper.exporters import (
    EXPORT_FORMATS,
    ExportSelection,
    export_to_path,
    export_to_stream,
    format_for,
)

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
    no_formula_escape: bool,
) -> None:
    """Export annotations as CSV (one row each), Clipper JSON (articles with text) or
    another format of --format.

    Example: clipper export --format csv -o quotes.csv --tag quote
    """
    fmt = format_for(output, fmt)
    session = ctx.session()
    store = session.store  # the exporters stream straight from the database
    for article_id in article_ids:
        session.get_article(article_id)
    for tag in tags:
        session.get_tag(tag)
    selection = ExportSelection(list(article_ids) or None, list(tags) or None)
    escape = not no_formula_escape
    if output is None:
        stdout = sys.stdout.buffer  # click 8.5 deprecates get_binary_stream
        export_to_stream(store, stdout, fmt, selection, escape_formulas=escape)
        stdout.flush()
        return
    count = export_to_path(store, output, fmt, selection, escape_formulas=escape)
    click.echo(f"exported {count} annotation{'' if count == 1 else 's'} to {output}", err=True)

"""Editing and deleting articles."""

from __future__ import annotations

import click

from clipper.cli.base import Context, cli, fail, meta_options, pass_context
from clipper.fields import ARTICLE_FIELDS
from clipper.model import ArticleMeta


@cli.command("edit-article")
@click.argument("article_id", type=int)
@meta_options
@pass_context
def edit_article_command(ctx: Context, article_id: int, meta: ArticleMeta) -> None:
    """Change an article's title, outlet, author, date, URL or language (the text never
    changes; "" clears a field).

    Example: clipper edit-article 3 --outlet "The Herald" --date 2026-11-30
    """
    fields = {
        name: value or None for name in ARTICLE_FIELDS if (value := getattr(meta, name)) is not None
    }
    if not fields:
        fail("give at least one of --title, --outlet, --author, --date, --url, --language")
    session = ctx.session()
    session.edit_article(article_id, **fields)
    article = session.get_article(article_id)
    click.echo(f"{article.id}\t{article.title}")


@cli.command("delete-article")
@click.argument("article_id", type=int)
@pass_context
def delete_article_command(ctx: Context, article_id: int) -> None:
    """Delete an article with its annotations, their relations and its page layout.

    Example: clipper delete-article 3
    """
    session = ctx.session()
    title = session.get_article(article_id).title
    session.delete_article(article_id)
    click.echo(f"deleted article {article_id} ({title!r})", err=True)

"""Assisted tagging: ``suggest`` (suggestions for articles, optionally stored) and
``evaluate`` (suggestions scored against gold files)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from clipper.cli.base import Context, cli, fail, json_option, pass_context
from clipper.cli_progress import CountProgress
from clipper.operations.suggest_batch import suggest_and_store_many, suggest_many_with_texts
from clipper.suggest import SUGGEST_TAGS, Suggestion, suggest
from clipper.suggest.evaluate import evaluate_directory

_TAG = click.Choice(SUGGEST_TAGS)


@cli.command("suggest")
@click.argument("article_ids", nargs=-1, type=int)
@click.option("--all", "all_articles", is_flag=True, help="Suggest for every article.")
@click.option("--tag", "tags", multiple=True, type=_TAG, help="Only this tag (repeatable).")
@click.option("--accept", is_flag=True, help="Store the suggestions as accepted annotations.")
@click.option(
    "--store",
    "store_pending",
    is_flag=True,
    help="Store the suggestions as pending annotations to review in the app.",
)
@click.option("--coder", help="Who stores them (default: $CLIPPER_CODER, else the default coder).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes for many articles (default: the free cores).",
)
@json_option(
    "JSON Lines: one object per suggestion (article_id, start, end, tag, text, score, attributes)."
)
@pass_context
def suggest_command(
    ctx: Context,
    article_ids: tuple[int, ...],
    all_articles: bool,
    tags: tuple[str, ...],
    accept: bool,
    store_pending: bool,
    coder: str | None,
    workers: int | None,
    as_json: bool,
) -> None:
    """Suggest figures (with value and unit), quotes (with speaker), people and claims.

    Nothing already tagged and nothing rejected before is suggested again; what the
    coders accepted and rejected in this database shapes the suggestions. With --accept
    (or --store) they are stored as annotations (origin "suggested") with said_by/same_as
    links to the people.

    Example: clipper suggest 3 --tag figure --json
    """
    if all_articles == bool(article_ids):
        fail("give ARTICLE_ID… or --all (not both)")
    if accept and store_pending:
        fail("give --accept or --store, not both")
    session = ctx.session(coder=coder)
    ids = [a.id for a in session.list_articles()] if all_articles else list(article_ids)
    if not all_articles:
        for article_id in ids:
            session.get_article(article_id)  # an unknown id is refused before any work
    stored = articles = 0
    status = "accepted" if accept else "pending" if store_pending else None
    with CountProgress(sys.stderr, "suggest") as progress:
        results: Iterator[tuple[int, str, list[Suggestion], int]]
        if status is None:
            results = (
                (*r, 0)
                for r in suggest_many_with_texts(
                    session, ids, tags=list(tags) or None, workers=workers,
                    progress=progress.update,
                )
            )  # fmt: skip
        else:
            results = suggest_and_store_many(
                session, ids, status=status, tags=list(tags) or None, workers=workers,
                progress=progress.update,
            )  # fmt: skip
        for article_id, text, found, added in results:
            stored += added
            articles += bool(added)
            if not found:
                continue
            progress.clear()
            lines = []  # one write per article, not one per suggestion
            for s in found:
                record = {
                    "article_id": article_id,
                    "start": s.start,
                    "end": s.end,
                    "tag": s.tag,
                    "text": text[s.start : s.end],
                    "score": s.score,
                    "attributes": dict(s.attributes),
                }
                if as_json:
                    lines.append(json.dumps(record, ensure_ascii=False))
                else:
                    attrs = " ".join(f"{k}={v}" for k, v in s.attributes.items())
                    lines.append(
                        f"{article_id}\t{s.start}\t{s.end}\t{s.tag}\t{s.score:.2f}\t"
                        f"{record['text']}\t{attrs}"
                    )
            click.echo("\n".join(lines))
    if status is not None and not stored:
        click.echo(
            "clipper: nothing new to store (suggestions already in the database, "
            "pending, accepted or rejected, are not stored again)",
            err=True,
        )
    elif status is not None:
        click.echo(
            f"clipper: stored {stored} {status} annotation{'s' if stored != 1 else ''} "
            f"in {articles} article{'s' if articles != 1 else ''}",
            err=True,
        )


@cli.command("evaluate")
@click.argument("gold_dir", type=click.Path(file_okay=False, path_type=Path), metavar="GOLD_DIR")
@click.option("--tag", "tags", multiple=True, type=_TAG, help="Only this tag (repeatable).")
@click.option("--misses", is_flag=True, help="Also list what was missed, extra or wrong.")
@json_option("JSON Lines: one object per tag (and per miss with --misses).")
def evaluate_command(gold_dir: Path, tags: tuple[str, ...], misses: bool, as_json: bool) -> None:
    """Score the suggesters against gold files: precision, recall and F1 per tag (exact
    spans and overlapping spans), figure value+unit and quote speaker accuracy.

    GOLD_DIR holds one gold file per article (JSON lines {start, end, tag, text, value,
    unit, speaker}, named after the article's source file, e.g. crane.jsonl) with the
    article's text beside it (crane.txt).

    Example: clipper evaluate tests/fixtures/gold/test
    """
    wanted = list(tags) or list(SUGGEST_TAGS)
    result = evaluate_directory(gold_dir, lambda text: suggest(text, wanted), wanted)
    for tag, scores in result.as_dict().items():
        if as_json:
            click.echo(json.dumps({"tag": tag, **scores}))
            continue
        exact, overlap = scores["exact"], scores["overlap"]
        extra = ""
        if "value_unit_accuracy" in scores:
            extra = f"  value+unit {scores['value_unit_accuracy']:.1%}"
        if "speaker_accuracy" in scores:
            extra = f"  speaker {scores['speaker_accuracy']:.1%}"
        click.echo(
            f"{tag:<7} gold {scores['gold']:>4}  suggested {scores['predicted']:>4}  "
            f"exact P {exact['precision']:.3f} R {exact['recall']:.3f} F1 {exact['f1']:.3f}  "
            f"overlap F1 {overlap['f1']:.3f}{extra}"
        )
    if misses:
        for miss in result.misses:
            click.echo(json.dumps(miss, ensure_ascii=False) if as_json else _miss_line(miss))


def _miss_line(miss: dict[str, object]) -> str:
    detail = "".join(f"  {key}: {miss[key]}" for key in ("suggested", "gold") if key in miss)
    return f"{miss['kind']:<8} {miss['tag']:<7} {miss['article']}: {miss['text']}{detail}"

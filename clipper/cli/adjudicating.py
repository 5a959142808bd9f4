"""Adjudication from the command line: an article's disagreements between coders and the
progress of settling them into the gold coder (decisions are made in the app, Team ›
Compare coders…)."""

from __future__ import annotations

import json
from typing import Any

import click

from clipper.adjudication import Unit, count_kinds, describe
from clipper.cli.base import Context, cli, json_option, pass_context
from clipper.cli.reading import annotation_record
from clipper.model import GOLD_CODER
from clipper.operations.adjudication import Comparison


def _coder_list(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str]:
    if value is None:
        return []
    names = [n.strip() for n in value.split(",") if n.strip()]
    if len(names) < 2:
        raise click.BadParameter("give two or more coders separated by commas, e.g. ann,bob")
    return names


def _decision(comparison: Comparison, unit: Unit) -> list[str] | None:
    decision = comparison.decision(unit)
    return None if decision is None else list(decision.adopted)


def _unit_record(comparison: Comparison, unit: Unit) -> dict[str, Any]:
    return {
        "kind": unit.kind,
        "start": unit.start,
        "end": unit.end,
        "key": unit.key,
        "versions": {
            coder: None if a is None else annotation_record(a) for coder, a in unit.versions.items()
        },
        "adopted": _decision(comparison, unit),
    }


@cli.command("adjudicate")
@click.option("--article", "article_id", type=int, help="The article to list the units of.")
@click.option(
    "--coders",
    callback=_coder_list,
    help="The coders to compare, separated by commas (two or more), e.g. ann,bob.",
)
@click.option(
    "--gold",
    default=GOLD_CODER,
    show_default=True,
    help="The coder the adjudicated versions are written as.",
)
@click.option("--all", "show_all", is_flag=True, help="List agreements too.")
@json_option("One JSON object (with --article), else one per article adjudicated.")
@pass_context
def adjudicate_command(
    ctx: Context,
    article_id: int | None,
    coders: list[str],
    gold: str,
    show_all: bool,
    as_json: bool,
) -> None:
    """List an article's disagreements between coders (missing, boundary, tag, attribute)
    with what was decided and the progress; without --article, the progress of every
    article adjudicated so far. Decide in the app: Team › Compare coders… (Ctrl+Shift+M).

    Example: clipper adjudicate --article 3 --coders ann,bob
    """
    session = ctx.session()
    if article_id is None:
        for p in session.adjudication_overview(gold):
            if as_json:
                record = {
                    "article_id": p.article_id,
                    "gold": p.gold,
                    "coders": list(p.coders),
                    "decided": p.decided,
                    "total": p.total,
                    "done_at": p.done_at,
                    "updated_at": p.updated_at,
                }
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                state = "adjudicated" if p.done else "to do"
                click.echo(
                    f"{p.article_id}\t{state}\t{p.decided}/{p.total}\t{','.join(p.coders)}\t"
                    f"{p.gold}"
                )
        return
    if not coders:
        raise click.UsageError("--article needs --coders (e.g. --coders ann,bob)")
    comparison = session.compare(article_id, coders, gold=gold)
    units = [u for u in comparison.units if show_all or u.is_disagreement]
    progress = comparison.progress
    if as_json:
        record = {
            "article_id": article_id,
            "coders": list(comparison.coders),
            "gold": comparison.gold,
            "progress": {
                "decided": progress.decided,
                "total": progress.total,
                "disagreements_left": progress.disagreements_left,
                "done": progress.done,
            },
            "kinds": count_kinds(comparison.units),
            "units": [_unit_record(comparison, u) for u in units],
        }
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    title = session.get_article(article_id).title
    left = progress.disagreements_left
    click.echo(
        f"# {article_id} {title}: {' vs '.join(comparison.coders)} into {comparison.gold}: "
        f"{progress}, {left} disagreement{'' if left == 1 else 's'} to do"
    )
    for unit in units:
        adopted = _decision(comparison, unit)
        decided = "—" if adopted is None else ("neither" if not adopted else "+".join(adopted))
        versions = "\t".join(
            f"{c}: {describe(a)}".replace("\n", "⏎") for c, a in unit.versions.items()
        )
        click.echo(f"{unit.kind}\t{unit.start}\t{unit.end}\t{versions}\t{decided}")

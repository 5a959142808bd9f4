"""Team work: merging coders' databases, inter-coder agreement."""

from __future__ import annotations

import json
from pathlib import Path

import click

from clipper.agreement import AgreementReport, TagAgreement
from clipper.cli.base import Context, cli, fail, json_option, pass_context
from clipper.operations.merge import MergeReport, total_report


@cli.command("merge")
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The team database to merge into, created if missing (default: the --db database).",
)
@json_option("One JSON object: a report per source, the total and the conflicts.")
@pass_context
def merge_command(
    ctx: Context, sources: tuple[Path, ...], output: Path | None, as_json: bool
) -> None:
    """Merge coders' databases (and Clipper JSON exports) into one team database.

    Articles are matched by identity, then by text; every coder's annotations are kept with
    their coder, attributes and relations; merging again adds nothing twice. Databases of
    older Clipper versions are upgraded first (backed up beside themselves). Values that
    differ (an article's metadata, an annotation edited by two people) are listed as
    conflicts: the output keeps its own value.

    Example: clipper merge alice.db bob.db carol.json -o team.db
    """
    if output is None and ctx.default_location:
        fail("give the team database to merge into with -o: clipper merge a.db b.db -o team.db")
    if not sources:
        fail("give the databases or exports to merge, e.g. clipper merge a.db b.db -o team.db")
    if output is not None:
        ctx.use(output)
    reports = ctx.session(create=True).merge_databases(list(sources))
    total = total_report(reports)
    if as_json:
        record = {"sources": [r.to_dict() for r in reports], "total": total.to_dict()}
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    for report in reports:
        click.echo(f"{', '.join(report.sources)}: {_counts(report)}")
    if len(reports) > 1:
        click.echo(f"total: {_counts(total)}")
    if total.conflicts:
        click.echo(f"conflicts: {len(total.conflicts)} (the team database kept its own values)")
        for conflict in total.conflicts:
            click.echo(f"  {conflict.describe()}")


def _counts(report: MergeReport) -> str:
    text = (
        f"articles {report.articles_created} created, {report.articles_matched} matched; "
        f"annotations {report.annotations_added} added, {report.annotations_skipped} already "
        f"present; relations {report.relations_added} added"
    )
    if report.tags_created:
        text += f"; new tags: {', '.join(report.tags_created)}"
    return text


def _names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        fail("--coders takes coder names separated by commas, e.g. --coders alice,bob")
    return names


def _ids(value: str | None) -> list[int] | None:
    if value is None:
        return None
    try:
        ids = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        fail(f"--articles takes article ids separated by commas (e.g. 1,2,5), not {value!r}")
    if not ids:
        fail("--articles takes article ids separated by commas, e.g. --articles 1,2,5")
    return ids


@cli.command("agreement")
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable; default: all).")
@click.option("--coders", help="Coders to compare, separated by commas (default: all but gold).")
@click.option(
    "--articles",
    help="Article ids separated by commas (default: those every chosen coder annotated).",
)
@json_option("One JSON object with the measures per tag and overall.")
@pass_context
def agreement_command(
    ctx: Context,
    tags: tuple[str, ...],
    coders: str | None,
    articles: str | None,
    as_json: bool,
) -> None:
    """Inter-coder agreement per tag and overall, on accepted annotations.

    Krippendorff's unitizing alpha (α_u, 2016), Cohen's kappa at character level for two
    coders (Fleiss' kappa for more), and span F1 between coders (exact and overlapping
    spans, the mean over pairs), each with the number of units (spans), characters and
    coders it rests on. Overall pools the tags (each tag one layer of the text).

    Example: clipper agreement --coders alice,bob --tag quote --tag figure
    """
    report = ctx.session().agreement(
        tags=list(tags) or None, coders=_names(coders), articles=_ids(articles)
    )
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    click.echo(
        f"coders: {', '.join(report.coders)} ({len(report.coders)}); articles: "
        f"{report.texts}; characters: {report.characters}"
    )
    kind = report.overall.kappa_kind
    click.echo(
        f"{'tag':<16} {'alpha_u':>8} {kind + ' k':>9} {'F1 exact':>9} {'F1 overlap':>11} "
        f"{'units':>7}"
    )
    for row in (*report.tags, report.overall):
        click.echo(_row(row))
    if not report.tags:
        click.echo("(no accepted annotations of these tags in these articles)")


def _row(row: TagAgreement) -> str:
    name = row.tag if row.tag is not None else "all tags"
    return (
        f"{name[:16]:<16} {_value(row.alpha_u):>8} {_value(row.kappa):>9} "
        f"{_value(row.f1_exact):>9} {_value(row.f1_overlap):>11} {row.units:>7}"
    )


def _value(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


__all__ = ["AgreementReport", "agreement_command", "merge_command"]

"""``clipper sync URL``: push this database's changes to the team server, pull the others'."""

from __future__ import annotations

import json
import sys
import time

import click

from clipper.cli.base import Context, cli, json_option, pass_context
from clipper.operations.sync import SyncReport
from clipper.paths import printable

#: Least time between two redraws of the progress line (seconds).
_REDRAW = 0.1
_STAGES = {"push": "sending", "pull": "receiving", "apply": "storing"}


class _Progress:
    """One line redrawn on standard error while on a terminal (never on standard output)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.drawn = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.tty or now - self.last < _REDRAW:
            return
        self.last = now
        count = f" {done}/{total} changes" if total else ""
        self._draw(f"clipper: sync: {_STAGES.get(stage, stage)}{count}")

    def _draw(self, text: str) -> None:
        sys.stderr.write("\r" + text.ljust(self.drawn))
        sys.stderr.flush()
        self.drawn = len(text)

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r" + " " * self.drawn + "\r")
            sys.stderr.flush()
            self.drawn = 0


@cli.command("sync")
@click.argument("url")
@json_option("One JSON object: pushed, pulled, skipped and the conflicts.")
@pass_context
def sync_command(ctx: Context, url: str, as_json: bool) -> None:
    """Sync this database with a team server: send your changes, receive the others'.

    URL is the team's PostgreSQL database (postgresql://LOGIN@HOST/DATABASE; the password
    comes from the system keyring or ~/.pgpass, never from Clipper's files). Each side is
    one transaction, so an interrupted sync is simply run again: nothing is sent twice or
    lost. Article metadata and tags edited by two people: the later edit wins (at the same
    instant the coder name that sorts last); every conflict is listed. Needs the ``team``
    extra: pip install "clipper[team]".

    Example: clipper sync postgresql://alice@team.example.org/newsroom
    """
    progress = _Progress()
    try:
        report = ctx.session(create=True).sync_with_server(url, progress=progress)
    finally:
        progress.clear()
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    click.echo(printable(_describe(report)))


def _describe(report: SyncReport) -> str:
    who = report.coder or report.login
    lines = [f"synced with {report.server} as {who}: {report.summary()}"]
    for why, count in report.skipped.items():
        lines.append(f"  not sent or stored: {count} {why}")
    for conflict in report.conflicts:
        lines.append(f"  conflict: {conflict.describe()}")
    return "\n".join(lines)


@cli.command("assignments")
@json_option(
    "One JSON object per line: article_id, article_uuid, title, coder, assigned_at, "
    "done_at, annotations."
)
@pass_context
def assignments_command(ctx: Context, as_json: bool) -> None:
    """List the articles assigned to you, as received at the last sync, with your progress.

    Example: clipper assignments
    """
    rows = ctx.session().my_assignments()
    for row in rows:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "article_id": row.article_id,
                        "article_uuid": row.article_uuid,
                        "title": row.title,
                        "coder": row.coder,
                        "assigned_at": row.assigned_at,
                        "done_at": row.done_at,
                        "annotations": row.annotations,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            state = "done" if row.done_at else ("started" if row.annotations else "to do")
            click.echo(printable(f"{row.article_id or '-'}\t{state}\t{row.coder}\t{row.title}"))
    if not rows and not as_json:
        click.echo("no assignments: sync with the team server first (clipper sync URL)", err=True)


@cli.command("mark-done")
@click.argument("article_ids", type=int, nargs=-1, required=True)
@click.option("--undo", is_flag=True, help="Mark them not done after all.")
@click.option(
    "--server", "url", help="The team server (default: the one this database syncs with)."
)
@pass_context
def mark_done_command(
    ctx: Context, article_ids: tuple[int, ...], undo: bool, url: str | None
) -> None:
    """Tell the team server you have finished coding these articles (your assignments).

    The lead sees it in `clipper server status`; nothing else changes, and you can still edit
    your annotations. Example: clipper mark-done 12 13
    """
    session = ctx.session()
    mine = {row.article_id: row for row in session.my_assignments() if row.article_id is not None}
    missing = [str(i) for i in article_ids if i not in mine]
    if missing:
        raise click.UsageError(
            f"not assigned to you (as received at the last sync): article {', '.join(missing)}; "
            "see clipper assignments"
        )
    for article_id in article_ids:
        row = mine[article_id]
        if not session.mark_assignment_done(row.article_uuid, done=not undo, url=url):
            raise click.ClickException(
                f"the team server does not have article {article_id} assigned to your login; "
                "sync, then try again"
            )
        click.echo(printable(f"{article_id}\t{'not done' if undo else 'done'}\t{row.title}"))

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

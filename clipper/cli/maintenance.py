"""Backup, restore and the app."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from clipper.cli.base import Context, cli, fail, pass_context

# -- backup / restore ---------------------------------------------------------------------


@cli.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Backup file (default: DB.backup-TIMESTAMP.db beside the database).",
)
@pass_context
def backup_command(ctx: Context, output: Path | None) -> None:
    """Copy the database, safely even while the app or another command writes to it.

    Prints where the backup went. Restore it with "clipper restore".

    Example: clipper backup -o ~/clipper-2026-12-01.db
    """
    click.echo(str(ctx.reader.backup(output)))


@cli.command("restore")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def restore_command(ctx: Context, backup: Path) -> None:
    """Replace the database's content with a backup's.

    The backup is checked first (a Clipper database, undamaged); the current content is
    backed up beside the database before it is replaced. Quit the app first, or reload.

    Example: clipper restore clipper.db.backup-20261201T185012.db
    """
    safety = ctx.store.restore(backup)
    click.echo(
        f"restored {ctx.db_path} from {backup}; the database as it was is saved at {safety}",
        err=True,
    )


# -- the app -----------------------------------------------------------------------------


@cli.command("gui")
@click.argument("files", nargs=-1)
@click.option("--article", "article_id", type=int, help="Open this article.")
@click.option(
    "--coder",
    help="Tag new annotations with this name (default: $CLIPPER_CODER, else the app's "
    "setting, else 'default').",
)
@pass_context
def gui(ctx: Context, files: tuple[str, ...], article_id: int | None, coder: str | None) -> None:
    """Start the desktop app (also what plain "clipper" does); FILES are imported.

    Example: clipper gui --article 3
    """
    try:
        from clipper.gui.app import main as gui_main
    except ImportError as exc:  # PySide6 missing or broken
        fail(f"the desktop app cannot start ({exc}). The command line still works: clipper --help")
    if not ctx.db_path.parent.is_dir():
        if not ctx.default_location:  # a mistyped --db must not make folders
            fail(
                f"the folder {ctx.db_path.parent} does not exist; check --db, or create the "
                "folder first"
            )
        ctx.db_path.parent.mkdir(parents=True, exist_ok=True)
    code = gui_main(str(ctx.db_path), list(files), article_id, coder)
    # The app has quit, saved and closed its database: the process ends. Python's exit
    # would first run full garbage collections over every object of the app's modules
    # (~20 ms); frozen, they are skipped (objects are still freed, files still closed).
    gc.freeze()
    sys.exit(code)

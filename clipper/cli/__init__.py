"""The ``clipper`` command line: thin commands over the same core the app uses.

Each command wraps one :class:`~clipper.operations.Session` call (or one exporter/importer
call); none holds a :class:`~clipper.store.Store` or writes SQL, and none imports Qt (only
``gui`` does, and only when it runs). The commands live in modules by topic, imported
when first needed (starting the app imports none but ``gui``'s). Expected errors print
``clipper: error: …`` (with ``--json``: one JSON object ``{"error": code, "message": …,
"hint": …}``) on stderr and exit with status 1; a closed output pipe ends quietly with 0
(see :mod:`.base`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from clipper.dataclass_code import install as _install_dataclass_code

# First: the dataclasses defined below (and by everything they import) reuse their
# methods' compiled code instead of compiling it at every start (see the module).
_install_dataclass_code()

from clipper.cli import maintenance  # noqa: E402, F401  (registers ``gui``: the app starts with it)
from clipper.cli.base import (  # noqa: E402
    Context,
    _silence_stdout,
    advice,
    cli,
    error_record,
    explain,
    fail,
    report,
)

#: The other commands' modules: imported when one of their commands (or the list) is asked
#: for, not when the app starts (see :class:`~clipper.cli.base.ClipperGroup`).
cli.lazy_modules = tuple(
    f"clipper.cli.{name}"
    for name in (
        "adjudicating",
        "annotating",
        "articles",
        "coders",
        "corpus",
        "exporting",
        "factchecking",
        "importing",
        "reading",
        "server",
        "suggesting",
        "syncing",
        "tags",
        "team",
    )
)

__all__ = ["Context", "advice", "cli", "error_record", "explain", "fail", "main", "report"]


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    status: int | str | None = 0
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="clipper")
    except SystemExit as done:
        status = done.code
    try:  # what is still buffered goes now, while a closed pipe can be handled
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(status)

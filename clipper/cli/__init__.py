"""The ``clipper`` command line: thin commands over the same core the app uses.

Each command wraps one :class:`~clipper.operations.Session` call (or one exporter/importer
call); none holds a :class:`~clipper.store.Store` or writes SQL, and none imports Qt (only
``gui`` does, and only when it runs). The commands live in modules by topic; importing
this package registers them all on :data:`cli`. Expected errors print ``clipper: error: …``
(with ``--json``: one JSON object ``{"error": code, "message": …, "hint": …}``) on stderr
and exit with status 1; a closed output pipe ends quietly with 0 (see :mod:`.base`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from clipper.cli import (  # noqa: F401  (registers the commands)
    adjudicating,
    annotating,
    articles,
    coders,
    corpus,
    exporting,
    factchecking,
    importing,
    maintenance,
    reading,
    server,
    suggesting,
    syncing,
    tags,
    team,
)
from clipper.cli.base import (
    Context,
    _silence_stdout,
    advice,
    cli,
    error_record,
    explain,
    fail,
    report,
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

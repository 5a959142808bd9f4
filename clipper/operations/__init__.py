"""The operations layer: every change to a Clipper database, with undo/redo, Qt-free.

Front ends (the CLI, the app) hold a :class:`Session` and call its methods; each returns a
:class:`Changes` record saying what to redraw. Undo/redo is the session's
:class:`UndoLog` (Anki's pylib/aqt split: the log lives in the core, not in Qt).
"""

from clipper.model import DEFAULT_CODER
from clipper.operations.changes import NO_CHANGES, Changes
from clipper.operations.session import Session, choose_coder
from clipper.operations.undo import Step, UndoLog

__all__ = [
    "DEFAULT_CODER",
    "NO_CHANGES",
    "Changes",
    "Session",
    "Step",
    "UndoLog",
    "choose_coder",
]

"""Import sqlite-utils without pandas and numpy.

sqlite-utils imports pandas and numpy whenever they are installed, only to map their
scalar types when it infers column types from Python values; Clipper never gives it such
values. Importing them cost 0.4 s of CPU (1-2 s of wall time on a loaded machine) at
every start of the CLI and the app. They are held back only while sqlite-utils itself is
imported: anything importing them later gets them as usual.
"""

from __future__ import annotations

import sys

#: Modules sqlite-utils would import for type mapping only.
HELD_BACK = ("pandas", "numpy")


def load() -> None:
    """Import ``sqlite_utils`` (once) with :data:`HELD_BACK` unavailable to it."""
    if "sqlite_utils.db" in sys.modules:
        return
    held = [name for name in HELD_BACK if name not in sys.modules]
    for name in held:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in held:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


load()

"""Import sqlite-utils without pandas and numpy, and without dateutil's parser until used.

sqlite-utils imports pandas and numpy whenever they are installed, only to map their
scalar types when it infers column types from Python values; Clipper never gives it such
values. Importing them cost 0.4 s of CPU (1-2 s of wall time on a loaded machine) at
every start of the CLI and the app. They are held back only while sqlite-utils itself is
imported: anything importing them later gets them as usual.

sqlite-utils also imports ``dateutil.parser`` (and with it ``dateutil.tz``, ~15 ms of CPU
at every start) for its date-parsing recipes, which Clipper never calls: that module is
made lazy (:class:`importlib.util.LazyLoader`), so it loads when something first uses it.

The regular expressions sqlite-utils compiles at its import are compiled when first used
instead: one of them (case-insensitive, over the range U+0080-U+FFFF, for virtual-table
schemas) took ~9 ms of CPU at every start, for a method Clipper rarely calls.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from typing import Any

#: Modules sqlite-utils would import for type mapping only.
HELD_BACK = ("pandas", "numpy")
#: Modules sqlite-utils imports at its import but uses only inside functions Clipper never
#: calls: loaded on first attribute access instead.
DEFERRED = ("dateutil.parser",)
#: ``re.compile`` itself (:func:`load` replaces it while sqlite-utils is imported).
_COMPILE = re.compile


def load() -> None:
    """Import ``sqlite_utils`` (once) with :data:`HELD_BACK` unavailable to it,
    :data:`DEFERRED` lazy and its own regular expressions compiled when first used."""
    if "sqlite_utils.db" in sys.modules:
        return
    for name in DEFERRED:
        _defer(name)
    held = [name for name in HELD_BACK if name not in sys.modules]
    for name in held:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    re.compile = _compile_later
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        re.compile = _COMPILE
        for name in held:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


class LazyPattern:
    """A regular expression compiled when first used: stands for the :class:`re.Pattern`
    that sqlite-utils keeps in a module global (its methods and attributes are the
    pattern's)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _COMPILE(*self._args)
        return getattr(compiled, name)


def _compile_later(pattern: Any, flags: int = 0) -> Any:
    """``re.compile`` while sqlite-utils is imported: its own patterns are compiled later
    (:class:`LazyPattern`); anybody else's (another thread's) at once."""
    caller = sys._getframe(1).f_globals.get("__name__", "")
    if isinstance(pattern, (str, bytes)) and caller.startswith("sqlite_utils"):
        return LazyPattern(pattern, flags)
    return _COMPILE(pattern, flags)


def _defer(name: str) -> None:
    """Put a lazy ``name`` in ``sys.modules`` (and on its package, so that ``from package
    import module`` finds it without loading it); nothing if it is loaded or missing."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    package, _, child = name.rpartition(".")
    if package in sys.modules:
        setattr(sys.modules[package], child, module)


load()

"""PySide's import hook, made cheap.

Once PySide is loaded, every module imported is asked whether it uses PySide (for PySide's
optional ``__feature__`` switching, which Clipper does not use): PySide reads the module's
source through :func:`inspect.getsource` (``linecache``, decoding, ~0.1 ms a module, ~20 ms
of the app's start). :func:`install` gives PySide the same answer — does the source file
contain ``PySide6`` — from one read of its bytes; anything else is left to PySide.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_clipper_quick"


def install() -> None:
    """Replace PySide's check (if this PySide has it; nothing changes otherwise)."""
    import shiboken6  # noqa: F401  (loads PySide's support modules, the hook among them)

    feature = sys.modules.get("shibokensupport.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, _MARK, False):
        return
    checked = original

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return checked(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return checked(module)

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]

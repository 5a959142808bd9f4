"""Dataclasses' generated methods, compiled once and kept beside Clipper's bytecode.

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__``…
and compiles it at every import (Python 3.11: one compile per method). Starting the app
makes ~320 of them: 15-25 ms of CPU at every start of the app and of the command line.

:func:`install` makes the :mod:`dataclasses` module look the compiled code up by its
source text in a cache file (``marshal``, the format of ``.pyc`` files), in the folder of
Clipper's own bytecode (``__pycache__``, or under ``sys.pycache_prefix``), named by the
interpreter's cache tag and checked against its bytecode magic number. What is not there
is compiled as before; when something new was compiled, the file is rewritten (atomically)
when the process exits. As with bytecode: nothing is written when Python is told not to
write bytecode or the folder is read-only, and a damaged or stale file is ignored. The
classes made are the same either way: only the compiling is saved.
"""

from __future__ import annotations

import atexit
import dataclasses
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

#: At most this many compiled sources are kept (the oldest go first).
MAX_ENTRIES = 4000

_loaded: dict[str, CodeType] = {}
_new: dict[str, CodeType] = {}
_path: Path | None = None


def cache_path() -> Path | None:
    """Where the compiled code is kept, or ``None`` if this Python keeps no bytecode."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    try:
        pyc = importlib.util.cache_from_source(str(Path(__file__).with_name("__init__.py")))
    except (NotImplementedError, ValueError):
        return None
    return Path(pyc).with_name(f"dataclass_code.{tag}.marshal")


def install(path: Path | None = None) -> None:
    """Compile dataclasses' methods through the cache at ``path`` (default:
    :func:`cache_path`); once per process (later calls do nothing)."""
    global _path
    if _path is not None or getattr(dataclasses, "exec", None) is _exec:
        return
    _path = path or cache_path()
    if _path is None:
        return
    _loaded.update(_read(_path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # dataclasses' global ``exec``
    atexit.register(save)


def _read(path: Path) -> dict[str, CodeType]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    magic = importlib.util.MAGIC_NUMBER
    if not data.startswith(magic):
        return {}
    try:
        found = marshal.loads(data[len(magic) :])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, CodeType)}


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` as :mod:`dataclasses` calls it, with its generated source compiled once."""
    if isinstance(source, str):
        code = _loaded.get(source) or _new.get(source)
        if code is None:
            # As exec() compiles it there: no future features (annotations are evaluated).
            code = _new[source] = compile(source, "<string>", "exec", dont_inherit=True)
        source = code
    exec(source, globals, locals)


def save() -> None:
    """Write the cache if this process compiled something new (not when Python writes no
    bytecode, or cannot write there)."""
    if not _new or _path is None or sys.dont_write_bytecode:
        return
    kept = {**_loaded, **_new}
    for old in list(kept)[: max(0, len(kept) - MAX_ENTRIES)]:
        del kept[old]
    try:
        _path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=_path.parent, prefix=_path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(importlib.util.MAGIC_NUMBER + marshal.dumps(kept))
            os.chmod(temporary, 0o644)  # readable like the bytecode beside it
            os.replace(temporary, _path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
    _loaded.update(_new)
    _new.clear()

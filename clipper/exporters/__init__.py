"""Exporters: the store's annotations -> a file, streamed.

:func:`export_to_path` writes to a temporary file beside the destination and renames it
at the end, so a cancelled or failed export never leaves a half-written file.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from clipper.errors import Hint, InvalidValue
from clipper.exporters.csv_export import unescape_cell
from clipper.exporters.registry import (
    EXPORT_FORMATS,
    ExportFormat,
    ExportOptions,
    by_suffix,
    describe_statuses,
    export_statuses,
)
from clipper.open_databases import refuse_open_database
from clipper.progress import CancelCheck, ProgressCallback
from clipper.store import Store
from clipper.store.export_queries import Selection as ExportSelection

#: Format name -> (description, file suffix), from :data:`EXPORT_FORMATS`.
FORMATS: dict[str, tuple[str, str]] = {
    name: (f.label, f.suffix) for name, f in EXPORT_FORMATS.items()
}


def check_format(fmt: str) -> ExportFormat:
    """The format named ``fmt``; refuses a name Clipper cannot write."""
    found = EXPORT_FORMATS.get(fmt)
    if found is None:
        raise InvalidValue(
            f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}"
        )
    return found


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else the one its name's ending
    names (the longest matching suffix; no file or no suffix: CSV). An ending that names
    another format, or one Clipper does not write (``out.xlsx``), is refused rather than
    hiding CSV under that name."""
    named = by_suffix(path.name) if path is not None else None
    suffix = path.suffix.lower() if path is not None else ""
    if fmt is not None:
        chosen = check_format(fmt)
        if named is not None and named.name != fmt:
            raise InvalidValue(
                f"{path} names a {named.name} file but the format is {fmt}; "
                f"name it *{chosen.suffix} or choose the {named.name} format"
            )
        return fmt
    if named is not None:
        return named.name
    if not suffix:
        return "csv"
    choices = ", ".join(f"*{f.suffix}" for f in EXPORT_FORMATS.values())
    raise InvalidValue(
        f"Clipper cannot write {suffix} files; name the export {choices}, or choose the "
        "format to write one of them under this name",
        hint=Hint.FORMAT,
    )


def _is_binary(stream: IO[Any]) -> bool:
    return isinstance(stream, io.BufferedIOBase | io.RawIOBase) or "b" in getattr(
        stream, "mode", ""
    )


class _TextSink(io.RawIOBase):
    """Lets the byte-level writers write into a text stream (e.g. ``io.StringIO``)."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.stream.write(self._decoder.decode(bytes(data)))
        return len(data)


def _refuse_unseekable(chosen: ExportFormat, stream: IO[Any]) -> None:
    try:
        seekable = stream.seekable()
    except (AttributeError, ValueError, OSError):
        seekable = False
    if chosen.seekable and not seekable:
        raise InvalidValue(
            f"the {chosen.name} format is a zip file and cannot be written to standard "
            f"output or a pipe; give a file name (-o export{chosen.suffix})"
        )


def export_to_stream(
    store: Store,
    stream: IO[Any],
    fmt: str,
    selection: ExportSelection = ExportSelection(),
    *,
    escape_formulas: bool = True,
    options: ExportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection to an open text or binary stream (UTF-8, no BOM); returns the
    number of annotations. ``options`` (if given) wins over ``escape_formulas``. The
    selection's ``statuses`` left ``None`` become the format's default (accepted only;
    Clipper JSON, the round trip: every status), see :func:`export_statuses`."""
    chosen = check_format(fmt)
    selection = dataclasses.replace(selection, statuses=export_statuses(chosen, selection.statuses))
    _refuse_unseekable(chosen, stream)
    if options is None:
        options = ExportOptions(escape_formulas=escape_formulas)
    binary = _is_binary(stream)
    if chosen.binary and not binary:
        raise InvalidValue(
            f"the {chosen.name} format is a zip archive, not text; write it to a file "
            f"(-o export{chosen.suffix}) or a binary stream"
        )
    sink = stream if binary else _TextSink(stream)
    return chosen.write(store, cast(BinaryIO, sink), selection, options, progress, cancel)


def _umask() -> int:
    """The process's umask, read without changing it where possible (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: the classic read-and-restore
    os.umask(mask)
    return mask


def _new_file_mode(path: Path) -> int:
    """The permissions an export gets: an overwritten file keeps its own; a new file
    gets what ``open()`` would give it (0666 less the umask), as other programs do."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def export_to_path(
    store: Store,
    path: str | Path,
    fmt: str,
    selection: ExportSelection = ExportSelection(),
    *,
    escape_formulas: bool = True,
    options: ExportOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Export to a file, atomically; returns the number of annotations written."""
    chosen = check_format(fmt)
    export_statuses(chosen, selection.statuses)  # a refused choice writes nothing
    path = Path(path)
    refuse_open_database(path, "export to")
    if path.is_dir():
        raise InvalidValue(f"{path} is a folder; give a file name to export to")
    if not path.parent.is_dir():
        raise InvalidValue(f"the folder {path.parent} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InvalidValue(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with open(handle, "wb") as stream:
            if chosen.bom:
                stream.write(codecs.BOM_UTF8)  # so spreadsheets detect UTF-8
            count = export_to_stream(
                store,
                stream,
                fmt,
                selection,
                escape_formulas=escape_formulas,
                options=options,
                progress=progress,
                cancel=cancel,
            )
        os.chmod(temp_name, _new_file_mode(path))
        os.replace(temp_name, path)
    except OSError as exc:  # disk full, quota …
        Path(temp_name).unlink(missing_ok=True)
        raise InvalidValue(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written"
        ) from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return count


__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "ExportFormat",
    "ExportOptions",
    "ExportSelection",
    "describe_statuses",
    "export_statuses",
    "export_to_path",
    "export_to_stream",
    "format_for",
    "unescape_cell",
]

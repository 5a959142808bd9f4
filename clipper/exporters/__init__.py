"""Exporters: the store's annotations -> a file, streamed.

:func:`export_to_path` writes to a temporary file beside the destination and renames it
at the end, so a cancelled or failed export never leaves a half-written file.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Any

from clipper.errors import Hint, InvalidValue
from clipper.exporters.csv_export import unescape_cell, write_csv
from clipper.exporters.json_export import write_json
from clipper.open_databases import refuse_open_database
from clipper.progress import CancelCheck, ProgressCallback
from clipper.store import Store
from clipper.store.export_queries import Selection as ExportSelection

#: Format name -> (description, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("CSV — one row per annotation (spreadsheets, pandas, R)", ".csv"),
    "json": ("Clipper JSON — articles with text and annotations (round trip)", ".json"),
}


def check_format(fmt: str) -> None:
    """Refuse a format name Clipper cannot write."""
    if fmt not in FORMATS:
        raise InvalidValue(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else the one its suffix names
    (no file or no suffix: CSV). A suffix that names another format, or one Clipper does
    not write (``out.xlsx``), is refused rather than hiding CSV under that name."""
    by_suffix = {suffix: name for name, (_, suffix) in FORMATS.items()}
    suffix = path.suffix.lower() if path is not None else ""
    if fmt is not None:
        check_format(fmt)
        if suffix in by_suffix and by_suffix[suffix] != fmt:
            raise InvalidValue(
                f"{path} names a {by_suffix[suffix]} file but the format is {fmt}; "
                f"name it *{FORMATS[fmt][1]} or choose the {by_suffix[suffix]} format"
            )
        return fmt
    if not suffix:
        return "csv"
    if suffix not in by_suffix:
        choices = ", ".join(f"*{s}" for s in by_suffix)
        raise InvalidValue(
            f"Clipper cannot write {suffix} files; name the export {choices}, or choose the "
            "format to write one of them under this name",
            hint=Hint.FORMAT,
        )
    return by_suffix[suffix]


def _is_binary(stream: IO[Any]) -> bool:
    return isinstance(stream, io.BufferedIOBase | io.RawIOBase) or "b" in getattr(
        stream, "mode", ""
    )


class _TextSink:
    """Lets the byte-level CSV writer write into a text stream (e.g. ``io.StringIO``)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8"))


def export_to_stream(
    store: Store,
    stream: IO[Any],
    fmt: str,
    selection: ExportSelection = ExportSelection(),
    *,
    escape_formulas: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection to an open text or binary stream (UTF-8, no BOM); returns the
    number of annotations."""
    check_format(fmt)
    binary = _is_binary(stream)
    if fmt == "csv":
        sink = stream if binary else _TextSink(stream)
        return write_csv(
            store,
            sink,  # type: ignore[arg-type]
            selection,
            escape_formulas=escape_formulas,
            progress=progress,
            cancel=cancel,
        )
    if not binary:
        return write_json(store, stream, selection, progress=progress, cancel=cancel)
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        return write_json(store, text, selection, progress=progress, cancel=cancel)
    finally:
        text.flush()
        text.detach()


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
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Export to a file, atomically; returns the number of annotations written."""
    check_format(fmt)
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
            if fmt == "csv":
                stream.write(codecs.BOM_UTF8)  # so spreadsheets detect UTF-8
            count = export_to_stream(
                store,
                stream,
                fmt,
                selection,
                escape_formulas=escape_formulas,
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
    "FORMATS",
    "ExportSelection",
    "export_to_path",
    "export_to_stream",
    "format_for",
    "unescape_cell",
]

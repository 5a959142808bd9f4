"""Exporters: the store's annotations -> a file, streamed.

:func:`export_to_path` writes to a temporary file beside the destination and renames it
at the end, so a cancelled or failed export never leaves a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TextIO

from clipper.errors import ClipperError
from clipper.exporters.csv_export import unescape_cell, write_csv
from clipper.exporters.json_export import write_json
from clipper.progress import CancelCheck, ProgressCallback
from clipper.store import Store
from clipper.store.export_queries import Selection as ExportSelection

#: Format name -> (description, file suffix).
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("CSV — one row per annotation (spreadsheets, pandas, R)", ".csv"),
    "json": ("Clipper JSON — articles with text and annotations (round trip)", ".json"),
}


def export_to_stream(
    store: Store,
    stream: TextIO,
    fmt: str,
    selection: ExportSelection = ExportSelection(),
    *,
    escape_formulas: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selection to an open text stream; returns the number of annotations."""
    if fmt == "csv":
        return write_csv(
            store,
            stream,
            selection,
            escape_formulas=escape_formulas,
            progress=progress,
            cancel=cancel,
        )
    if fmt == "json":
        return write_json(store, stream, selection, progress=progress, cancel=cancel)
    raise ClipperError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")


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
    if fmt not in FORMATS:
        raise ClipperError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    path = Path(path)
    if path.is_dir():
        raise ClipperError(f"{path} is a folder; give a file name to export to")
    if not path.parent.is_dir():
        raise ClipperError(f"the folder {path.parent} does not exist")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with open(handle, "w", encoding=encoding, newline="") as stream:
            count = export_to_stream(
                store,
                stream,
                fmt,
                selection,
                escape_formulas=escape_formulas,
                progress=progress,
                cancel=cancel,
            )
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return count


__all__ = [
    "FORMATS",
    "ExportSelection",
    "export_to_path",
    "export_to_stream",
    "unescape_cell",
]

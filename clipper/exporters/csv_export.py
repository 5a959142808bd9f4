"""CSV export: one row per annotation, header row, UTF-8 (files get a BOM), CRLF line ends.

Cells of free text that a spreadsheet would run as a formula (they begin with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return, possibly after apostrophes) get one
leading apostrophe — unless ``escape_formulas`` is off. :func:`unescape_cell` undoes it
exactly, so analysis code can always recover the stored text.
"""

from __future__ import annotations

import re
from contextlib import closing
from typing import BinaryIO

from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store
from clipper.store.export_queries import (
    CSV_COLUMNS,
    Selection,
    count_annotations,
    iter_csv_chunks,
)

_ESCAPED = re.compile(r"^'(?='*[=+\-@\t\r])")


def unescape_cell(value: str) -> str:
    """Undo the formula protection of one cell (a no-op for unprotected cells)."""
    return _ESCAPED.sub("", value, count=1)


def write_csv(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    *,
    escape_formulas: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selected annotations as UTF-8 CSV to a binary stream; returns the rows."""
    total = count_annotations(store, selection) if progress else 0
    stream.write((",".join(CSV_COLUMNS) + "\r\n").encode("utf-8"))
    written = 0
    with closing(iter_csv_chunks(store, selection, escape_formulas=escape_formulas)) as chunks:
        for chunk, rows in chunks:
            check_cancel(cancel)
            stream.write(chunk)
            written += rows
            if progress:
                progress(written, total)
    return written

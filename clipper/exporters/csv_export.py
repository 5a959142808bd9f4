"""CSV export: one row per annotation, header row, UTF-8 (files get a BOM), CRLF line ends.

Columns: :data:`~clipper.store.export_queries.COLUMNS` (those marked ``csv``), then one per
attribute key the exported annotations use, sorted (numbers bare, text quoted).

Every cell that can hold text is quoted, so no stored value can end a cell or add a row.
Cells a spreadsheet could run as a formula (see :mod:`clipper.formulas`: they begin with
``=``, ``+``, ``-``, ``@``, a tab, CR or LF, or a fullwidth or small-form lookalike,
possibly after apostrophes) get one leading apostrophe — unless ``escape_formulas`` is
off. :func:`unescape_cell` undoes it exactly, so analysis code can always recover the
stored text.
"""

from __future__ import annotations

from contextlib import closing
from typing import TYPE_CHECKING, BinaryIO

from clipper.formulas import unprotect
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store
from clipper.store.export_queries import (
    Selection,
    attribute_keys,
    count_annotations,
    csv_header,
    iter_csv_chunks,
)

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions


def unescape_cell(value: str) -> str:
    """Undo the formula protection of one cell (a no-op for unprotected cells)."""
    return unprotect(value)


def write_csv(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the selected annotations as UTF-8 CSV to a binary stream; returns the rows
    (``options.escape_formulas``: guard cells a spreadsheet would run)."""
    escape_formulas = options.escape_formulas
    total = count_annotations(store, selection) if progress else 0
    keys = attribute_keys(store, selection)
    stream.write((",".join(csv_header(keys)) + "\r\n").encode("utf-8"))
    written = 0
    chunks_of = iter_csv_chunks(store, selection, escape_formulas=escape_formulas, keys=keys)
    with closing(chunks_of) as chunks:
        for chunk, rows in chunks:
            check_cancel(cancel)
            stream.write(chunk)
            written += rows
            if progress:
                progress(written, total)
    return written

"""REFI-QDA codebook export (``.qdc``): the tags as codes, for QDA software to import.

Each tag is a ``Code`` named by its label, with its colour and its UUID as GUID (see
:func:`clipper.exporters.refi_xml.code_element`); valid against ``Codebook-mrt2019.xsd``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

import clipper
from clipper.errors import InvalidValue
from clipper.exporters.refi_xml import CODEBOOK_NS, attr, code_element
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.store import Store
from clipper.store.export_queries import Selection

if TYPE_CHECKING:
    from clipper.exporters.registry import ExportOptions


def write_qdc(
    store: Store,
    stream: BinaryIO,
    selection: Selection,
    options: ExportOptions,
    progress: ProgressCallback | None,
    cancel: CancelCheck | None,
) -> int:
    """Write every tag as a REFI-QDA codebook; returns 0 (a codebook holds no annotations).

    The whole codebook is written whatever the selection: codes are the scheme, not data.
    """
    del selection, options
    check_cancel(cancel)
    tags = store.list_tags()
    if not tags:  # a codebook needs at least one code
        raise InvalidValue("there are no tags to export as a codebook; add a tag first")
    codes = "".join(code_element(tag, "    ") for tag in tags)
    stream.write(
        (
            '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n'
            f'<CodeBook xmlns="{CODEBOOK_NS}" origin="Clipper {attr(clipper.__version__)}">\n'
            f"  <Codes>\n{codes}  </Codes>\n</CodeBook>\n"
        ).encode()
    )
    if progress:
        progress(len(tags), len(tags))
    return 0

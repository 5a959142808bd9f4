"""The export formats: one table, :data:`EXPORT_FORMATS`, drives ``clipper export
--format``, :func:`~clipper.exporters.format_for` and the Export dialog.

Adding a format is one module ``clipper/exporters/<name>_export.py`` exposing
``write_<name>(store, stream, selection, options, progress, cancel) -> int`` and one line
in the table below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from clipper.corpus_query import DEFAULT_STATUSES
from clipper.errors import InvalidValue
from clipper.exporters.claimreview_export import write_claimreview
from clipper.exporters.csv_export import write_csv
from clipper.exporters.json_export import write_json
from clipper.exporters.jsonl_export import write_jsonl
from clipper.exporters.qdc_export import write_qdc
from clipper.exporters.qdpx_export import write_qdpx
from clipper.exporters.w3c_export import write_w3c
from clipper.model import STATUSES
from clipper.progress import CancelCheck, ProgressCallback
from clipper.store import Store
from clipper.store.export_queries import Selection as ExportSelection

__all__ = [
    "EXPORT_FORMATS",
    "ExportFormat",
    "ExportOptions",
    "Writer",
    "by_suffix",
    "export_statuses",
]


@dataclass(frozen=True)
class ExportOptions:
    """What a user may choose beyond the format and the selection."""

    escape_formulas: bool = True  # CSV
    organisation: str | None = None  # ClaimReview author (factcheck)
    organisation_url: str | None = None


#: Writes UTF-8 bytes to a binary stream; returns the number of annotations written.
Writer = Callable[
    [Store, BinaryIO, ExportSelection, ExportOptions, ProgressCallback | None, CancelCheck | None],
    int,
]


@dataclass(frozen=True)
class ExportFormat:
    """One export format."""

    name: str
    #: Shown in the Export dialog and ``--help``.
    label: str
    #: The file name ending (:func:`by_suffix`: the longest matching one wins).
    suffix: str
    write: Writer
    #: Needs a real file (e.g. a zip): refused on standard output.
    seekable: bool = False
    #: Files (not standard output) start with a UTF-8 byte-order mark (CSV: spreadsheets).
    bom: bool = False
    #: Writes bytes that are not text (a zip archive): refused on text streams.
    binary: bool = False
    #: The statuses written unless asked otherwise (``()``: every status). Accepted only,
    #: as the library, statistics and ``clipper annotations`` count, so that unreviewed
    #: suggestions never end up in "what I coded"; a round-trip format writes them all.
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    #: Writes each annotation's status. A format without one writes accepted annotations
    #: only: a pending or rejected suggestion would read as a coding like any other.
    keeps_status: bool = True


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "csv",
            "CSV — one row per annotation (spreadsheets, pandas, R)",
            ".csv",
            write_csv,
            bom=True,
        ),
        ExportFormat(
            "json",
            "Clipper JSON — articles with text and annotations (round trip)",
            ".json",
            write_json,
            statuses=(),  # a lossless round trip: every status, each one kept
        ),
        ExportFormat(
            "jsonl",
            "JSON Lines — one annotation per line with its article (pandas, NLP tools)",
            ".jsonl",
            write_jsonl,
        ),
        ExportFormat(
            "w3c",
            "W3C Web Annotation — JSON-LD collection (Hypothesis, Recogito, annotation tools)",
            ".jsonld",
            write_w3c,
        ),
        ExportFormat(
            "qdpx",
            "REFI-QDA project — texts, codes and codings (MAXQDA, ATLAS.ti, NVivo, QualCoder)",
            ".qdpx",
            write_qdpx,
            binary=True,
            keeps_status=False,
        ),
        ExportFormat(
            "qdc",
            "REFI-QDA codebook — the tags as codes (MAXQDA, ATLAS.ti, NVivo, QualCoder)",
            ".qdc",
            write_qdc,
            keeps_status=False,
        ),
        ExportFormat(
            "claimreview",
            "ClaimReview — schema.org JSON-LD of every rated claim (fact-check markup)",
            ".claimreview.json",
            write_claimreview,
            keeps_status=False,
        ),
    )
}


def by_suffix(name: str) -> ExportFormat | None:
    """The format whose suffix ends ``name`` (case-insensitive; the longest suffix wins,
    so ``x.claimreview.json`` is ClaimReview, not Clipper JSON), or ``None``."""
    lowered = name.lower()
    matches = [f for f in EXPORT_FORMATS.values() if lowered.endswith(f.suffix.lower())]
    return max(matches, key=lambda f: len(f.suffix), default=None)


def describe_statuses(statuses: Sequence[str]) -> str:
    """How a message names a status choice, as ``--status`` spells it: ``accepted``,
    ``pending and rejected`` … (``()`` or all three: ``any``)."""
    named = [s for s in STATUSES if s in statuses] if statuses else []
    if not named or len(named) == len(STATUSES):
        return "any"
    return " and ".join(named)


def export_statuses(fmt: ExportFormat, asked: Sequence[str] | None) -> tuple[str, ...]:
    """The statuses an export in ``fmt`` writes: ``asked`` (``()``: every status) or, when
    ``None``, the format's default (:attr:`ExportFormat.statuses`). A format that cannot
    write a status is refused anything but accepted annotations."""
    if asked is None:
        return fmt.statuses
    unknown = [s for s in asked if s not in STATUSES]
    if unknown:
        raise InvalidValue(
            f"{unknown[0]!r} is not a status; choose from: {', '.join(STATUSES)} (or any)"
        )
    chosen = tuple(s for s in STATUSES if s in asked)
    if not fmt.keeps_status and chosen != DEFAULT_STATUSES:
        keeping = ", ".join(f.name for f in EXPORT_FORMATS.values() if f.keeps_status)
        raise InvalidValue(
            f"the {fmt.name} format has no annotation status, so it writes accepted "
            "annotations only (a pending or rejected suggestion would read as a coding); "
            f"to export suggestions choose {keeping}"
        )
    return () if len(chosen) == len(STATUSES) else chosen

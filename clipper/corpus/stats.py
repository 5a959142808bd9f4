"""Statistics of the corpus: counts per tag, outlet, coder, month, speaker and unit, and
co-occurrence within articles; as tables that can be written as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from clipper.corpus_query import STATS_BY, AnnotationFilter
from clipper.errors import InvalidValue
from clipper.formulas import protect
from clipper.model import Tag, tag_labels
from clipper.store import Store

#: The built-in tag whose annotations name people (for the people co-occurrence).
PERSON_TAG = "person"
#: What :func:`statistics` can make, with a caption each.
STATISTICS = {
    "tag": "Annotations per tag",
    "outlet": "Annotations per outlet",
    "coder": "Annotations per coder",
    "month": "Annotations per month of publication",
    "speaker": "Most quoted people",
    "unit": "Figures per unit",
    "tags_together": "Tags in the same articles",
    "people_together": "People named in the same articles",
}
assert set(STATS_BY) <= set(STATISTICS)


@dataclass(frozen=True, slots=True)
class StatTable:
    """One statistic: a caption, column names and rows (the last column is the count a
    chart shows)."""

    name: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | float | None, ...], ...]

    def headers(self) -> tuple[str, ...]:
        """The columns as a table shows them ("Other tag"; a CSV keeps "other_tag")."""
        return tuple(column.replace("_", " ").capitalize() for column in self.columns)

    def records(self) -> list[dict[str, str | int | float | None]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def statistics(store: Store, by: str, selected: AnnotationFilter | None = None) -> StatTable:
    """The statistic ``by`` (a key of :data:`STATISTICS`) over ``selected`` (default:
    accepted annotations)."""
    selected = selected or AnnotationFilter()
    caption = STATISTICS.get(by)
    if caption is None:
        raise InvalidValue(f"no statistic {by!r}; choose one of {', '.join(STATISTICS)}")
    if by == "unit":
        totals = store.figure_totals(selected)
        return StatTable(by, caption, ("unit", "figures", "total"), tuple(totals))
    if by == "tags_together":
        pairs = store.tag_cooccurrence(selected)
        return StatTable(by, caption, ("tag", "other_tag", "articles"), tuple(pairs))
    if by == "people_together":
        people = store.person_cooccurrence(selected, PERSON_TAG)
        return StatTable(by, caption, ("person", "other_person", "articles"), tuple(people))
    counts = store.count_annotations_by(by, selected)
    label = {"speaker": "quotes", "month": "annotations"}.get(by, "annotations")
    return StatTable(by, caption, (by, label), tuple(counts))


#: How many leading columns of a statistic hold tag names.
_TAG_COLUMNS = {"tag": 1, "tags_together": 2}


def with_tag_labels(table: StatTable, tags: Iterable[Tag]) -> StatTable:
    """``table`` as a person reads it: tag names shown as the tags' labels ("Claim", not
    "claim"), for the chart and the table alike (a CSV keeps the names, which scripts
    match on)."""
    width = _TAG_COLUMNS.get(table.name, 0)
    if not width:
        return table
    label = tag_labels(tags)
    rows = tuple(
        tuple(label(str(v)) if i < width and v is not None else v for i, v in enumerate(row))
        for row in table.rows
    )
    return StatTable(table.name, table.caption, table.columns, rows)


def write_csv(table: StatTable, stream: IO[str]) -> None:
    """The table as CSV (a header, then the rows; cells that a spreadsheet would run as a
    formula are guarded as in every Clipper CSV)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(
            [protect(v) if isinstance(v, str) else ("" if v is None else v) for v in row]
        )


def cells(table: StatTable) -> Sequence[tuple[str, float]]:
    """``(label, value)`` per row for a chart: the first column and the last (a pair's
    label joins its two names)."""
    out: list[tuple[str, float]] = []
    for row in table.rows:
        names = [str(v) if v is not None else "(none)" for v in row[:-1]]
        if table.name == "unit":
            names = [str(row[0])]
            value = row[1]
        else:
            value = row[-1]
        out.append((" + ".join(names), float(value or 0)))
    return out

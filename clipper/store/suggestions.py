"""What assisted tagging learns from a database: the coder's decisions on annotations."""

from __future__ import annotations

from collections.abc import Iterator

from clipper.model import FIGURE_UNIT
from clipper.store.annotations import AnnotationStore

#: ``(article_id, start, end, tag, text, status, origin, unit or None)``
LearningRow = tuple[int, int, int, str, str, str, str, str | None]


class SuggestionStore(AnnotationStore):
    """Reads for learning (no table of its own: rejected suggestions are annotation rows)."""

    def iter_learning_rows(self) -> Iterator[LearningRow]:
        """Every accepted person annotation, every rejected annotation and every accepted
        suggestion, with a figure's unit; by article and offset."""
        cursor = self.db.execute(
            'SELECT a.article_id, a.start, a."end", a.tag, a.text, a.status, a.origin, '
            "(SELECT value FROM annotation_attributes t WHERE t.annotation_id = a.id "
            "AND t.key = ?) FROM annotations a "
            "WHERE (a.tag = 'person' AND a.status = 'accepted') OR a.status = 'rejected' "
            "OR (a.origin = 'suggested' AND a.status = 'accepted') "
            'ORDER BY a.article_id, a.start, a."end"',
            [FIGURE_UNIT],
        )
        for row in cursor:
            unit = row[7]
            yield (
                int(row[0]), int(row[1]), int(row[2]), str(row[3]), str(row[4]),
                str(row[5]), str(row[6]), None if unit is None else str(unit),
            )  # fmt: skip

    def annotated_spans(self, article_id: int) -> set[tuple[int, int, str]]:
        """``(start, end, tag)`` of every annotation of an article (any coder or status)."""
        return {
            (int(s), int(e), str(t))
            for s, e, t in self.db.execute(
                'SELECT start, "end", tag FROM annotations WHERE article_id = ?', [article_id]
            )
        }

"""What a user sees of a session's annotations, for comparisons before and after."""

from __future__ import annotations

from clipper.operations import Session


def state(session: Session) -> list[tuple[object, ...]]:
    """Everything a user sees of the annotations (ids excepted)."""
    return sorted((a.article_id, a.start, a.end, a.tag, a.note) for a in session.list_annotations())

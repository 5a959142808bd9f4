"""The interval index the article view paints from (pure Python)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clipper.gui.annotation_index import LONG, AnnotationIndex
from clipper.model import Annotation


def ann(annotation_id: int, start: int, end: int, tag: str = "quote") -> Annotation:
    return Annotation(annotation_id, 1, start, end, tag, "", "", "", "")


def brute(anns: list[Annotation], start: int, end: int) -> list[int]:
    end = max(end, start + 1)
    return sorted(a.id for a in anns if a.start < end and a.end > start)


def test_overlapping_finds_partial_and_containing_spans() -> None:
    anns = [ann(1, 0, 10), ann(2, 5, 15), ann(3, 20, 30), ann(4, 0, LONG * 3)]
    index = AnnotationIndex(anns)
    assert [a.id for a in index.overlapping(12, 21)] in ([4, 2, 3], [2, 4, 3])
    assert [a.id for a in index.overlapping(10, 15)] == [4, 2]
    assert [a.id for a in index.overlapping(LONG * 2, LONG * 2 + 5)] == [4]
    assert index.overlapping(LONG * 3, LONG * 3 + 9) == []


def test_add_replace_remove() -> None:
    index = AnnotationIndex([ann(1, 0, 5)])
    index.add(ann(2, 3, 8))
    index.add(ann(1, 10, 12))  # same id: replaced, not duplicated
    assert [(a.id, a.start) for a in index.all()] == [(2, 3), (1, 10)]
    assert index.remove(2) is not None
    assert index.remove(2) is None
    assert [a.id for a in index.overlapping(0, 100)] == [1]
    index.add(ann(5, 0, LONG + 10))
    assert 5 in index and len(index) == 2
    index.remove(5)
    assert [a.id for a in index.overlapping(0, 100)] == [1]


def test_lookup_by_id_and_repeated_ids_keep_the_last() -> None:
    index = AnnotationIndex([ann(7, 0, 5), ann(3, 2, 4), ann(7, 10, 12)])
    assert len(index) == 2 and 7 in index and 3 in index and 4 not in index
    assert "7" not in index
    found = index.get(7)
    assert found is not None and found.start == 10
    assert index.get(99) is None
    assert [a.id for a in index.overlapping(0, 100)] == [3, 7]
    index.add(ann(1, 1, 2))
    index.add(ann(9, 3, 3 + LONG + 1))
    assert [a.id for a in index.all()] == [1, 3, 9, 7]
    assert index.remove(3) is not None and index.get(3) is None and len(index) == 3


spans = st.lists(
    st.tuples(st.integers(0, 3 * LONG), st.integers(1, LONG + 600)),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(spans, st.integers(0, 3 * LONG), st.integers(0, 2000), st.data())
def test_overlapping_agrees_with_brute_force(
    raw: list[tuple[int, int]], start: int, width: int, data: st.DataObject
) -> None:
    anns = [ann(i, s, s + n) for i, (s, n) in enumerate(raw)]
    index = AnnotationIndex(anns)
    if anns:  # mutate a little
        victim = data.draw(st.sampled_from(anns))
        index.remove(victim.id)
        anns.remove(victim)
        moved = ann(victim.id, victim.start // 2, victim.start // 2 + 7)
        index.add(moved)
        anns.append(moved)
    got = index.overlapping(start, start + width)
    assert sorted(a.id for a in got) == brute(anns, start, start + width)
    assert [a.start for a in got] == sorted(a.start for a in got)

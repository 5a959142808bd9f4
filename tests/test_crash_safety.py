"""SIGKILL at random moments loses nothing acknowledged (a short run of the harness).

``tests/benchmarks/bench_crash.py`` runs the same rounds ≥ 1,000 times. Each round kills a
real process — ``clipper annotate``, a bulk ``clipper import``, ``clipper
import-annotations`` or the real window driven by key presses — then checks
``PRAGMA integrity_check`` and every acknowledged annotation and note.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from crash_harness import Tally, Writers

pytestmark = pytest.mark.slow


@pytest.fixture
def writers(tmp_path: Path) -> Writers:
    return Writers(tmp_path, seed=8)


def _rounds(writers: Writers, kind: str, count: int) -> Tally:
    tally = Tally()
    run = getattr(writers, kind)
    tally.merge(run(kill=False))  # a full run first: its duration spreads the kills
    extra = {"within": 2.5} if kind == "app" else {}
    while tally.kills < count and tally.rounds <= 5 * count:  # some end before their kill
        tally.merge(run(kill=True, **extra))
    return tally


def _assert_nothing_lost(tally: Tally) -> None:
    assert tally.problems == []
    assert tally.failures() == 0
    assert tally.acknowledged > 0


@pytest.mark.parametrize(
    ("kind", "count"),
    [("cli_annotate", 8), ("cli_import", 6), ("cli_merge", 6), ("app", 8)],
)
def test_killed_writers_lose_nothing_acknowledged(writers: Writers, kind: str, count: int) -> None:
    tally = _rounds(writers, kind, count)
    _assert_nothing_lost(tally)
    assert tally.kills == count


def test_the_app_acknowledges_what_it_saved_and_quits_cleanly(writers: Writers) -> None:
    tally = writers.app(kill=False, actions=30)
    _assert_nothing_lost(tally)
    assert tally.kills == 0
    assert tally.unsaved_notes_at_kill == 0  # a clean close saves the note being typed

"""The page-worker decision: cores free *now* (sampled idle time), overrides, page counts."""

from __future__ import annotations

import os

import pytest

from clipper.importers.pdf.cores import (
    cores_free,
    decide_workers,
    free_cores,
    idle_cores,
    parse_cpu_times,
)
from clipper.importers.pdf.parallel import WORKERS_ENV, plan_workers

STAT = """cpu  1000 10 500 8000 100 0 20 0 0 0
cpu0 500 5 250 4000 50 0 10 0 0 0
cpu1 500 5 250 4000 50 0 10 0 0 0
intr 12345
ctxt 678
"""


def never_asked() -> int:
    raise AssertionError("free cores must not be sampled here")


def test_parse_cpu_times_counts_iowait_as_idle_and_online_cpus() -> None:
    (idle, total), online = parse_cpu_times(STAT)
    assert idle == 8100
    assert total == 1000 + 10 + 500 + 8000 + 100 + 0 + 20 + 0
    assert online == 2


def test_parse_cpu_times_rejects_other_text() -> None:
    with pytest.raises(ValueError):
        parse_cpu_times("intr 1 2 3\n")


def test_idle_cores_from_two_samples() -> None:
    # 2 CPUs, 16 ticks passed, 8 of them idle: one core's worth is free
    assert idle_cores((100, 1000), (108, 1016), 2) == pytest.approx(1.0)
    assert idle_cores((100, 1000), (116, 1016), 2) == pytest.approx(2.0)
    assert idle_cores((100, 1000), (100, 1000), 2) == 2.0  # no time passed: assume idle


@pytest.mark.parametrize(
    ("usable", "idle", "free"),
    [
        (2, 2.0, 2),  # a quiet machine
        (2, 1.8, 2),  # light background work still leaves two cores
        (2, 1.5, 1),  # a benchmark busy on one core
        (2, 0.9, 1),
        (2, 0.0, 1),  # always at least this process
        (1, 2.0, 1),  # affinity limits it
        (8, 5.75, 6),
    ],
)
def test_cores_free(usable: int, idle: float, free: int) -> None:
    assert cores_free(usable, idle) == free


def test_decide_workers_uses_free_cores_for_long_documents() -> None:
    assert decide_workers(150, None, None, lambda: 2) == 2
    assert decide_workers(150, None, None, lambda: 1) == 1
    assert decide_workers(150, None, None, lambda: 16) == 4  # at most MAX_WORKERS
    assert decide_workers(20, None, None, lambda: 4) == 3  # at least 6 pages per worker


def test_decide_workers_does_not_sample_for_short_documents_or_overrides() -> None:
    assert decide_workers(3, None, None, never_asked) == 1
    assert decide_workers(11, None, "", never_asked) == 1
    assert decide_workers(150, 2, None, never_asked) == 2
    assert decide_workers(150, None, "1", never_asked) == 1  # CLIPPER_PDF_WORKERS=1
    assert decide_workers(150, None, " 3 ", never_asked) == 3
    assert decide_workers(150, 2, "1", never_asked) == 2  # the caller's choice wins
    assert decide_workers(8, 4, None, never_asked) == 1  # at least a few pages per worker


def test_decide_workers_ignores_a_malformed_override() -> None:
    assert decide_workers(150, None, "many", lambda: 2) == 2


def test_free_cores_samples_this_machine() -> None:
    assert 1 <= free_cores(sample=0.02) <= len(os.sched_getaffinity(0))


def test_environment_override_reaches_plan_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert plan_workers(150) == 1
    monkeypatch.setenv(WORKERS_ENV, "2")
    assert plan_workers(150) == 2

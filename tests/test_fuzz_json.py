"""Fuzzing import-annotations (issue 8): only Clipper's own error or success, and a refused
file changes nothing in a real database. The long run (≥ 100,000 cases, in a child process
so that a crash is counted) is ``tests/benchmarks/bench_fuzz_json.py``."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_cases import case, layouts, mutate_bytes, mutate_document, valid_document

from clipper.errors import ClipperError
from clipper.library import open_sample
from clipper.operations.merge import merge_export
from clipper.store import Store

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def snapshot(store: Store) -> list[list[tuple[Any, ...]]]:
    return [
        store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("tags", "articles", "annotations", "article_layouts")
    ]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A real database file with an article and an annotation in it before every case."""
    with Store(tmp_path_factory.mktemp("fuzz") / "fuzz.db") as store:
        article = open_sample(store)
        store.add_annotation(article.id, 0, 8, "figure", note="mine")
        yield store


def merge_or_refuse(store: Store, data: bytes, folder: Path) -> None:
    """Merge one case: a success is undone afterwards, a refusal must have changed nothing;
    any other exception fails the test."""
    path = folder / "case.json"
    path.write_bytes(data)
    before = snapshot(store)
    try:
        merge_export(store, path)
    except ClipperError as error:
        assert error.message and "Traceback" not in error.message
        assert snapshot(store) == before, "a refused file changed the database"
        return
    finally:
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    _undo(store, before)


def _undo(store: Store, before: list[list[tuple[Any, ...]]]) -> None:
    """Put the module's database back as it was (a successful merge added rows)."""
    with store.transaction():
        store.db.execute("DELETE FROM annotations")
        store.db.execute("DELETE FROM articles")
        store.db.execute("DELETE FROM tags WHERE builtin = 0")
        for table, rows in zip(("tags", "articles", "annotations"), before, strict=False):
            for row in rows:
                marks = ", ".join("?" * len(row))
                store.db.execute(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", list(row))
    assert snapshot(store) == before


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_mutated_documents(
    seeded: Store, tmp_path_factory: pytest.TempPathFactory, rng: Any
) -> None:
    data = layouts(mutate_document(rng), rng)
    merge_or_refuse(seeded, data, tmp_path_factory.getbasetemp())


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_mutated_bytes(seeded: Store, tmp_path: Path, rng: Any) -> None:
    merge_or_refuse(seeded, mutate_bytes(rng, layouts(valid_document(), rng)), tmp_path)


def test_seeded_mix_of_both(seeded: Store, tmp_path: Path) -> None:
    for seed in range(200):
        merge_or_refuse(seeded, case(random.Random(seed)), tmp_path)

"""The fast builder of model objects from stored rows makes the same objects as the class."""

from __future__ import annotations

import dataclasses

import pytest

from clipper.model import NO_ATTRIBUTES, Annotation, Article
from clipper.store.rows import positional_builder

VALUES = (7, 3, 10, 25, "quote", "some text", "a note", "2026-01-01T00:00:00.000Z",
          "2026-01-02T00:00:00.000Z", 2, "4b1c9c52-8f5e-4a4e-9d0e-2f1f1c1a7e11", "alice",
          "suggested", "figures 1.0", "pending", NO_ATTRIBUTES)  # fmt: skip


def test_builds_what_the_class_builds() -> None:
    build = positional_builder(Annotation)
    assert build is not Annotation
    built, made = build(*VALUES), Annotation(*VALUES)
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert [getattr(built, f.name) for f in dataclasses.fields(Annotation)] == list(VALUES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.tag = "other"  # type: ignore[misc]
    assert dataclasses.replace(built, tag="person").tag == "person"
    with pytest.raises(TypeError):
        build(*VALUES[:-1])  # every field, positionally


def test_falls_back_to_the_class_where_it_cannot_apply() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(frozen=True)
    class Plain:
        value: int

    assert positional_builder(Checked) is Checked
    assert positional_builder(Plain) is Plain
    assert positional_builder(Article) is not Article

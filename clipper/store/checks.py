"""The field rules of :mod:`clipper.fields`, enforced on every write of the store.

Each ``check_*`` function raises the error with the one message of the rule (the same
message the command line prints and the dialogs show), so that no write, whoever makes
it, stores a tag or an article the rules refuse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from clipper import fields
from clipper.errors import InvalidField, KeyInUse, TagExists
from clipper.model import Tag


def _refuse(problem: str | None) -> None:
    if problem is not None:
        raise InvalidField(problem)


def check_new_tag(
    name: str,
    label: str,
    colour: str,
    shortcut: str | None,
    tags: Iterable[Tag],
    *,
    carried: bool = False,
) -> None:
    """A tag about to be added (``name`` already normalised) next to the existing ``tags``;
    ``carried``: a name a merged file brings (made under older rules: kept as it is)."""
    tags = list(tags)
    check_tag_name(name, tags, carried=carried)
    check_tag_fields(name, label, colour, shortcut, tags)


def check_tag_name(name: str, tags: Iterable[Tag], *, carried: bool = False) -> None:
    """A new name for a tag (added or renamed; already normalised), free among ``tags``;
    a ``carried`` name (from a merged file) is held to the rules older databases kept."""
    _refuse((fields.tag_name_problem if carried else fields.new_tag_name_problem)(name))
    exists = fields.tag_exists_problem(name, tags)
    if exists is not None:
        raise TagExists(exists)


def check_tag_fields(
    name: str,
    label: str | None,
    colour: str | None,
    shortcut: str | None,
    tags: Iterable[Tag],
) -> None:
    """The label, colour and key of the tag ``name`` (``None``: not changed)."""
    tags = list(tags)
    if label is not None:
        current = next((t.label for t in tags if t.name == name), None)
        _refuse(fields.changed_label_problem(label, current))
    if colour is not None:
        _refuse(fields.colour_problem(colour))
    if shortcut:
        _refuse(fields.key_problem(shortcut))
        clash = fields.key_clash_problem(shortcut, tags, name)
        if clash is not None:
            raise KeyInUse(clash)


def clean_article_fields(values: Mapping[str, str | None]) -> dict[str, str | None]:
    """Article metadata (a subset of :data:`clipper.fields.ARTICLE_FIELDS`) as stored
    (a URL gets ``https://`` before a bare host name), after checking every rule."""
    cleaned: dict[str, str | None] = {}
    for name, value in values.items():
        if value is not None:
            value = fields.normalise_article_field(name, value)
        _refuse(fields.article_field_problem(name, value))
        cleaned[name] = value
    return cleaned

"""Fact-check verdicts on claims: the rating scale and the rules of the verdict attributes.

One place for the rules (as :mod:`clipper.fields` is for the other fields): the store
keeps the attributes as plain values, the operations layer (:meth:`Session.edit_annotation
<clipper.operations.Session.edit_annotation>`, :meth:`Session.rate_claim
<clipper.operations.Session.rate_claim>`) checks them here, and the CLI and the app show
these messages.

The rating scale is per database (setting :data:`SCALE_SETTING`); the default is
:data:`DEFAULT_SCALE`: True 5, Mostly true 4, Half true 3, Mostly false 2, False 1, and
Unproven without a number. A higher number means "more true"; the scale's
``bestRating``/``worstRating`` (ClaimReview) are its highest and lowest numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from clipper import fields
from clipper.errors import InvalidField
from clipper.model import (
    CHECKED_ON,
    CHECKER,
    EVIDENCE_URLS,
    RATING,
    RATING_VALUE,
    REVIEW_URL,
    VERDICT,
    AttributeValue,
)

#: Settings (per database) of fact-checking.
SCALE_SETTING = "factcheck.rating_scale"
ORGANISATION_SETTING = "factcheck.organisation"
ORGANISATION_URL_SETTING = "factcheck.organisation_url"
#: Every attribute of a verdict, in the order they are shown.
VERDICT_KEYS = (RATING, RATING_VALUE, VERDICT, CHECKER, CHECKED_ON, EVIDENCE_URLS, REVIEW_URL)
#: Longest verdict text, in characters.
MAX_VERDICT_CHARS = 10_000
#: Longest checker name or rating label, in characters.
MAX_NAME_CHARS = 200
#: Most levels on a scale.
MAX_LEVELS = 20
#: Most evidence links on one claim.
MAX_EVIDENCE_URLS = 100


@dataclass(frozen=True, slots=True)
class RatingLevel:
    """One rating: its label and its number (``None``: no number, e.g. "Unproven")."""

    label: str
    value: int | float | None


@dataclass(frozen=True, slots=True)
class RatingScale:
    """The ratings a claim may get, most true first as given."""

    levels: tuple[RatingLevel, ...]

    @property
    def best(self) -> int | float | None:
        """The highest number on the scale (ClaimReview ``bestRating``)."""
        values = [level.value for level in self.levels if level.value is not None]
        return max(values) if values else None

    @property
    def worst(self) -> int | float | None:
        """The lowest number on the scale (ClaimReview ``worstRating``)."""
        values = [level.value for level in self.levels if level.value is not None]
        return min(values) if values else None

    def find(self, label: str) -> RatingLevel | None:
        """The level called ``label`` (any case, spaces trimmed)."""
        wanted = " ".join(label.split()).casefold()
        return next((lv for lv in self.levels if lv.label.casefold() == wanted), None)

    def labels(self) -> str:
        return ", ".join(level.label for level in self.levels)

    def to_json(self) -> str:
        return json.dumps([{"label": lv.label, "value": lv.value} for lv in self.levels])

    def to_text(self) -> str:
        """``True=5; Mostly true=4; …; Unproven``: the form :func:`parse_scale` reads."""
        return "; ".join(
            lv.label if lv.value is None else f"{lv.label}={_number(lv.value)}"
            for lv in self.levels
        )


DEFAULT_SCALE = RatingScale(
    (
        RatingLevel("True", 5),
        RatingLevel("Mostly true", 4),
        RatingLevel("Half true", 3),
        RatingLevel("Mostly false", 2),
        RatingLevel("False", 1),
        RatingLevel("Unproven", None),
    )
)


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def check_scale(levels: Iterable[RatingLevel]) -> RatingScale:
    """A scale from levels, or :class:`InvalidField` saying what is wrong."""
    levels = tuple(levels)
    if not levels:
        raise InvalidField("a rating scale needs at least one rating (e.g. True=5; False=1)")
    if len(levels) > MAX_LEVELS:
        raise InvalidField(f"a rating scale has at most {MAX_LEVELS} ratings, not {len(levels)}")
    seen: set[str] = set()
    for level in levels:
        problem = _name_problem("rating", level.label)
        if problem is not None:
            raise InvalidField(problem)
        if level.label.casefold() in seen:
            raise InvalidField(f"the rating {level.label!r} is on the scale twice")
        seen.add(level.label.casefold())
        value = level.value
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or value != value
        ):
            raise InvalidField(f"the rating {level.label!r} needs a number, not {value!r}")
    if not any(level.value is not None for level in levels):
        raise InvalidField("at least one rating of the scale needs a number (e.g. True=5)")
    return RatingScale(levels)


def parse_scale(text: str) -> RatingScale:
    """A scale written ``True=5; Mostly true=4; Half true=3; False=1; Unproven`` (a
    rating without ``=number`` has no number)."""
    levels = []
    for part in text.split(";"):
        if not part.strip():
            continue
        label, equals, number = part.partition("=")
        value: int | float | None = None
        if equals:
            try:
                value = float(number.strip())
            except ValueError:
                raise InvalidField(
                    f"{number.strip()!r} is not a number (write the scale as "
                    "True=5; Mostly true=4; …; False=1; Unproven)"
                ) from None
            value = int(value) if value.is_integer() else value
        levels.append(RatingLevel(" ".join(label.split()), value))
    return check_scale(levels)


def scale_from_setting(stored: str | None) -> RatingScale:
    """The scale a database's setting holds (JSON), or the default."""
    if not stored:
        return DEFAULT_SCALE
    try:
        items = json.loads(stored)
        return check_scale(RatingLevel(str(i["label"]), i["value"]) for i in items)
    except (ValueError, TypeError, KeyError, InvalidField):
        return DEFAULT_SCALE  # a damaged setting: the default, rather than no ratings


def rating_labels(scale: RatingScale, wanted: Iterable[str]) -> tuple[str, ...]:
    """The labels to filter claims by: each of ``wanted`` as the scale spells it (any
    case, spaces trimmed), or as typed if it is not on the scale (a rating imported from
    another scale); empty ones left out."""
    found: list[str] = []
    for label in wanted:
        label = " ".join(label.split())
        if label:
            level = scale.find(label)
            found.append(level.label if level is not None else label)
    return tuple(dict.fromkeys(found))


def _name_problem(what: str, value: str) -> str | None:
    if not value.strip():
        return f"the {what} is empty"
    if len(value) > MAX_NAME_CHARS or not value.isprintable():
        return f"the {what} must be 1 to {MAX_NAME_CHARS} printable characters on one line"
    return None


def _evidence_urls(value: str) -> str:
    urls: list[str] = []
    for line in value.splitlines():
        if not line.strip():
            continue
        url = fields.normalise_url(line)
        problem = fields.url_problem(url)
        if problem is not None:
            raise InvalidField(f"evidence link: {problem}")
        if url not in urls:
            urls.append(url)
    if len(urls) > MAX_EVIDENCE_URLS:
        raise InvalidField(f"a claim has at most {MAX_EVIDENCE_URLS} evidence links")
    return "\n".join(urls)


def check_verdict(
    changes: Mapping[str, AttributeValue | None], scale: RatingScale
) -> dict[str, AttributeValue | None]:
    """``changes`` to a claim's attributes with the verdict keys checked and normalised
    (a ``None`` or empty value removes the key); other keys pass unchanged. The rating's
    number always comes from the scale (``rating_value`` cannot be set on its own).
    Raises :class:`InvalidField` saying what is wrong and what to write."""
    result: dict[str, AttributeValue | None] = dict(changes)
    if RATING_VALUE in changes and RATING not in changes:
        raise InvalidField("the rating's number comes from the scale: set the rating instead")
    for key in VERDICT_KEYS:
        if key not in changes or key == RATING_VALUE:
            continue
        value = changes[key]
        if value is None or (isinstance(value, str) and not value.strip()):
            result[key] = None
            if key == RATING:
                result[RATING_VALUE] = None
            continue
        if not isinstance(value, str):
            raise InvalidField(f"the {key} must be text, not {type(value).__name__}")
        result[key] = _checked(key, value.strip(), scale, result)
    return result


def _checked(
    key: str, value: str, scale: RatingScale, result: dict[str, AttributeValue | None]
) -> str:
    if key == RATING:
        level = scale.find(value)
        if level is None:
            raise InvalidField(
                f"{value!r} is not a rating on this database's scale (one of: {scale.labels()})"
            )
        result[RATING_VALUE] = level.value
        return level.label
    if key == VERDICT:
        problem = fields.text_problem(value, MAX_VERDICT_CHARS)
        if problem is not None:
            raise InvalidField(f"the verdict {problem}")
        return value
    if key == CHECKER:
        problem = _name_problem("checker", value)
        if problem is not None:
            raise InvalidField(problem)
        return value
    if key == CHECKED_ON:
        if len(value) != 10 or fields.date_problem(value) is not None:
            raise InvalidField(f"checked on: {value[:40]!r} is not a date (write YYYY-MM-DD)")
        return value
    if key == EVIDENCE_URLS:
        return _evidence_urls(value)
    url = fields.normalise_url(value)  # REVIEW_URL
    problem = fields.url_problem(url)
    if problem is not None:
        raise InvalidField(f"the fact-check's address: {problem}")
    return url


def touches_verdict(changes: Mapping[str, object]) -> bool:
    """Whether ``changes`` set any verdict attribute (so the rules apply)."""
    return any(key in changes for key in VERDICT_KEYS)

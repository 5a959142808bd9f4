"""Scoring suggestions against gold files (JSON lines ``{start, end, tag, text, value, unit,
speaker}`` per article, named after the article's source file): precision, recall and F1
per tag for exact spans and for overlapping spans (one-to-one), figure value+unit accuracy
and quote speaker accuracy over the matched (overlapping) spans."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clipper.errors import ClipperError
from clipper.model import FIGURE_UNIT, FIGURE_VALUE, QUOTE_SPEAKER
from clipper.suggest.base import SUGGEST_TAGS, Suggestion

#: The suffix of gold files; the article is the file of the same stem with ``.txt``.
GOLD_SUFFIX = ".jsonl"


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    tag: str
    text: str
    value: float | None = None
    unit: str | None = None
    speaker: str | None = None


def read_gold(path: Path) -> list[GoldSpan]:
    """A gold file's rows; a clear error naming the line if one is not valid."""
    rows = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                rows.append(
                    GoldSpan(
                        int(raw["start"]),
                        int(raw["end"]),
                        str(raw["tag"]),
                        str(raw.get("text", "")),
                        None if raw.get("value") is None else float(raw["value"]),
                        raw.get("unit"),
                        raw.get("speaker"),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ClipperError(
                    f"{path.name} line {number} is not a gold annotation ({exc}); each line "
                    'must be a JSON object with "start", "end" and "tag"'
                ) from None
    return rows


@dataclass(slots=True)
class TagScore:
    """Counts for one tag; the rates are computed from them."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    values_checked: int = 0
    values_right: int = 0
    speakers_checked: int = 0
    speakers_right: int = 0

    def add(self, other: TagScore) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f1(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else (1.0 if not gold else 0.0)
        r = hits / gold if gold else (1.0 if not predicted else 0.0)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict[str, Any]:
        ep, er, ef = self._f1(self.exact, self.predicted, self.gold)
        op, orr, of = self._f1(self.overlap, self.predicted, self.gold)
        out: dict[str, Any] = {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": {"precision": ep, "recall": er, "f1": ef},
            "overlap": {"precision": op, "recall": orr, "f1": of},
        }
        if self.values_checked:
            out["value_unit_accuracy"] = self.values_right / self.values_checked
        if self.speakers_checked:
            out["speaker_accuracy"] = self.speakers_right / self.speakers_checked
        return out


@dataclass(slots=True)
class Evaluation:
    """Scores per tag over all articles, and the misses for reading."""

    tags: dict[str, TagScore] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def score(self, tag: str) -> TagScore:
        return self.tags.setdefault(tag, TagScore())

    def as_dict(self) -> dict[str, Any]:
        return {tag: self.tags[tag].as_dict() for tag in sorted(self.tags)}


def _same_value(a: float | None, b: Any) -> bool:
    if a is None or not isinstance(b, (int, float)):
        return a is None and b is None
    return math.isclose(a, float(b), rel_tol=1e-6, abs_tol=1e-9)


def evaluate_article(
    name: str,
    text: str,
    gold: Sequence[GoldSpan],
    suggestions: Iterable[Suggestion],
    result: Evaluation,
    tags: Sequence[str] = SUGGEST_TAGS,
) -> None:
    """Add one article's counts (and misses) to ``result``."""
    predicted = list(suggestions)
    for tag in tags:
        g = [s for s in gold if s.tag == tag]
        p = [s for s in predicted if s.tag == tag]
        score = result.score(tag)
        score.gold += len(g)
        score.predicted += len(p)
        exact = {(s.start, s.end) for s in g} & {(s.start, s.end) for s in p}
        score.exact += len(exact)
        used: set[int] = set()
        for gs in g:
            match = next(
                (
                    i
                    for i, ps in enumerate(p)
                    if i not in used and ps.start < gs.end and gs.start < ps.end
                ),
                None,
            )
            if match is None:
                result.misses.append(
                    {"article": name, "kind": "missed", "tag": tag, "text": gs.text}
                )
                continue
            used.add(match)
            ps = p[match]
            score.overlap += 1
            if (ps.start, ps.end) != (gs.start, gs.end):
                result.misses.append(
                    {
                        "article": name,
                        "kind": "boundary",
                        "tag": tag,
                        "text": gs.text,
                        "suggested": text[ps.start : ps.end],
                    }
                )
            if tag == "figure":
                score.values_checked += 1
                right = _same_value(gs.value, ps.attributes.get(FIGURE_VALUE)) and (
                    gs.unit == ps.attributes.get(FIGURE_UNIT)
                )
                score.values_right += right
                if not right:
                    result.misses.append(
                        {
                            "article": name,
                            "kind": "value",
                            "tag": tag,
                            "text": gs.text,
                            "gold": [gs.value, gs.unit],
                            "suggested": [
                                ps.attributes.get(FIGURE_VALUE),
                                ps.attributes.get(FIGURE_UNIT),
                            ],
                        }
                    )
            if tag == "quote":
                score.speakers_checked += 1
                said = str(ps.attributes.get(QUOTE_SPEAKER, "") or "")
                right = (gs.speaker or "").casefold() == said.casefold()
                score.speakers_right += right
                if not right:
                    result.misses.append(
                        {
                            "article": name,
                            "kind": "speaker",
                            "tag": tag,
                            "text": gs.text[:60],
                            "gold": gs.speaker,
                            "suggested": said or None,
                        }
                    )
        for i, ps in enumerate(p):
            if i not in used:
                result.misses.append(
                    {"article": name, "kind": "extra", "tag": tag, "text": text[ps.start : ps.end]}
                )


def gold_files(directory: Path) -> list[Path]:
    """The gold files of a directory (sorted), or an error saying there are none."""
    if not directory.is_dir():
        raise ClipperError(
            f"{directory} is not a folder; give the folder that holds the gold files"
        )
    found = sorted(directory.glob("*" + GOLD_SUFFIX))
    if not found:
        raise ClipperError(
            f"{directory} holds no gold files (*{GOLD_SUFFIX}, one per article, named after "
            "the article's source file)"
        )
    return found


def article_text(gold_path: Path) -> str:
    """The article a gold file scores: the ``.txt`` of the same name beside it."""
    text_path = gold_path.with_suffix(".txt")
    try:
        with open(text_path, encoding="utf-8", newline="") as f:
            return f.read()
    except OSError:
        raise ClipperError(
            f"{gold_path.name} has no article beside it: put its text in {text_path.name}"
        ) from None
    except UnicodeDecodeError:
        raise ClipperError(f"{text_path.name} is not UTF-8 text") from None


def evaluate_directory(
    directory: Path,
    suggester: Any,
    tags: Sequence[str] = SUGGEST_TAGS,
) -> Evaluation:
    """Score ``suggester(text) -> [Suggestion]`` on every gold file of ``directory``."""
    result = Evaluation()
    for path in gold_files(directory):
        gold = read_gold(path)
        text = article_text(path)
        for row in gold:
            if text[row.start : row.end] != row.text:
                raise ClipperError(
                    f"{path.name}: the span {row.start}..{row.end} does not hold {row.text!r}; "
                    "offsets are code points into the article text"
                )
        evaluate_article(path.stem, text, gold, suggester(text), result, tags)
    return result

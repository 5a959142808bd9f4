"""Match scores ("Sweden 1 – 0 Korea", "lost 1 – 2 to England", "ended 0 – 0", "a 2-1
win"): one figure per number, counted in the sport's unit (``goals``, ``runs`` or
``points``), as the gold set's rules code them where the guidelines are silent.

A pair of small numbers joined by a dash is a score only with a cue: a team name (a
capitalised word) on both sides, a result verb just before ("defeated South Korea",
"ended with"), or a result word just after ("up", "win", "on the scoreboard"); ranges
("aged 8–10 years", "5-7 million") have a unit or scale after them and no such cue."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Two numbers joined by a dash; not part of a date, a phone number or a decimal.
_PAIR = re.compile(
    r"(?<![\w.,:/\-–—])(?P<a>\d{1,3})(?P<dash>\s?[–—-]\s?)(?P<b>\d{1,3})(?![\w.,:/%°]\d|[\w%°]|-\w)"
)
_RESULT_BEFORE = re.compile(
    r"\b(?:defeat(?:ed|s|ing)?|beat(?:s|ing|en)?|los(?:t|es|ing|e)|w[oi]n(?:s|ning)?|dr[ae]w"
    r"(?:s|n|ing)?|end(?:ed|s|ing)|finish(?:ed|es|ing)|lead(?:s|ing)?|led|trail(?:s|ed|ing)?|"
    r"scoreline|score|thrash(?:ed|es)|edg(?:ed|es)|rout(?:ed|s)|overc[ao]me|down(?:ed|s)|"
    r"victory|defeat|loss|draw)\b"
    r"(?:\s+[\w.'’\-]+){0,3}\s?$"
)
#: A capitalised word right before: a team ("Sweden 1 – 0 Korea", "Belgium 3 – 0 Panama").
_TEAM_BEFORE = re.compile(r"\b[A-Z][\w.'’\-]*\s$")
_TEAM_AFTER = re.compile(r"\s[A-Z]")
_RESULT_AFTER = re.compile(
    r"\s(?:up|down|win|wins|victory|victories|defeat|defeats|loss|losses|draw|lead|"
    r"home win|away win|scoreline|on the scoreboard|at half-?time|after extra time|"
    r"on aggregate|in (?:the )?(?:final|semi-?final|quarter-?final|match|game))\b"
)
#: What may follow a score: punctuation, a team, a result word or one of these words; any
#: other word makes the pair a range of something ("8–10 years", "5-7 million", "3-2 vote").
_WORD_AFTER = re.compile(r"\s?(?P<word>[%\w]+)")
_FREE_AFTER = frozenset(
    ("to", "and", "in", "at", "with", "after", "against", "for", "on", "over", "as", "but",
     "when", "while", "despite", "before", "thanks", "the", "from", "courtesy")
)  # fmt: skip
_GOALS = re.compile(
    r"\b(?:goals?|football|soccer|hockey|handball|water polo|penalt(?:y|ies)|World Cup)\b",
    re.IGNORECASE,
)
_RUNS = re.compile(r"\b(?:cricket|baseball|innings|wickets?|runs)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Score:
    """One number of a match score: ``start..end`` in the text, its value and unit."""

    start: int
    end: int
    value: int
    unit: str


def _unit(text: str) -> str:
    if _GOALS.search(text):
        return "goals"
    if _RUNS.search(text):
        return "runs"
    return "points"


def _is_score(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 60) : m.start()]
    after = text[m.end() : m.end() + 40]
    result_after = _RESULT_AFTER.match(after) is not None
    word = _WORD_AFTER.match(after)
    free = word is None or word.group("word") in _FREE_AFTER
    if not free and not result_after and not _TEAM_AFTER.match(after):
        return False
    team = _TEAM_BEFORE.search(before) is not None and _TEAM_AFTER.match(after) is not None
    return team or result_after or _RESULT_BEFORE.search(before) is not None


def match_scores(text: str) -> list[Score]:
    """The numbers of the match scores in ``text``, in text order."""
    if "–" not in text and "-" not in text and "—" not in text:
        return []
    out: list[Score] = []
    unit: str | None = None
    for m in _PAIR.finditer(text):
        if not _is_score(text, m):
            continue
        if unit is None:
            unit = _unit(text)
        out.append(Score(m.start("a"), m.end("a"), int(m.group("a")), unit))
        out.append(Score(m.start("b"), m.end("b"), int(m.group("b")), unit))
    return out

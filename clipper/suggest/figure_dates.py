"""Dates for the figure suggester: the guidelines exclude "dates and years-as-dates", so the
numbers inside a written date ("Saturday, September 12, 2015", "12 Sept. 2015", "September
2015", "2015-09-12", "12.09.2015") are never figures, and a year after a word of time ("in
2019", "since 2015", "by 2030") is a year whatever follows it ("In 2019 voters chose ...").

Written for this project: month names are matched capitalised (as dates are written), so
"may" the verb and "march" the noun never start a date; the weekday of a dateline needs no
rule (its day and year are read next to the month)."""

from __future__ import annotations

import re

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)"
#: What stands before the year of a written date: "September 12, ", "12 Sept. ", "12th of
#: September ", "September, ".
_BEFORE_YEAR = re.compile(
    rf"(?:\b{_MONTH}\s+{_DAY},?|\b{_DAY}\s+(?:of\s+)?{_MONTH},?|\b{_MONTH},?)\s+$"
)
#: A numeric date from its year: "2015-09-12".
_ISO_AT = re.compile(rf"{_YEAR}-[01]?\d-[0-3]?\d(?![\d\-])")
#: The month or day of a numeric date, after its year: "2015-09-" before "12".
_ISO_BEFORE = re.compile(rf"(?<![\d.\-/]){_YEAR}-(?:[01]?\d-)?$")
#: A word of time before a year: "in 2019", "since 2015", "by 2030", "early 2020".
YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|before|after|during|through|throughout|from|early|late|"
    r"mid|spring|summer|autumn|fall|winter|year|years|season|fiscal|financial|circa|c\.)"
    r"(?:\s+(?:of|the))?\s$",
    re.IGNORECASE,
)
#: A year: four digits from 1500 to 2100.
YEAR = re.compile(_YEAR)


def in_date(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start..end`` is part of a written date: the year of "Saturday,
    September 12, 2015", "12 Sept. 2015" or "September 2015", or a part of "2015-09-12". (The
    day next to a month name is read where the number is, by the figure suggester.)"""
    number = text[start:end]
    if YEAR.fullmatch(number):
        return bool(
            _BEFORE_YEAR.search(text, max(0, start - 32), start) or _ISO_AT.match(text, start)
        )
    return len(number) <= 2 and _ISO_BEFORE.search(text, max(0, start - 8), start) is not None

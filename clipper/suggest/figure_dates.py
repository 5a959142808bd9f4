"""Dates for the figure suggester: the guidelines exclude "dates and years-as-dates", so the
numbers inside a written date ("Saturday, September 12, 2015", "12 Sept. 2015", "September
2015", "2015-09-12", "12.09.2015") are never figures, and a year after a word of time ("in
2019", "since 2015", "by 2030") is a year whatever follows it ("In 2019 voters chose ...").

Written for this project: month and weekday names are matched capitalised (as dates are
written), so "may" the verb and "march" the noun never start a date."""

from __future__ import annotations

import bisect
import re

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|"
    r"Sun)\.?)"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)"
#: A written date: a month with a day and/or a year, a weekday before it, or a numeric date.
_DATE = re.compile(
    rf"(?:\b{_WEEKDAY},?\s+)?(?:the\s+)?"
    rf"(?:\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"  # September 12, 2015
    rf"|\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"  # 12 September 2015
    rf"|\b{_MONTH},?\s+{_YEAR}\b)"  # September 2015
    rf"|(?<![\d.\-/]){_YEAR}-[01]?\d-[0-3]?\d(?![\d\-])"  # 2015-09-12
    rf"|(?<![\d.\-/])[0-3]?\d([./])[01]?\d\1(?:{_YEAR}|\d\d)(?![\d./]\d)"  # 12.09.2015
)
#: A word of time before a year: "in 2019", "since 2015", "by 2030", "early 2020".
YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|before|after|during|through|throughout|from|early|late|"
    r"mid|spring|summer|autumn|fall|winter|year|years|season|fiscal|financial|circa|c\.)"
    r"(?:\s+(?:of|the))?\s$",
    re.IGNORECASE,
)
#: A year: four digits from 1500 to 2100.
YEAR = re.compile(_YEAR)


class DateSpans:
    """The written dates of one text, asked by position: ``covers(start, end)``."""

    def __init__(self, text: str) -> None:
        spans = [(m.start(), m.end()) for m in _DATE.finditer(text)]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, start: int, end: int) -> bool:
        """Whether ``start..end`` lies inside a written date."""
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self._ends[i] >= end

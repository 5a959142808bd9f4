"""Figures: cardinal quantities with their currency, scale, percent marker or unit, and a
normalised ``value`` and ``unit`` (ISO 4217 money, ``percent``, a duration/distance unit as
written, ``fraction``, or the counted entity, humans as ``people``).

Rules, no library: the news quantities this covers are a small grammar (see
``GUIDELINES.md``); pint was measured for the unit part and left out
(``tests/benchmarks/bench_figure_pint.py``: given the dev gold unit words, it knows 96% of
the physical ones but names 91% as the rules want (singular "kilometer" for "km"), misses
"working days", "square meters", "degrees Celsius", and takes "points" (a match's or an
index's) for the typographic point). Match scores are read by :mod:`figure_scores`.
Dates (:mod:`figure_dates`: datelines, written and numeric dates, a year after a word of
time), years, clock times, ordinals, identifiers ("STS-135", "Vostok 1"), type adjectives
("two-legged") and pronominal "one" are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from clipper.model import FIGURE_UNIT, FIGURE_VALUE, AttributeValue
from clipper.suggest.base import Suggestion, word_list
from clipper.suggest.figure_dates import YEAR_BEFORE, in_date
from clipper.suggest.figure_money import CURRENCY_AFTER, currency_code, weight_pounds
from clipper.suggest.figure_scores import match_scores
from clipper.suggest.figure_words import (
    DEMONYMS_MANY,
    DEMONYMS_ONE,
    HUMANS,
    NOT_PERSONS,
    ONE_ADJECTIVES,
    PERSON_ENDINGS,
)

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9,
           "trillion": 10**12, "bn": 10**9, "mn": 10**6, "dozen": 12, "lakh": 10**5,
           "crore": 10**7}  # fmt: skip
_FRACTIONS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3,
              "quarter": 1 / 4, "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5}  # fmt: skip

_WORDS = "|".join(sorted(_SMALL, key=len, reverse=True))
_SCALE = r"(?:hundred|thousand|million|billion|trillion|dozen|lakh|crore)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\w.])\.\d+(?![.,]\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
#: One group of a written-out number: "twenty-five", "nineteen", "six" (never "five-six":
#: that is a range).
_CHUNK = rf"(?:(?:{_TENS})(?:[ -](?:{_ONES})\b)?|{_WORDS})"
_WORDNUM = rf"{_CHUNK}(?:(?:[ -]{_SCALE})+(?:[ -](?:and[ -])?{_CHUNK})?)*"
_CURRENCY_PRE = (
    r"(?:(?:US\s?\$|NZ\s?\$|HK\s?\$|AU?\s?\$|C\s?\$|S\s?\$|NT\s?\$|R\$|\$|£|€|¥|₹|₩|₽)"
    r"[ \u00a0]?|(?:RMB|USD|EUR|GBP|CNY|NZD|HKD|JPY|AUD|CAD|CHF|INR|KRW|RUB|SGD|TWD|ZAR|BRL)"
    r"\s?|Rs\.?\s?)"
)
_NUMBER = re.compile(
    rf"(?P<cur>{_CURRENCY_PRE})?"
    rf"(?:(?P<frac>\b(?:a|one|two|three|four)[ -](?:half|halves|thirds?|quarters?|fifths?)\b(?!-)"
    rf"|\bhalf(?: a)?(?= {_SCALE}\b)"
    rf"|(?P<halfunit>\bhalf an? (?:hour|day|week|month|year|decade|century|minute|mile)\b)"
    rf"|\bhalf\b)"
    rf"|(?P<ascale>\b[aA] {_SCALE}\b|(?<=\b[eE]very ){_SCALE}\b)"
    rf"|(?P<num>(?<![\d,:])(?<!\d\.)(?:{_DIGITS})(?![\d])|\b(?:{_WORDNUM})\b))"
    rf"(?P<scale>\s?(?:{_SCALE}|bn|mn)\b|(?<=\d)(?:m|bn|k)\b)?",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s?%|\s?per\s?cent\b|\s?percent\b|-percent\b", re.IGNORECASE)
_UNIT_WORDS = (
    r"working days|business days|seconds?|minutes?|hours?|days?|weeks?|months?|years?|"
    r"decades?|centuries|century|"
    r"(?:square|sq\.?) (?:miles?|km|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot)|"
    r"cubic (?:met(?:re|er)s?|feet|foot|km|kilomet(?:re|er)s?|yards?|miles?)|"
    r"(?:miles|kilomet(?:re|er)s|met(?:re|er)s|feet) (?:per|an|a) (?:hour|minute|second)|"
    r"light[- ]years?|astronomical units?|parsecs?|(?:solar|Earth|Jupiter) mass(?:es)?|"
    r"km2|km²|nautical miles?|miles?|km/h|km/s|m/s|kph|mph|km|kilomet(?:re|er)s?|"
    r"centimet(?:re|er)s?|millimet(?:re|er)s?|cm|mm|met(?:re|er)s?|feet|foot|inch|inches|"
    r"yards?|kg|kilograms?|grams?|tonnes?|metric tons?|tons?|ounces?|lbs|lb|oz|ft|"
    r"in\.(?= (?:long|wide|tall|high|deep|thick|across|of)\b)|"
    r"hectares?|acres?|lit(?:re|er)s?|gallons?|knots|"
    r"(?:kilo|mega|giga|tera)?watt[- ]hours?|(?:kilo|mega|giga|tera)?watts?|"
    r"kWh|MWh|GWh|TWh|kW|MW|GW|(?:kilo|mega|giga|tera)bytes?|MB|GB|TB|"
    r"IQ points|percentage points|basis points|points?"
)
#: Title-case headlines capitalise the unit ("Man Jailed For 10 Years").
_TITLE_UNITS = r"(?:Seconds?|Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?|Miles?)"
#: What follows "1.85m" or "100m" when it is metres, not millions.
_METRES_AFTER = re.compile(
    r"[ -](?:tall|high|long|deep|wide|away|above|below|under|sprint|race|dash|hurdles|relay|"
    r"freestyle|butterfly|backstroke|breaststroke|medley|final|heat|event|jump|throw|wall|"
    r"waves?|of water|in (?:length|height|depth|diameter))\b"
)
#: A distance naming a sports event ("the 400 metres hurdles", "100m freestyle",
#: "400 m hurdles"): read at the end of the number (with a glued "m" scale, or before it).
#: "a 100m sprint" stays a distance (any run can be one).
_EVENT_AFTER = re.compile(
    r"(?:\s?(?:m|metres?|meters?|km|kilomet(?:re|er)s?|miles?|yards?|yd))?[ -]"
    r"(?:individual medley|hurdles|freestyle|butterfly|backstroke|breaststroke|medley|relay|"
    r"steeplechase)\b",
    re.IGNORECASE,
)
#: Abbreviated units written right after the digits ("10km", "450MW", "3.5kg").
_GLUED = r"(?:km/h|km²|km2|kph|mph|km|kg|cm|mm|kWh|MWh|GWh|TWh|kW|MW|GW|MB|GB|TB|lbs|lb|oz|ft)"
_UNIT = re.compile(
    rf"(?:[ -]|(?<=\d)(?={_GLUED}\b))(?P<unit>{_UNIT_WORDS}|{_TITLE_UNITS})(?:\b|(?<=\.))"
)
#: "18-fold", "20fold": a multiple (unit "fold", as written).
_FOLD = re.compile(r"-?fold\b", re.IGNORECASE)
#: Temperatures: "40 degrees Celsius", "104°F", "-5 °C".
_DEGREES = re.compile(
    r"\s?(?:°\s?(?P<scale>[CF]\b|Celsius\b|Fahrenheit\b|centigrade\b)|°|"
    r"degrees?(?: (?P<scale2>Celsius|Fahrenheit|centigrade|C|F)\b)?)"
)
#: An earthquake's magnitude: "a 4.7-magnitude quake", "magnitude 5.2", "a 6.4 quake".
_MAGNITUDE_AFTER = re.compile(r"[ -]magnitude\b(?!\s+\d)", re.IGNORECASE)
_MAGNITUDE_BEFORE = re.compile(
    r"\bmagnitude(?:-|\s)(?:of\s)?$|"  # "a magnitude 5.2 quake"
    r"\bmagnitude\b[^.;:!?\d]{0,40}\b(?:was|is|of|at|measured|reached)\s$",  # "... was 6.6"
    re.IGNORECASE,
)
_QUAKE_AFTER = re.compile(r"(?<=\d\.\d)[ -](?:earth)?quake|(?<=\d\.\d)[ -]tremor", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"(?:(?<![\w\-])-|\bminus )$", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|aged between|age of|ages of|age|ages|in age from|(?:died|dies|die|dying|death|"
    r"passed away|passes away|retired|retires|retiring|retirement)\s+at)\s$",
    re.IGNORECASE,
)
#: "At 77, ...": an age opening a sentence.
_AT_AGE = re.compile(r"(?:^|[.!?]\s+|\n)At\s$")
#: A person's age in a clause: "when she was six", "until he was eighteen".
_AGE_CLAUSE = re.compile(
    r"\b(?:when|until|till|since|before|after|by the time|as|because|once|while|if)\s+"
    r"(?:he|she|they|I|we|you|[A-Z][a-z]+)\s+(?:was|were|is|are|turned|turns|had turned|"
    r"became|becomes|reached)\s(?:(?:about|around|only|just|barely|nearly|almost|"
    r"(?:a little |just )?(?:over|under))\s)?$"
)
#: A clause of time before "one" that makes it an age ("when she was one"), not the pronoun
#: ("if I was one").
_ONE_AGE = re.compile(
    r"\b(?:when|until|till|since|by the time|once)\s+(?:he|she|they|I|we|you|[A-Z][a-z]+)\s+"
    r"(?:was|were|turned|turns|had turned)\s$"
)
_TURNED = re.compile(
    r"\b(?:(?:he|she|they|I|we|you|who|[A-Z][a-z]+)\s+(?:turned|turns|will turn)|turning)\s$"
)
#: "I was eight", "she is about 18": a person's age without a clause word before it.
_PERSON_WAS = re.compile(
    r"\b(?:he|she|I|you|we)\s+(?:was|is|am|were|are)\s(?:(?:about|around|only|just|barely|"
    r"nearly|almost|already|still|(?:a little |just )?(?:over|under))\s)?$",
    re.IGNORECASE,
)
#: What may follow an age (no counted noun): punctuation or a clause word.
_AGE_END = re.compile(
    r"\s?(?:[,.;:!?)\"”’'\[]|$)|\s(?:and|so|or|but|then|when|in|at|with|on|she|he|they|the|a|"
    r"turning)\b|\s?(?:-|–|to|or)\s?\d{1,2}(?!\s?[\w%])"
)
#: "John Smith, 45,": a capitalised word and a comma before an age.
_NAME_COMMA = re.compile(r"\b[A-Z][a-z'’\-]+,\s(?:(?:now|then)\s)?$")
#: "brother, 22,": a noun and a comma before an age (checked to be a person's).
_NOUN_COMMA = re.compile(r"\b([a-z]{3,}),\s(?:(?:now|then)\s)?$")
#: The first of two ages before this one: "Quirin and Redouane, 40 and 49,".
_SECOND_AGE = re.compile(r",\s\d{1,2}\s(?:and|or)\s$")
_RANGE = re.compile(r"\s?(?:to|–|—|-|or|and)\s?(?=[\w$£€¥])")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
#: A series the number is a position in ("day five", "round 3", "week two").
_POSITION_BEFORE = re.compile(
    r"\b(?:day|round|game|stage|leg|week|season|episode|phase|act|part|heat|match|lap|"
    r"category|level|tier|grade|number)\s$",
    re.IGNORECASE,
)
#: A street's name after a number: the number is a house number ("10 Downing Street", "36
#: Quai des Orfèvres", "221B Baker Street"), an identifier.
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Terrace|Crescent|Square|"
    r"Quai|Rue|Via|Calle|Avenida|Piazza|Strasse|Straße|Place)"
)
_ADDRESS_AFTER = re.compile(
    rf"\s(?:{_STREET}\s(?:(?:de|des|du|de la|del|della|di)\s)?[A-Z]"
    rf"|(?:[A-Z][\w'’\-]+\s){{1,2}}{_STREET}\b(?!\s+(?:[a-z]+\s+)?[A-Z]|\s+[a-z]{{3,}}s\b))"
)
#: A verb of phoning before a number: the number is a telephone number ("phoned 911").
_PHONE_BEFORE = re.compile(r"\b(?:phoned|phoning|dialled|dialed|dialling|dialing|dial)\s$")
#: A spelled-out number written with a capital ("Ten").
_IN_A_NAME = re.compile(r"[A-Z][a-z]+")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised number word inside a name or title ("the Legend of the Ten Rings", "the
    Big Ten"): after a capitalised word, or "the" with a capitalised word after, not at the
    start of a sentence (identifiers and names with numbers are no figures)."""
    before = text[max(0, start - 30) : start]
    if _SENTENCE_BEFORE.search(before):
        return False
    capital = re.search(r"\b([A-Z][\w'’\-]*)\s$", before)
    capital_before = capital is not None
    capital_after = re.match(r"\s[A-Z][a-z]", text[end : end + 3]) is not None
    the_before = re.search(r"\b(?:the|of)\s$", before) is not None
    if capital_after and (capital_before or the_before) and not _TITLE_AFTER.match(text, end):
        return True
    # "the Marine One helicopter", "Formula One racing": a capitalised number word after a
    # capitalised word (not a function word, day or month) in a line that is not title case
    if capital is None or capital.group(1).lower() in _FUNCTION_WORDS:
        return False
    if _WEEKDAY.fullmatch(capital.group(1)) or _MONTH_BEFORE.search(capital.group(1) + " "):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return re.search(r"(?:^|\s)[a-z]{4,}\b", line) is not None  # not a title-case headline


_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;\"“‘(\n]\s*)$")
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
#: A capitalised unit after the number: a title ("60 Minutes", "28 Days Later").
_TITLE_AFTER = re.compile(r" (?:Seconds|Minutes|Hours|Days|Weeks|Months|Years|Miles)\b")
#: What makes a number after such a word a count after all ("a day 2,000 people died").
_COUNT_AFTER = re.compile(r"[ -](?:[a-z]+(?<!s)s\b|people\b|men\b|women\b|children\b|%)")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s(?:{_MONTHS})\b", re.IGNORECASE)
_IDENT_BEFORE = re.compile(
    r"(?:\b(?:no\.?|number|version|posts?|route|flight|room|gate|platform|pad|chapter|"
    r"section|article|item|level|grade|page|resolution|act|bill|code|model|film|movie|album|"
    r"track|channel|highway|interstate)|#)\s?$",
    re.IGNORECASE,
)
_NOT_AFTER_ONE = frozenset(
    word_list(
        """
        of that who which another made is was has had will would can could to and or in on
            at for with by day national anyone one's do does did may might must shall should
            are were be been being just only also still even again ever never already
        """
    )
)
#: Capitalised words before a number that do not make it an identifier ("About 80").
_FUNCTION_WORDS = frozenset(
    word_list(
        """about around some only nearly over under more less almost roughly at in on by
        from to of for with the a an and or but another all just up than least exactly
        approximately those these its their his her our my your every each while after
        before since until between among into per that which whereas yet so if when"""
    )
)
#: A noun right after "a third"/"a quarter": the ordinal ("a third party"), not a fraction.
_ORDINAL_USE = re.compile(r"[ -](?!of\b|to\b|and\b|or\b|in\b|on\b|as\b|than\b|the\b|a\b)[a-z]+")
#: Units after "one" that are a duration only after these words ("only one day").
_ONE_UNITS = frozenset(word_list("day week month year hour minute second decade"))
_BEFORE_SPAN = frozenset(
    word_list("only just for within than least about nearly almost after over in a")
)
_NOT_BEFORE_ONE = frozenset(
    word_list(
        """
        no any every each the this that which some someone other
        """
    )
)
_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "nz$": "NZD", "hk$": "HKD", "a$": "AUD", "au$": "AUD",
    "c$": "CAD", "s$": "SGD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "rmb": "CNY",
    "nt$": "TWD", "r$": "BRL", "₩": "KRW", "₽": "RUB", "rs": "INR",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pound": "GBP", "pounds sterling": "GBP", "pound sterling": "GBP", "sterling": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupees": "INR", "korean won": "KRW",
    "south korean won": "KRW", "roubles": "RUB", "rubles": "RUB", "rand": "ZAR",
    "naira": "NGN", "shekels": "ILS", "baht": "THB", "ringgit": "MYR", "rupiah": "IDR",
    "swiss francs": "CHF",
}  # fmt: skip
_NOT_COUNTED = frozenset(
    word_list(
        """
        is was has as its this his us less thus always across plus perhaps yes bus news
            series species its others
            seems says remains appears means makes gets goes comes takes gives becomes tells
            thinks knows believes keeps holds wants
            dies lives stands sits rests stays peaks ends closes opens trades finishes
            retires arrives starts begins
        """
    )
)
#: Endings of singular nouns that end in "s" ("coronavirus cases", "census data").
_SINGULAR_ENDS = ("ss", "us", "sis", "xis", "itis")
#: Words before a hyphen that are no counted noun (the union built once).
_NOT_A_COUNTED_NOUN = _FUNCTION_WORDS | _NOT_COUNTED
_NOT_A_COMPOUND_NOUN = _NOT_A_COUNTED_NOUN | frozenset(_SMALL)  # "five-six months": a range
_QUALIFIERS = (
    r"(?:\s+(?:all|some|about|around|nearly|almost|roughly|approximately|over|just|only|"
    r"more than|fewer than|less than|at least|up to|as many as|an estimated))?"
)
#: A verb whose object is people: "killing 107", "the march drew more than a thousand".
_HUMAN_VERBS = re.compile(
    r"\b(?:killing|killed|kills|wounding|wounded|injuring|injured|evacuated|evacuating|"
    r"arrested|arresting|detained|deported|rescued|displaced|employing|employs|employed|"
    r"hired|fired|drew|draws|attracted|attracts|gathered|welcomed|hosted|housed|recruited|"
    r"surveyed|interviewed|polled|questioned|sentenced|executed|laid off|joined by|"
    # headlines in the present tense: "Police arrest twelve after ..."
    r"arrest|arrests|detain|detains|deport|deports|rescue|rescues|evacuate|evacuates|"
    r"injure|injures|kill|hire|hires|jail|jails|execute|executes)"
    rf"{_QUALIFIERS}\s$",
    re.IGNORECASE,
)
#: People as the subject: "120 were killed", "45 died", "a thousand marched".
_HUMAN_AFTER = re.compile(
    r"\s(?:(?:were|have been|had been|have|had|are|was)\s(?:also\s|still\s|[a-z]+ly\s)?)?"
    r"(?:killed|injured|wounded|hurt|"
    r"arrested|died|dead|missing|evacuated|rescued|detained|hospitali[sz]ed|displaced|"
    r"protested|marched|attended|voted|survived|drowned|fled|perished|recovered|"
    r"tested positive)\b",
    re.IGNORECASE,
)
#: "half" before a noun it forms a compound with ("half back", "half brother",
#: "half-Chinese").
_HALF_COMPOUND = re.compile(
    r"-[A-Z]|[ -](?!of\b|the\b|a\b|an\b|its\b|their\b|his\b|her\b|our\b|my\b|your\b|those\b|"
    r"these\b|them\b|that\b|this\b|all\b|as\b|again\b|percent\b|way\b|to\b|in\b|on\b|"
    r"by\b|and\b|or\b|than\b|were\b|was\b|are\b|is\b|had\b|have\b|said\b|say\b|"
    r"(?:hour|day|week|month|year|decade|century|minute|mile|million|billion|dozen)s?\b)"
    r"[a-z]+"
)
_HALF_PERIOD = re.compile(r"\b(?:first|second|other|latter|former|better)\s$", re.IGNORECASE)
#: "half" as a noun for a part of a field or a whole, after a determiner and at most one word
#: ("in their attacking half", "the half"), unless a part "of" something follows.
_HALF_NOUN = re.compile(r"\b(?:the|their|his|her|its|our|my|your)\s(?:[a-z]+\s)?$", re.IGNORECASE)
#: Capitalised plurals that name people: nationalities, parties, faiths.
_GROUP_PLURAL = re.compile(r"(?:ans|is|ons|ites|ists|ers|ics|ims|ards|crats)$")
#: A qualifier after the number ("one or more donations", "50 or so people").
_OR_MORE = re.compile(
    r"(?:\s(?:or|and)\s(?:more|fewer|less|so|over|above)|-(?:odd|plus)|\+)\s(?=[a-z])"
)
#: "a year and a half", "an hour and a half": the half of an article-only duration.
_UNIT_AND = re.compile(
    r"\b(?:an?|the|past|last|next|first)\s+(?:second|minute|hour|day|week|month|year|decade|"
    r"century)\s+and\s$",
    re.IGNORECASE,
)
#: "a quarter of a million": a fraction of a scale word, one figure.
_OF_A_SCALE = re.compile(r" of an? (thousand|million|billion|trillion)\b", re.IGNORECASE)
#: "one and a half years": a whole number and a fraction, one figure.
_AND_A_FRACTION = re.compile(
    r"[ -]and[ -](an?|one|two|three|four)[ -](halves|half|thirds?|quarters?|fifths?)\b",
    re.IGNORECASE,
)
#: A part of a named whole: "all 25 of Nevada's delegates", "four of these bone tools".
_PARTITIVE = re.compile(
    r"\s+of\s+(?:all\s+)?(?:(?:the\s+|other\s+)?[a-z]+['’]s|the|these|those|its|their|his|her|our|"
    r"(?:[A-Z][\w.]*\s){0,2}[A-Z][\w.]*['’]s)\s+(?=[a-z])"
)
#: "was one of" before a bare number: the sentence's subject is one of those counted.
_ONE_OF_BEFORE = re.compile(
    r"\b(?:is|was|are|were|be|been|became|becomes|remains|remained)\s(?:(?:just|only|also|"
    r"now|still)\s)?one\sof\s(?:the\s)?$"
)
#: The subject noun phrase that opens a sentence ("The trial", "Her latest novel").
_SUBJECT = re.compile(
    r"\s*(?:The|This|That|Its|His|Her|Their|Our)\s(?:[a-z]+\s)?([a-z]{3,})"
    r"\s(?:is|was|has|had|remains|remained|became|,)"
)
_HE_SHE = re.compile(r"\s*(?:He|She)\s")
#: A plural noun, then "including" and the number: the number counts some of them.
_INCLUDING = re.compile(
    r"\b([a-z]{3,}(?<![su])s)(?:\sof\s[a-z]+)?,?\s(?:including|among them|of which)"
    rf"{_QUALIFIERS}\s$"
)
#: Pronominal "those" before a participle: "five of those involved", "two of those arrested".
_OF_THOSE_DOING = re.compile(r"\s+of\s+those\s+([a-z]+ed)\b")
#: Participles after pronominal "those" that make them people ("those infected").
_PEOPLE_DONE = frozenset(word_list("infected surveyed polled questioned interviewed vaccinated"))
#: "the 3 of us": people.
#: "out of every thousand", "out of 10": the whole a part is counted against.
_OUT_OF = re.compile(
    rf"\s+out\s+of\s+(?:every\s+|each\s+|the\s+)?(?:{_DIGITS}|{_WORDNUM}|{_SCALE})(?=\s[a-z])",
    re.IGNORECASE,
)
_OF_US = re.compile(r"\s+of\s+(?:us|you)\b")
#: "200 of them": the count refers back.
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those|these|us)\b")
#: A death toll before the number: "Flood death toll rises to 112".
_TOLL_BEFORE = re.compile(r"\b(?:death|casualty|injury)\s+toll\b[^.;:]{0,40}$", re.IGNORECASE)
#: Words after the number that end the search for its counted noun ("4,200 in two weeks").
_STOP_WORDS = frozenset(
    word_list("in on at for from by with to into after before since during over under per a an")
)
#: A population before the number: "a population of 6 million", "population grew to".
_POPULATION_BEFORE = re.compile(r"\bpopulations?\b[^.;:!?\d]{0,40}$", re.IGNORECASE)
#: A group of people before "of": "a panel of twelve", "a crew of seven".
_COLLECTIVE_BEFORE = re.compile(
    r"\b(?:panel|jury|team|crew|group|delegation|committee|family|squad|board|band|"
    r"contingent|gang|cast|class|workforce|household|council|party|crowd|troupe|choir|"
    r"staff|platoon|battalion|audience|congregation)\s+of" + _QUALIFIERS + r"\s$",
    re.IGNORECASE,
)
#: "in groups of three": the count is of what is grouped, named earlier in the sentence.
_GROUPS_OF = re.compile(r"\b(?:groups|sets|batches|pairs|rows|teams|squads|units|packs)\s+of\s$")
#: A number in an adjective made with a hyphen ("two-legged running", "three-dimensional
#: structures", "a four-sided figure"): a type, not a quantity of anything.
#: Also a chain of hyphenated words ending in one ("the two-party-preferred vote").
_TYPE_ADJECTIVE = re.compile(r"(?:-[a-z]+)*-[a-z]+(?:ed|ional|ical|ular)\b(?!-)")
#: A number glued to its counted noun by a hyphen ("six-member", "three - nation").
_COMPOUND = re.compile(r"\s?-\s?([a-z]{3,})\b(?!-)")
_PERSON_WORDS = frozenset(word_list("member person man woman child strong seat"))
#: A plural noun right before the amount: "asylum claims over 150,000".
_NOUN_BEFORE = re.compile(
    r"\b([a-z]{3,}s)(?:\s+(?:at\s+|reached\s+|totalled\s+|totaled\s+|numbered\s+)?"
    r"(?:over|above|under|below|at|reached|totalled|totaled|numbered)|,\s+with)\s$"
)
#: "the number of justices remain at nine": the count of the noun after "number of"; "the
#: number of those infected is 1501": people named by what happened to them (no group).
_NUMBER_OF = re.compile(
    r"\b(?:number|count|total|tally)\s+of\s+"
    r"(?:([a-z]{3,}s|men|women|children|people)\b|those\s+(?:who\b|[a-z]+ed\b))"
    r"[^.;:!?\d]{0,80}$",
    re.IGNORECASE,
)
#: A plural subject whose number changed: "the seats in X increased from 9 to".
_CHANGE_BEFORE = re.compile(
    r"\b([a-z]{3,}s(?<!ss)(?<!us)(?<!is))\b(?!['’])[^.;:,]{0,50}?\b(?:increased|rose|grew|fell|"
    r"dropped|declined|"
    r"decreased|climbed|jumped|went up|went down|doubled|tripled|trebled|quadrupled|"
    r"reached|hit|totalled|totaled|topped|exceeded|surpassed|stood at|stands at|"
    r"increasing|rising|growing|falling|dropping|declining|climbing|jumping|reaching|"
    r"hitting|totalling|totaling|topping|exceeding|surpassing|standing at)"
    r"\s+(?:from\s+|to\s+|by\s+|at\s+)?"
    r"(?:\S+\s+to\s+)?$"
)


#: A year-like number that counts the subject of a clause: "1885 aftershocks had occurred"
#: (no determiner before it, a plural noun and a finite verb after it); "the 2019 elections
#: were held" is a year.
_YEAR_AS_COUNT = re.compile(r" [a-z]{3,}s (?:had|have|were|are|has|was)\b")
_YEAR_DETERMINER = re.compile(
    r"\b(?:the|its|their|his|her|our|this|that|these|those|a|an|in|of|from|for|by|since|"
    r"until|below|above|to|and|or|at|before|after|during)\s$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int
    end: int
    value: float
    unit: str | None
    kind: str  # "money", "percent", "unit", "fraction", "count", "score"
    number_end: int
    multiplier: int = 1  # the scale word's ("5-7 million": the range shares it)


def _word_value(words: str) -> float | None:
    total, current = 0.0, 0.0
    for word in re.split(r"[ -]+", words.lower()):
        if word == "and":
            continue
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            return None
    return total + current


def _number(text: str) -> float | None:
    if text[:1].isdigit() or text[:1] == ".":  # ".0605 square km"
        return float(text.replace(",", ""))
    return _word_value(text)


#: Nouns whose plural is not made with "-s"/"-es" (the table is enough for counted nouns:
#: ``inflect`` would add a dependency for the same handful of words).
_IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people",
    "foot": "feet", "tooth": "teeth", "mouse": "mice", "goose": "geese", "ox": "oxen",
    "life": "lives", "wife": "wives", "knife": "knives", "half": "halves", "leaf": "leaves",
    "wolf": "wolves", "thief": "thieves", "shelf": "shelves", "calf": "calves",
    "loaf": "loaves", "hero": "heroes", "potato": "potatoes", "tomato": "tomatoes",
    "echo": "echoes", "veto": "vetoes", "criterion": "criteria", "phenomenon": "phenomena",
    "sheep": "sheep", "deer": "deer", "fish": "fish", "aircraft": "aircraft",
    "spacecraft": "spacecraft", "offspring": "offspring", "cattle": "cattle",
    "police": "police", "people": "people", "staff": "staff", "crisis": "crises",
    "thesis": "theses", "analysis": "analyses", "diagnosis": "diagnoses",
}  # fmt: skip
#: Plural nouns without a final "s" that a number counts ("ten spectra", "three aircraft").
_PLURALS_WITHOUT_S = frozenset(
    {p for p in _IRREGULAR_PLURALS.values() if not p.endswith("s")}
    | set(word_list("spectra bacteria nuclei fungi larvae vertebrae formulae antennae cacti"))
)
#: "-man" words that are no compound of "man" ("three humans", "two Germans").
_MAN_NOT_COMPOUND = frozenset(word_list("human german roman shaman talisman caiman ottoman"))


def _plural(word: str) -> str:
    """The English plural of a counted noun ("man" → "men", "box" → "boxes"); a word
    already plural (ending in "s") is kept."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("man") and len(word) > 4 and word not in _MAN_NOT_COMPOUND:
        return word[:-3] + "men"  # "chairman", "policewoman"
    if word.endswith(("ss", "us")):
        return word + "es"  # "bus", "class", "campus"
    if word.endswith("s") or word.endswith(("men", "people", "children")):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"  # "church", "box"
    return word + "s"


def _entity(noun: str) -> str:
    """The unit of a counted noun (plural, lower case): humans are "people", also as the
    head of a hyphenated compound ("half-sisters", "co-workers")."""
    head = noun.rpartition("-")[2]
    if noun in HUMANS or head in HUMANS:
        return "people"
    if head.endswith(PERSON_ENDINGS) and head not in NOT_PERSONS:
        return "people"  # "three pharmacists", "two historians"
    return noun


_ABBREVIATIONS = frozenset(word_list("km kg cm mm km2 km² km/h km/s m/s kph mph lb lbs oz ft in."))
#: The word joining a compound unit's head to what it is measured per ("miles per hour").
_PER = re.compile(r" (?:per|an|a) ")
_IRREGULAR = {
    "century": "centuries", "foot": "feet", "feet": "feet", "inch": "inches", "inches": "inches",
}  # fmt: skip


_CASED = frozenset(word_list("kWh MWh GWh TWh kW MW GW MB GB TB"))


def _unit_name(written: str) -> str:
    """The unit as the rules write it: plural, lower case, abbreviations as written."""
    if written in _CASED:
        return written
    if written.endswith("points"):
        return written if written.startswith("IQ") else written.lower()
    written = re.sub(r"\s+", " ", written.lower())
    per = _PER.search(written)
    if per:
        # "miles per hour", "kilometres an hour": only the head noun is plural
        return _unit_name(written[: per.start()]) + written[per.start() :]
    head, _, last = written.rpartition(" ")
    if last in _ABBREVIATIONS:
        return written
    last = _IRREGULAR.get(last, _plural(last))
    return f"{head} {last}" if head else last


def _counted(text: str, end: int, value: float, start: int | None = None) -> str | None:
    """The counted entity after a number ("36 shells" → shells, "three remaining Space
    Shuttle orbiters" → orbiters, humans → people), else the noun the number is the
    amount of when it stands before ("claims over 150,000", "seats ... rose from 9 to 10")."""
    if _OF_US.match(text, end):
        return "people"  # "a room for the 3 of us"
    out_of = _OUT_OF.match(text, end)
    if out_of:
        end = out_of.end()  # "one out of every thousand children": the children are counted
    those = _OF_THOSE_DOING.match(text, end)
    if those:
        # "five of those involved ligatures": "those" stands for what was counted before
        # (shared later); "two of those arrested": people
        participle = those.group(1)
        people = participle in _PEOPLE_DONE or _HUMAN_AFTER.match(text, those.start(1) - 1)
        return "people" if people else None
    more = _OR_MORE.match(text, end) or _PARTITIVE.match(text, end)
    if more:
        # "one or more donations": the qualifier is skipped; "all 25 of Nevada's delegates"
        end = more.end() - 1
    compound = _COMPOUND.match(text, end)
    # "a six-member team", "the three-nation alliance"
    if compound and compound.group(1).lower() not in _NOT_A_COMPOUND_NOUN:
        noun = compound.group(1).lower()
        body = _MEMBER_BODY.match(text, compound.end())
        name = text[body.end() - 1 : body.end() + 40].split(" ")[:2] if body else [""]
        # "the six-member Afghan team": people; "the 27-member European Union": members
        demonym = name[0] in DEMONYMS_ONE and name[-1][:1].islower()
        if noun == "member" and body and not demonym:
            return "members"  # "the 55-member AU": its members are states, not people
        return "people" if noun in _PERSON_WORDS else _entity(_plural(noun))
    after = text[end : end + 60].split("\n", 1)[0]  # a counted noun never starts a new line
    if after.startswith(" [") and after[2:3].islower():
        after = " " + after[2:]  # "6900 [employees]": an editor's counted noun
    # words in any script ("archæological"): a letter, then lower-case letters or hyphens
    words: list[str] = re.findall(
        rf"{_NUMBERED_MODIFIER.pattern}|(?:[A-Z]\.){{2,}}|[A-Z]{{2,}}s?\b|[^\W\d_](?:[^\W\d_A-Z]|-)*|\S",
        after,
    )
    before = text[max(0, start - 100) : start] if start is not None else ""
    if not before:
        before = _number_start_context(text, end, 100)
    # the patterns anchored at the number need only its last 50 characters (a 5× faster
    # search; none of them matches that much, so a word cut at the slice start is never read)
    near = before[-50:]
    plural_next = bool(words) and words[0].endswith("s") and words[0][:1].islower()
    if not plural_next and (_COLLECTIVE_BEFORE.search(near) or _TOLL_BEFORE.search(before)):
        return "people"  # "his family of nine now lives in a tent", "death toll rises to 112"
    capitals = lead = 0
    for i, word in enumerate(words[:5]):
        if i == 0 and word in ('"', "“", "‘") and len(words) > 1 and words[1][:1].islower():
            lead += 1  # 'over 370 "jackal horns"': the noun inside quotation marks
            continue
        if _NUMBERED_MODIFIER.fullmatch(word):
            lead += 1  # "three 18-year-old students", "20 COVID-19 patients", "two F-16 jets"
            continue
        if not word[0].isalpha():
            break
        following = words[i + 1] if i + 1 < len(words) else ""
        adjective_next = following.isalpha() and following.islower()
        demonyms = DEMONYMS_ONE if value == 1 else DEMONYMS_MANY
        if i == 0 and word in demonyms and text[end : end + 1] == " ":
            # "100,000 Greeks worship", "One Rohingya, ...", not "3 Greek islands"
            noun_next = adjective_next and (
                value == 1 or following in HUMANS or following.endswith("s")
            )
            if not noun_next:
                return "people"
        after_next = words[i + 2] if i + 2 < len(words) else ""
        if value == 1 and i == lead and adjective_next and _adjective(word, following, after_next):
            lead += 1  # "one further record", "one asymptomatic infected volunteer"
            continue
        if value == 1 and i == lead and adjective_next and _compound(word, following, after_next):
            lead += 1  # "one black hole per thousand stars": the head noun is counted
            continue
        if word[0].isupper() and word.lower() in HUMANS:
            return "people"  # "two newly elected MPs"
        if word[0].isupper() and (i > 0 or value == 1 or (word.isupper() and following.isalpha())):
            # a name in the noun phrase ("Space Shuttle orbiters"): only on to a noun
            capitals += 1
            lead += 1
            if capitals > 2:
                break
            continue
        lower = word.lower()
        if lower in _HUMAN_STATES and adjective_next and (value == 1 or following.endswith("s")):
            lead += 1
            continue  # "three dead birds", "one injured horse"
        if _entity(lower) == "people":
            head = _plural_noun(following) and following not in _IRREGULAR_PAST
            if lower.endswith("s") and head and _entity(following) != "people":
                return _entity(following)  # "Seven members states": the states counted
            return "people"
        if i == capitals == 0 and word[0].isupper() and _GROUP_PLURAL.search(word):
            return "people"  # "3 million Syrians", "Five Democrats"
        if i == 0 and (lower == "aboard" or lower in _HUMAN_STATES):
            return "people"  # "killing all six aboard", "the three deceased were employees"
        if lower in _STOP_WORDS:
            break
        previous = words[i - 1] if i > lead else ""
        if lower in _TOTALS and previous.isalpha() and previous.islower():
            # "270 electoral college delegate total": the delegates are counted
            return _entity(_plural(previous))
        if lower in ("species", "series", "pence", "cents") and value != 1:
            return lower  # "158 different species", "245 pence"
        if lower in _NOUN_MODIFIERS and adjective_next:
            lead += 1  # "one news site", "two sports clubs": the noun after is counted
            continue
        if lower == "lives" and i == 0 and value != 1:
            return lower  # "claimed 3000 lives": the noun, not the verb
        if lower in _NOT_COUNTED or lower in ("more", "other", "or", "and", "to", "than"):
            if lower in ("more", "other"):
                continue
            break
        ended = not following[:1].isalnum()
        human = _entity(_plural(lower)) == "people"  # "one half-sister,"
        if value == 1 and i == lead and "-" in lower and ended and not human:
            break  # "and one lever-action.": a modifier whose noun was left out
        hyphen_modifier = "-" in lower and adjective_next and following not in _VERB_AFTER
        if value == 1 and i == lead and hyphen_modifier and following not in _STOP_WORDS:
            lead += 1  # "one lever-action rifle": the noun after the modifier is counted
            continue
        if value == 1 and i == lead and lower not in _NOT_AFTER_ONE:
            return _entity(_plural(lower))  # "one Immortals player": players, people
        if lower.endswith("s") and not lower.endswith(_SINGULAR_ENDS) and len(lower) > 3:
            # "3,728 measles cases", "53 measles related deaths": the head noun is counted
            return _compound_head(following, after_next) or lower
        if lower in _PLURALS_WITHOUT_S and value != 1:
            return _entity(lower)  # "ten spectra", "three aircraft", "40 sheep"
        if i >= 2 and (i >= 3 or capitals or not _modifiers(words[:3])):
            break  # two words (adjectives), or three plain ones, before the counted noun
        if capitals:
            break
    one_of = _ONE_OF_BEFORE.search(near)
    if one_of and start is not None:
        # "The trial ... was one of three facing him": the subject is one of the counted
        sentence = re.split(r"[.!?][\"”’')]*\s|\n", text[max(0, start - 200) : start])[-1]
        subject = _SUBJECT.match(sentence)
        if subject and subject.group(1) not in _NOT_A_COUNTED_NOUN:
            return _entity(_plural(subject.group(1)))
        if subject is None and _HE_SHE.match(sentence):
            return "people"  # "He was one of three"
    including = _INCLUDING.search(near)
    if including and including.group(1) not in _NOT_A_COUNTED_NOUN:
        # "more cases of measles, including 165 in a single day": a part of those counted
        return _entity(including.group(1))
    if _HUMAN_VERBS.search(near) or _COLLECTIVE_BEFORE.search(near):
        return "people"
    if _POPULATION_BEFORE.search(before):
        return "people"  # "the population grew from 4.5 million"
    number_of = _NUMBER_OF.search(before)
    if number_of and number_of.group(1) is None:
        return "people"  # "the number of those infected is 1501": the people infected
    if number_of and number_of.group(1).lower() not in _NOT_A_COUNTED_NOUN:
        # "Should the number of justices remain at nine?"
        return _entity(number_of.group(1).lower())
    if _HUMAN_AFTER.match(text, end):
        return "people"
    member = _MEMBER_OF.search(near)
    if member and _entity(_plural(member.group(1))) == "people":
        return "people"  # "his first victim of the eight was ...": the eight victims
    noun = _NOUN_BEFORE.search(near) or _CHANGE_BEFORE.search(before)
    if noun and noun.group(1) not in _NOT_COUNTED:
        return _entity(noun.group(1))
    if _GROUPS_OF.search(before):
        # "Teams from different countries were arranged in groups of three": what is grouped
        sentence = re.split(r"[.!?;:]\s", before)[-1]
        for word in re.findall(r"[A-Za-z]+", sentence)[:6]:
            lower = word.lower()
            plural = lower.endswith("s") and not lower.endswith(_SINGULAR_ENDS)
            if plural and len(lower) > 3 and lower not in _NOT_A_COUNTED_NOUN:
                return _entity(lower)
    return None


#: A modifier with a number in it, before the counted noun: "18-year-old", "COVID-19",
#: "F-16".
_NUMBERED_MODIFIER = re.compile(r"\d[\d,.]*-[a-z]+(?:-[a-z]+)*|[A-Za-z]+-\d+[A-Za-z]*")
#: Nouns for a sum after the noun it sums ("a 270 delegate total", "a 90 vote tally").
_TOTALS = frozenset(word_list("total tally count"))
#: Nouns ending in "s" that stand before another noun ("one news site", "two sports clubs").
_NOUN_MODIFIERS = frozenset(word_list("news sports"))
#: What an "N-member" body is when its members are not people: a named organisation
#: ("the 55-member AU", "the 27-member European Union") or a union of states.
_MEMBER_BODY = re.compile(
    r"\s(?:[A-Z]|(?:alliance|bloc|union|coalition|federation|league|grouping|community|"
    r"organi[sz]ation|association|commonwealth)\b)"
)
#: A person noun before "of the" and the number: "the first victim of the eight".
_MEMBER_OF = re.compile(r"\b([a-z]{3,})\s+of\s+the\s$")
#: Words for humans that are adjectives before another noun ("three dead birds").
#: Also nouns for people by that state when no noun follows ("the three deceased").
_HUMAN_STATES = frozenset(
    word_list("dead deceased killed wounded injured missing displaced homeless accused elderly")
)
#: Endings of adjectives (and participles) before a noun: "asymptomatic", "infected".
_ADJECTIVE_ENDS = ("ic", "ous", "ful", "ive", "able", "ible", "ed", "ish", "less")
#: Words after an "-al"/"-ic" word that show it was the noun ("one official said").
_VERB_AFTER = frozenset(
    word_list("said says told is was has had will would can could who that which died")
)


#: Participles that join a noun to the head of a compound written without its hyphen
#: ("measles related deaths" for "measles-related deaths").
_COMPOUND_JOINS = frozenset(word_list("related linked induced"))


def _plural_noun(word: str) -> bool:
    """A lower-case plural noun that can head a noun compound (no verb, no function word)."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(_SINGULAR_ENDS)
        and word not in _VERB_AFTER
        and word not in _STOP_WORDS
        and word not in _NOT_A_COUNTED_NOUN
    )


def _compound_head(following: str, after: str) -> str | None:
    """The head of a noun compound whose first noun ends in "s" ("measles cases" → cases,
    "measles related deaths" → deaths): the last noun of a compound is the counted one."""
    if _plural_noun(following):
        return _entity(following)
    if following in _COMPOUND_JOINS and _plural_noun(after):
        return _entity(after)
    return None


def _modifiers(words: list[str]) -> bool:
    """Whether ``words`` can all stand before a counted noun ("two separate law enforcement
    sources"): lower-case words, no verb, adverb or function word."""
    return all(
        w.isalpha() and w.islower() and w not in _VERB_AFTER and w not in _NOT_A_COUNTED_NOUN
        and not w.endswith("ly") and w not in _STOP_WORDS
        for w in words
    )  # fmt: skip


#: Auxiliaries after a noun phrase (before an apostrophe: "won't", "can't", "didn't").
_MODALS = frozenset(word_list("won can didn doesn isn wasn shall may might must should"))
#: Past tenses not made with "-ed" ("one man fell"): never the head of a noun compound.
_IRREGULAR_PAST = frozenset(
    word_list(
        """
        fell wore ran won lost saw got went came left took gave made found thought held kept
            led met paid sent spent stood sat brought bought caught fought taught built hit
            shot struck drove rode rose broke spoke stole chose froze woke swam began drank
            sang ate fled fed hid bit lit dug hung flew grew knew threw drew blew wrote became
            sold heard felt lay laid meant slept wept knelt lent bent stuck swung sank beat
            cut hurt let put quit read set shut split spread did does goes went remains
        """
    )
)


def _compound(word: str, following: str, after: str) -> bool:
    """Whether ``word following`` is a noun compound after "one" ("one black hole per
    thousand stars", "one news site,"): two plain lower-case words, the second no verb, and
    then punctuation, a preposition or a verb."""
    if not (word.isalpha() and word.islower()) or word in _NOT_AFTER_ONE:
        return False
    if following in _VERB_AFTER or following in _NOT_AFTER_ONE or following in _STOP_WORDS:
        return False
    if following in _IRREGULAR_PAST or following.endswith(("ed", "ing", "ly")):
        return False
    if following.endswith("s") and not following.endswith(_SINGULAR_ENDS):
        return False  # "one man says", "one news sites"
    if after in _IRREGULAR_PAST or after in _MODALS:
        return True  # "one good weather year won't save", "one power plant was"
    return not after.isalpha() or after in _STOP_WORDS or after in _VERB_AFTER


def _adjective(word: str, following: str, after: str) -> bool:
    """Whether ``word`` is an adjective before ``following`` (after "one"): "one further
    record", "one asymptomatic infected volunteer", not "one official said"."""
    lower = word.lower()
    if lower in ONE_ADJECTIVES:
        return True
    if not word.islower() or following in _VERB_AFTER or following in _NOT_AFTER_ONE:
        return False
    if following in _STOP_WORDS or len(lower) < 5:
        return False
    noun_after = after.isalpha() and after.islower() and after not in _VERB_AFTER
    if following.endswith("ed") and not noun_after:
        return False  # "one official resigned", not "one asymptomatic infected volunteer"
    return lower.endswith(_ADJECTIVE_ENDS)


def _number_start_context(text: str, end: int, width: int = 40) -> str:
    """The words before the number that ends at ``end`` (for "killing 107")."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[max(0, start - width) : start]


#: Where a figure can start (a digit, a currency, a number word's first letters, "a "):
#: trying :data:`_NUMBER` only there is 5× faster than searching with it.
_CANDIDATE = re.compile(
    r"[\d$£€¥₹₩₽]|(?<![\w.])\.\d|"
    r"\b(?:[Zz]ero|[Oo]ne|[Tt][wehi]|[Ff][oi]|[Ss][ie]|[Ee][il]|[Nn]in|[Hh]alf|[Aa] |"
    r"RMB|USD|EUR|GBP|CNY|NZD|HKD|JPY|AUD|CAD|CHF|INR|KRW|RUB|SGD|TWD|ZAR|BRL|NZ|US|HK|NT|"
    r"Rs|R\$|AU?\s?\$|C\s?\$|S\s?\$)"
)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """:data:`_NUMBER`'s matches, as ``finditer`` finds them, tried at candidates only."""
    end = 0
    for c in _CANDIDATE.finditer(text):
        if c.start() < end:
            continue
        m = _NUMBER.match(text, c.start())
        if m and m.end() > m.start():
            end = m.end()
            yield m


def _scan(text: str) -> list[_Figure]:
    scores = [_Figure(s.start, s.end, s.value, s.unit, "score", s.end) for s in match_scores(text)]
    starts = [s.start for s in scores]  # sorted, the scores do not overlap

    def in_score(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end) - 1  # the last score starting before ``end``
        return i >= 0 and scores[i].end > start

    found: list[_Figure] = []
    skip_until = -1
    for m in _matches(text):
        if m.start() < skip_until:
            continue
        digits = m.group("num")
        if digits and digits[0].isdigit() and in_date(text, m.start("num"), m.end("num")):
            continue  # "Saturday, September 12, 2015", "2015-09-12": a date
        if scores and in_score(m.start(), m.end()):
            continue
        figure = _read(text, m)
        if figure is None:
            # a range partner of something that is not a figure is not one either
            partner = _RANGE.match(text, m.end())
            if partner:
                nxt = _NUMBER.match(text, partner.end())
                measured = nxt is not None and (
                    nxt.group("scale") or nxt.group("cur") or _PERCENT.match(text, nxt.end())
                )
                if nxt and not measured:
                    skip_until = nxt.end()  # not "from 4.5 million in 2000 to 6 million"
            continue
        if scores and in_score(figure.start, figure.end):
            continue
        found.append(figure)
        skip_until = max(skip_until, figure.end)  # no figure inside another's span
    if not scores:
        return _share_units(text, found)
    return sorted(_share_units(text, found) + scores, key=lambda f: f.start)


def _share_units(text: str, found: list[_Figure]) -> list[_Figure]:
    """Units shared between figures: "from ten to 32 pages", "8–10 years" and "$5-7 million"
    (the first number takes the second's unit and scale, the second the first's currency);
    "five of the 12 jurors" (the part takes the whole's unit); a bare count takes the unit
    of the count before it in the sentence ("Of the 300 applicants, 120 were accepted",
    "two people were killed and three others injured"), or of the same number counted
    before in the text."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        gap = text[a.end : b.start]
        joined = _JOINED.fullmatch(gap) is not None
        scaled = joined and a.multiplier == 1 and b.multiplier > 1
        if scaled and a.kind in ("count", "money") and a.value < b.value / b.multiplier:
            a = replace(a, value=a.value * b.multiplier, multiplier=b.multiplier)
        if joined and a.kind == "money" and b.kind == "count" and b.unit is None:
            b = out[i + 1] = replace(b, unit=a.unit, kind="money")
        unitless = a.kind == "count" and (a.unit is None or b.kind != "count")
        shared = b.unit is not None and b.kind not in ("money", "fraction")
        if joined and unitless and shared:
            a = replace(a, unit=b.unit, kind=b.kind)
        elif joined and a.kind == "count" and a.unit is None and b.kind == "money":
            a = replace(a, unit=b.unit, kind="money")
        elif a.kind == "count" and b.kind == "count" and _PART_OF.fullmatch(gap):
            a = replace(a, unit=b.unit)
        elif a.kind == "count" and a.unit is None and b.kind == "count" and gap == " in ":
            a = replace(a, unit=b.unit)  # "one in three people"
        out[i] = a
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        listed = _LISTED.fullmatch(text, a.end, b.start) is not None
        if b.kind == "count" and b.unit is None and a.kind == "unit" and listed:
            out[i] = replace(b, unit=a.unit)  # "aged 15, 16 and 17"
        elif b.kind == "count" and b.unit is None and a.kind == "unit" and a.unit in _DURATIONS:
            between = text[a.end : b.start]
            elided = _ELIDED_END.match(text, b.end) is not None
            if elided and len(between) < 80 and not _CLAUSES_END.search(between):
                # "sentenced to fourteen years in prison, serving eight": the same unit
                out[i] = replace(b, unit=a.unit, kind="unit")
        elif b.kind == "count" and b.unit is None and a.kind == "money" and b.multiplier > 1:
            between = text[a.end : b.start]
            if len(between) < 150 and not _CLAUSES_END.search(between):
                # "a 947 million pounds turnover for a 107 million loss": the same currency
                out[i] = replace(b, unit=a.unit, kind="money")
        elif b.kind == "count" and b.unit is None and _enumerated(text, out[:i], b) is not None:
            # "the five firearms — two semi-automatic, two shotguns, and one lever-action"
            out[i] = replace(b, unit=_enumerated(text, out[:i], b))
        elif b.kind == "count" and b.unit is None and a.kind == "count" and a.unit is not None:
            between = text[a.end : b.start]
            near = len(between) < 120 and not _CLAUSES_END.search(between)
            elliptic = _ELLIPTIC_END.match(text, b.end) is not None
            anaphoric = _ANAPHORIC_BEFORE.search(
                text, max(0, b.start - 12), b.start
            ) and _PRONOUN_END.match(text, b.end)
            same_paragraph = "\n" not in between
            if near or (len(between) < 300 and _OF_THEM.match(text, b.end)):
                out[i] = replace(b, unit=a.unit)
            elif (elliptic and same_paragraph and len(between) < 200) or (
                anaphoric and len(between) < 300
            ):
                # "Sanders had the most delegates, with 60. Biden had 54.": the noun left out
                out[i] = replace(b, unit=a.unit)
        if (
            out[i].kind == "count"
            and out[i].unit is None
            and _SAME_COUNT.search(text, max(0, b.start - 90), b.start)
        ):
            # "about 100,000 Greeks ... the Church estimates that number is closer to 40,000"
            earlier = [f for f in out[:i] if f.kind == "count" and f.unit is not None]
            if earlier and b.start - earlier[-1].end < 600:
                out[i] = replace(b, unit=earlier[-1].unit)
    for i, f in enumerate(out):
        if f.kind != "count" or f.unit is not None:
            continue
        if not _COMPARED_BEFORE.search(text, max(0, f.start - 30), f.start):
            continue
        # "6.05 hectares (14.95 acres), up from 2.48": the compared amount is in the unit of
        # the sentence's amount before it (not of a parenthetical equivalent)
        for a in reversed(out[:i]):
            if _CLAUSES_END.search(text, a.end, f.start):
                break
            if a.kind in ("unit", "money", "percent") and not _inside_brackets(text, a.start):
                out[i] = replace(f, unit=a.unit, kind=a.kind)
                break
    units: dict[float, str] = {}
    for i, f in enumerate(out):
        if f.kind == "count" and f.unit is not None:
            units.setdefault(f.value, f.unit)
        elif f.kind == "count" and f.value in units and f.value >= 100:
            out[i] = replace(f, unit=units[f.value])  # "50000 articles" ... "the 50000 milestone"
    return out


def _enumerated(text: str, before: list[_Figure], b: _Figure) -> str | None:
    """The unit of a total that a list after a dash or colon breaks down ("the five firearms
    — two semi-automatic, ..., and one lever-action"), when ``b`` is in that list."""
    for t in reversed(before):
        between = text[t.end : b.start]
        if _CLAUSES_END.search(between) or len(between) > 150:
            return None
        opener = _LIST_OPENER.search(between)
        if opener and t.kind == "count" and t.unit is not None:
            rest = between[opener.end() :]
            return t.unit if not _LIST_OPENER.search(rest) else None
    return None


#: What opens a list that breaks a total down: a dash or a colon.
_LIST_OPENER = re.compile(r"\s[—–]\s|\s--\s|:\s")
#: A comparison that leaves the unit of the amount compared with out ("up from 2.48").
_COMPARED_BEFORE = re.compile(
    r"\b(?:up|down|rising|falling|rose|fell|increased|decreased|grew|shrank|dropped|climbed)"
    r"\s(?:from|over)\s(?:(?:about|around|roughly|nearly|just|some|over|under)\s)?$"
)
#: A number that ends its clause ("Biden had 54."): its counted noun was left out.
_ELLIPTIC_END = re.compile(r"[.;!?]")
#: A number used as a pronoun ("these two will be denied"): it counts what came before.
_ANAPHORIC_BEFORE = re.compile(
    r"\b(?:these|those|the other|the last|the first|the)\s$", re.IGNORECASE
)
#: What follows a number used as a pronoun: punctuation, a preposition or a verb ("saw the
#: twelve with ...", "these two will ..."), not a noun ("the 50000 milestone").
_PRONOUN_END = re.compile(
    r"\s?[,.;:!?)]|\s(?:with|in|at|of|to|from|for|and|or|were|was|had|have|has|are|is|will|"
    r"would|could|can|may|might|must|should|did|do|who|which|that)\b"
)
#: Durations a bare number later in the sentence can leave out ("serving eight").
_DURATIONS = frozenset(word_list("seconds minutes hours days weeks months years decades"))
#: What follows a number whose unit was left out: punctuation or a preposition, not a verb
#: ("serving eight before ...", not "3 hours and 20 went with him").
_ELIDED_END = re.compile(r"[,.;:)]|\s(?:before|after|of|in|at|for|with|behind|more|later)\b")
#: A back-reference to the count before: "that number is closer to 40,000".
_SAME_COUNT = re.compile(
    r"\b(?:an?\s+)?total\s+of\s$|"
    r"\b(?:that|this|the|the real|the actual|the true)\s+(?:number|figure|total|count|"
    r"estimate|tally)\b[^.;:!?]{0,40}?\b(?:is|was|at|to|of|be|as|near|around|about|over|"
    r"than)\s(?:(?:closer|nearer|close|more|less|nearly|about|around|only|just|some|over|"
    r"to|than)\s){0,3}$"
)
_LISTED = re.compile(r",\s|,?\s(?:and|or|to)\s|\s?[-–—]\s?")
_JOINED = re.compile(r"\s*(?:to|–|—|-|or|and|±|\+/-)\s*")
_PART_OF = re.compile(
    r"\s(?:out\s)?of\s(?:the\s|their\s|its\s|all\s)?(?:(?:[A-Z][\w.]*\s){0,2}[\w.]+['’]s\s)?"
)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
#: The end of a sentence (a semicolon joins clauses that count the same thing).
#: A closing quotation mark or bracket may follow the stop ('... 58,150 individuals." Since').
_CLAUSES_END = re.compile(r"[.!?][\"”’')\]]*\s|\n")


def _read(text: str, m: re.Match[str]) -> _Figure | None:
    start = m.start()
    cur = m.group("cur")
    core = m.group("num") or m.group("ascale") or m.group("frac")
    if core is None:
        return None
    if m.group("num"):
        core_start = m.start("num")
    elif m.group("ascale"):
        core_start = m.start("ascale")
    else:
        core_start = m.start("frac")
    before = text[max(0, core_start - 30) : core_start]
    after = text[m.end() : m.end() + 30]
    scale = m.group("scale")
    if m.group("frac") and scale:
        value = 0.5  # "half a million", "half a dozen"
    elif m.group("frac") and m.group("halfunit"):
        written = _unit_name(core.split()[-1])  # "half an hour": a duration
        return _Figure(start, m.end(), 0.5, written, "unit", m.end())
    elif m.group("frac"):
        low = core.lower()
        ordinal = _ORDINAL_USE.match(text, m.end()) is not None
        if ordinal and not low.startswith(("half", "a half")) and not low.endswith("s"):
            return None  # "a third party", "a quarter final": an ordinal
        if low in ("a half", "an half") and _UNIT_AND.search(before):
            return None  # "a year and a half": a duration without a numeral, not a fraction
        if low == "half" and _HALF_PERIOD.search(before):
            return None  # "in the second half": a period of a match or a year
        if low == "half" and _HALF_NOUN.search(before) and not re.match(r" of\b", text[m.end() :]):
            return None  # "played in their attacking half": a part of the pitch
        if low == "half" and _HALF_COMPOUND.match(text, m.end()):
            return None  # "an 18 year old half back", "his half brother": a compound noun
        parts = re.split(r"[ -]", low)
        count = 1 if parts[0] in ("a", "half") else _SMALL.get(parts[0], 1)
        value = count * _FRACTIONS[parts[-1]]
        scaled = _OF_A_SCALE.match(text, m.end())
        if scaled and not cur:
            # "a quarter of a million": one figure, the fraction of the scale
            multiplier = _SCALES[scaled.group(1).lower()]
            figure = _follow(text, start, scaled.end(), value * multiplier, None)
            return None if figure is None else replace(figure, multiplier=multiplier)
        return _Figure(start, m.end(), value, "fraction", "fraction", m.end())
    elif m.group("ascale"):
        if re.match(r"[ -]?fold\b", text[m.end() :]):
            return None  # "a thousand fold": a multiplicative adverb without a numeral
        value = float(_SCALES[core.split()[-1].lower()])  # "a thousand", "every thousand"
    else:
        number = _number(core)
        if number is None:
            return None
        value = number
    is_digits = core[:1].isdigit() or core[:1] == "."
    multiplier = 1
    if not cur and scale in (None, "m") and _EVENT_AFTER.match(text, m.end()):
        return None  # "the 400 metres hurdles": an event's name, not a distance
    if scale == "m" and not cur and _METRES_AFTER.match(text, m.end()):
        return _Figure(start, m.end(), value, "m", "unit", m.end())  # "1.85m tall": metres
    if scale:
        word = scale.strip().lower()
        multiplier = {"m": 10**6, "k": 1000}.get(word, _SCALES.get(word, 1))
        value *= multiplier
    elif not is_digits and m.group("num"):
        # "three hundred": a range before it shares the scale ("two to three hundred")
        multiplier = _SCALES.get(re.split(r"[ -]", core)[-1].lower(), 1)
    end = m.end()
    # identifiers and codes: letters glued to the digits, "#2", "STS-135", "posts 542"
    if is_digits and not cur:
        if re.search(r"[A-Za-z][\-]?$", before) or _IDENT_BEFORE.search(before):
            return None
        if re.match(r"[A-Za-z]", after) and not re.match(rf"(?:{_GLUED}|bn|m|k)\b", after):
            return None
        if re.match(r"\s?(?::\d|\.\d|(?:a\.m|p\.m|am\b|pm\b))", after):
            return None  # clock times
        if re.fullmatch(r"[0-2]\d[0-5]\d", core) and re.match(r"\s?(?:UTC|GMT|hrs\b|h\b)", after):
            return None  # "1430 UTC": a clock time
        if re.fullmatch(r"\d\d", core) and re.search(r"(?<!\w)['’]$", before):
            return None  # "in '69": a year
        if after.startswith(")") and not _inside_brackets(text, core_start):
            return None  # a list marker: "You either 1) ..., or 2) ..."
        if re.search(r"\d/$", before) or (after.startswith("/") and not scale):
            slash = re.match(r"/(\d{1,2})\s+of\b", after)
            if slash and not re.search(r"\d/$", before) and int(slash.group(1)) > value > 0:
                fraction = value / int(slash.group(1))  # "3/4 of voters"
                return _Figure(start, end + 1 + len(slash.group(1)), fraction, "fraction",
                               "fraction", end)  # fmt: skip
            return None  # "24/7", "9/11", "12/05/2020": a date or a code
        if re.fullmatch(r"0\d+", core):
            return None  # "08": a year or a code, never a count
        if (
            re.fullmatch(r"\d\d", core)
            and re.search(r"\bin\s$", before)
            and re.match(r"\s?(?:[,;.]|and\s\d|or\s\d)", after)
        ):
            return None  # "Reagan in 80 and 84": two-digit years
        if re.match(r"(?:st|nd|rd|th)\b", after):
            return None
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
            return None  # dates
        if re.search(r"\bthe\s$", before) and re.match(r"\s*(?:[,;:)]|which\b|that\b)", after):
            return None  # "the 747, which ...": a name
        name = re.search(r"\b((?:[a-z]+)?[A-Z][\w.]*)\]?\s$", before)  # "[CentOS] 8"
        named = name is not None and name.group(1).lower() not in _FUNCTION_WORDS
        if named and not _PERCENT.match(after) and not _UNIT.match(after):
            return None  # "Vostok 1", "Qwen 2.5", "Explorer 6"
        if re.fullmatch(r"1[89]\d\d|20\d\d|2100", core) and not scale:
            measured = _PERCENT.match(after) is not None or _plural_unit(text, end)
            if YEAR_BEFORE.search(before) and not measured:
                return None  # "In 2019 voters chose": a year after a word of time
            attribute = re.match(r" ([a-z]+)\b", after)
            noun = attribute.group(1) if attribute else "s"
            titled = re.match(r" [\"“‘']?[A-Z][a-z]*[a-rt-z]\b", after)
            if titled and not measured and titled.group().strip(" \"“‘'") not in HUMANS:
                return None  # 'their 2019 "Person of the Year"': a year before a title

            if not noun.endswith("s") and noun not in HUMANS and not measured:
                return None  # "the total 2020 population": a year before a singular noun
            counted = _counted(text, end, value)
            as_count = _YEAR_AS_COUNT.match(text, end) and not _YEAR_DETERMINER.search(before)
            if counted != "people" and not measured and not as_count:
                return None  # a year ("2018 day five" has a singular unit after it)
    if not cur and _TITLE_AFTER.match(text, end) and re.search(r"\b[a-z]+\W{0,2}\s$", before):
        return None  # "a soon-to-be released 60 Minutes interview": a title (not a headline)
    if not cur and _POSITION_BEFORE.search(before) and not _COUNT_AFTER.match(text, end):
        return None  # "day five of the World Cup", "in round 3": a position in a series
    if is_digits and not cur and not scale and _ADDRESS_AFTER.match(text, end):
        return None  # "10 Downing Street", "36 Quai des Orfèvres": a house number
    if not cur and _PHONE_BEFORE.search(before) and not _COUNT_AFTER.match(text, end):
        return None  # "phoned 911": a telephone number, an identifier
    if not is_digits and _IN_A_NAME.match(core) and _in_a_name(text, start, end):
        return None  # "Shang-Chi and the Legend of the Ten Rings": a word of a title
    glued = re.search(r"([A-Za-z]+)-$", before)
    if not is_digits and glued and glued.group(1).lower() not in _SMALL:
        return None  # "a high-five", "Catch-22" spelt out
    if not cur and not scale and _TYPE_ADJECTIVE.match(text, end):
        return None  # "two-legged", "three-dimensional": a kind of thing, not a quantity
    mixed = _AND_A_FRACTION.match(text, end)
    if mixed and re.search(r"\bbetween\s$", before):
        mixed = None  # "between one and two thirds of voters": a range
    if mixed and m.group("num") and not scale and value == int(value):
        # "one and a half years", "2 and a half million people": one figure
        count = _SMALL.get(mixed.group(1).lower(), 1)  # "a", "an": one
        denominator = round(1 / _FRACTIONS[mixed.group(2).lower()])
        value = (value * denominator + count) / denominator  # 5/3, not 1 + 2 * (1/3)
        end = mixed.end()
        more = re.match(rf" ({_SCALE}|bn|mn)\b", text[end : end + 12], re.IGNORECASE)
        if more:
            multiplier = _SCALES[more.group(1).lower()]
            value, end = value * multiplier, end + more.end()
        figure = _follow(text, start, end, value, cur)
        return None if figure is None else replace(figure, multiplier=multiplier)
    if not is_digits and core.lower() == "one" and not cur:
        if (_AGE_BEFORE.search(before) or _ONE_AGE.search(before)) and _AGE_END.match(text, end):
            return _Figure(start, end, value, "years", "unit", end)  # "when she was one"
        prev = re.findall(r"([\w']+)\W*$", before)
        nxt = re.findall(r"^\W*([\w']+)", text[end : end + 20])
        if text[end : end + 1] in ("-",) or (prev and prev[0].lower() in _NOT_BEFORE_ONE):
            return None
        if nxt and nxt[0].lower() in _ONE_UNITS and prev and prev[0].lower() in _BEFORE_SPAN:
            # "only one day to test it": a duration, not "one day, ..."
            duration = _UNIT.match(text, end)
            if duration:
                written = _unit_name(duration.group("unit"))
                return _Figure(start, duration.end(), value, written, "unit", end)
        partner = _RANGE.match(text, end)
        ranged = partner is not None and _NUMBER.match(text, partner.end()) is not None
        ranged = ranged or _OR_MORE.match(text, end) is not None  # "one or more donations"
        ranged = ranged or re.match(rf" in (?:\d|{_WORDS})\b", text[end : end + 12]) is not None
        if _HUMAN_VERBS.search(before) and re.match(r"\s?(?:[,.;]|and\b|or\b)", after):
            return _Figure(start, end, value, "people", "count", end)  # "killed one and ..."
        if not ranged and (
            not nxt or nxt[0].lower() in _NOT_AFTER_ONE or not text[end : end + 1].isspace()
        ):
            return None
    figure = _follow(text, start, end, value, cur)
    if figure is None:
        return None
    return replace(figure, multiplier=multiplier)


def _inside_brackets(text: str, start: int) -> bool:
    """Whether a bracket opened before ``start`` in its paragraph is still open ("(cutting
    the lifetime from 10 years to 2)"), so a ")" after the number closes it."""
    before = text[max(0, start - 300) : start].rpartition("\n")[2]
    return before.rfind("(") > before.rfind(")")


def _follow(text: str, start: int, end: int, value: float, cur: str | None) -> _Figure | None:
    """The figure from what follows the number (ending at ``end``): a percent marker, a
    currency, a unit, or else the counted entity."""
    fold = _FOLD.match(text, end)
    if fold and not cur:
        return _Figure(start, fold.end(), value, "fold", "unit", end)  # "18-fold"
    percent = _PERCENT.match(text, end)
    if percent and not cur:
        return _Figure(start, percent.end(), value, "percent", "percent", end)
    if cur:
        code = cur.strip().replace(" ", "").rstrip(".").lower()
        unit = _CURRENCY_CODES.get(code, code.upper())
        post = CURRENCY_AFTER.match(text, end)
        if post and currency_code(post) == unit:
            end = post.end()  # "$5 million US dollars"
        return _Figure(start, end, value, unit, "money", end)
    post = CURRENCY_AFTER.match(text, end)
    weight = post is not None and weight_pounds(text, start, post)
    if post and not weight and currency_code(post) is not None:
        return _Figure(start, post.end(), value, currency_code(post), "money", end)
    if post and post.group("word").lower().startswith("pound"):
        return _Figure(start, post.end("word"), value, "pounds", "unit", end)  # a weight
    magnitude = _MAGNITUDE_AFTER.match(text, end)
    if magnitude:
        return _Figure(start, magnitude.end(), value, "magnitude", "unit", end)  # "4.7-magnitude"
    if _MAGNITUDE_BEFORE.search(text, max(0, start - 60), start) or _QUAKE_AFTER.match(text, end):
        return _Figure(start, end, value, "magnitude", "unit", end)  # "a magnitude 5.2 quake"
    degrees = _DEGREES.match(text, end)
    if degrees:
        scale = (degrees.group("scale") or degrees.group("scale2") or "").lower()
        named = {"c": "degrees Celsius", "f": "degrees Fahrenheit"}.get(scale[:1], "degrees")
        minus = _MINUS_BEFORE.search(text, max(0, start - 7), start)
        if minus:
            start, value = minus.start(), -value
        return _Figure(start, degrees.end(), value, named, "unit", end)
    measure = _UNIT.match(text, end)
    if measure:
        written = _unit_name(measure.group("unit"))
        return _Figure(start, measure.end(), value, written, "unit", end)
    if _age(text, start, end, value):
        return _Figure(start, end, value, "years", "unit", end)
    return _Figure(start, end, value, _counted(text, end, value, start), "count", end)


def _plural_unit(text: str, end: int) -> bool:
    """A unit after the number that is written as a count of it: plural ("2018 days"),
    abbreviated ("2000 km") or joined by a hyphen ("a 2000-year history"), not singular
    after a space ("World Cup 2018 day five") unless an age or length follows."""
    measure = _UNIT.match(text, end)
    if measure is None:
        return False
    written = measure.group("unit")
    if text[end] == "-" or re.match(r"[ -](?:old|long)\b", text[measure.end() :]):
        return True  # "a 2000-year history", "a 2000 year old tradition"
    return _unit_name(written) == re.sub(r"\s+", " ", written.lower())


def _age(text: str, start: int, end: int, value: float) -> bool:
    """An age: "aged 45", "at the age of 45", "John Smith, 45,", "when she was six",
    "until he turned 18" (years)."""
    before = text[max(0, start - 40) : start]
    if _AGE_BEFORE.search(before):
        return True
    if _AT_AGE.search(before) and text[end : end + 1] == ",":
        return True  # "At 77, Biden became the oldest ..."
    if not (0 < value < 120 and value * 2 == int(value * 2)):
        return False  # whole years or halves ("when I was two-and-a-half")
    clause = _AGE_CLAUSE.search(before) or _TURNED.search(before) or _PERSON_WAS.search(before)
    if clause and _AGE_END.match(text, end):
        return True
    number = text[start:end]
    if not (number.isdigit() and value == int(value)):
        return False
    # "John Smith, 45,"; two people's ages: "A and B, 40 and 49,"; a person noun: "Another
    # brother, 22, was still chained"
    after_age = re.match(r"\s?[,)]|\s(?:and|or)\s\d{1,2}\s?[,)]", text[end : end + 12])
    first = _SECOND_AGE.search(before)
    if first:
        before = before[: first.start() + 2]  # the name and comma before the first age
        after_age = re.match(r"\s?[,)]", text[end : end + 2])
    if after_age is None:
        return False
    if _NAME_COMMA.search(before):
        return True
    noun = _NOUN_COMMA.search(before)
    if noun is None:
        return False
    word = noun.group(1).lower()
    return _plural(word) != word and _entity(_plural(word)) == "people"  # one person


def _value(value: float) -> AttributeValue:
    if value == int(value) and abs(value) < 2**62:
        return int(value)
    return value


_SCORES = {
    "money": 0.95, "percent": 0.95, "unit": 0.85, "fraction": 0.7, "count": 0.75, "score": 0.8,
}  # fmt: skip


def suggest_figures(text: str) -> list[Suggestion]:
    out = []
    for f in _scan(text):
        attributes: dict[str, AttributeValue] = {FIGURE_VALUE: _value(f.value)}
        if f.unit:
            attributes[FIGURE_UNIT] = f.unit
        score = _SCORES[f.kind] - (0.15 if f.kind == "count" and f.unit is None else 0.0)
        out.append(
            Suggestion(f.start, f.end, "figure", score, attributes, pattern=f.unit or f.kind)
        )
    return out

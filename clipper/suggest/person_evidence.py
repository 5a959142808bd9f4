"""Evidence for and against a run of capitalised words being a person's name: word tests
(given name, title or role, organisation word), the words a text uses as things or places
("100 Polaroids", "at Greensboro"), and the context around a name (an appositive with a role
or an age, a role before it, an interview label). Used by :mod:`clipper.suggest.people`."""

from __future__ import annotations

import collections
import functools
import re
import unicodedata
from collections.abc import Set as AbstractSet

from clipper.suggest.base import word_list
from clipper.suggest.names import (
    AFFILIATIONS,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_WORDS,
    TITLE_WORDS,
    given_names,
)

NOT_GIVEN_PARTS = frozenset(
    word_list(
        "winner winning based led born backed owned style like era made run funded elect built "
        "designed sponsored linked controlled affiliated held"
    )
)


@functools.lru_cache(maxsize=8192)
def is_given(word: str) -> bool:
    """A given name, also two joined by a hyphen ("Nils-Erik", "Hans-Peter") or written with
    accents the list has not ("Andrés", "Zoë")."""
    names = given_names()
    if word in names:
        return True
    parts = word.split("-")
    if len(parts) == 2 and all(p in names for p in parts):
        return True
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return plain != word and plain in names


def org_word(word: str) -> bool:
    """An organisation's word, alone or in a compound ("Prize-winner", "Party-led")."""
    low = word.lower()
    if low in ORG_WORDS:
        return True
    parts = low.split("-")
    return len(parts) > 1 and any(p in ORG_WORDS or p in NOT_GIVEN_PARTS for p in parts)


#: One capitalised word that speaks: "Jafari said".
SPEAKER = re.compile(
    r"(?<![\w\-])([A-Z][a-z][\w'’\-]+)\s+(?:said|says|told|added|stated|explained|wrote)\b"
)


#: A capitalised word used as a common noun or a product, not a surname: after a numeral
#: ("100 Polaroids"), a possessive ("Campbell's Soup", "Warhol's Polaroids"), or after an
#: article or determiner when a verb, preposition or punctuation follows ("The Polaroids
#: were", "the Polaroid's flash"); then never a person's surname.
_THING = (
    re.compile(r"[\d]\s([A-Z][a-z]+)\b(?!\s+[A-Z])"),
    re.compile(
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|several|"
        r"many|some|few)\s([A-Z][a-z]+)\b(?!\s+[A-Z])"
    ),
    re.compile(r"['’]s\s([A-Z][a-z]+)\b(?!\s+[A-Z])"),
)


_THING_ARTICLE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]heir|[Ii]ts|[Oo]wn|[Tt]hese|[Tt]hose|[Oo]ur)\s([A-Z][a-z]+)"
    r"(?=['’]s\b|\s*[.,;:!?)]|\s+(?:were|was|is|are|have|has|had|of|from|and|or|in|on|"
    r"at|that|which|taken|selected|made)\b)"
)


#: What must stand before a digit or an apostrophe for ``_THING`` to count it: a count
#: ("100", "28,000"; not a year "In 2007, Paris") or a possessive, not a contraction
#: ("It's Warhol.").
_THING_BEFORE = (
    re.compile(r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})*|\d{5,})$"),
    None,
    re.compile(
        r"(?<![\w'’])(?!(?:[Ii]t|[Tt]hat|[Hh]e|[Ss]he|[Tt]here|[Hh]ere|[Ww]hat|[Ww]ho|[Ll]et)$)"
        r"\w+$"
    ),
)


#: A place: one capitalised word after "in", "at", "near" (not a possessive: "in Ardern's").
_PLACE = re.compile(r"\b(?:in|at|near|outside)\s([A-Z][a-z]+)\b(?!['’]|\s+[A-Z])")


@functools.lru_cache(maxsize=2)
def thing_words(text: str) -> frozenset[str]:
    """Capitalised words the text uses as things (see ``_THING``), given names left out."""
    given = given_names()
    found = set()
    for pattern, before in zip(_THING, _THING_BEFORE, strict=True):
        for m in pattern.finditer(text):
            # the count ends at the digit matched; the possessor ends before the apostrophe
            end = m.start() + 1 if before is _THING_BEFORE[0] else m.start()
            if before is None:
                found.add(m.group(1))
                continue
            b = before.search(text[max(0, end - 16) : end])
            if b is not None and (before is _THING_BEFORE[0] or _owner(b.group())):
                found.add(m.group(1))
    # after an article, only a word used so twice ("The Polaroids were", "the Polaroid's
    # flash"; not "a Kennedy in office" once)
    used = collections.Counter(m.group(1) for m in _THING_ARTICLE.finditer(text))
    found.update(w for w, n in used.items() if n >= 2)
    found -= {m.group(1) for m in SPEAKER.finditer(text)}  # "Warhol said": a person
    return frozenset(w for w in found if w not in given)


def _owner(word: str) -> bool:
    """A possessor whose possession is a thing: a person's or a brand's ("Warhol's
    Polaroids", "Campbell's Soup"), not a country's or a party's ("Britain's Johnson")."""
    return (
        word[:1].isupper()
        and word not in PLACE_WORDS
        and word not in NOT_NAMES
        and word not in AFFILIATIONS
        and not org_word(word)
        and not word.endswith(("ia", "land", "stan"))  # "Tunisia's", "Poland's"
    )


@functools.lru_cache(maxsize=2)
def place_words(text: str) -> frozenset[str]:
    """Capitalised words the text uses after a preposition of place ("at Greensboro")."""
    return frozenset({m.group(1) for m in _PLACE.finditer(text)} - given_names())


def org_follows(text: str, end: int) -> bool:
    """Whether the capitalised words right after ``end`` end in an organisation's word
    ("Warhol Photographic Legacy Program", "Warhol Foundation")."""
    run = re.match(r"(?:\s+[A-Z][\w'’\-]*){1,4}", text[end : end + 80])
    return run is not None and any(org_word(w) for w in run.group().split())


def title_before(text: str, start: int) -> bool:
    """A lower-case title/role word right before ``start`` ("chief executive officer Eddie")."""
    before = re.findall(r"([\w.\-]+),?\s+$", text[max(0, start - 40) : start])
    return bool(before) and is_title(before[0])


def is_title(word: str) -> bool:
    """A title or role word, also in the plural ("photographers Nat Finkelstein, ...")."""
    low = word.lower()
    if "-" in low and low not in TITLE_WORDS:  # "director-general", "secretary-general"
        return all(is_title(part) for part in low.split("-"))
    return low in TITLE_WORDS or (low.endswith("s") and low[:-1] in TITLE_WORDS)


#: Words of an appositive that make the capitalised words before it a person.
_PERSON_NOUNS = frozenset(
    word_list(
        """
        woman man girl boy lady gentleman resident citizen native member survivor victim
            fan friend colleague mum mom dad
        """
    )
)


#: Words that start a clause after a comma, not an appositive.
_CLAUSE_WORDS = frozenset(
    word_list(
        """
        where which when who whose that while but and or as if because after before since
            said says told according including with by for in on at from to of
        """
    )
)


#: Title words that are also adjectives or other words ("home to", "a general view").
_NOT_ROLES = frozenset(
    word_list("home foreign interior vice deputy shadow prime general forward host model major")
)


_AFTER_ROLE = frozenset(("", "of", "for", "at", "in", "and", "with", "from", "to", "on", "who"))


_APPOSITIVE = re.compile(r",\s(?:(\d{1,3}),|([^,.;:!?\n\"“”()]{1,60})[,.;])")


#: Title words that are adjectives or ranks, not an occupation before one name.
_NOT_OCCUPATIONS = frozenset(
    word_list(
        """
        home foreign interior vice deputy shadow prime chief general executive major officer
            director leader father sister brother mother son daughter wife husband partner
            host model agent forward captain player producer
        """
    )
)


def described_after(text: str, end: int) -> bool:
    """An age or an appositive naming a role or a person after ``end``: "Valeska Paris, an
    Australian woman and former Scientologist", "Hernan Dario Gomez, Panama coach,",
    "Thomas Sam, 42,"."""
    m = _APPOSITIVE.match(text, end)
    if m is None:
        return False
    if m.group(1):
        return True
    words = m.group(2).split()
    if not words or len(words) > 7 or words[0].lower() in _CLAUSE_WORDS:
        return False
    # the role of this person, not of a name after it ("with illustrator Johnnie ...")
    # and the role ends the appositive or a preposition follows ("the city's mayor said"
    # is a clause); one person's role: singular ("home to many founders" is a place)
    nexts = [*words[1:], ""]
    role = next(
        (
            i
            for i, (w, nxt) in enumerate(zip(words, nexts, strict=True))
            if (
                (w.lower() in TITLE_WORDS and w.lower() not in _NOT_ROLES)
                or w.lower() in _PERSON_NOUNS
            )
            and nxt in _AFTER_ROLE
        ),
        None,
    )
    # an organisation's word before the role makes it a thing's description; after the
    # role and its preposition it is where the person works ("a member of Parliament")
    return role is not None and not any(org_word(w) for w in words[: role + 1])


def occupation_before(text: str, start: int) -> bool:
    """A lower-case occupation right before ``start`` ("fashion designer Halston")."""
    m = re.search(r"(?<![\w\-])([a-z][a-z\-]+) $", text[max(0, start - 30) : start])
    # singular: one name after "leaders" or "players" may be an organisation or a team
    return m is not None and m.group(1) in TITLE_WORDS and m.group(1) not in _NOT_OCCUPATIONS


def could_be_name(word: str, not_alone: AbstractSet[str]) -> bool:
    """Whether one capitalised word may be (part of) a name: not a function word, month,
    title, organisation word, acronym or a word the text uses as a thing or place."""
    return (
        len(word) >= 3
        and not word.isupper()
        and word not in NOT_NAMES
        and not org_word(word)
        and not is_title(word)
        and word not in not_alone
        and word not in PLACE_WORDS
        and word not in AFFILIATIONS
        and not word.endswith(("ian", "ese", "ish"))  # "Belgian", "Chinese", "British"
        and word[1:].islower()
    )


#: A speaker's label in an interview transcript: "((Valeria Gazzola))  Yeah."
_LABEL = re.compile(r"^\(\(([A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+){1,2})\)\)", re.MULTILINE)


def interview_labels(text: str) -> set[str]:
    """Names that label what a person says in an interview (not "((WN))")."""
    return {
        m.group(1)
        for m in _LABEL.finditer(text)
        if not any(org_word(w) or w.isupper() for w in m.group(1).split())
    }


#: A storm's name after its kind: "Hurricane Dorian", "Typhoon Hagibis", "Tropical Storm Erin".
_STORM = re.compile(
    r"\b(?:Hurricane|Typhoon|Cyclone|Superstorm|(?:Tropical|Subtropical|Winter)\s+"
    r"(?:Storm|Depression)|Storm)\s+([A-Z][a-z]+)\b"
)


@functools.lru_cache(maxsize=2)
def storm_names(text: str) -> frozenset[str]:
    """Names the text gives to storms ("Hurricane Dorian" ... "Dorian reached"): never a
    person's, at any mention (the guidelines tag named individuals only)."""
    return frozenset(m.group(1) for m in _STORM.finditer(text))


#: What follows a surname that names a family, not one person ("the Vanderbilt family",
#: "the Vanderbilt fortune"), or a facility named after a person ("the Johan Sverdrup oil
#: field").
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b|s['’]")
_FAMILY_AFTER = re.compile(r"\s+(?:family|families|fortune|dynasty|clan|household)\b")
_FACILITY_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:field|airport|station|hospital|bridge|stadium|building|centre|"
    r"center|school|university|college|museum|library|prize|award|foundation|institute|"
    r"scholarship|memorial|monument|tower|hall|dam|reservoir|canal|highway|tunnel)\b"
)


def family_or_facility(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start..end`` names a family ("the Vanderbilt family") or,
    after "the", a facility or thing named after a person ("the Johan Sverdrup oil field")."""
    if _FAMILY_AFTER.match(text, end) and " " not in text[start:end]:
        return True
    after_the = text[max(0, start - 4) : start] == "the "
    if after_the and " " not in text[start:end] and _POSSESSIVE_AFTER.match(text, end):
        return True  # "the Turpin's offspring": the family's (a person's has no "the")
    return after_the and _FACILITY_AFTER.match(text, end) is not None


#: Kin nouns: the name after them is a person's ("his cousin, Haitham").
_KIN = frozenset(
    word_list(
        """
        child son daughter baby wife husband brother sister mother father boy girl widow
            partner grandson granddaughter cousin nephew niece uncle aunt twin
        """
    )
)


def person_noun(word: str) -> bool:
    """A noun that stands for a person: a role, a kin noun or "woman", "man", "boy" ..."""
    low = word.lower()
    return (is_title(low) and low not in _NOT_ROLES) or low in _PERSON_NOUNS or low in _KIN


#: Capitals after a lower-case letter that no name has ("CentOS", "macOS", "YouTubeTV";
#: not "DeWine", "McConnell", "LaRose").
_PRODUCT_CASE = re.compile(r"[a-z][A-Z]{2}|[a-z][A-Z]$")


def product_case(word: str) -> bool:
    """A product's or brand's spelling, not a person's name ("CentOS Stream")."""
    return _PRODUCT_CASE.search(word) is not None


def is_affiliation(word: str) -> bool:
    """A nationality, religion or party word ("Turkish", "Cypriot", "Sunni"), not a given name."""
    return word in AFFILIATIONS or (
        word.endswith(("ian", "ese", "ish")) and not is_given(word) and word[1:].islower()
    )


#: A country after a name: "Rai Benjamin from the United States,", "Abderrahman Samba of
#: Qatar with ...": the name is a person's (an organisation's name would end in its own word).
_FROM_COUNTRY = re.compile(
    r"\s+(?:from|of)\s+(?:the\s+)?(United\s+(?:States|Kingdom|Arab\s+Emirates)|[A-Z][a-z]+)"
    r"(?=\s*[,.;)]|\s+(?:who|with|in|and|at|to|on|after|before)\b)"
)


def nationality_after(text: str, end: int) -> bool:
    """Whether a country follows the name at ``end`` ("... of Qatar with a time of ...")."""
    m = _FROM_COUNTRY.match(text, end)
    return m is not None and (m.group(1) in PLACE_WORDS or m.group(1).startswith("United"))

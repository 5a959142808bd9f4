"""People: names of humans, by rules and word lists (no model).

A run of capitalised words is a person's name when its first word is a known given name
(the project's list and the 1990 U.S. census lists), or the context says so: a title or role
before it ("Professor", "fashion designer", "a spokesperson,"), an appositive with a role or
an age after it (", an Australian woman", ", 25,"), a reporting verb ("X said", "said X",
"according to X"), a list with other people, an interview label. Titles are left out of the
span, and so is a possessive "'s". Organisations, places and things named like people
("Johnson Space Center", "Campbell's Soup", "100 Polaroids", "at Greensboro") are skipped
(:mod:`clipper.suggest.person_evidence`). Then every other mention of a found name, its last
word (the surname) and a one-word speaker who misspells it are a person too, linked
``same_as`` to the nearest full name. Names the coder has tagged before (``known``) are found
at every mention.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from clipper.suggest.base import Suggestion, word_list
from clipper.suggest.figure_words import DEMONYMS_ONE
from clipper.suggest.names import NOT_NAMES, ORG_WORDS, PLACE_WORDS, TITLE_WORDS
from clipper.suggest.person_evidence import (
    NOT_GIVEN_PARTS,
    SPEAKER,
    could_be_name,
    described_after,
    family_or_facility,
    interview_labels,
    is_affiliation,
    is_given,
    is_title,
    nationality_after,
    occupation_before,
    org_follows,
    org_word,
    person_noun,
    place_words,
    product_case,
    storm_names,
    thing_words,
    title_before,
)

#: The words a name can be made of: capitalised ones and particles ("al-Amr", "van");
#: any other word between two of them breaks a run (the gap is then not one space).
_WORD = re.compile(
    r"(?<![\w'’\-])(?:(?:[A-Z]\.){2,}(?!\w)|[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?"
    r"|(?:al|el|ibn|bin|van|von|de|da|di|du|der|den|le|la)(?:-[\w'’\-]+)?(?![\w'’]))"
)
#: "son of" in Arabic and Hebrew names: the word before it is the person's own name.
_PATRONYMIC = frozenset(("bin", "ibn", "bint", "ben"))
_PARTICLES = frozenset(
    word_list(
        """
        al el ibn bin van von de da di du der den le la
        """
    )
)
_HONORIFICS = frozenset(
    word_list(
        """
        mr ms mrs miss dr prof professor sir dame lord lady king queen prince princess
            mme mlle herr frau monsieur señor señora signor signora
            pope sheikh emir sultan imam ayatollah swami
        """
    )
)
#: Abbreviated honorifics whose full stop does not end a sentence ("Mr. Toccafondi"; not
#: "the new Sultan. After the funeral").
_ABBREVIATED = frozenset(
    word_list("mr mrs ms dr prof sen rep gov gen col capt lt sgt rev hon mme mlle")
)
#: A role and preposition before a portfolio ("Minister of Education ...").
_PORTFOLIO = re.compile(
    r"\b(?:minister|secretary|undersecretary|under-secretary|commissioner|spokes\w+|"
    r"director|head|chief)\s+(?:of|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A family name first and a hyphenated given name: "Leung Che-cheung", "Kim Jong-un",
#: "Moon Jae-in".
#: "Hwang Hee-Chan", "Park Joo-Ho": the part after the hyphen may be capitalised.
_FAMILY_FIRST = re.compile(r"[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}-[A-Za-z][a-z]{0,5}")


def _family_first(name: str) -> bool:
    """ "Leung Che-cheung", not "Booker Prize-winner" or "Labour Party-led"."""
    if not _FAMILY_FIRST.fullmatch(name):
        return False
    head, _, tail = name.split()[1].partition("-")
    return (
        head.lower() not in ORG_WORDS
        and head.lower() not in _PARTICLES  # "Masjid Al-Haram"
        and tail.lower() not in NOT_GIVEN_PARTS
    )


#: Before a word that starts a sentence (or a quote, a line).
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“‘(]\s*|\A)$")
#: A saint before capitalised words: "St. Louis Cardinals", "St. John's Episcopal Church":
#: a place or a church named after a saint, not a person of the text.
_SAINT_BEFORE = re.compile(r"\b(?:St\.?|Saint)\s$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
#: Initials that are places, not a person's: "U.S. Steel".
_PLACES = frozenset(word_list("U.S. U.K. U.N. E.U. U.A.E. D.C. L.A. N.Y."))
_POSSESSIVE = ("'s", "’s", "'", "’")
#: A reporting verb right before a name: ", said Hilary Braysmith.", "according to ...".
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|according to|told|replaced|replaced by|saved by|substituted by|"
    r"assisted by|fouled by)\s$"
)
#: Verbs right after a name that say it is a person speaking.
_SPEECH_AFTER = re.compile(
    r"\s*,?\s+(?:said|says|told|added|stated|explained|wrote|claimed|claims|noted|argued|"
    r"warned|insisted|tweeted|recalled|admitted|replaced|was booked|was substituted|"
    r"was sent off)\b"
    # "Nils-Erik Haagenrud of Rogaland Fire and Rescue said"
    r"|\s+(?:of|from|at)\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+(?:(?:and|&|of|for)\s+)?){1,6}"
    r"(?:(?:assembly|council|party|committee|ministry|agency|police|university)\s+)?"
    r"(?:said|says|told|added)\b"
)
#: A preposition or article before a run of capitalised words: "Centre for Control of
#: Iodine Deficiency Disorders says": the end of an organisation's name, not a person.
_ORG_BEFORE = re.compile(r"\b(?:of|for|the|at|on)\s$")
#: A preposition of place or an article before capitalised words: no name starts with them.
_PLACE_BEFORE = re.compile(r"\b(?:of|for|the|at|on|from|in|near|to)\s$")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’\-]*\s$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person mentioned at ``start..end``; ``full`` is the fullest form of the name in the
    text and ``first`` the span of the mention that gave it."""

    start: int
    end: int
    full: str
    first: tuple[int, int]


def mentions_within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions (sorted by start) that lie inside ``start..end``."""
    k = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    out = []
    while k < len(mentions) and mentions[k].start < end:
        if mentions[k].end <= end:
            out.append(mentions[k])
        k += 1
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Words with possessives and final full stops cut off (initials keep theirs)."""
    found = []
    for m in _WORD.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if word.endswith(".") and not _INITIALS.fullmatch(word) and word not in ("Jr.", "Sr."):
            word, end = word[:-1], end - 1
        for suffix in _POSSESSIVE:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                word, end = word[: -len(suffix)], end - len(suffix)
                break
        word = word.rstrip("-")
        end = start + len(word)
        if word:
            found.append((start, end, word))
    return found


def _runs(text: str, tokens: list[tuple[int, int, str]]) -> Iterable[list[int]]:
    """Indexes of runs of capitalised words (particles inside) separated by one space (or
    ". " after an honorific: "Mr. Toccafondi")."""
    run: list[int] = []
    for i, (start, _end, word) in enumerate(tokens):
        gap = text[tokens[run[-1]][1] : start] if run else ""
        joined = bool(run) and (
            gap == " " or (gap == ". " and tokens[run[-1]][2].lower() in _ABBREVIATED)
        )
        particle = word.split("-")[0].lower() in _PARTICLES and "-" in word
        if _is_cap(word) or (joined and (particle or word.lower() in _PARTICLES)):
            if run and not joined:
                yield run
                run = []
            run.append(i)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def _org_pairs(text: str, tokens: list[tuple[int, int, str]], runs: list[list[int]]) -> set[str]:
    """Two words in a row inside an organisation's name in the text ("Ford Motor" of "The
    Ford Motor Company"), as "Ford Motor": a surname before the second is that company."""
    pairs: set[str] = set()
    for run in runs:
        words = [tokens[i][2] for i in run]
        if len(words) >= 3 and any(org_word(w) for w in words[2:]):
            pairs.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return pairs


def _full_names(text: str) -> tuple[list[tuple[int, int, float]], set[str]]:
    """Full names with their scores, and the word pairs of organisations' names."""
    tokens = _tokens(text)
    found: list[tuple[int, int, float]] = []
    runs = list(_runs(text, tokens))
    alone = {
        tokens[run[0]][2]
        for run in runs
        if len(run) == 1
        and not _SENTENCE_START.search(text, max(0, tokens[run[0]][0] - 3), tokens[run[0]][0])
    }
    alone -= thing_words(text) | place_words(text)
    not_alone = thing_words(text) | place_words(text)
    org_pairs = _org_pairs(text, tokens, runs)
    storms = storm_names(text)
    for run in runs:
        if storms and any(tokens[i][2] in storms for i in run):
            continue  # "Hurricane Dorian", "Dorian reached": a storm
        if len(run) == 1:
            # one capitalised word: a name only as a known surname, or after a role
            # ("fashion designer Halston")
            start, end, word = tokens[run[0]]
            if occupation_before(text, start) and could_be_name(word, not_alone):
                found.append((start, end, 0.7))
            continue
        if _SAINT_BEFORE.search(text, max(0, tokens[run[0]][0] - 7), tokens[run[0]][0]):
            continue  # "St. Louis Cardinals": a place
        words = [tokens[i][2] for i in run]
        titled = joined = False
        k = 0
        while k < len(words) and (words[k].lower() in TITLE_WORDS or words[k] in NOT_NAMES):
            titled = titled or words[k].lower() in TITLE_WORDS
            k += 1
        # "Alibaba Group Chairman Joe Tsai", "Refugee Council Enver Solomon": the name
        # starts after the last title word or at the first given name
        # "Bill Clinton White House Press Secretary Joe Lockhart": a title, then a given name:
        # the name after the last such title is the person's (titles are no part of a span)
        split = max(
            (
                j
                for j in range(k, len(words) - 1)
                if words[j].lower() in TITLE_WORDS and is_given(words[j + 1])
            ),
            default=None,
        )
        if split is not None:
            k, titled = split + 1, True
        else:
            for j in range(len(words) - 1, k - 1, -1):
                if any(is_given(w) for w in words[k:j]):
                    # "Martin Luther King III": a title word after a given name is a name
                    given = [i for i in range(k, j) if is_given(words[i])]
                    if _article_joined(words[k : given[0]]):
                        joined = True
                    else:
                        k = given[0]
                    break
                if words[j].lower() in TITLE_WORDS and j + 1 < len(words):
                    k, titled = j + 1, True
                    break
            else:
                given = [j for j in range(k, len(words) - 1) if is_given(words[j])]
                if given and _article_joined(words[k : given[0]]):
                    joined = True
                elif given:
                    k = given[0]
        patronymic = False
        while (
            k >= 2
            and k < len(words)
            and is_given(words[k])
            and words[k - 1].lower() in _PATRONYMIC
            and could_be_name(words[k - 2], not_alone)
            and not is_title(words[k - 2])
        ):
            k, patronymic = k - 2, True  # "Haitham bin Tariq Al Said": before "bin"
        lead = False
        if (
            k == 1
            and len(words) == 3
            and could_be_name(words[0], not_alone)
            and not is_given(words[0])
            and not _SENTENCE_START.search(text, max(0, tokens[run[0]][0] - 3), tokens[run[0]][0])
            and not _capital_before(text, tokens[run[0]][0])
            and not _PLACE_BEFORE.search(text, max(0, tokens[run[0]][0] - 6), tokens[run[0]][0])
        ):
            k, lead = 0, True  # "Hernan Dario Gomez", "Farouk Ben Mustapha"
        if (
            k == 0
            and len(words) >= 3
            and not is_given(words[1])
            and _PORTFOLIO.search(text, max(0, tokens[run[0]][0] - 40), tokens[run[0]][0])
        ):
            k = 1  # "Minister of Education Stefania Giannini": the portfolio is no name
        rest = run[k:]
        names = words[k:]
        cut = next((j for j, w in enumerate(names) if w in NOT_NAMES and j >= 2), None)
        if cut is not None:
            if any(org_word(w) for w in names[cut:]):
                continue  # "Walter Reed National Military Medical Center": a facility
            # "Ahmed Mohamed Image: ...": a caption word ends the name
            rest, names = rest[:cut], names[:cut]
        if not names or names[0].lower() in _PARTICLES:
            continue
        family = len(names) == 2 and _family_first(" ".join(names))
        # a given name first is no organisation's word ("Bill Clinton", not "the Bill")
        head = family or (len(names) >= 2 and is_given(names[0]))
        if any(org_word(w) for w in names[head:]) or any(w in NOT_NAMES for w in names):
            continue  # ("Park Joo-Ho": a family name that is also a word)
        after = text[tokens[rest[-1]][1] : tokens[rest[-1]][1] + 3]
        if cut is None and after.startswith(" ") and after[1:2].isupper():
            continue  # joined to more capitalised words by something else: unsure
        start, end = tokens[rest[0]][0], tokens[rest[-1]][1]
        if sum(w.lower() not in _PARTICLES for w in names) > 4:
            continue
        if _team(text, start, end, names):
            continue  # "the Charlotte Hornets in the draft": a team, not a person
        if len(names) >= 2 and (is_given(names[0]) or patronymic or joined):
            found.append((start, end, 0.9))
        elif lead:
            found.append((start, end, 0.8))  # a known given name second of three
        elif len(names) >= 2 and (titled or title_before(text, tokens[run[0]][0])):
            found.append((start, end, 0.8))
        elif titled and k > 0 and words[k - 1].lower().rstrip(".") in _HONORIFICS:
            found.append((start, end, 0.7))  # "Mr Key", "Professor Burrows", "King Charles"
        elif (
            titled
            and len(names) == 1
            and words[k - 1].lower() in _NAME_TITLES
            and all(
                w.lower() in TITLE_WORDS or w in NOT_NAMES or _title_place(w) for w in words[:k]
            )
            and could_be_name(names[0], not_alone)
        ):
            found.append((start, end, 0.7))  # "President Trump", "Senator Sanders"
        elif (
            2 <= len(names) <= 3
            and k == 0
            and _AGED_ADJECTIVE.search(text, max(0, start - 16), start)
        ):
            found.append((start, end, 0.7))  # "22-year-old Rangoli Patil"
        elif 2 <= len(names) <= 3 and k == 0 and _after_roles(text, start):
            found.append((start, end, 0.7))  # "designers including Coco Chanel"
        elif (
            2 <= len(names) <= 3
            and k == 0
            and nationality_after(text, end)
            and all(could_be_name(w, not_alone) or is_given(w) for w in names)
            and not _SENTENCE_START.search(text, max(0, start - 3), start)
        ):
            found.append((start, end, 0.7))  # "won by Rai Benjamin from the United States"
        elif len(names) >= 2 and _INITIALS.fullmatch(names[0]) and names[0] not in _PLACES:
            found.append((start, end, 0.8))  # "J.K. Rowling", "H. G. Wells"
        elif len(names) == 3 and len(names[0]) == 1 and names[0] not in "AIO":
            found.append((start, end, 0.7))  # "B Shiva Parvathi": an initial without a stop
        elif len(names) == 2 and _family_first(" ".join(names)):
            found.append((start, end, 0.8))  # "Leung Che-cheung", "Kim Jong-un"
        elif len(names) == 2 and k == 0 and _surname_alone(text, names, start, alone):
            found.append((start, end, 0.7))  # "Jacinda Ardern ... succeeded Ardern"
        elif 2 <= len(names) <= 3 and k == 0 and described_after(text, end):
            found.append((start, end, 0.7))  # "Valeska Paris, an Australian woman, ..."
        elif (
            len(names) >= 2
            and _SPEECH_AFTER.match(text, end)
            and not _ORG_BEFORE.search(text, max(0, tokens[run[0]][0] - 6), tokens[run[0]][0])
        ):
            if len(names) > 2:
                # "Council on American-Islamic Relations Alia Salem said": the last two
                start = tokens[rest[-2]][0]
            found.append((start, end, 0.6))
        elif (
            2 <= len(names) <= 3
            and k == 0
            and _SPEECH_BEFORE.search(text, max(0, start - 24), start)
            and re.match(r"\s*(?:[,.;:]|$)", text[end : end + 2])
            and could_be_name(names[0], not_alone)
            and not names[-1].isupper()
            and f"{names[0]} {names[1]}" not in org_pairs  # "said Ford Motor."
        ):
            found.append((start, end, 0.6))  # ', said Hilary Braysmith.', 'according to ...'
    found += _listed_with(text, tokens, runs, found)
    found += _nicknamed(text)
    return found + _speakers_named_before(text, tokens, runs, found), org_pairs


#: A nickname inside a name: 'Pasquale "Pat" Di Cicco', "James (Jim) Hedges".
_NICKNAMED = re.compile(
    r"(?<![\w'’\-])((?:[A-Z][\w'’\-]+\s){0,2}[A-Z][\w'’\-]+)\s(?:\"|“|\()([A-Z][a-z]+)(?:\"|”|\))\s"
    r"((?:(?:[A-Z][\w'’\-]+|de|di|da|van|von|del|la|le)\s)*[A-Z][\w'’\-]+)"
)


def _nicknamed(text: str) -> list[tuple[int, int, float]]:
    """A name with a nickname in quotation marks or brackets is one person's name (when a
    given name or the nickname is a known given name): 'Pasquale "Pat" Di Cicco', 'Edward
    Lodewijk "Eddie" Van Halen'; titles and other words before the given names stay out."""
    out = []
    for m in _NICKNAMED.finditer(text):
        if any(org_word(w) or w in NOT_NAMES for w in m.group(3).split()):
            continue
        words = m.group(1).split()
        while words and (is_title(words[0]) or words[0] in NOT_NAMES or org_word(words[0])):
            words.pop(0)
        if words and (any(is_given(w) for w in words) or is_given(m.group(2))):
            out.append((m.start(1) + m.group(1).rindex(" ".join(words)), m.end(), 0.8))
    return out


_NUMBER_WORDS = frozenset(word_list("One Two Three Four Five Six Seven Eight Nine Ten"))
#: What separates the names of a list: "A B, C D, and E F".
_LIST_SEPARATORS = frozenset((", ", " and ", ", and ", " & ", " or ", ", or "))


def _listed_with(
    text: str,
    tokens: list[tuple[int, int, str]],
    runs: list[list[int]],
    found: list[tuple[int, int, float]],
) -> list[tuple[int, int, float]]:
    """Names of two or three capitalised words listed with found names ("Romelu Lukaku,
    Yannick Carrasco, and Dries Mertens"): when at least half of a list's names are
    people, the others are too."""
    starts = sorted((s, e) for s, e, _ in found)
    groups: list[tuple[list[tuple[int, int]], list[str]]] = []
    last_end, closed = -1, True
    for run in runs:
        words = [tokens[i][2] for i in run]
        start, end = tokens[run[0]][0], tokens[run[-1]][1]
        if not 2 <= len(words) <= 3 or any(
            w in NOT_NAMES or w in _NUMBER_WORDS or org_word(w) or w.isupper() or is_title(w)
            for w in words
        ):
            last_end = -1
            continue
        gap = text[last_end:start] if last_end >= 0 else ""
        if gap in _LIST_SEPARATORS and groups and not closed:
            groups[-1][0].append((start, end))
            groups[-1][1].append(gap)
            closed = gap != ", "  # the name after "and" ends the list
        elif _ORG_BEFORE.search(text, max(0, start - 6), start):
            last_end = -1  # "Raymond Chan of People Power, and ...": no list starts here
            continue
        else:
            groups.append(([(start, end)], []))
            closed = False
        last_end = end

    def known(span: tuple[int, int]) -> bool:
        k = bisect.bisect_left(starts, (span[0], -1))
        return k < len(starts) and starts[k][0] < span[1]

    out = []
    for group, gaps in groups:
        # "A B, C D" alone is an apposition; a list ends with "and", "&" or "or"
        if len(group) < 2 or gaps[-1] == ", ":
            continue
        if 2 * sum(known(span) for span in group) >= len(group):
            out += [(s, e, 0.7) for s, e in group if not known((s, e))]
    return out


#: An age before a name: "22-year-old Rangoli Patil".
_AGED_ADJECTIVE = re.compile(r"\b\d{1,3}-year-old\s$")
#: Titles that take a surname alone after them ("President Trump", "Governor Newsom").
_NAME_TITLES = frozenset(
    word_list(
        """
        president senator governor mayor chancellor premier ambassador judge
            colonel captain lieutenant sergeant commander admiral inspector detective
            councillor councilor congressman congresswoman bishop cardinal rabbi
            minister
        """
    )
)


#: A fictional character's name comes after these words ("the character Tasha Yar",
#: "dressed as Luke Skywalker"): fictional characters are no persons (gold README).
_CHARACTER_BEFORE = re.compile(
    r"\b(?:character|characters|superhero|villain|(?:dressed|cosplay\w*|disguised)\s+as)\s$",
    re.IGNORECASE,
)
#: A role and a name after capitalised words: "Grateful Dead drummer Mickey Hart" (the
#: words before the role are the band's or employer's name).
_ROLE_AND_NAME_AFTER = re.compile(r"\s([a-z][a-z\-]+)\s[A-Z]")


def _not_a_person(text: str, start: int, end: int) -> bool:
    """A fictional character, or the band or employer before a role and a person's name."""
    if _CHARACTER_BEFORE.search(text, max(0, start - 30), start):
        return True
    role = _ROLE_AND_NAME_AFTER.match(text, end)
    # "Barack Obama adviser David Axelrod": a given name first keeps an attributive person
    return role is not None and is_title(role.group(1)) and not is_given(text[start:end].split()[0])


#: A court case after a name: "Kelly v. United States" (named after a person, not one).
_CASE_AFTER = re.compile(r"\s+(?:v|vs)\.?\s+[A-Z]")
#: A preposition of place before one word: "riots in Washington, D.C.".
_IN_PLACE = re.compile(r"\b(?:in|at|near|outside|from|to)\s$")


def _named_thing(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start..end`` names a thing after a person (guidelines: "Not
    tagged: ... organisations and facilities named after people"): a court case, a saint's
    church or school, or a one-word mention that is a known place after a preposition of
    place ("George Washington ... in Washington, D.C.")."""
    if _CASE_AFTER.match(text, end) or _SAINT_BEFORE.search(text, max(0, start - 7), start):
        return True
    word = text[start:end]
    return (
        " " not in word
        and word in PLACE_WORDS
        and _IN_PLACE.search(text, max(0, start - 8), start) is not None
    )


def _article_joined(words: list[str]) -> bool:
    """Capitalised words joined by the Arabic article ("Zine El Abidine" before "Ben Ali"):
    one name with the given name after them, not an organisation before a person."""
    return (
        len(words) >= 3
        and any(w.lower() in ("el", "al") for w in words[1:-1])
        and all(
            w.lower() in ("el", "al")
            or (w[:1].isupper() and w[1:].islower() and not org_word(w) and w not in NOT_NAMES)
            for w in words
        )
    )


def _title_place(word: str) -> bool:
    """A country's name or adjective before a title: "US President Trump", "Samoan Prime
    Minister" (the title is the country's, the name after it a person's)."""
    return word in _COUNTRY_CODES or word in PLACE_WORDS or word in DEMONYMS_ONE


_COUNTRY_CODES = frozenset(word_list("US U.S. UK U.K. EU UN"))
#: A plural role and "including"/"such as" right before a name: "designers including".
_LISTED_AFTER_ROLES = re.compile(r"\b([a-z]+),?\s+(?:including|such\s+as|among\s+them)\s$")


def _after_roles(text: str, start: int) -> bool:
    """A plural role and "including" right before ``start`` ("designers including ...")."""
    m = _LISTED_AFTER_ROLES.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).endswith("s") and is_title(m.group(1))


#: What follows a team's or a band's plural name ("the Charlotte Hornets in ...", "the
#: Hornets traded him"): punctuation, a preposition or a verb, not a noun it qualifies.
_AFTER_TEAM = re.compile(
    r"\s*[,.;:)]|\s+(?:in|of|and|to|at|on|for|with|from|who|which|were|are|have|had|won|"
    r"lost|beat|[a-z]+ed)\b"
)


def _team(text: str, start: int, end: int, names: list[str]) -> bool:
    """ "the Charlotte Hornets": a plural last word after "the", then no noun: a team."""
    last = names[-1]
    return (
        len(names) >= 2
        and text[max(0, start - 4) : start].lower() == "the "
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "os"))
        and _AFTER_TEAM.match(text, end) is not None
    )


def _surname_alone(text: str, names: list[str], start: int, alone: set[str]) -> bool:
    """Two capitalised words, not starting a sentence, whose second stands alone elsewhere
    in the text (as surnames do): "Jacinda Ardern" when "... succeeded Ardern" follows."""
    last = names[-1]
    return (
        last in alone
        and not last.isupper()
        and not names[0].isupper()  # "UNC Greensboro": an acronym first
        and not any(is_affiliation(w) for w in names)  # "Turkish Cypriot": nationalities
        and not any(product_case(w) for w in names)  # "CentOS Stream": a product
        and not _SENTENCE_START.search(text, max(0, start - 3), start)
        and all(w.lower() not in TITLE_WORDS and w not in NOT_NAMES for w in names)
    )


def _speakers_named_before(
    text: str,
    tokens: list[tuple[int, int, str]],
    runs: list[list[int]],
    found: list[tuple[int, int, float]],
) -> list[tuple[int, int, float]]:
    """ "Jafari said ...": a one-word speaker whose full name ends a run of capitalised
    words earlier ("University of Texas Arlington Amneh Jafari heard ...")."""
    speakers = {
        m.group(1)
        for m in SPEAKER.finditer(text)
        if m.group(1) not in NOT_NAMES
        and m.group(1).lower() not in ORG_WORDS
        and not _capital_before(text, m.start())  # alone, not ending a run
    }
    if not speakers:
        return []
    covered = {e for _s, e, _ in found}
    out = []
    for run in runs:
        if len(run) < 2 or tokens[run[-1]][2] not in speakers:
            continue
        first, last = tokens[run[-2]], tokens[run[-1]]
        if last[1] in covered or first[2] in NOT_NAMES or first[2].lower() in ORG_WORDS:
            continue
        if first[2].lower() in TITLE_WORDS or first[2].lower() in _PARTICLES:
            continue
        if text[first[1] : last[0]] == " ":
            out.append((first[0], last[1], 0.6))
            covered.add(last[1])
    return out


#: Generational suffixes after a surname.
_SUFFIXES = frozenset(("Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"))


def _surname(name: str) -> str:
    """The last word with the particles before it ("von der Leyen", "bin Salman"); the
    first of a family-name-first name ("Leung" of Leung Che-cheung)."""
    if _family_first(name):
        return name.split()[0]
    words = name.split()
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words = words[:-1]  # "Edward J. DeBartolo Jr." ... "DeBartolo"
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    return " ".join(words[k:])


def find_mentions(text: str, known: Iterable[str] = ()) -> list[tuple[Mention, float]]:
    """Every person mention with its score, in text order (spans never overlap)."""
    full, org_pairs = _full_names(text)
    full = [(s, e, score) for s, e, score in full if not _not_a_person(text, s, e)]
    taken: list[tuple[int, int, float]] = list(full)
    names = {text[s:e] for s, e, _ in full if " " in text[s:e]}
    labels = interview_labels(text) | _non_latin_credits(text)
    names |= labels
    learned = sorted({n.strip() for n in known if n.strip()}, key=len, reverse=True)
    names.update(learned)
    if learned:
        for m in _alternation(learned).finditer(text):
            taken.append((m.start(), m.end(), 0.95))
    surnames: dict[str, str] = {}
    # Longer names win; of two as long ("Kristen Wilkins", "Kristin Wilkins") the earlier in
    # the text, whatever the order of the set (deterministic under any hash seed).
    ordered = sorted(names, key=lambda n: (len(n), -_first_at(text, n), n))
    for name in ordered:
        if " " in name:
            surnames[_surname(name)] = name
            words = name.split()
            if len(words) >= 4 and not is_given(words[-2]) and words[-2][:1].isupper():
                # "Andrés Manuel López Obrador" ... "López Obrador"
                surnames[" ".join(words[-2:])] = name
            if len(words) >= 3 and words[1].lower() in _PATRONYMIC:
                surnames[words[0]] = name  # "Qaboos bin Said" ... "Qaboos's burial"
    for surname, full_name in list(surnames.items()):
        particle = re.split(r"[\s\-]", surname, maxsplit=1)[0]
        if particle in _PARTICLES and particle != surname:
            # "al-Quaety" ... "Al-Quaety, who contributed": a particle is capitalised where
            # it starts a sentence
            surnames.setdefault(surname[:1].upper() + surname[1:], full_name)
    short = dict(surnames)
    for first, full_name in _first_names(ordered, surnames, text).items():
        short.setdefault(first, full_name)
    titled = {text[s:e] for s, e, _ in full if " " not in text[s:e]}  # "Prince Harry"
    singles = (_single_names(text) | titled) - set(short) - NOT_NAMES
    things = thing_words(text) | storm_names(text)
    usable = [n for n in short if len(n) >= 2 and n not in NOT_NAMES and n not in things]
    usable += sorted(singles - things)
    # every mention of a full name found once by its context ("Valeska Paris, an ...")
    fulls = {text[s:e] for s, e, _ in full if " " in text[s:e]} | labels
    usable += sorted(fulls)
    if usable:
        for m in _alternation(sorted(usable, key=len, reverse=True)).finditer(text):
            nxt = re.match(r"\s+([A-Z]\w+)", text[m.end() : m.end() + 30])
            if nxt and (
                org_follows(text, m.end()) or f"{m.group().split()[-1]} {nxt.group(1)}" in org_pairs
            ):
                continue  # "Warhol Foundation", "said Ford Motor" after "Ford Motor Company"
            alone = not nxt and not _capital_before(text, m.start())
            if (
                m.group() not in surnames
                and m.group() not in fulls
                and not (alone and text[max(0, m.start() - 4) : m.start()] != "the ")
            ):
                continue  # a given name alone, not inside other capitalised words
            taken.append((m.start(), m.end(), 0.85))
    taken += _misspelled_speakers(text, surnames, set(usable))
    mentions = [
        (s, e, score)
        for s, e, score in _no_overlaps(taken)
        if not family_or_facility(text, s, e) and not _named_thing(text, s, e)
    ]
    return [(m, score) for m, score in _link(text, mentions, short)]


#: One capitalised word right after "said": ', said Mauer, ...'.
_SAID_NAME = re.compile(r"\bsaid\s([A-Z][a-z]{3,})(?=[,.;])")


def _misspelled_speakers(
    text: str, surnames: dict[str, str], usable: set[str]
) -> list[tuple[int, int, float]]:
    """One-word speakers ("Water said", "said Mauer,") that misspell a surname found in the
    text (Waters, Maurer): mentions of that person."""
    if not surnames:
        return []
    out = []
    for pattern in (SPEAKER, _SAID_NAME):
        for m in pattern.finditer(text):
            word = m.group(1)
            if (
                word not in usable
                and word not in NOT_NAMES
                and not _capital_before(text, m.start(1))
                and _misspelled(word, surnames) != word
            ):
                out.append((m.start(1), m.end(1), 0.6))
    return out


def _first_at(text: str, name: str) -> int:
    """Where ``name`` first occurs in ``text`` (a learned name that does not: the end)."""
    at = text.find(name)
    return len(text) if at < 0 else at


def _first_names(names: Iterable[str], surnames: dict[str, str], text: str) -> dict[str, str]:
    """Given names of the full names found, each of one person only ("Ahmed" for Ahmed
    Mohamed; not a word that is someone's surname, not "Mark" for two Marks). Of two as
    long, the one listed later in ``names`` (the caller's order decides, never a set's).
    A first word the lists lack counts when the text never writes it in lower case
    ("Hardeep Singh Puri ... Hardeep also stated"; not "Will" when "will" occurs)."""
    seen: dict[str, set[str]] = {}
    order: dict[str, int] = {}
    for name in names:
        order.setdefault(name, len(order))
        parts = name.split()
        if len(parts) < 2 or "." in parts[0]:
            continue
        if is_given(parts[0]) or (
            could_be_name(parts[0], frozenset())
            and re.search(rf"(?<![\w\-]){re.escape(parts[0].lower())}(?![\w\-])", text) is None
        ):
            seen.setdefault(parts[0], set()).add(name)
    out = {}
    for first, fulls in seen.items():
        longest = max(fulls, key=lambda f: (len(f), order[f]))
        if first not in surnames and all(f in longest for f in fulls):
            out[first] = longest
    return out


#: One name in apposition to a kin or role noun: "their nine-month-old child, Gloria." or
#: "a daughter named Gloria", or a photo credit of one word ("Image: Jambula.").
_SINGLE_NAME = (
    re.compile(
        r"\b(?:child|son|daughter|baby|wife|husband|brother|sister|mother|father|boy|girl|"
        r"widow|partner|grandson|granddaughter|cousin|nephew|niece|uncle|aunt|stepson|"
        r"stepdaughter|twin)(?:,\s|\s(?:named|called)\s)"
        r"([A-Z][a-z]{2,})(?=[.,;:]|\s*$)"
    ),
    # "Image: Jambula.", "Video: Miharris & Acphillips."
    re.compile(
        r"\b(?:Image|Photo|Picture|Credit|Video|Audio)s?:\s([A-Z][a-z]{2,})"
        r"(?:\s&\s([A-Z][a-z]{2,}))?(?=[.,;:]|\s*$)"
    ),
    # "your younger brother Borna also decided": a kin noun and one name before a verb
    re.compile(
        r"\b(?:son|daughter|wife|husband|brother|sister|mother|father|cousin|nephew|niece|"
        r"uncle|aunt|grandson|granddaughter)\s([A-Z][a-z]{2,})(?=[.,;:!?]|\s+[a-z])"
    ),
)
#: A surname with an age starting a sentence: "O'Brien, 34, scored twice".
_AGED = re.compile(r"(?<![\w'’])([A-Z][a-z]*['’]?[A-Z]?[a-z]{2,}),\s\d{1,2},\s")
_AGED_BEFORE = re.compile(r"(?:^|[.!?]\s|\n)$")


#: One word that names a person a noun introduces: "a Polish chef named Łukasz", "a boy,
#: identified only as Ivan," (the noun is checked to be a person's).
_NAMED = re.compile(
    r"\b([a-z][a-z\-]+),?\s+(?:named|called|nicknamed|identified\s+(?:only\s+)?as|"
    r"known\s+(?:only\s+)?as)\s+(\w{3,})(?=['’]s\b|[.,;:!?)]|\s+[a-z]|\s*$)"
)
#: First names listed after a kin noun: "two sons with Stokowski, Stanislaus and Christopher,".
_KIN_LIST = re.compile(
    r"\b(?:sons|daughters|children|brothers|sisters|twins|siblings|grandchildren|grandsons|"
    r"granddaughters|kids)\b(?:[^.;:\n]{0,30}?,)?\s+(?:(\w{3,}),\s+)?(\w{3,}),?\s+and\s+(\w{3,})"
    r"(?=[,.;]|\s+[a-z]|\s*$)"
)


#: A photo credit of two or three words: "Image: Дмитрий Кошелев." (checked to be
#: capitalised words of a script the Latin-letter rules do not read).
_CREDIT_WORDS = re.compile(
    r"\b(?:Image|Photo|Picture|Credit|Video|Audio)s?:\s(\w+(?:[\s\-]\w+){1,2})(?=[.,;:]|\s*$)",
    re.MULTILINE,
)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")


def _non_latin_credits(text: str) -> set[str]:
    """Photo credits naming a person in a non-Latin script (Cyrillic, Greek, ...): the
    guidelines tag every photo credit; capitals of another script are never a Latin
    ``_WORD``, so these names are found here."""
    return {
        m.group(1)
        for m in _CREDIT_WORDS.finditer(text)
        if all(_one_name(w) and not _LATIN.match(w) for w in re.split(r"[\s\-]", m.group(1)))
    }


def _one_name(word: str) -> bool:
    """One capitalised word of letters (any script's capitals: "Łukasz")."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def _single_names(text: str) -> set[str]:
    found = {g for pattern in _SINGLE_NAME for m in pattern.finditer(text) for g in m.groups() if g}
    found.update(
        m.group(2)
        for m in _NAMED.finditer(text)
        if _one_name(m.group(2))
        and person_noun(m.group(1))
        and could_be_name(m.group(2), frozenset())
        and not text.startswith(" of ", m.end())  # "a striker named Man of the Match"
    )
    for m in _KIN_LIST.finditer(text):
        listed = [w for w in m.groups() if w]
        if all(_one_name(w) and w not in PLACE_WORDS and not is_affiliation(w) for w in listed):
            found.update(listed)
    found.update(
        m.group(1)
        for m in _AGED.finditer(text)
        if _AGED_BEFORE.search(text[max(0, m.start() - 2) : m.start()])
    )
    return {
        n
        for n in found
        if n not in NOT_NAMES and n.lower() not in ORG_WORDS and not _WEB_NAME.search(n)
    }


#: A website's or wiki's one-word name ("Wikivoyage", "Baidupedia").
_WEB_NAME = re.compile(r"^Wiki|pedia$")


def _capital_before(text: str, start: int) -> bool:
    """Whether a capitalised word stands right before ``start``."""
    return _CAPITAL_BEFORE.search(text, max(0, start - 40), start) is not None


def _alternation(names: list[str]) -> re.Pattern[str]:
    """One pattern for many names (longest first), each a whole word."""
    # a lower-case noun after a hyphen leaves the name attributive ("Trump-critic"), an
    # adjective's ending does not ("Warhol-like wig"); so do "pro-", "anti-" before it
    return re.compile(
        r"(?:(?<![\w\-])|(?<=\bpro-)|(?<=\banti-)|(?<=\bpost-)|(?<=\bpre-))(?:"
        + "|".join(map(re.escape, names))
        + r")(?!\w|-[^a-z]|-"
        + _NOT_NOUN
        + ")"
    )


_NOT_NOUN = "(?:" + "|".join(sorted(NOT_GIVEN_PARTS | {"esque", "ish"})) + r")\b"


def _no_overlaps(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Where spans overlap, the longest (then the highest score) stays."""
    chosen: list[tuple[int, int, float]] = []
    for s, e, score in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]), -x[2])):
        if chosen and s < chosen[-1][1]:
            last = chosen[-1]
            if e - s > last[1] - last[0]:
                chosen[-1] = (s, e, score)
            continue
        chosen.append((s, e, score))
    return chosen


def _link(
    text: str, spans: list[tuple[int, int, float]], surnames: dict[str, str]
) -> Iterable[tuple[Mention, float]]:
    firsts: dict[str, tuple[int, int]] = {}
    for s, e, _ in spans:
        name = text[s:e]
        if " " in name and name not in firsts:
            firsts[name] = (s, e)
    misspelled: dict[str, str] = {}
    for s, e, score in spans:
        name = text[s:e]
        if " " in name:
            full = name
        elif name in surnames:
            full = surnames[name]
        else:
            if name not in misspelled:
                misspelled[name] = _misspelled(name, surnames)
            full = misspelled[name]
        yield Mention(s, e, full, firsts.get(full, (s, e))), score


def _misspelled(name: str, surnames: dict[str, str]) -> str:
    """The full name whose surname ``name`` misspells ("Ms Bauchtman" → Lydia Buchtmann:
    same first letter, at least 80% alike), else ``name``."""
    for surname, full in surnames.items():
        if (
            len(name) >= 5
            and surname[:1] == name[:1]
            and difflib.SequenceMatcher(None, name.lower(), surname.lower()).ratio() >= 0.8
        ):
            return full
    return name


def suggest_people(
    text: str,
    known: Iterable[str] = (),
    mentions: list[tuple[Mention, float]] | None = None,
) -> list[Suggestion]:
    """Person suggestions (from ``mentions`` if found already); a shorter mention of a
    full name points to it (``same_as``)."""
    out = []
    for mention, score in mentions if mentions is not None else find_mentions(text, known):
        target = mention.first if mention.first != (mention.start, mention.end) else None
        out.append(Suggestion(mention.start, mention.end, "person", score, target=target))
    return out

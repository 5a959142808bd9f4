"""Who said a quote, by the rules of GUIDELINES.md (quote section): the fullest form of
the person's name, or a non-person source as the text names it ("KCNA", "document"),
found from the reporting words around the quote ("said Wu", "according to", "Name: "),
else the previous speaker (a continued quote, "he said") or the most salient person
named before it; with the span of the person mention the quote is ``said_by``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from clipper.suggest.base import in_spans, sentences, word_list
from clipper.suggest.names import NOT_NAMES, TITLE_WORDS
from clipper.suggest.people import Mention, mentions_within

#: A speaker: the name as stored, and the span of the person mention (None: not a person
#: mention, e.g. "KCNA").
Speaker = tuple[str, tuple[int, int] | None]

_SPEECH = (
    r"said|says|say|saying|told|tells|tell|telling|added|adds|stated|states|stating|"
    r"explained|explains|wrote|writes|asked|asks|replied|replies|announced|declared|"
    r"insisted|warned|noted|continued|concluded|argued|claimed|claiming|recalled|"
    r"described|describing|describes|promised|promising|recommended|recommending|"
    r"urged|reads|read|quoted|quoting|cited|according to|in the words of|reported|"
    r"reporting|remarked|indicated|indicates|"
    r"commented|admitted|acknowledged|believes|believe|emphasised|emphasized|shared|"
    r"prepare|told to|outlined|outlines|reasoned|reasons|asserted|asserts|called|calls|"
    r"dubbed|calling|characterised|characterized|writing|theorised|theorized|tweeted|posted|"
    r"responded|answered|insists|warns|notes|adding|explaining|declaring|announcing|"
    r"quipped|quips|joked|jokes|talked|talks|opines|opined|posting|tweeting"
)
SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b", re.IGNORECASE)
AFTER_VERB_FIRST = re.compile(
    rf"^\s*[,.;]?\s*({_SPEECH})\s+(?P<who>[^.,;:!?\"“”]{{1,60}}"
    r"(?:,\s+[A-Z][^.,;:!?\"“”]{1,40})?)",
    re.IGNORECASE,
)
AFTER_WHO_FIRST = re.compile(
    rf"^\s*[,.;]?\s*(?P<who>[^.;:!?\"“”]{{1,80}}?)\s+(?:has\s+|had\s+)?(?:{_SPEECH})\b",
    re.IGNORECASE,
)


#: Reporting verbs that take an object, never a subject after them: a participle or a
#: verb of naming ('"...", calling it a "sham"', '"...", describing the plan').
_OBJECT_VERB = re.compile(
    r"\w+ing|called|calls|dubbed|described|describes|characteri[sz]ed|quoted|cited",
    re.IGNORECASE,
)


def speech_verbs(text: str) -> list[re.Match[str]]:
    """The reporting verbs in ``text``, without capitalised words that follow another
    capitalised word: part of a name ("the United States", "Fox News Reports")."""
    return [
        v
        for v in SPEECH_RE.finditer(text)
        if not (
            v.group()[0].isupper()
            and re.search(r"[A-Z][\w.'’-]*\s+$", text[max(0, v.start() - 40) : v.start()])
        )
    ]


#: An attribution at the end of the sentence a quote sits in ('"...," from Friday, the
#: agency said.').
POSTPOSED = re.compile(
    rf"^[^\"“”„«»]*?,\s+(?P<who>[^,;:\"“”„«»]{{1,60}}?)\s+(?:has\s+)?(?:{_SPEECH})\s*[.!]?\s*$",
    re.IGNORECASE,
)
#: "according to" later in the quote's sentence, after other words: the source of the quote.
_POST_ACCORDING = re.compile(
    r"^[^\"“”„«»]*?,\s*according to\s+(?P<who>[^,;:.!?\"“”„«»]{2,60}?)\s*(?:[,;:.!?]|$)",
    re.IGNORECASE,
)
#: "per X" or "according to X" right after a quote, no comma between: X is its source
#: ('"offensive to some audiences" per YouTube community guidelines').
_RIGHT_AFTER_ACCORDING = re.compile(
    r"^\s*(?:per|according to)\s+(?P<who>[^,;:.!?\"“”„«»]{2,60}?)\s*(?:[,;:.!?]|\band\b|$)",
    re.IGNORECASE,
)
#: "as X put it" (or "as X said") right after a quote: X is its source.
_AS_PUT = re.compile(
    rf"^[\s,—–-]*as\s+(?P<who>[^,;:\"“”—–]{{2,60}}?)\s+(?:has\s+|had\s+)?"
    rf"(?:put it|{_SPEECH})\b",
    re.IGNORECASE,
)
#: Auxiliaries and adverbs between a subject and its reporting verb.
_AUXILIARIES = re.compile(
    r"(?:\s*\b(?:has|have|had|is|was|were|are|will|would|also|then|later|since|has also|"
    r"had also|again|already|once)\b)+\s*$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset(
    word_list(
        """
        he she it they we i
        """
    )
)
_CUT = re.compile(
    r"\s+(?:seen|by|of|in|from|which|who|that|on|at|to|with|also)\b|,|\s+(?:\w+ing)\b"
    # a past participle that opens a reduced relative: "the decree signed by the Pope"
    r"|\s+[a-z]+(?:ed|en)(?=\s+(?:by|on|in|at|last|this|earlier)\b)"
)
#: Part of a group named by a pronoun ("one of them"): the group spoke before.
_PARTITIVE_PRONOUN = re.compile(
    r"\s*(?:one|some|many|most|each|both|several|two|three|four) of (?:them|us|those)\b",
    re.IGNORECASE,
)
#: A time or place adverbial after a source's name.
_WHEN = re.compile(
    r"\s+(?:on|in|at|last|this|yesterday|today|earlier|later|recently)\b", re.IGNORECASE
)
#: Capitalised words that start sentences, not names ("Yesterday Ford said").
_NOT_GIVEN = frozenset(
    word_list(
        """
        yesterday today tomorrow meanwhile however but and when after before then now also
        later earlier monday tuesday wednesday thursday friday saturday sunday january
        february march april may june july august september october november december
        while since although though as so mr ms mrs dr
        """
    )
)
#: One-word roles a person is referred to by ("the archbishop said").
_ROLES = TITLE_WORDS | frozenset(
    word_list(
        """
        archbishop cardinal priest pastor imam rabbi prosecutor curator sheriff
        """
    )
)
#: A speaker's label before a colon at the start of a sentence ("Wikinews: ", "Jack Herrick: ").
_LABEL = re.compile(r"([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):\s*")
#: Between two people who speak together ("Raj Patel and mayor Tom Hill").
_JOINT = re.compile(r"\s*(?:,\s*)?and\s+(?:[a-z-]+\s+){0,3}")
#: A person's description by a prepositional phrase up to another name ("Peter Iseley of
#: the victims' group ...", "Ann Lowe from the charity ...").
_DESCRIPTION = re.compile(r"\s+(?:of|from|at|with)\s+[^,;:\"“”()]*?(?<!\band)\s*")
#: An apposition between a subject and its verb (", a lawyer representing X, ").
_APPOSITION = re.compile(
    r"\s*,(?:[^,;\"“”]+,|\s*(?:the|an?)\s[^,;\"“”]+)\s*(?:[a-z]+ly\s+)?"
)  # the closing comma may be missing before the verb: "Chris Wright, the CTO of X said"
_HE_OR_SHE_SAID = re.compile(rf"\b(?:he|she)\s+(?:\w+\s+){{0,2}}?(?:{_SPEECH})\b", re.IGNORECASE)
#: A source signing a quote after a dash: '" — Jane Doe, a nurse from Leeds'.
_DASH_SOURCE = re.compile(r"[ \t]*[—–][ \t]*((?:[A-Z][\w.'’-]*[ \t]?){1,4})(?=[,\n]|$)")
#: "and" inside a name while a clause is split at its "and"s (same length).
_AND = "\x00nd"
#: A pronoun right before a reporting verb: its subject.
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:he|she|they|we|I)\s+(?:(?:has|have|had|also|then|later|\w+ly)\s+)*$", re.IGNORECASE
)
#: A capitalised name; after a body's head noun with "of"/"for"/"and" and more capitalised
#: words ("Department of Health and Human Services", not "Suman Haripriya of the Hajo").
_ORGANISATION_HEAD = re.compile(
    r"Department|Ministry|Minister|Secretary|University|Bank|Institute|Office|Council|"
    r"Bureau|Agency|Museum|Commission|Court|Board|Federation|Association|Union|Society|"
    r"College|Academy|Cent(?:er|re)|Corps|House|Republic|Kingdom|Church|Party|"
    r"Organi[sz]ation|Government|Embassy|Service|Services|Authority|Committee|Foundation|"
    r"Health|Police|News|Times|Post|Company|Group|Inc|Ltd|Club|Team|School|Hospital"
)
_ORGANISATION = re.compile(
    r"((?:(?:Department|Ministry|Minister|Secretary|University|Bank|Institute|Office|Council|"
    r"Bureau|Agency|Museum|Commission|Court|Board|Federation|Association|Union|Society|"
    r"College|Academy|Cent(?:er|re)|Corps|House|Republic|Kingdom|Church|Party|"
    r"Organi[sz]ation|Government|Embassy|Service|Services|Authority|Committee|Foundation|"
    r"Health)\s(?:of|for|and|on)\s(?:the\s)?(?=[A-Z])|[A-Z][\w.&’'-]*\s?)+)"
)
#: A passive reporting verb's agent after the quote: '... "pandemic" by the WHO'.
_AGENT = re.compile(
    r"\s*by\s+(?:the\s+)?((?:[A-Z][\w.&’'-]*\s?)+(?:(?:of|for|and)\s(?:the\s)?"
    r"(?:[A-Z][\w.&’'-]*\s?)+)*|(?<=the )[a-z]+(?=\s*[.,;]))"
)
#: An object relative clause right before its reporting verb: "..., which the New York Times
#: (called)": the words after the relative pronoun are the verb's subject.
_OBJECT_RELATIVE = re.compile(
    r"\b(?:which|whom)\s+((?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s*$"
)
#: A source that issues a statement which a colon then quotes ("an official account made
#: the following announcement:"): the source as the text refers to it.
_ISSUED = re.compile(
    r"(?:^|,\s*)(?P<who>(?:an?|the)\s+[^,:;\"“”]{1,60}?)\s+(?:made|issued|released|posted|"
    r"published|gave|put out|sent)\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(?:announcement|statement|"
    r"message|post|tweet|notice|warning|update)\s*:\s*$"
)
#: "X quoted Y as saying": Y is the source.
_QUOTED_AS = re.compile(r"\bquoted\s+(.{2,60}?)\s+as\s+$")
#: Words that cannot start a source's name after a closing mark.
_FUNCTION = frozenset(
    word_list(
        """
        and but or then also so as which when that it this there here was is has had one
        not never
        """
    )
)
#: First words of a piece of clause that cannot be the subject of a reporting verb.
_NOT_SUBJECT = frozenset(
    word_list(
        """
        in on at for to of after before during into over under about as
        than then there here also
        """
    )
)
#: The first word of a predicate, not of a subject: a reporting verb or a past tense.
_PREDICATE = re.compile(rf"(?:{_SPEECH}|[a-z]+ed)")
LOWER_WORDS = frozenset(
    word_list(
        """
        a an the of and for in on at to de la
        """
    )
)
#: Words that end a run of capitalised words before it can be a name (once, not per word).
_NOT_IN_NAME_RUNS = LOWER_WORDS | _NOT_GIVEN
#: First words that make a sentence's subject no source of a quote.
_NO_SUBJECT_SOURCE = _PRONOUNS | _NOT_SUBJECT


def sentence_of(bounds: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """The sentence (of ``bounds``, in text order) that holds offset ``i``."""
    k = bisect.bisect_right(bounds, (i, len(bounds) and bounds[-1][1] + 1)) - 1
    if k >= 0 and bounds[k][0] <= i < bounds[k][1]:
        return bounds[k]
    return i, i


def _source_name(text: str, who: str, offset: int, mentions: list[Mention]) -> Speaker | None:
    """The speaker named in ``who`` (found at ``offset``): a person's fullest name and
    mention, a pronoun/role (None: the previous speaker), or the source as written."""
    people = mentions_within(mentions, offset, offset + len(who))
    if people:
        m = people[0]
        return m.full, (m.start, m.end)
    pieces = [p.strip() for p in who.split(",") if p.strip()]
    if len(pieces) > 1:
        role, appos = pieces[0].split(), pieces[1].split()
        if role[0].lower() in ("the", "a", "an") and 0 < len(appos) <= 4 and appos[0][:1].isupper():
            return " ".join(appos), None  # "the company's chief executive, Eddie Wu"
        who = pieces[0]  # "Wu, 58,": the name before an apposition
    words = who.strip().split()
    if not words or _no_noun(who):
        return None  # "further": an adverb, no source (the previous speaker)
    while len(words) > 1 and _no_noun(words[-1]):
        words = words[:-1]  # "GitHub also pledged": the name ends at its noun
    who = " ".join(words)
    if words[0].lower() in _PRONOUNS or _PARTITIVE_PRONOUN.match(who):
        return None  # "she", "one of them": the previous speaker
    if words[0].lower() == "the" and len(words) > 1 and words[1][:1].islower():
        cut = _CUT.split(" ".join(words[1:]))[0]
        if re.fullmatch(
            r"(?:chief executive|spokes\w+|minister|president|chairman|ceo|"
            r"official|officials|director|founder)",
            cut,
            re.IGNORECASE,
        ) or (" " not in cut and cut.lower() in _ROLES):
            # "the archbishop": the person named with that title, else the one named before
            return _holder_of_role(text, (cut, None), offset, mentions)
        named = re.search(r"(?<=[a-z] )(?:[A-Z][\w.&-]*(?: |$))+$", cut)
        if named:  # "the state news agency KCNA": the name after the role
            return named.group().strip(), None
        return cut + _of_complement(" ".join(words[1:])[len(cut) :]), None
    if words[0].lower() in ("with", "by", "from"):
        words = words[1:]
    definite = bool(words) and words[0].lower() == "the"
    if words and words[0].lower() in ("a", "an", "the") and len(words[-1]) > 2:
        words = words[1:]
    if not words:
        return None
    possessive = any(w.endswith(("'s", "’s")) for w in words)
    if len(words) <= 4 and not possessive and (words[0][:1].isupper() or len(words) == 1):
        name = _WHEN.split(" ".join(words))[0]  # "Pope Francis on Sunday"
        person, of, _body = name.partition(" of ")
        if of and _person_like(person):
            name = person  # "Bill Gerstenmaier of NASA": the person
        if definite and " " not in name and _ORGANISATION_HEAD.fullmatch(name):
            return name, None  # "The Department issued": the body as the text refers to it
        if " " not in name:  # "Eastman" -> the one person named in full with that surname
            fulls = {m.full for m in mentions if " " in m.full and m.full.split()[-1] == name}
            return (fulls.pop() if len(fulls) == 1 else _fullest(text, name)), None
        return name, None
    joined = " ".join(words)
    caps = _ORGANISATION.match(joined)
    if caps:
        end = caps.end(1)
        if any(_ORGANISATION_HEAD.fullmatch(w) for w in caps.group(1).split()):
            # a body's name goes on: "International Committee on Taxonomy of Viruses"
            more = re.match(
                r"(?:(?:of|for|and|on)\s(?:the\s)?(?:[A-Z][\w.&’'-]*\s?)+)*", joined[end:]
            )
            end += more.end() if more else 0
        name = re.sub(r"(?:'s|’s)$", "", joined[:end].strip().split("'s ")[0].split("’s ")[0])
        parts = name.split()
        while len(parts) > 2 and (
            parts[0].lower() in TITLE_WORDS or re.fullmatch(r"[A-Z][a-z]+(?:ologist|ist)", parts[0])
        ):
            parts = parts[1:]  # "Immunologist Kristian Andersen": the name
        return " ".join(parts), None
    cut = _CUT.split(joined)[0]
    # "representatives from Iran acknowledged": the source as written, with its complement
    return (cut + _of_complement(joined[len(cut) :]), None) if cut else None


#: The "of"/"from" complement of a source's head noun, up to the first verb or clause word
#: ("head of the police's internal investigators", "representatives from Iran").
_OF_COMPLEMENT = re.compile(
    r" (?P<prep>of|from) (?:the |a |an |its |their )?(?:[a-z][\w'’-]*(?: [a-z][\w'’-]*){0,4}"
    r"|[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})"
)


#: A source that is a person by its role in a group ("head of the police's ...", "one of
#: the children"): "she" can refer to it, as to a person.
_OF_ROLE = re.compile(r"[a-z]+ of ")


def _of_complement(rest: str) -> str:
    """The words after a non-person source's head noun that the source is written with
    ("head" + " of the police's internal investigators"), or "" when none follow."""
    of = _OF_COMPLEMENT.match(rest)
    if of is None:
        return ""
    prep = of.group("prep")
    inner = _CUT.split(of.group()[len(prep) + 2 :])[0]
    return f" {prep} {inner}" if inner else ""


_LEADING_WORDS = re.compile(r"(?:[A-Z]\w*ly,\s+|(?:But|And|Then|Later|However),?\s+)?")
_NAME_WORD = re.compile(r"([A-Z][\w-]+)(?:'s|’s|'|’)?(?=[\s,])")


def _sentence_subject(
    text: str, s_start: int, limit: int, mentions: list[Mention]
) -> Speaker | None:
    """The person named first in a sentence, in subject position (its first words, after
    an adverb), by any part of a name found in the text ("Thomas' sister" -> Thomas Sam):
    the salient referent of a pronoun speaker later in the same sentence."""
    lead = _LEADING_WORDS.match(text, s_start, limit)
    at = lead.end() if lead else s_start
    head = text[at:limit]
    if not head.strip():
        return None
    named = mentions_within(mentions, at, min(limit, at + 40))
    if named and named[0].start - at <= 4:
        return named[0].full, (named[0].start, named[0].end)
    word = _NAME_WORD.match(head)
    if word is None:
        return None
    fulls = {m.full for m in mentions if word.group(1) in m.full.split()}
    if len(fulls) != 1:
        return None
    full = fulls.pop()
    first = next(m for m in mentions if m.full == full)
    return full, (first.start, first.end)


#: A relative clause: what it names is not the subject of the clause it hangs on.
_RELATIVE = re.compile(r"\s*(?:which|who|whom|whose|that|where)\b", re.IGNORECASE)
#: Where a subject noun phrase ends: its verb.
_VERB_START = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|"
    r"does|do|aims|wants|plans|hopes|seeks|spoke|speaks|told|tells|said|says|wrote|writes|"
    r"[a-z]+ed)\b"
)


#: Words that open a role's noun phrase ("the director", "his opponent").
_DETERMINERS = frozenset(word_list("the a an his her their its"))


def _main_subject(
    text: str, s_start: int, limit: int, mentions: list[Mention], skip_adverbial: bool = False
) -> Speaker | None:
    """The subject of a sentence's main clause (its first comma-separated piece, or the
    name in apposition after a role: "The transport minister, Liam Ford, spoke ..."); with
    ``skip_adverbial``, after a leading adverbial ("In a statement released ..., the
    Department of Defense justified ...")."""
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", text[s_start:limit])]
    while skip_adverbial and len(pieces) > 1:  # "However, addressing the leaders, X ..."
        first = text[s_start + pieces[0][0] : s_start + pieces[0][1]].split()
        if not first or not (
            first[0].lower() in _NOT_SUBJECT | _NOT_GIVEN or first[0].endswith("ing")
        ):
            break
        pieces = pieces[1:]
    if not pieces:
        return None
    for k, (a, b) in enumerate(pieces[:2]):
        if k == 1 and _RELATIVE.match(text, s_start + a, s_start + b):
            break  # "the Department, which was approved by Trump,": not an apposition
        named = mentions_within(mentions, s_start + a, s_start + b)
        if named and not _subject_position(text, s_start + a, named[0]):
            named = []  # "he appreciated Soleimani's life": no subject
        if named:
            return named[0].full, (named[0].start, named[0].end)
        words = text[s_start + a : s_start + b].split()
        if k == 1 and 0 < len(words) <= 4 and all(w[:1].isupper() for w in words):
            return " ".join(words), None  # the name in apposition
        is_role = bool(words) and words[0].lower() in _DETERMINERS  # "His opponent, Biden,"
        if k == 0 and not (is_role and len(words) <= (8 if skip_adverbial else 4)):
            break  # not a role: the first piece is the clause itself
    who = _VERB_START.split(text[s_start + pieces[0][0] : s_start + pieces[0][1]])[0].strip()
    words = who.split()
    organisation = len(words) <= 8 and all(w[:1].isupper() or w in LOWER_WORDS for w in words)
    if not who or (len(words) > 5 and not organisation):
        return None  # "the United States Department of Defense": one name
    return _source_name(text, who, s_start + pieces[0][0], mentions)


def _subject_position(text: str, start: int, mention: Mention) -> bool:
    """Whether ``mention`` is the subject of the clause starting at ``start``: among its
    first words, not a possessive."""
    prefix = text[start : mention.start].split()
    possessive = text.startswith(("'s", "’s", "' ", "’ "), mention.end)
    return len(prefix) <= 6 and not possessive and not speech_verbs(" ".join(prefix))


def _fullest(text: str, surname: str) -> str:
    """The fullest form of a one-word name in the text ("Ford" -> "Liam Ford" when the text
    has "Liam Ford"), titles left out; for a surname the text has only misspelt ("Water"
    for "Kathryn Waters"), the one full name it is one letter away from; else the word."""
    if not surname[:1].isupper() or not surname.isalpha():
        return surname
    forms = _full_forms(text)
    if surname in forms or len(surname) < 5:
        return forms.get(surname, surname)
    shapes = _forms_by_initial(text)
    near = {full for last, full in shapes.get(surname[0], ()) if _one_edit(surname, last)}
    return near.pop() if len(near) == 1 else surname


@functools.lru_cache(maxsize=8)
def _forms_by_initial(text: str) -> dict[str, list[tuple[str, str]]]:
    """The text's full forms (surname, full name) by the surname's first letter."""
    out: dict[str, list[tuple[str, str]]] = {}
    for last, full in _full_forms(text).items():
        out.setdefault(last[0], []).append((last, full))
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[k + (len(a) == len(b)) :] == b[k + 1 :]


#: A word that ends a sentence, not an initial or an abbreviation ("Germany.", not "J.").
_SENTENCE_END = re.compile(r"[A-Z][a-z]{3,}\.")
_RUN = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w'’.-]*\s){1,2})([A-Z][a-zA-Z]+)\b")


@functools.lru_cache(maxsize=8)
def _full_forms(text: str) -> dict[str, str]:
    """Each capitalised word's longest form as the last word of a run of two or three
    capitalised words, titles and sentence-initial words left out (one pass per text)."""
    forms: dict[str, str] = {}
    for m in _RUN.finditer(text):
        words = m.group(1).split()
        ends = [i for i, w in enumerate(words) if _SENTENCE_END.fullmatch(w)]
        words = words[ends[-1] + 1 :] if ends else words  # "Germany. Time": not one name
        while words and (words[0].lower().rstrip(".") in TITLE_WORDS or words[0] in NOT_NAMES):
            words = words[1:]
        if words and not any(w.lower() in _NOT_IN_NAME_RUNS for w in words):
            candidate = " ".join([*words, m.group(2)])
            if len(candidate) > len(forms.get(m.group(2), "")):
                forms[m.group(2)] = candidate
    return forms


#: Words that are no noun: adverbs between a quote and a participle ("further saying").
_NOT_NOUNS = frozenset(
    word_list(
        """
        further furthermore also then later again still once now too thus moreover even
        additionally meanwhile however just only so soon first finally afterwards
        """
    )
)


def _no_noun(who: str) -> bool:
    """Whether ``who`` holds no noun and no name (only adverbs): no source."""
    words = [w.strip(",.;:") for w in who.split()]
    return bool(words) and all(
        w.islower() and (w in _NOT_NOUNS or (w.endswith("ly") and len(w) > 4)) for w in words
    )


def _names_someone(who: str) -> bool:
    """Words after a closing mark that can be a source: a name, a pronoun, "the ..."."""
    words = who.strip().split()
    first = words[0] if words else ""
    if _no_noun(who):
        return False  # '"...," further saying': an adverb, no subject
    if first[:1].isupper() or first.lower() in _PRONOUNS | {"the", "a", "an"}:
        return True
    # "police said", "critics said": a bare plural noun as the source
    return 0 < len(words) <= 2 and first.isalpha() and first.lower() not in _FUNCTION


_STATEMENT_RE = re.compile(r"\b(?:statement|interview|speech|letter|post|blog)\b", re.IGNORECASE)


def _introduces_speaker(
    text: str, bounds: list[tuple[int, int]], mention: Mention, quoted: list[tuple[int, int]]
) -> bool:
    """A person named since the last quote, in a sentence about speaking ("Senator John
    Cornyn issued a statement ..."): the speaker of the unattributed quote that follows.
    Words inside quotation marks ('"I asked them ..." to place at Tasha's station') do not
    count."""
    s_start, s_end = sentence_of(bounds, mention.start)
    return any(
        not in_spans(s_start + v.start(), quoted)
        for pattern in (SPEECH_RE, _STATEMENT_RE)
        for v in pattern.finditer(text[s_start:s_end])
    )


#: Adverbs and aspect verbs between a subject and its verb ("cease referring").
_ASPECT = r"(?:cease|stop|also|often|still|always|never|commonly|repeatedly|[a-z]+ly)\b"
#: The subject of a naming verb that quotes a name ("the government cease referring to
#: the protests as"): who uses the quoted words.
_REFERS_AS = re.compile(
    rf"\b(?P<who>(?:the\s+)?(?:[A-Z][\w.&-]*\s+){{0,3}}(?:[a-z]+\s+)?(?!{_ASPECT})[a-z]+"
    r"|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})"
    rf"\s+(?:{_ASPECT}\s+)?"
    r"(?:refer|refers|referred|referring)\s+to\s+[^\"“”,;]{1,80}?\s+as\s*$"
)


#: A relative clause with its own named subject that runs up to a quote: the words are that
#: subject's ("the award, with which Time credits an individual as having done "...").
_RELATIVE_SUBJECT = re.compile(
    r"(?:,\s*|\b(?:with|by|in|for|to|under)\s+)(?:which|whom)\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
    r"\s+(?!(?:was|were|is|are|been|be)\b)[a-z]+s?\b[^,;:\"“”„«»]*$"
)
#: A "who" relative clause that runs up to the quote: its antecedent is the source.
_WHO_CLAUSE = re.compile(
    r",\s*who\s+(?!(?:was|were|is|are|(?:has|have|had) been)\s)[^,;:\"“”„«»]*$"
)  # not a passive one ("Amman, who was described as "..." by the police")


def _integrated(
    text: str, open_mark: int, bounds: list[tuple[int, int]], mentions: list[Mention]
) -> Speaker | None:
    """The source of a quote that is part of a sentence without a reporting verb: the
    sentence's subject when it names a non-person source ('The document, which ...,
    "must be completed in English"', 'wikiHow is a site which aims to "build ..."')."""
    s_start = sentence_of(bounds, open_mark)[0]
    before = text[s_start:open_mark]
    if len(before.split()) < 3 or re.search(r"[\"“”„«»]|:\s*$", before):
        return None  # too short, after another quote, or a clause of its own before a colon
    relative = _RELATIVE_SUBJECT.search(before)
    if relative:  # 'the award, with which Time credits a person as having done "..."'
        named = _source_name(text, relative.group("who"), s_start + relative.start("who"), mentions)
        if named is not None:
            return named
    refers = _REFERS_AS.search(before)
    if refers:  # 'that the government cease referring to the protests as "riots"'
        named = _source_name(text, refers.group("who"), s_start + refers.start("who"), mentions)
        if named is not None:
            return named
    got = _main_subject(text, s_start, open_mark, mentions, skip_adverbial=True)
    first = got[0].split()[0].lower() if got and got[0].split() else ""
    possessive = bool(got) and bool(re.search(r"['’]s?\b", got[0] if got else ""))
    # a person named in the sentence is handled by salience; one found by the role the
    # subject names ("The president ... vowed") is the source
    named_here = got is not None and got[1] is not None and s_start <= got[1][0] < open_mark
    if named_here and got is not None and got[1] is not None:
        if any(got[1][1] <= m.start for m in mentions_within(mentions, got[1][1], open_mark)):
            return got  # 'His opponent, Biden, ... accused Trump of "..."': the subject, not
        return None  # the object named after it
    if got is None or first in _NO_SUBJECT_SOURCE | _NOT_GIVEN or possessive:
        return None  # pronouns: the previous speaker
    return got


def _salient(
    text: str, bounds: list[tuple[int, int]], candidates: list[Mention], at: int
) -> Mention:
    """The most salient of ``candidates`` (in text order, before offset ``at``) as the
    referent of a pronoun or an unattributed quote: the latest one in the quote's own
    sentence; else the latest one in subject position (among a sentence's first words:
    "Prosecutor David Chen told ...", "Her colleague, Senator Bob Lane, ..."), not a
    possessive; else the latest."""
    s_start = sentence_of(bounds, at)[0]
    last = candidates[-1]
    if (
        last.start >= s_start
        and not text.startswith(("'s", "’s", "' ", "’ "), last.end)
        and not _PRONOUN_BEFORE.search(text, s_start, last.start)
    ):
        return last  # in the quote's own sentence (not "Soleimani's life", "He said Wu is")
    for m in reversed(candidates):
        s_start = sentence_of(bounds, m.start)[0]
        prefix = text[s_start : m.start]
        possessive = text.startswith(("'s", "’s", "' ", "’ "), m.end)
        reported = SPEECH_RE.search(prefix) is not None  # "Wilkins said Warhol was ..."
        if possessive or reported or re.search(r"[;:]", prefix):
            continue
        if len(prefix.split()) <= 4:
            return m
        if (
            re.search(r",\s*$", prefix)
            and _AFTER_ADVERBIAL.match(text, m.end)
            and not any(s_start <= c.start < m.start for c in candidates)
        ):
            return m  # "Wednesday, the day he dropped out, Bloomberg endorsed ...": the subject
    return candidates[-1]


#: A personal pronoun: a name after it in its clause is not its referent ("He said Wu is").
_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|He|She)\b")
#: The verb right after a clause's subject (not a list: "Wu and Lee", "Wu of the ...").
_AFTER_ADVERBIAL = re.compile(r"\s+(?!(?:and|or|of|in|at|from|to|for|with|on|by)\b)[a-z]+\b")


def attribute(
    text: str, spans: list[tuple[int, int, int, int | None]], mentions: list[Mention]
) -> list[tuple[Speaker | None, bool]]:
    """The speaker of each quote span ``(start, end, open mark, close mark)``, in text
    order, and whether the words around the quote name it (else it is the previous or
    the most salient speaker)."""
    bounds = list(sentences(text))
    previous: Speaker | None = None
    previous_end = -1
    out: list[tuple[Speaker | None, bool]] = []
    quoted = [(o, c if c is not None else e) for _s, e, o, c in spans]
    for _start, end, open_mark, close_mark in spans:
        found = _attribute(text, open_mark, close_mark, bounds, mentions)
        if found is None:
            found = _integrated(text, open_mark, bounds, mentions)
        if found is None and close_mark is not None:
            found = _named_after(text, open_mark, close_mark, bounds, mentions)
        speaker: Speaker | None
        if isinstance(found, str) or found is None:
            near = previous if previous and open_mark - previous_end < 1500 else None
            before = [
                m
                for m in mentions_within(mentions, max(0, open_mark - 3000), open_mark)
                if not in_spans(m.start, quoted)  # a name inside a quote is no speaker
            ]
            said_by = previous[1] if previous else None
            # since the last quote, not its own attribution ('", Wilkins said.')
            newer = [m for m in before if m.end > previous_end and (m.start, m.end) != said_by]
            own = sentence_of(bounds, open_mark)[0]
            newer = [  # "He argued that if Trump wins, "...": not Trump
                m
                for m in newer
                if not (m.start >= own and _PRONOUN_BEFORE.search(text, own, m.start))
            ]
            best = _salient(text, bounds, newer, open_mark) if newer else None
            if before and (
                near is None
                or (found == "previous" and best is not None)
                or (best is not None and _introduces_speaker(text, bounds, best, quoted))
                or (best is not None and _opens_own_sentence(text, bounds, best, open_mark))
            ):
                m = best or before[-1]
                near = (m.full, (m.start, m.end))
            if not newer:
                # no person named since the last quote: a named source that spoke since
                recent = _recent_subject(text, bounds, open_mark, mentions, previous_end)
                if recent and (near is None or found == "previous" or _person_like(recent[0])):
                    near = recent
            if found is None and (near is None or near == previous):
                # an event report's new paragraph: its opening subject, not the last speaker
                near = _paragraph_subject(text, bounds, open_mark, previous_end, mentions) or near
            if (
                near is not None
                and near == previous
                and near[1] is None
                and not _person_like(near[0])  # a person the name finder missed
                and not _OF_ROLE.match(near[0])  # "head of the ...": a person's role
                and before
                and _he_or_she(text, bounds, open_mark)
            ):
                # "he told her" after a quote of "the police": the person, not the body
                m = _salient(text, bounds, before, open_mark)
                near = (m.full, (m.start, m.end))
            speaker = near
        else:
            speaker = found
        if speaker is not None and speaker[1] is None:
            speaker = _holder_of_role(text, speaker, open_mark, mentions) or speaker
            speaker = _untitled(speaker, open_mark, mentions) or speaker
        elif speaker is not None and speaker[1] is not None and " " not in speaker[0]:
            speaker = _untitled(_with_title(text, speaker), open_mark, mentions) or speaker
        if (
            speaker is not None
            and previous is not None
            and speaker[1] is None
            and _BODY_NOUN.fullmatch(speaker[0])
            and previous[1] is None
            and previous[0][:1].isupper()
        ):
            speaker = previous  # "the company" after Hasbro's quote: Hasbro, as it is named
        out.append((speaker, found not in (None, "previous")))
        if speaker:
            previous, previous_end = speaker, end
    usual = _usual_spellings(text, mentions)
    named = [(usual.get(sp[0], sp[0]), sp[1]) if sp else None for sp, _ex in out]
    return [
        ((sp[0] if sp[1] else _noun_phrase(sp[0]), sp[1]) if sp else None, ex)
        for sp, (_sp, ex) in zip(named, out, strict=True)
    ]


#: A firm referred to by its kind ("the company"): the firm named before.
_BODY_NOUN = re.compile(r"company|firm|corporation|manufacturer|retailer|toymaker|carmaker")


def _with_title(text: str, speaker: Speaker) -> Speaker:
    """A one-word person mention with the title words written before it ("Prime Minister
    Tavita"), as :func:`_untitled` takes it; without a title, the speaker unchanged."""
    assert speaker[1] is not None
    before = text[max(0, speaker[1][0] - 40) : speaker[1][0]].split()
    k = len(before)
    while k > 0 and len(before) - k < 3 and before[k - 1].lower() in TITLE_WORDS:
        k -= 1
    titles = before[k:]
    return (" ".join([*titles, speaker[0]]), None) if titles else speaker


def _untitled(speaker: Speaker, at: int, mentions: list[Mention]) -> Speaker | None:
    """A source written with a title ("Prime Minister Tuilaepa") that is a person named in
    full in the text: the fullest form without the title ("Tuilaepa Sailele Malielegaoi")."""
    words = speaker[0].split()
    k = 0
    while k < len(words) - 1 and words[k].lower() in TITLE_WORDS:
        k += 1
    rest = words[k:]
    if k == 0 or not 1 <= len(rest) <= 3 or not all(w[:1].isupper() for w in rest):
        return None
    holders = [m for m in mentions if set(rest) <= set(m.full.split())]
    longer = [m for m in holders if len(m.full.split()) > len(rest)]
    holders = longer or holders  # "Tavita" is a mention too: the full form wins
    if len({m.full for m in holders}) != 1:
        return None
    m = min(holders, key=lambda m: (m.start > at, abs(m.start - at)))
    return m.full, (m.start, m.end)


#: Verbs that end a source's noun phrase ("Znak.com reported its source", "agreed facts
#: heard"): the reporting verbs and verbs of learning or showing.
_SOURCE_VERB = re.compile(
    rf"(?:{_SPEECH}|heard|hears|learned|learnt|found|finds|showed|shows|revealed|reveals|"
    r"suggested|suggests|confirmed|confirms|alleged|alleges|stated|reports|quotes|cites)"
)


def _noun_phrase(source: str) -> str:
    """A source that is no person (an organisation, a document) ends at its noun phrase,
    before a lower-case verb that the words around the quote left in it."""
    words = source.split(" ")
    for i, word in enumerate(words[1:], start=1):
        if word.islower() and _SOURCE_VERB.fullmatch(word):
            return " ".join(words[:i])
    return source


#: Words of a sentence that presents the speaker of the quote before it ("That was the
#: verdict of ...", "Ann Cole was speaking at ...").
_PRESENTS = re.compile(
    r"\b(?:speaking|spoke|verdict|words|view|comment|comments|message|reaction|response|"
    r"remarks?|explained|explaining)\b",
    re.IGNORECASE,
)


def _named_after(
    text: str,
    open_mark: int,
    close_mark: int,
    bounds: list[tuple[int, int]],
    mentions: list[Mention],
) -> Speaker | None:
    """The speaker of a quote that opens its paragraph without attribution, named in the
    next sentence of the paragraph ('"We never thought we would be back." Headteacher Ann
    Cole was speaking at the ceremony.', '"..." That was the verdict of Peter Holm.')."""
    p_start = text.rfind("\n", 0, open_mark) + 1
    if text[p_start:open_mark].strip():
        return None
    after = close_mark + 1
    k = bisect.bisect_left(bounds, (after, 0))  # the next sentence
    if k < len(bounds) and bounds[k][0] == after:
        k += 1  # the quote's own sentence goes on past the mark
    if k >= len(bounds):
        return None
    s_start, s_end = bounds[k]
    p_end = text.find("\n", after)
    if (p_end >= 0 and s_start > p_end) or re.search('["“”„«»]', text[s_start:s_end]):
        return None  # another paragraph, or another quote
    named = mentions_within(mentions, s_start, s_end)
    if not named:
        return None
    first = named[0]
    subject = _subject_position(text, s_start, first)
    if subject or _PRESENTS.search(text, s_start, s_end):
        return first.full, (first.start, first.end)
    return None


def _opens_own_sentence(
    text: str, bounds: list[tuple[int, int]], mention: Mention, at: int
) -> bool:
    """Whether ``mention`` is the subject of the sentence the quote at ``at`` is part of
    ('The mayor, Sadiq Khan, thanked "the police ..."')."""
    s_start = sentence_of(bounds, at)[0]
    return mention.start >= s_start and _subject_position(text, s_start, mention)


def _holder_of_role(
    text: str, speaker: Speaker, at: int, mentions: list[Mention]
) -> Speaker | None:
    """The person holding the role a source is given by ("the agency's director" ->
    "Director Peter Holm", "the Prime Minister" -> "Prime Minister Igor Matovič"), named
    with that role within 400 characters: the nearest one before the quote, else after."""
    words = [w for w in speaker[0].split() if w.lower() not in ("the", "a", "an")]
    titled = bool(words) and all(w.lower() in TITLE_WORDS for w in words)
    role = " ".join(words) if titled else (words[-1] if words else "")
    if not titled and (not role.isalpha() or not role.islower()):
        return None
    # a known role may be a word away ("director, Peter Holm"); any other noun must be the
    # name's own title ("the actress" -> "Actress Denise Crosby"); "President-elect" is
    # another title than "President"
    gap = r"[\s,:]{1,3}(?:\w+[\s,]+)?" if role.lower() in _ROLES else r"\s+"
    title = r"\s+".join(re.escape(w) for w in role.split())
    pattern = re.compile(rf"\b{title}{gap}$", re.I)
    lo = 0 if titled else max(0, at - 400)  # a title may have been given at the first mention
    holders = [
        m
        for m in mentions_within(mentions, lo, at + 400)
        if pattern.search(text, max(0, m.start - 40), m.start)
    ]
    if not holders:
        return None
    m = min(holders, key=lambda m: (m.start > at, abs(m.start - at)))
    return m.full, (m.start, m.end)


def _he_or_she(text: str, bounds: list[tuple[int, int]], at: int) -> bool:
    """Whether the quote at ``at`` is attributed to "he" or "she" in its sentence."""
    s_start, s_end = sentence_of(bounds, at)
    return _HE_OR_SHE_SAID.search(text, s_start, max(s_end, at)) is not None


def _person_like(name: str) -> bool:
    """Two or three capitalised words, none a body's ("Kiara Perkins", not "City Council")."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() and w.isalpha() and not _ORGANISATION_HEAD.fullmatch(w) for w in words
    )


def _recent_subject(
    text: str, bounds: list[tuple[int, int]], at: int, mentions: list[Mention], since: int
) -> Speaker | None:
    """For a quote with no person named before it (the name finder missed them): the named
    subject of one of the three sentences before, one about speaking ("Turkish president
    Erdoğan called for ...", "a State Department spokesperson, Morgan Ortagus, indicated")."""
    k = bisect.bisect_right(bounds, (at, len(text) + 1)) - 1
    for s_start, s_end in reversed(bounds[max(0, k - 3) : k + 1]):
        end = min(s_end, at)
        if s_start < since:
            break
        if end <= s_start or not (
            speech_verbs(text[s_start:end]) or _STATEMENT_RE.search(text, s_start, end)
        ):
            continue
        got = _main_subject(text, s_start, end, mentions, skip_adverbial=True)
        if got is not None and got[0][:1].isupper() and not re.search(r"['’\"“”]", got[0]):
            words = got[0].split()
            role = next((i for i, w in enumerate(words) if w.islower()), None)
            name = words[role + 1 :] if role is not None else words
            if name and all(w[:1].isupper() or w in LOWER_WORDS for w in name):
                # "Turkish president Erdoğan": the name; not "Reported cases also"
                return (" ".join(name), None) if role is not None else got
    return None


def _paragraph_subject(
    text: str, bounds: list[tuple[int, int]], at: int, since: int, mentions: list[Mention]
) -> Speaker | None:
    """The named subject that opens the paragraph of an unattributed quote at ``at``, in
    a paragraph begun after the last quote ended (``since``) and before the quote's own
    sentence: "Hasbro hosted a panel about its toys. ... their "most requested helmet"",
    a speaker introduced by what they do at an event, not by a reporting verb."""
    p_start = text.rfind("\n", 0, at) + 1
    first = sentence_of(bounds, p_start)
    if p_start <= since or first[0] != p_start or first[1] > sentence_of(bounds, at)[0]:
        return None
    got = _main_subject(text, first[0], min(first[1], at), mentions, skip_adverbial=True)
    if got is None or not got[0][:1].isupper() or re.search(r"['’\"“”]", got[0]):
        return None
    words = got[0].split()
    if got[1] is None and (
        len(words) > 4
        or words[0].lower() in _NOT_GIVEN
        or not all(w[:1].isupper() or w in LOWER_WORDS for w in words)
    ):
        return None  # a named body, not "Underwhelmed with her role"
    return got


def _usual_spellings(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Full names the text spells two ways ("Kristin Wilkins" once, "Kristen Wilkins"
    twice): each variant mapped to the one written most often (same surname, first names
    one letter apart)."""
    written: dict[str, int] = {}
    for m in mentions:
        name = text[m.start : m.end]
        if (" " in name and name == m.full) or name in written:
            written[name] = written.get(name, 0) + 1
    by_rest: dict[str, list[str]] = {}
    for name in written:
        by_rest.setdefault(name.partition(" ")[2], []).append(name)
    out: dict[str, str] = {}
    for same in by_rest.values():
        for a, b in itertools.permutations(same, 2):
            if _one_edit(a.partition(" ")[0], b.partition(" ")[0]) and written[b] > written[a]:
                out[a] = b
    return out


def _attribute(
    text: str,
    open_mark: int,
    close_mark: int | None,
    bounds: list[tuple[int, int]],
    mentions: list[Mention],
) -> Speaker | str | None:
    """The speaker from the words around the marks; "previous" for a pronoun or role."""
    s_start = sentence_of(bounds, open_mark)[0]
    inside = [
        m
        for m in mentions_within(mentions, max(0, s_start - 40), s_start + 60)
        if m.start < s_start < m.end
    ]
    if inside:  # "Professor John C. | Eastman writes": a sentence split at a name's initial
        s_start = sentence_of(bounds, inside[0].start)[0]
    lead = text[:open_mark].rstrip()
    if not text[s_start:open_mark].strip() and lead.endswith(":"):
        # 'Seidenberg defended the payments ...:\n"[T]he advance ...': a block quote
        # introduced by the sentence that ends with the colon
        s_start = sentence_of(bounds, len(lead) - 1)[0]
    semicolon = text.rfind(";", s_start, open_mark) + 1
    if semicolon and re.search(r"\w", text[semicolon:open_mark]):
        s_start = semicolon  # "According to the embassy, he died; officials referred to him as"
    if close_mark is not None:
        dash = _DASH_SOURCE.match(text, close_mark + 1)
        if dash:  # '"It saves me twenty minutes." — Jane Doe, a nurse': a signed comment
            return _source_name(text, dash.group(1), dash.start(1), mentions)
        after_start = close_mark + 1
        # the sentence after the closing mark (a quote may end its own sentence)
        a_end = sentence_of(bounds, after_start)[1] if after_start < len(text) else after_start
        after = text[after_start : max(a_end, after_start)]
        put = _AS_PUT.match(after)
        if put:  # 'traffic "ground to a halt" — as the Supreme Court decision put it —'
            got = _source_name(text, put.group("who"), after_start + put.start("who"), mentions)
            return got if got is not None else "previous"
        according = _POST_ACCORDING.match(after) or _RIGHT_AFTER_ACCORDING.match(after)
        if according:  # '... a "sharp increase" last week, according to a spokesperson.'
            got = _source_name(
                text, according.group("who"), after_start + according.start("who"), mentions
            )
            return got if got is not None else "previous"
        for pattern in (AFTER_VERB_FIRST, AFTER_WHO_FIRST):
            found = pattern.match(after)
            who = found.group("who") if found else ""
            named = found is not None and bool(
                mentions_within(
                    mentions, after_start + found.start("who"), after_start + found.end("who")
                )
            )
            if (
                found
                and pattern is AFTER_WHO_FIRST
                and re.match(r"\s+[\"“„«]", after[found.end() :])
            ):
                continue  # ', the government recommending "...": its object is the next quote
            if found and re.match(r"\s*(?:and|while|whereas|but|although|though)\b", who, re.I):
                continue  # '"...", while Deputy Governor Oleg Klimov indicated': a new clause
            if found and pattern is AFTER_VERB_FIRST and _OBJECT_VERB.fullmatch(found.group(1)):
                continue  # '"...", calling it a "...": the words after are its object
            if found and not re.search(r"[\"“”]", who) and (named or _names_someone(who)):
                got = _source_name(text, who, after_start + found.start("who"), mentions)
                return got if got is not None else "previous"
        post = POSTPOSED.search(after)
        if post and _names_someone(post.group("who")):  # '"..." from Friday, KCNA said.'
            got = _source_name(text, post.group("who"), after_start + post.start("who"), mentions)
            return got if got is not None else "previous"
    before = text[s_start:open_mark]
    relative = _WHO_CLAUSE.search(before)
    if relative:  # '..., Chris Christie, who denounced the claims as a "..."': the antecedent
        ante = [m for m in mentions if m.end == s_start + relative.start()]
        if ante:
            return ante[-1].full, (ante[-1].start, ante[-1].end)
    label = _LABEL.fullmatch(before)
    if label:  # interview or transcript turn: 'Herrick: "We wanted ..."'
        return _source_name(text, label.group(1), s_start, mentions)
    verbs = speech_verbs(before)
    if (
        verbs
        and close_mark is not None
        and re.search(
            r"\b(?:was|were|been|is|are|be)\s+(?:[a-z]+ly\s+)?$", before[: verbs[-1].start()]
        )
    ):
        by = s_start + verbs[-1].end()
        if re.match(r"\s+by\s", before[verbs[-1].end() :]):
            agents = mentions_within(mentions, by, open_mark)
            if agents:  # 'he was told by Emergencies Minister Yevgeny Zinichev of "..."'
                return agents[0].full, (agents[0].start, agents[0].end)
        agent = _AGENT.match(text, close_mark + 1)
        if agent:  # '"pandemic" was announced ... by the World Health Organization (WHO)'
            return _source_name(text, agent.group(1).strip(), agent.start(1), mentions)
    if not verbs and re.search(r":\s*$", before):
        labelled = mentions_within(mentions, max(s_start, open_mark - 80), open_mark)
        if labelled and not text[labelled[-1].end : open_mark].strip(" :"):
            # "Among those commenting was historian Carl Wendt: "...": the name before it
            return labelled[-1].full, (labelled[-1].start, labelled[-1].end)
        if re.match(r"\s*(?:he|she)\b", before, re.IGNORECASE):
            # "Richardson had his own opinion. He provided the text of a message:"
            return _pronoun_antecedent(text, bounds, s_start, mentions) or "previous"
        # 'The Department of Defense justified the strike ...: "..."': the clause's subject
        got = _main_subject(text, s_start, open_mark, mentions, skip_adverbial=True)
        named = got is not None and (got[1] is not None or got[0][:1].isupper())
        if got is not None and named and not re.search(r"['’]", got[0]):
            return got  # a person or a named organisation, not "the workers' demands"
        issued = _ISSUED.search(before)
        if issued:  # 'an official Twitter account made the following announcement: "..."'
            who = _source_name(text, issued.group("who"), s_start + issued.start("who"), mentions)
            if who is not None:
                return who
        return "previous" if got is None or got[0].split()[0].lower() in _PRONOUNS else None
    if verbs:
        verb = verbs[-1]
        if verb.group().lower() in ("according to", "in the words of"):
            source = mentions_within(mentions, s_start + verb.end(), open_mark)
            if source:  # "according to the minister, Liam Ford, ...": the person named
                return source[0].full, (source[0].start, source[0].end)
            role = _main_subject(text, s_start + verb.end(), open_mark, mentions)
            if role is not None and role[0][:1].isupper():
                return role  # "according to the mayor, Liam Ford, ..."
            who = re.split(r"[,;]", before[verb.end() :])[0]
            got = _source_name(text, who, s_start + verb.end(), mentions)
            return got if got is not None else "previous"
        clause = before[: verb.start()]
        if (
            not clause.strip()
            and verb.group().endswith("ing")
            and close_mark is not None
            and not before[verb.end() :].strip(" ,:")
        ):
            # 'Saying "there are many abortions" President Fernández elaborated, ...'
            s_end = sentence_of(bounds, open_mark)[1]
            main = re.match(
                r"[\s,]*([^,;:\"“”\n]{2,60}?)\s+\w+ed\b",
                text[close_mark + 1 : max(s_end, close_mark + 1)],
            )
            if main:
                return _source_name(text, main.group(1), close_mark + 1 + main.start(1), mentions)
        mark = max(clause.rfind(c) for c in '"“”„«»「」')
        if mark >= 0:  # '"Nobody wants this," she said, "but ...': the words after the quote
            clause = " " * (mark + 1) + clause[mark + 1 :]
        if mark < 0 and re.search(r",\s*$", clause) and verb.group().lower().endswith("ing"):
            # "X spoke to reporters ..., describing it as "...": the sentence's subject
            got = _main_subject(
                text, s_start, s_start + verb.start(), mentions, skip_adverbial=True
            )
            if got is not None:
                return got
        relative = _OBJECT_RELATIVE.search(clause)
        if relative and relative.group(1).split()[0].lower() not in _PRONOUNS:
            # 'the novel Obsession, which the New York Times called "...': the relative's subject
            got = _source_name(text, relative.group(1), s_start + relative.start(1), mentions)
            if got is not None:
                return got
        people = mentions_within(mentions, s_start + mark + 1, s_start + verb.start())
        if _PRONOUN_SUBJECT.search(clause):
            people = []  # "X pleaded with him to send Gloria ..., but he replied": not Gloria
        if (
            len(people) > 1
            and _subject_position(text, s_start + mark + 1, people[0])
            and _APPOSITION.fullmatch(text, people[0].end, s_start + verb.start())
        ):
            # "Ann Lowe, a lawyer representing Rita Sand, told ...": the name before the
            # apposition is the subject, not a name inside it
            people = people[:1]
        if (
            len(people) > 1
            and _subject_position(text, s_start + mark + 1, people[0])
            and _DESCRIPTION.fullmatch(text, people[0].end, people[1].start)
        ):
            # "Peter Iseley of worldwide victim group Ending Clergy Abuse said": the person,
            # not a name inside their description
            people = people[:1]
        owners = [m for m in people if text.startswith(("'s", "’s", "' ", "’ "), m.end)]
        if owners and len(owners) < len(people):
            # "Anderson Cooper, one of Vanderbilt's four sons, stated": not the possessor
            people = [m for m in people if m not in owners]
        if people and mark < 0 and re.search(r"\band\s+(?:[a-z]+ly\s+)?$", clause):
            # "Warren commended Biden ... and said she was "...": the first verb's subject
            got = _main_subject(
                text, s_start, s_start + verb.start(), mentions, skip_adverbial=True
            )
            if got is not None and got[1] is not None:
                return got
        if people:
            last = people[-1]
            if len(people) > 1 and _JOINT.fullmatch(text, people[-2].end, last.start):
                # "Police chief Raj Patel and mayor Tom Hill both said": a joint source
                return f"{people[-2].full} and {last.full}", (last.start, last.end)
            return last.full, (last.start, last.end)
        what = re.search(r"\bwhat\s+(.{1,40}?)\s*$", clause)
        if what:  # 'in what the police declared a "terrorist-related" attack': the police
            got = _source_name(text, what.group(1), s_start + what.start(1), mentions)
            return got if got is not None else "previous"
        quoted_as = _QUOTED_AS.search(clause)
        if quoted_as:  # "The BBC quoted a resident as saying": the one quoted
            got = _source_name(text, quoted_as.group(1), s_start + quoted_as.start(1), mentions)
            return got if got is not None else "previous"
        subject = ""
        bare = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), clause)
        # "and" inside a name ("Health and Human Services") is kept
        bare = re.sub(r"\b([A-Z][\w.&'’-]*) and (?=[A-Z])", rf"\1 {_AND} ", bare)
        pieces = re.split(r"(?:,|;|\(|\band\b|\bwhile\b|\bbut\b)\s*", bare)
        for k in range(len(pieces) - 1, -1, -1):
            subject = _AUXILIARIES.sub("", pieces[k]).strip().replace(_AND, "and")
            subject = re.sub(r"(?:\s+[a-z]+ly)+$", "", subject)  # "The proclamation specifically"
            subject = _AUXILIARIES.sub("", subject).strip()  # "The president had previously"
            if re.match(r"(?:who|which|that)\b|[a-z]+ing\b", subject, re.IGNORECASE):
                continue  # "the minister (who said", "Ardern, speaking after the vote, called",
                # "The Guard Corps (IRGC), which includes the Quds Force, declared"
            words = subject.split()
            if k > 0 and words and _PREDICATE.fullmatch(words[0]):
                continue  # "Ann Cole, the director, explained the ban saying": a predicate
            if k > 0 and words and words[0] in _NOT_SUBJECT and re.search(r"\w", pieces[k - 1]):
                continue  # "ALDI, in a post on Tuesday, called it": an adverbial aside
            is_role = bool(words) and (
                (
                    words[0].lower() in ("a", "an", "the")
                    and not all(w[:1].isupper() for w in words[1:])  # "The Atlantic": a name
                )
                or (len(words) <= 4 and words[-1].islower())
            )
            if is_role and k > 0:
                name = pieces[k - 1].strip().split()
                run = list(itertools.takewhile(lambda w: w[:1].isupper(), reversed(name)))
                if 2 <= len(run) <= 4 and len(run) < len(name) and name[-len(run) - 1].islower():
                    name = run[::-1]  # "In the blog post Chris Wright, the CTO of ..., said"
                if (
                    0 < len(name) <= 4
                    and all(w[:1].isupper() for w in name)
                    and not any(w.lower() in _NOT_IN_NAME_RUNS | _NOT_SUBJECT for w in name)
                ):
                    # "Zbigniew Nowak, a spokesperson for ..., said", "Hernan Dario Gomez,
                    # Panama coach, said": the name before the role
                    subject = " ".join(name)
            if subject:
                break  # "Nunzio Galantino, has called": the piece before the auxiliary
        first = subject.split()[0].lower() if subject.split() else ""
        opening = mark < 0 and clause.strip().startswith(subject.strip())
        inner = _INNER_SUBJECT.search(subject) if first in _NOT_SUBJECT and opening else None
        if inner:  # "At about 5 p.m. his daughter reported": the noun after the adverbial
            subject, first = inner.group("np"), inner.group("np").split()[0].lower()
        if first in _NOT_SUBJECT or (first.endswith("ly") and subject[:1].islower()):
            return "previous"  # '... "a cancer" in the church and promised': same subject
        if not re.search(r"\w", clause):
            return "previous"  # '"...", he said, calling it a "...": the same speaker
        if not subject.strip():
            subject = clause
        if subject.strip().lower() == "it":  # 'The federation released a statement. It read'
            return _body_before(text, bounds, s_start, mentions) or "previous"
        if subject.strip().lower() in _FUNCTION:
            return "previous"  # '"..." and called the claims "nonsense"': the same subject
        offset = s_start + bare.rfind(subject.strip()) if subject.strip() else s_start
        got = _source_name(text, subject.strip(), offset, mentions)
        if got is None and first == "they" and subject.strip().lower() == "they":
            got = _group_before(text, bounds, s_start, mentions)  # "Residents ... They said"
        if got is None and first in _PRONOUNS:  # "Thomas' sister pleaded ..., but he replied"
            got = _sentence_subject(text, s_start, offset, mentions)
        return got if got is not None else "previous"
    return None


#: Nouns for a group of people that "they" can refer to in the singular form.
_COLLECTIVE = frozenset(
    word_list(
        """
        police brigade team crew staff family government council committee union board
        company firm group band panel jury army navy public
        """
    )
)


#: A plural noun for people ("residents", "protesters", "scientists", "nurses").
_PEOPLE_PLURAL = re.compile(
    r"[a-z]+(?:ers|ors|ists|ents|ans|ees|ives|ials|ians)|people|nurses|police|women|men|"
    r"children|families|authorities|victims|fans|friends|survivors|relatives|colleagues"
)


def _group_before(
    text: str, bounds: list[tuple[int, int]], s_start: int, mentions: list[Mention]
) -> Speaker | None:
    """The referent of a plural "they" as a quote's source: the group that is the subject
    of one of the two sentences before in the paragraph ("Residents of the island had
    waited ... They said"), not a single person named there; None when there is none."""
    p_start = text.rfind("\n", 0, s_start) + 1
    k = bisect.bisect_left(bounds, (s_start, 0))
    for b_start, b_end in reversed(bounds[max(0, k - 2) : k]):
        if b_start < p_start or re.search(r"[\"“”„«»]", text[b_start:b_end]):
            return None  # another paragraph, or a sentence with a quote of its own
        got = _main_subject(text, b_start, b_end, mentions, skip_adverbial=True)
        if got is None or got[1] is not None:
            continue
        words = got[0].split()
        if not words or words[0].lower() in _PRONOUNS or _person_like(got[0]):
            continue
        noun = re.split(r" (?:of|from|in|at|on|for|with) ", got[0])[0].split()
        head = noun[-1]  # "Residents of the island": "Residents" (capitalised as first word)
        plural = (head.islower() or head == words[0]) and _PEOPLE_PLURAL.fullmatch(head.lower())
        if (
            plural
            or head.lower() in _COLLECTIVE
            or any(_ORGANISATION_HEAD.fullmatch(w) for w in words)
        ):
            return got
    return None


#: The noun phrase after a leading time or place adverbial with no comma ("At about 5 p.m.
#: his daughter"): a determiner or possessive, then up to three lower-case words.
_INNER_SUBJECT = re.compile(
    r"\b(?:the|an?|his|her|their|its)\s+(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*$"
)


def _pronoun_antecedent(
    text: str, bounds: list[tuple[int, int]], s_start: int, mentions: list[Mention]
) -> Speaker | None:
    """The referent of "he"/"she" as a quote's source: the named subject of the nearest of
    the three sentences before ("Richardson had his own opinion. He provided ... :"), a
    person mention or a capitalised name of one to three words."""
    k = bisect.bisect_left(bounds, (s_start, 0))
    for b_start, b_end in reversed(bounds[max(0, k - 3) : k]):
        got = _main_subject(text, b_start, b_end, mentions, skip_adverbial=True)
        if got is None:
            continue
        words = got[0].split()
        if got[1] is not None:
            return got
        if (
            1 <= len(words) <= 3
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and words[0].lower() not in _NOT_GIVEN | _PRONOUNS
            and not any(_ORGANISATION_HEAD.fullmatch(w) for w in words)
        ):
            return got
    return None


def _body_before(
    text: str, bounds: list[tuple[int, int]], s_start: int, mentions: list[Mention]
) -> Speaker | None:
    """The referent of "it" (never a person) as a quote's source: the named organisation
    that is the subject of the sentence before ("The Georgian Tennis Federation (GFT)
    released a statement ... It read, "..."")."""
    k = bisect.bisect_left(bounds, (s_start, 0)) - 1
    if k < 0:
        return None
    got = _main_subject(text, bounds[k][0], bounds[k][1], mentions, skip_adverbial=True)
    if got is None or got[1] is not None or _person_like(got[0]) or not got[0][:1].isupper():
        return None
    return re.sub(r"\s*\([^()]*\)$", "", got[0]), None

"""Quotes: text between quotation marks of any style, interrupted quotes split, headline
scare quotes, titles and labels without a speech act left out; each with a ``speaker``
(the fullest name of the person, or the source as the text names it) and the span of the
person mention it is ``said_by``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from clipper.model import QUOTE_SPEAKER
from clipper.suggest.base import (
    Suggestion,
    body_end,
    headline_end,
    paragraphs,
    sentences,
    word_list,
)
from clipper.suggest.names import NOT_NAMES, TITLE_WORDS
from clipper.suggest.people import Mention

#: Marks that open, close, or (straight quotes) do both.
_OPEN = {"“": "”", "„": "“", "«": "»", "「": "」", "‹": "›", "»": "«"}
_DOUBLE_RE = re.compile('["“”„«»「」]')
_SINGLE_RE = re.compile("['‘’]")
_SPEECH = (
    r"said|says|say|saying|told|tells|tell|telling|added|adds|stated|states|stating|"
    r"explained|explains|wrote|writes|asked|asks|replied|replies|announced|declared|"
    r"insisted|warned|noted|continued|concluded|argued|claimed|claiming|recalled|"
    r"described|describing|describes|promised|promising|recommended|recommending|"
    r"urged|reads|read|quoted|quoting|cited|according to|in the words of|reported|"
    r"reporting|remarked|"
    r"commented|admitted|acknowledged|believes|believe|emphasised|emphasized|shared|"
    r"prepare|told to|outlined|outlines|reasoned|reasons|asserted|asserts|called|calls|"
    r"dubbed|characterised|characterized|writing|theorised|theorized|tweeted|posted|"
    r"responded|answered|insists|warns|notes|adding|explaining|declaring|announcing"
)
_SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b", re.IGNORECASE)
_AFTER_VERB_FIRST = re.compile(
    rf"^\s*[,.;]?\s*(?:{_SPEECH})\s+(?P<who>[^.,;:!?\"“”]{{1,60}}"
    r"(?:,\s+[A-Z][^.,;:!?\"“”]{1,40})?)",
    re.IGNORECASE,
)
_AFTER_WHO_FIRST = re.compile(
    rf"^\s*[,.;]?\s*(?P<who>[^.;:!?\"“”]{{1,80}}?)\s+(?:has\s+|had\s+)?(?:{_SPEECH})\b",
    re.IGNORECASE,
)
#: An attribution at the end of the sentence a quote sits in ('"...," from Friday, the
#: agency said.').
_POSTPOSED = re.compile(
    rf"^[^\"“”„«»]*?,\s+(?P<who>[^,;:\"“”„«»]{{1,60}}?)\s+(?:has\s+)?(?:{_SPEECH})\s*[.!]?\s*$",
    re.IGNORECASE,
)
#: Words right before a mark that make what follows a name or label, not speech.
_NAMING = re.compile(
    r"\b(?:called|named|labell?ed|dubbed|titled|entitled|known as|nicknamed|so-called|"
    r"the word|the term|the phrase|rated|rating of|graded|ranked|classified as|classed as|"
    r"certified|upgraded to|downgraded to|(?:medals?|awards?|prizes?|trophy|honou?rs?)\s+"
    r"(?:for|of))\s*$",
    re.IGNORECASE,
)
#: A work right before a mark: what follows is its title, not speech.
_WORK = re.compile(
    r"\b(?:report|book|novel|song|single|album|film|movie|documentary|article|paper|"
    r"editorial|column|essay|series|episode|play|poem|exhibition|campaign|hashtag|"
    r"headline|programme|program|podcast|video|painting|website|blog)\s*$",
    re.IGNORECASE,
)
#: Nouns right after a closing mark that make the quoted words a label ('a "Very Good"
#: rating', 'its "AAA" grade').
_LABEL_AFTER = re.compile(
    r"\s+(?:rating|ratings|grade|label|status|category|classification|certificate|"
    r"certification|award|prize|medal|badge|tag|stamp|seal)\b",
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
#: A speaker's label before a colon at the start of a sentence ("Wikinews: ", "Jack Herrick: ").
_LABEL = re.compile(r"([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):\s*")
#: Between two people who speak together ("Raj Patel and mayor Tom Hill").
_JOINT = re.compile(r"\s*(?:,\s*)?and\s+(?:[a-z-]+\s+){0,3}")
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
_LOWER_WORDS = frozenset(
    word_list(
        """
        a an the of and for in on at to de la
        """
    )
)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark (None: runs to paragraph end)


def _double_spans(text: str, p_start: int, p_end: int) -> Iterator[_Span]:
    opened: int | None = None
    for mark in _DOUBLE_RE.finditer(text, p_start, p_end):
        i = mark.start()
        c = text[i]
        prev = text[i - 1] if i > p_start else " "
        nxt = text[i + 1] if i + 1 < p_end else " "
        if opened is None:
            if c == '"' or c in _OPEN or (c == "”" and not nxt.isspace() and prev.isspace()):
                opened = i
            continue
        opener = text[opened]
        closes = c == '"' or c == _OPEN.get(opener, "”") or c in "”»」"
        if c == "“" and not prev.isspace() and (nxt.isspace() or i + 1 >= p_end):
            closes = True  # a wrongly-oriented closing mark: 'decision.“ However'
        if c == "“" and opener == "“" and (prev.isspace() and not nxt.isspace()):
            closes = False  # a new opening: the previous quote ran without a closing mark
            yield _Span(opened + 1, i, opened, None)
            opened = i
            continue
        if closes:
            yield _Span(opened + 1, i, opened, i)
            opened = None
    if opened is not None:
        yield _Span(opened + 1, p_end, opened, None)


def _single_spans(text: str, p_start: int, p_end: int, inside: list[_Span]) -> Iterator[_Span]:
    opened: int | None = None
    opens = [s.open_mark for s in inside]  # in text order
    for mark in _SINGLE_RE.finditer(text, p_start, p_end):
        i = mark.start()
        c = text[i]
        k = bisect.bisect_right(opens, i) - 1
        if k >= 0 and i <= (inside[k].close_mark or p_end):
            continue  # inside a double-quoted passage
        prev = text[i - 1] if i > p_start else " "
        nxt = text[i + 1] if i + 1 < p_end else " "
        if opened is None:
            if c in "'‘" and (prev.isspace() or prev in "([—–-") and nxt.isalnum():
                opened = i
        elif not prev.isspace() and not nxt.isalnum() and c in "'’":
            if _plural_possessive(text, i, p_end):
                continue  # "the lads' families": an apostrophe, the quote goes on
            yield _Span(opened + 1, i, opened, i)
            opened = None


def _nested(span: _Span, outer: list[_Span], opens: list[int]) -> bool:
    """Whether ``span`` lies inside one of ``outer`` (in text order, ``opens`` their
    opening marks)."""
    k = bisect.bisect_left(opens, span.open_mark) - 1
    return k >= 0 and span.close_mark is not None and span.close_mark < outer[k].end


def _plural_possessive(text: str, i: int, p_end: int) -> bool:
    """An apostrophe after a plural ("workers' demands") inside a single-quoted passage:
    a lower-case word follows and a closing mark comes later in the paragraph."""
    if text[i - 1] not in "sS" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    return re.search(r"[^\s]['’](?!\w)", text[i + 1 : p_end]) is not None


def _trim(text: str, span: _Span) -> _Span | None:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return _Span(s, e, span.open_mark, span.close_mark) if e > s else None


def _is_title(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _LOWER_WORDS]
    caps = [w for w in content if w[:1].isupper() or w[:1].isdigit()]
    return bool(content) and len(caps) >= max(1, 0.75 * len(content))


def _sentence_of(bounds: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """The sentence (of ``bounds``, in text order) that holds offset ``i``."""
    k = bisect.bisect_right(bounds, (i, len(bounds) and bounds[-1][1] + 1)) - 1
    if k >= 0 and bounds[k][0] <= i < bounds[k][1]:
        return bounds[k]
    return i, i


#: After a title's closing mark in a source list: "— BBC News, March 3, 2010".
_CITATION_AFTER = re.compile(r"[,.]?\s*[—–-]+\s*[A-Z0-9]|[,.]?\s*\(?[A-Z][\w.&' ]{1,40},\s+\w")
_YEAR_END = re.compile(r"\b(?:1[89]|20)\d\d\.?\)?\s*$")
#: Words between a reporting verb and a short quote it cannot govern (a new clause).
_CLAUSE_BREAK = re.compile(
    r";|\b(?:while|whereas|but|although|though)\b",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _is_citation(text: str, span: _Span, p_end: int) -> bool:
    """A title in a source/reference line: 'Doe, J. "Storm hits port" — BBC, March 3, 2010'."""
    if span.close_mark is None:
        return False
    after = text[span.close_mark + 1 : p_end]
    return (
        bool(_CITATION_AFTER.match(after))
        and bool(_YEAR_END.search(after))
        and not (_SPEECH_RE.search(after))
    )


def _headline_quote(text: str, span: _Span, head: int) -> bool:
    """A headline quote is speech when it is a sentence (four words or more) with its
    source ("'We are not afraid,' says Kim", 'Obama: "We will not back down"')."""
    if len(text[span.start : span.end].split()) < 4 or span.close_mark is None:
        return False
    before = text[: span.open_mark]
    after = text[span.close_mark + 1 : head]
    return bool(
        re.search(r":\s*$", before)
        or _SPEECH_RE.search(before)
        or _AFTER_VERB_FIRST.match(after)
        or _AFTER_WHO_FIRST.match(after)
    )


def _word_count(body: str) -> int:
    """Words of a quote; CJK text (no spaces) counts about one word per two characters."""
    cjk = len(_CJK.findall(body))
    return len(body.split()) + cjk // 2


def _governs(before: str) -> bool:
    """Whether a reporting verb in ``before`` (the sentence up to an opening mark) governs
    the quote: the nearest verb, at most 25 words back, with no contrasting clause between;
    or a colon right before the mark ('She said: "..."', 'a déclaré : « ... »')."""
    if re.search(r":\s*$", before):
        return True
    verbs = list(_SPEECH_RE.finditer(before))
    if not verbs:
        return False
    between = before[verbs[-1].end() :]
    return len(between.split()) <= 25 and not _CLAUSE_BREAK.search(between)


def _phrase(body: str) -> str:
    """A quote's words for comparison (case and punctuation ignored)."""
    return " ".join(re.findall(r"\w+", body.lower()))


def quote_spans(text: str) -> list[tuple[int, int, int, int | None]]:
    """``(start, end, open mark, close mark)`` of every speech quote, before attribution."""
    head = headline_end(text)
    end_of_body = body_end(text)
    bounds = list(sentences(text))
    out = []
    headline_quotes = {
        _phrase(text[q.start : q.end])
        for q in itertools.chain(_double_spans(text, 0, head), _single_spans(text, 0, head, []))
    }
    for p_start, p_end in paragraphs(text):
        if p_start >= end_of_body:
            break
        doubles = list(_double_spans(text, p_start, p_end))
        singles = list(_single_spans(text, p_start, p_end, doubles))
        # British style: double marks nested in a single-quoted passage belong to it
        single_opens = [q.open_mark for q in singles]
        doubles = [d for d in doubles if not _nested(d, singles, single_opens)]
        # each quote's previous closing mark in this paragraph
        previous_close = {
            b.open_mark: a.close_mark + 1
            for a, b in itertools.pairwise(doubles)
            if a.close_mark is not None
        }
        for raw in doubles + singles:
            span = _trim(text, raw)
            if span is None or _is_citation(text, raw, p_end):
                continue
            if span.start < head and not _headline_quote(text, span, head):
                continue  # headline scare quotes ('quasi-state of war')
            body = text[span.start : span.end]
            words = body.split()
            n_words = _word_count(body)
            closing = span.close_mark if span.close_mark is not None else span.end
            s_start, s_end = _sentence_of(bounds, span.open_mark)
            before = text[max(s_start, span.open_mark - 120) : span.open_mark]
            after = text[closing + 1 : min(closing + 100, max(s_end, closing + 1) + 60)]
            governed = _governs(before) or bool(
                _AFTER_VERB_FIRST.match(after)
                or _AFTER_WHO_FIRST.match(after)
                or _POSTPOSED.match(text, closing + 1, s_end)
            )
            if not governed and raw.open_mark in previous_close:
                # '"...," he said. "We tried."': continues a quote of the same speaker
                gap = text[previous_close[raw.open_mark] : raw.open_mark]
                governed = len(gap) < 80 and bool(_SPEECH_RE.search(gap))
            final = re.search(r"[.!?]$", body) is not None
            short = len(words) <= 5 and not governed
            if _is_title(words) and len(words) <= 8 and (not final or short):
                continue  # a title or name ("Top of the Spear."), not speech
            naming = _NAMING.search(text, max(0, span.open_mark - 30), span.open_mark) or (
                span.close_mark is not None and _LABEL_AFTER.match(text, span.close_mark + 1)
            )
            if n_words <= 4 and naming:
                continue  # a name or label: 'a user labelled "Anonymous"', 'a "Good" rating'
            if not final and _WORK.search(text, max(0, span.open_mark - 30), span.open_mark):
                continue  # the title of a work: 'its report "Hunger in a warming world"'
            if n_words < 4 and not governed and _phrase(body) in headline_quotes:
                governed = True  # quoted in the headline too: the story quotes someone
            if n_words < 4 and not governed:
                continue
            out.append((span.start, span.end, span.open_mark, span.close_mark))
    return sorted(out)


def _source_name(
    text: str, who: str, offset: int, mentions: list[Mention]
) -> tuple[str, tuple[int, int] | None] | None:
    """The speaker named in ``who`` (found at ``offset``): a person's fullest name and
    mention, a pronoun/role (None: the previous speaker), or the source as written."""
    people = _mentions_within(mentions, offset, offset + len(who))
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
    if not words:
        return None
    if words[0].lower() in _PRONOUNS:
        return None
    if words[0].lower() == "the" and len(words) > 1 and words[1][:1].islower():
        cut = _CUT.split(" ".join(words[1:]))[0]
        if re.fullmatch(
            r"(?:chief executive|spokes\w+|minister|president|chairman|ceo|"
            r"official|officials|director|founder)",
            cut,
            re.IGNORECASE,
        ):
            return None
        named = re.search(r"(?<=[a-z] )(?:[A-Z][\w.&-]*(?: |$))+$", cut)
        if named:  # "the state news agency KCNA": the name after the role
            return named.group().strip(), None
        return cut, None
    if words[0].lower() in ("with", "by", "from"):
        words = words[1:]
    if words and words[0].lower() in ("a", "an", "the") and len(words[-1]) > 2:
        words = words[1:]
    if not words:
        return None
    possessive = any(w.endswith(("'s", "’s")) for w in words)
    if len(words) <= 4 and not possessive and (words[0][:1].isupper() or len(words) == 1):
        name = _WHEN.split(" ".join(words))[0]  # "Pope Francis on Sunday"
        return (_fullest(text, name) if " " not in name else name), None
    caps = re.match(r"((?:[A-Z][\w.&’'-]*\s?)+)", " ".join(words))
    if caps:
        name = re.sub(r"(?:'s|’s)$", "", caps.group(1).strip().split("'s ")[0].split("’s ")[0])
        return name, None
    cut = _CUT.split(" ".join(words))[0]
    return (cut, None) if cut else None


_LEADING_WORDS = re.compile(r"(?:[A-Z]\w*ly,\s+|(?:But|And|Then|Later|However),?\s+)?")
_NAME_WORD = re.compile(r"([A-Z][\w-]+)(?:'s|’s|'|’)?(?=[\s,])")


def _sentence_subject(
    text: str, s_start: int, limit: int, mentions: list[Mention]
) -> tuple[str, tuple[int, int] | None] | None:
    """The person named first in a sentence, in subject position (its first words, after
    an adverb), by any part of a name found in the text ("Thomas' sister" -> Thomas Sam):
    the salient referent of a pronoun speaker later in the same sentence."""
    lead = _LEADING_WORDS.match(text, s_start, limit)
    at = lead.end() if lead else s_start
    head = text[at:limit]
    if not head.strip():
        return None
    named = _mentions_within(mentions, at, min(limit, at + 40))
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


#: Where a subject noun phrase ends: its verb.
_VERB_START = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|"
    r"does|do|aims|wants|plans|hopes|seeks|[a-z]+ed)\b"
)


def _main_subject(
    text: str, s_start: int, limit: int, mentions: list[Mention]
) -> tuple[str, tuple[int, int] | None] | None:
    """The subject of a sentence's main clause (its first comma-separated piece, or the
    name in apposition after a role: "The transport minister, Liam Ford, spoke ...")."""
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", text[s_start:limit])]
    if not pieces:
        return None
    for k, (a, b) in enumerate(pieces[:2]):
        named = _mentions_within(mentions, s_start + a, s_start + b)
        if named:
            return named[0].full, (named[0].start, named[0].end)
        words = text[s_start + a : s_start + b].split()
        if k == 1 and 0 < len(words) <= 4 and all(w[:1].isupper() for w in words):
            return " ".join(words), None  # the name in apposition
        if k == 0 and not (words and words[0].lower() == "the" and len(words) <= 4):
            break  # not a role: the first piece is the clause itself
    who = _VERB_START.split(text[s_start + pieces[0][0] : s_start + pieces[0][1]])[0].strip()
    if not who or len(who.split()) > 5:
        return None
    return _source_name(text, who, s_start + pieces[0][0], mentions)


def _fullest(text: str, surname: str) -> str:
    """The fullest form of a one-word name in the text ("Ford" -> "Liam Ford" when the text
    has "Liam Ford"), titles left out; the word itself if there is none."""
    if not surname[:1].isupper() or not surname.isalpha():
        return surname
    return _full_forms(text).get(surname, surname)


_RUN = re.compile(r"(?<![\w'’.-])((?:[A-Z][\w'’.-]*\s){1,2})([A-Z][a-zA-Z]+)\b")


@functools.lru_cache(maxsize=8)
def _full_forms(text: str) -> dict[str, str]:
    """Each capitalised word's longest form as the last word of a run of two or three
    capitalised words, titles and sentence-initial words left out (one pass per text)."""
    forms: dict[str, str] = {}
    for m in _RUN.finditer(text):
        words = m.group(1).split()
        while words and (words[0].lower().rstrip(".") in TITLE_WORDS or words[0] in NOT_NAMES):
            words = words[1:]
        if words and not any(w.lower() in _LOWER_WORDS | _NOT_GIVEN for w in words):
            candidate = " ".join([*words, m.group(2)])
            if len(candidate) > len(forms.get(m.group(2), "")):
                forms[m.group(2)] = candidate
    return forms


def _mentions_within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions (in text order) that lie inside ``start..end``."""
    k = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    out = []
    while k < len(mentions) and mentions[k].start < end:
        if mentions[k].end <= end:
            out.append(mentions[k])
        k += 1
    return out


def _names_someone(who: str) -> bool:
    """Words after a closing mark that can be a source: a name, a pronoun, "the ..."."""
    words = who.strip().split()
    first = words[0] if words else ""
    if first[:1].isupper() or first.lower() in _PRONOUNS | {"the", "a", "an"}:
        return True
    # "police said", "critics said": a bare plural noun as the source
    return 0 < len(words) <= 2 and first.isalpha() and first.lower() not in _FUNCTION


_STATEMENT_RE = re.compile(r"\b(?:statement|interview|speech|letter|post|blog)\b", re.IGNORECASE)


def _introduces_speaker(text: str, bounds: list[tuple[int, int]], mention: Mention) -> bool:
    """A person named since the last quote, in a sentence about speaking ("Senator John
    Cornyn issued a statement ..."): the speaker of the unattributed quote that follows."""
    s_start, s_end = _sentence_of(bounds, mention.start)
    sentence = text[s_start:s_end]
    return bool(_SPEECH_RE.search(sentence) or _STATEMENT_RE.search(sentence))


def _integrated(
    text: str, open_mark: int, bounds: list[tuple[int, int]], mentions: list[Mention]
) -> tuple[str, tuple[int, int] | None] | None:
    """The source of a quote that is part of a sentence without a reporting verb: the
    sentence's subject when it names a non-person source ('The document, which ...,
    "must be completed in English"', 'wikiHow is a site which aims to "build ..."')."""
    s_start = _sentence_of(bounds, open_mark)[0]
    before = text[s_start:open_mark]
    if len(before.split()) < 3 or re.search(r"[\"“”„«»]|:\s*$", before):
        return None  # too short, after another quote, or a clause of its own before a colon
    got = _main_subject(text, s_start, open_mark, mentions)
    first = got[0].split()[0].lower() if got and got[0].split() else ""
    possessive = bool(got) and bool(re.search(r"['’]s?\b", got[0] if got else ""))
    if got is None or got[1] is not None or first in _PRONOUNS | _NOT_SUBJECT or possessive:
        return None  # a person is handled by salience; pronouns by the previous speaker
    return got


def _in_ranges(i: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``i`` lies in one of ``ranges`` (sorted, not overlapping)."""
    k = bisect.bisect_right(ranges, (i, len(ranges) and ranges[-1][1] + 1)) - 1
    return k >= 0 and ranges[k][0] <= i < ranges[k][1]


def _salient(
    text: str, bounds: list[tuple[int, int]], candidates: list[Mention], at: int
) -> Mention:
    """The most salient of ``candidates`` (in text order, before offset ``at``) as the
    referent of a pronoun or an unattributed quote: the latest one in the quote's own
    sentence; else the latest one in subject position (among a sentence's first words:
    "Prosecutor David Chen told ...", "Her colleague, Senator Bob Lane, ..."), not a
    possessive; else the latest."""
    s_start = _sentence_of(bounds, at)[0]
    if candidates[-1].start >= s_start:
        return candidates[-1]
    for m in reversed(candidates):
        s_start = _sentence_of(bounds, m.start)[0]
        prefix = text[s_start : m.start]
        possessive = text.startswith(("'s", "’s", "' ", "’ "), m.end)
        if len(prefix.split()) <= 4 and not possessive and not re.search(r"[;:]", prefix):
            return m
    return candidates[-1]


def suggest_quotes(text: str, mentions: list[Mention]) -> list[Suggestion]:
    bounds = list(sentences(text))
    previous: tuple[str, tuple[int, int] | None] | None = None
    previous_end = -1
    out = []
    spans = quote_spans(text)
    quoted = [(o, c if c is not None else e) for _s, e, o, c in spans]
    for start, end, open_mark, close_mark in spans:
        found = _attribute(text, start, end, open_mark, close_mark, bounds, mentions)
        if found is None:
            found = _integrated(text, open_mark, bounds, mentions)
        speaker: tuple[str, tuple[int, int] | None] | None
        if isinstance(found, str) or found is None:
            near = previous if previous and open_mark - previous_end < 1500 else None
            before = [
                m
                for m in _mentions_within(mentions, max(0, open_mark - 3000), open_mark)
                if not _in_ranges(m.start, quoted)  # a name inside a quote is no speaker
            ]
            newer = [m for m in before if m.end > previous_end]
            best = _salient(text, bounds, newer, open_mark) if newer else None
            if before and (
                near is None
                or (found == "previous" and best is not None)
                or (best is not None and _introduces_speaker(text, bounds, best))
            ):
                m = best or before[-1]
                near = (m.full, (m.start, m.end))
            speaker = near
        else:
            speaker = found
        attributes = {QUOTE_SPEAKER: speaker[0]} if speaker else {}
        target = speaker[1] if speaker else None
        score = 0.9 if found not in (None, "previous") else 0.75
        out.append(Suggestion(start, end, "quote", score, attributes, target=target))
        if speaker:
            previous, previous_end = speaker, end
    return out


def _attribute(
    text: str,
    start: int,
    end: int,
    open_mark: int,
    close_mark: int | None,
    bounds: list[tuple[int, int]],
    mentions: list[Mention],
) -> tuple[str, tuple[int, int] | None] | str | None:
    """The speaker from the words around the marks; "previous" for a pronoun or role."""
    s_start = _sentence_of(bounds, open_mark)[0]
    if close_mark is not None:
        after_start = close_mark + 1
        # the sentence after the closing mark (a quote may end its own sentence)
        a_end = _sentence_of(bounds, after_start)[1] if after_start < len(text) else after_start
        after = text[after_start : max(a_end, after_start)]
        for pattern in (_AFTER_VERB_FIRST, _AFTER_WHO_FIRST):
            found = pattern.match(after)
            who = found.group("who") if found else ""
            named = found is not None and bool(
                _mentions_within(
                    mentions, after_start + found.start("who"), after_start + found.end("who")
                )
            )
            if (
                found
                and pattern is _AFTER_WHO_FIRST
                and re.match(r"\s+[\"“„«]", after[found.end() :])
            ):
                continue  # ', the government recommending "...": its object is the next quote
            if found and not re.search(r"[\"“”]", who) and (named or _names_someone(who)):
                got = _source_name(text, who, after_start + found.start("who"), mentions)
                return got if got is not None else "previous"
        post = _POSTPOSED.search(after)
        if post and _names_someone(post.group("who")):  # '"..." from Friday, KCNA said.'
            got = _source_name(text, post.group("who"), after_start + post.start("who"), mentions)
            return got if got is not None else "previous"
    before = text[s_start:open_mark]
    label = _LABEL.fullmatch(before)
    if label:  # interview or transcript turn: 'Herrick: "We wanted ..."'
        return _source_name(text, label.group(1), s_start, mentions)
    verbs = list(_SPEECH_RE.finditer(before))
    if verbs:
        verb = verbs[-1]
        if verb.group().lower() in ("according to", "in the words of"):
            source = _mentions_within(mentions, s_start + verb.end(), open_mark)
            if source:  # "according to the minister, Liam Ford, ...": the person named
                return source[0].full, (source[0].start, source[0].end)
            role = _main_subject(text, s_start + verb.end(), open_mark, mentions)
            if role is not None and role[0][:1].isupper():
                return role  # "according to the mayor, Liam Ford, ..."
            who = re.split(r"[,;]", before[verb.end() :])[0]
            got = _source_name(text, who, s_start + verb.end(), mentions)
            return got if got is not None else "previous"
        clause = before[: verb.start()]
        mark = max(clause.rfind(c) for c in '"“”„«»「」')
        if mark >= 0:  # '"Nobody wants this," she said, "but ...': the words after the quote
            clause = " " * (mark + 1) + clause[mark + 1 :]
        if mark < 0 and re.search(r",\s*$", clause) and verb.group().lower().endswith("ing"):
            # "X spoke to reporters ..., describing it as "...": the sentence's subject
            got = _main_subject(text, s_start, s_start + verb.start(), mentions)
            if got is not None:
                return got
        people = _mentions_within(mentions, s_start + mark + 1, s_start + verb.start())
        if people:
            last = people[-1]
            if len(people) > 1 and _JOINT.fullmatch(text, people[-2].end, last.start):
                # "Police chief Raj Patel and mayor Tom Hill both said": a joint source
                return f"{people[-2].full} and {last.full}", (last.start, last.end)
            return last.full, (last.start, last.end)
        quoted_as = _QUOTED_AS.search(clause)
        if quoted_as:  # "The BBC quoted a resident as saying": the one quoted
            got = _source_name(text, quoted_as.group(1), s_start + quoted_as.start(1), mentions)
            return got if got is not None else "previous"
        subject = ""
        pieces = re.split(r"(?:,|;|\(|\band\b|\bwhile\b|\bbut\b)\s*", clause)
        for k in range(len(pieces) - 1, -1, -1):
            subject = _AUXILIARIES.sub("", pieces[k]).strip()
            if subject.lower() in ("who", "which", "that") or re.match(r"[a-z]+ing\b", subject):
                continue  # "the minister (who said", "Ardern, speaking after the vote, called"
            words = subject.split()
            if words and words[0].lower() in ("a", "an") and k > 0:
                name = pieces[k - 1].strip().split()
                if 0 < len(name) <= 4 and all(w[:1].isupper() for w in name):
                    subject = " ".join(name)  # "Zbigniew Nowak, a spokesperson for ..., said"
            if subject:
                break  # "Nunzio Galantino, has called": the piece before the auxiliary
        first = subject.split()[0].lower() if subject.split() else ""
        if first in _NOT_SUBJECT or (first.endswith("ly") and subject[:1].islower()):
            return "previous"  # '... "a cancer" in the church and promised': same subject
        if not subject.strip():
            subject = clause
        offset = s_start + clause.rfind(subject.strip()) if subject.strip() else s_start
        got = _source_name(text, subject.strip(), offset, mentions)
        if got is None and first in _PRONOUNS:  # "Thomas' sister pleaded ..., but he replied"
            got = _sentence_subject(text, s_start, offset, mentions)
        return got if got is not None else "previous"
    return None

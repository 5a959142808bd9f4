"""Quotes: text between quotation marks of any style, interrupted quotes split, headline
scare quotes, titles, labels and source lists without a speech act left out; each with
a ``speaker`` (see :mod:`clipper.suggest.speakers`) and the span of the person mention
it is ``said_by``.
"""

from __future__ import annotations

import bisect
import itertools
import re

from clipper.model import QUOTE_SPEAKER
from clipper.suggest.base import Suggestion, body_end, headline_end, paragraphs, sentences
from clipper.suggest.people import Mention
from clipper.suggest.quote_marks import Span, double_spans, nested_in, single_spans, trim
from clipper.suggest.speakers import (
    AFTER_VERB_FIRST,
    AFTER_WHO_FIRST,
    LOWER_WORDS,
    POSTPOSED,
    SPEECH_RE,
    attribute,
    sentence_of,
    speech_verbs,
)

#: Words right before a mark that make what follows a name or label, not speech.
_NAMING = re.compile(
    r"\b(?:call|called|named|labell?ed|dubbed|titled|entitled|known as|nicknamed|so-called|"
    r"the word|the term|the phrase|rated|rating of|graded|ranked|classified as|classed as|"
    r"certified|upgraded to|downgraded to|(?:medals?|awards?|prizes?|trophy|honou?rs?)\s+"
    r"(?:for|of))\s*$",
    re.IGNORECASE,
)
#: A naming verb and its object right before a mark: what follows is a name, not speech.
_NAMED = re.compile(
    r"\b(?:named|renamed|titled|entitled|nicknamed|christened|designated)\s+(?:[\w'’-]+\s+){0,8}$"
)
#: A work right before a mark: what follows is its title, not speech.
_WORK = re.compile(
    r"\b(?:report|book|novel|song|single|album|film|movie|documentary|article|paper|"
    r"editorial|column|essay|series|episode|play|poem|exhibition|campaign|hashtag|"
    r"headline|programme|program|podcast|video|painting|website|blog)\s*$",
    re.IGNORECASE,
)
#: A work as the addressee of "tell" ('she told the paper "..."'): speech follows, no title.
_TOLD = re.compile(r"\b(?:told|tells?|telling)\s+(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)
#: Nouns right after a closing mark that make the quoted words a label ('a "Very Good"
#: rating', 'its "AAA" grade').
_LABEL_AFTER = re.compile(
    r"\s+(?:rating|ratings|grade|label|status|category|classification|certificate|"
    r"certification|award|prize|medal|badge|tag|stamp|seal)\b",
    re.IGNORECASE,
)


#: A source's predicative speech act right before a mark: a verb, its object and the
#: quoted words said of it ('calling the investigation "Soviet-style"', 'referred to the
#: vote as "The Impeachment Hoax"', 'justified the strike, which ..., as "defensive"').
#: Without an object ('a group called "X"', 'is referred to as "X"') it names, not quotes;
#: with "what" as its object it quotes ('what WalesOnline called "fury"').
_PREDICATIVE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|describ(?:es|ed|ing)|characteri[sz](?:es|ed|ing)|"
    r"brand(?:s|ed|ing)|justif(?:ies|ied|ying))\s+(?!as\b)"
    r"(?:(?:[^\s\"“”,;:]+\s+){0,3}(?!(?:an?|the)\s)[^\s\"“”,;:]+\s+|"
    r"(?:[^\s\"“”;:]+\s+){1,14}?as\s+)(?:an?\s+|the\s+)?$"
    r"|\breferr(?:ed|ing)\s+to\s+(?!as\b)(?:[^\s\"“”;:]+\s+){1,14}?as\s+(?:an?\s+|the\s+)?$"
    r"|\bwhat\s+(?:[^\s\"“”,;:]+\s+){1,5}(?:call(?:s|ed)|describ(?:es|ed)\s+as|termed|"
    r"dubbed|branded)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)


def _title_cased(word: str) -> bool:
    """A capitalised word in title case: every part of a hyphenated word capitalised
    ("Once-in-a-Lifetime", "COVID-19"; not the adjective "Soviet-style")."""
    if not (word[:1].isupper() or word[:1].isdigit()):
        return False
    parts = [p for p in re.split(r"[-‐‑]", word) if re.match(r"\w", p)]
    return all(p[:1].isupper() or p[:1].isdigit() or p.lower() in LOWER_WORDS for p in parts)


#: The pronoun "I" (and its contractions): capitalised anywhere, no sign of a title.
_I = re.compile(r"I(?:['’](?:m|ve|ll|d))?\W*")


def _is_title(words: list[str]) -> bool:
    content = [
        w
        for w in words
        if w.lower() not in LOWER_WORDS and re.search(r"\w", w) and not _I.fullmatch(w)
    ]
    caps = [w for w in content if _title_cased(w)]
    return bool(content) and len(caps) >= max(1, 0.75 * len(content))


#: After a title's closing mark in a source list: "— BBC News, March 3, 2010".
_CITATION_AFTER = re.compile(r"[,.]?\s*[—–-]+\s*[A-Z0-9]|[,.]?\s*\(?[A-Z][\w.&' ]{1,40},\s+\w")
_YEAR_END = re.compile(r"\b(?:1[89]|20)\d\d\.?\)?\s*$")
#: Words between a reporting verb and a short quote it cannot govern (a new clause).
_CLAUSE_BREAK = re.compile(
    r";|\b(?:while|whereas|but|although|though)\b",
    re.IGNORECASE,
)
#: A determiner or preposition right before a word: it is a noun ("for reasons of",
#: "the calls", "their notes"), not a reporting verb.
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|my|your|these|those|for|of|with|"
    r"whose|many|several|some|no)\s+$",
    re.IGNORECASE,
)
#: Speech acts beside the reporting verbs of :mod:`clipper.suggest.speakers` that govern a
#: short quote ('mentioned ... as a "top priority"', 'vowed "no retreat"').
_MORE_SPEECH = re.compile(
    r"\b(?:mention(?:s|ed|ing)|stress(?:es|ed|ing)|pledg(?:es|ed|ing)|vow(?:s|ed|ing)|"
    r"demand(?:s|ed|ing)|denounc(?:es|ed|ing)|accus(?:es|ed|ing)|reveal(?:s|ed|ing)|"
    r"proclaim(?:s|ed|ing)|pointed out|points out)\b",
    re.IGNORECASE,
)
#: A document (a noun after its determiner) whose wording a later short fragment may
#: reproduce: "an advisory", "the latest report", "a joint statement".
_DOCUMENT = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our)\s+(?:[\w-]+\s+)?(?:advisory|advisories|"
    r"bulletin|statement|release|report|reports|proclamation|communiqu[eé]|notice|memo|"
    r"memorandum|warning)\b",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _is_citation(text: str, span: Span, p_end: int) -> bool:
    """A title in a source/reference line: 'Doe, J. "Storm hits port" — BBC, March 3, 2010'."""
    if span.close_mark is None:
        return False
    after = text[span.close_mark + 1 : p_end]
    return (
        bool(_CITATION_AFTER.match(after))
        and bool(_YEAR_END.search(after))
        and not (SPEECH_RE.search(after))
    )


def _headline_quote(text: str, span: Span, head: int) -> bool:
    """A headline quote is speech when it is a sentence (four words or more) with its
    source ("'We are not afraid,' says Kim", 'Obama: "We will not back down"')."""
    if len(text[span.start : span.end].split()) < 4 or span.close_mark is None:
        return False
    before = text[: span.open_mark]
    after = text[span.close_mark + 1 : head]
    return bool(
        re.search(r":\s*$", before)
        or SPEECH_RE.search(before)
        or AFTER_VERB_FIRST.match(after)
        or AFTER_WHO_FIRST.match(after)
    )


def _word_count(body: str) -> int:
    """Words of a quote; CJK text (no spaces) counts about one word per two characters."""
    cjk = len(_CJK.findall(body))
    return len(body.split()) + cjk // 2


def _start(match: re.Match[str]) -> int:
    return match.start()


def _reporting_verbs(text: str) -> list[re.Match[str]]:
    """The reporting verbs in ``text``, in order: not part of a name ("the United States
    also include"), not a noun after a determiner ("for reasons of")."""
    return [
        v
        for v in sorted([*speech_verbs(text), *_MORE_SPEECH.finditer(text)], key=_start)
        if not _DETERMINER_BEFORE.search(text, 0, v.start())
    ]


def _governs(before: str) -> bool:
    """Whether a reporting verb in ``before`` (the sentence up to an opening mark) governs
    the quote: the nearest verb, at most 25 words back, with no contrasting clause between;
    or a colon right before the mark ('She said: "..."', 'a déclaré : « ... »')."""
    if re.search(r":\s*$", before):
        return True
    verbs = _reporting_verbs(before)
    if not verbs:
        return False
    between = before[verbs[-1].end() :]
    return len(between.split()) <= 25 and not _CLAUSE_BREAK.search(between)


def _interrupted(text: str, span: Span, next_open: int | None) -> bool:
    """The first part of a quote interrupted by its attribution: it ends in a comma
    inside the marks, and a short reporting clause leads to the next opening mark in the
    same sentence ('"However," he told Science News, "this study ...').
    """
    if span.close_mark is None or next_open is None or text[span.close_mark - 1] != ",":
        return False
    gap = text[span.close_mark + 1 : next_open]
    return len(gap) < 80 and not re.search(r"[.!?]", gap) and bool(SPEECH_RE.search(gap))


def _document_words(text: str, bounds: list[tuple[int, int]], s_start: int, p_start: int) -> bool:
    """Whether one of the two sentences before (in the paragraph) reports a document
    ('In an advisory issued at 11 a.m., the NHC reported ...'): a short fragment after it
    reproduces the document's wording (its implicit source)."""
    k = bisect.bisect_left(bounds, (s_start, -1))
    for start, end in bounds[max(0, k - 2) : k]:
        if start < p_start:
            continue
        sentence = text[start:end]
        if _DOCUMENT.search(sentence) and _reporting_verbs(sentence):
            return True
    return False


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
        for q in itertools.chain(double_spans(text, 0, head), single_spans(text, 0, head, []))
    }
    for p_start, p_end in paragraphs(text):
        if p_start >= end_of_body:
            break
        doubles = list(double_spans(text, p_start, p_end))
        singles = list(single_spans(text, p_start, p_end, doubles))
        # British style: double marks nested in a single-quoted passage belong to it
        single_opens = [q.open_mark for q in singles]
        doubles = [d for d in doubles if not nested_in(d, singles, single_opens)]
        # each quote's next opening mark and previous closing mark in this paragraph
        next_open = {
            a.open_mark: b.open_mark
            for a, b in itertools.pairwise(doubles)
            if a.close_mark is not None
        }
        previous_close = {
            b.open_mark: a.close_mark + 1
            for a, b in itertools.pairwise(doubles)
            if a.close_mark is not None
        }
        for raw in doubles + singles:
            span = trim(text, raw)
            if span is None or _is_citation(text, raw, p_end):
                continue
            if span.start < head and not _headline_quote(text, span, head):
                continue  # headline scare quotes ('quasi-state of war')
            body = text[span.start : span.end]
            words = body.split()
            n_words = _word_count(body)
            closing = span.close_mark if span.close_mark is not None else span.end
            s_start, s_end = sentence_of(bounds, span.open_mark)
            before = text[max(s_start, span.open_mark - 120) : span.open_mark]
            after = text[closing + 1 : min(closing + 100, max(s_end, closing + 1) + 60, p_end)]
            governed = _governs(before) or bool(
                AFTER_VERB_FIRST.match(after)
                or AFTER_WHO_FIRST.match(after)
                or POSTPOSED.match(text, closing + 1, s_end)
            )
            if not governed and raw.open_mark in previous_close:
                # '"...," he said. "We tried."': continues a quote of the same speaker
                gap = text[previous_close[raw.open_mark] : raw.open_mark]
                governed = len(gap) < 80 and bool(SPEECH_RE.search(gap))
            predicative = bool(_PREDICATIVE.search(before))
            interrupted = _interrupted(text, raw, next_open.get(raw.open_mark))
            governed = governed or predicative or interrupted
            final = re.search(r"[.!?]$", body) is not None
            short = len(words) <= 5 and not governed
            if (
                not (predicative or interrupted)
                and _is_title(words)
                and (
                    (len(words) <= 8 and (not final or short))
                    or (len(words) <= 15 and not final and not governed and ":" in body)
                )
            ):
                continue  # a title or name ("Top of the Spear.", "Warhol: Photographs and ...")
            window = max(p_start, span.open_mark - 30)  # not the headline above
            naming = _NAMING.search(text, window, span.open_mark) or (
                span.close_mark is not None and _LABEL_AFTER.match(text, span.close_mark + 1)
            )
            if n_words <= 4 and naming and not predicative:
                continue  # a name or label: 'a user labelled "Anonymous"', 'a "Good" rating'
            if not final and _NAMED.search(before) and not speech_verbs(before[-60:]):
                continue  # 'named the virus "severe acute respiratory syndrome coronavirus 2"'
            if (
                not final
                and _WORK.search(text, window, span.open_mark)
                and not _TOLD.search(before)
            ):
                continue  # the title of a work: 'its report "Hunger in a warming world"'
            if n_words < 4 and not governed:
                governed = _document_words(text, bounds, s_start, p_start)
            if n_words < 4 and not governed and _phrase(body) in headline_quotes:
                governed = True  # quoted in the headline too: the story quotes someone
            if n_words < 4 and not governed:
                continue
            out.append((span.start, span.end, span.open_mark, span.close_mark))
    return sorted(out)


def suggest_quotes(text: str, mentions: list[Mention]) -> list[Suggestion]:
    """Quote suggestions with their ``speaker`` and ``said_by`` target."""
    spans = quote_spans(text)
    out = []
    for (start, end, _open, _close), (speaker, explicit) in zip(
        spans, attribute(text, spans, mentions), strict=True
    ):
        attributes = {QUOTE_SPEAKER: speaker[0]} if speaker else {}
        target = speaker[1] if speaker else None
        score = 0.9 if explicit else 0.75
        out.append(Suggestion(start, end, "quote", score, attributes, target=target))
    return out

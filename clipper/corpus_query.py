"""What a corpus query asks, as plain data: a parsed search and an annotation filter.

Shared by the store (which turns them into SQL) and :mod:`clipper.corpus` (which turns
the rows into hits, KWIC lines and statistics). No I/O here.

How a search is run (one rule, defined here):

- Every term is a word (letters, digits and combining marks of scripts that separate
  words with spaces), a ``"quoted phrase"`` of such words, or a prefix ``word*``: the
  search uses the word index (FTS5 ``unicode61``: case and accents ignored, whole words,
  ranked by BM25).
- A term holds anything else (``£``, ``€``, ``%``, ``5,000``, ``co-op``, Chinese,
  Japanese, Thai …): the whole search matches *substrings* (case ignored, accents kept)
  through the trigram index; a term shorter than 3 characters (``£``, ``%``, ``中国``)
  is found by a scan of the texts, exactly as typed.

Every term must occur (AND). Hits are in the article text (not the title).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from clipper.errors import InvalidValue
from clipper.model import FIGURE_UNIT as FIGURE_UNIT  # the shared vocabulary, re-exported
from clipper.model import FIGURE_VALUE as FIGURE_VALUE
from clipper.model import QUOTE_SPEAKER as QUOTE_SPEAKER
from clipper.model import RATING as RATING
from clipper.model import RATING_VALUE as RATING_VALUE
from clipper.model import SAID_BY as SAID_BY
from clipper.model import SAME_AS as SAME_AS

#: Characters of context on each side of a hit or a span (keyword in context).
KWIC_WIDTH = 40
#: The trigram index finds substrings of at least this many characters.
TRIGRAM_MIN = 3

#: Scripts written without spaces between words (code point ranges): a word index cannot
#: find a word inside a run of them, so a term with one is searched as a substring.
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x9FFF),  # CJK symbols, kana, ideographs
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # Hangul
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3FFFF),
)


def _unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED)


def is_word(text: str) -> bool:
    """True if the word index tokenises ``text`` into the same words a reader sees
    (letters, digits and marks only, of a script written with spaces)."""
    return bool(text) and all(
        (c.isalnum() or unicodedata.category(c).startswith("M")) and not _unspaced(c) for c in text
    )


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a search: a word, a phrase (several words) or a prefix."""

    text: str
    prefix: bool = False

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed search (see the module's docstring for how it runs)."""

    terms: tuple[Term, ...]

    @property
    def substrings(self) -> bool:
        """True: match substrings (trigram index and scans); False: the word index."""
        return not all(all(is_word(w) for w in t.words) for t in self.terms)

    @property
    def indexed(self) -> tuple[Term, ...]:
        """The substring terms the trigram index can find (3 characters or more)."""
        return tuple(t for t in self.terms if len(t.text) >= TRIGRAM_MIN)

    @property
    def scanned(self) -> tuple[Term, ...]:
        """The substring terms too short for the trigram index (found by a scan)."""
        return tuple(t for t in self.terms if len(t.text) < TRIGRAM_MIN)


def parse_search(text: str) -> SearchQuery:
    """Split what a user typed into terms: ``"…"`` is a phrase, ``word*`` a prefix,
    anything else a term per run of non-space characters. An empty search is refused."""
    terms: list[Term] = []
    rest = text.replace("\u201c", '"').replace("\u201d", '"')
    while rest:
        rest = rest.lstrip()
        if not rest:
            break
        if rest.startswith('"'):
            end = rest.find('"', 1)
            end = len(rest) if end < 0 else end
            phrase = " ".join(rest[1:end].split())
            rest = rest[end + 1 :]
            prefix = rest.startswith("*")
            rest = rest[1:] if prefix else rest
            if phrase:
                terms.append(Term(phrase, prefix))
            continue
        word, _, rest = rest.partition(" ")
        word = word.strip()
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        word = word.rstrip("*") if prefix else word
        if word:
            terms.append(Term(word, prefix))
    if not terms:
        raise InvalidValue("type a word, a phrase or a symbol to search for")
    return SearchQuery(tuple(terms))


#: The statuses the corpus views count unless asked otherwise.
DEFAULT_STATUSES = ("accepted",)


@dataclass(frozen=True, slots=True)
class AnnotationFilter:
    """Which annotations a corpus listing or statistic covers (empty: no restriction).

    ``text`` and ``speaker`` match a part, ignoring the case of ASCII letters; ``speaker``
    looks at a quote's ``speaker`` attribute and at the person annotation it is ``said_by``
    (and that person's earlier mention, through ``same_as``). Dates compare as text
    against the article's publication date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an
    undated article is left out when a date bound is given). ``ratings`` match a claim's
    ``rating`` label (ignoring the case of ASCII letters); ``rated``: only annotations
    with any rating.
    """

    tags: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    text: str | None = None
    speaker: str | None = None
    outlets: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    article_ids: tuple[int, ...] | None = None
    ratings: tuple[str, ...] = ()
    rated: bool = False


#: How the annotation browser can sort (all ties in text order).
ANNOTATION_SORTS = (
    "article",
    "tag",
    "coder",
    "text",
    "outlet",
    "date",
    "speaker",
    "status",
    "rating",
)
#: What ``clipper stats --by`` counts by.
STATS_BY = ("tag", "outlet", "coder", "month", "speaker", "unit")

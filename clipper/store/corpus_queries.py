"""The corpus views' queries: ranked search, annotations across articles, statistics.

Searches run on one of two full-text indexes (see :mod:`clipper.corpus_query` for which):
``articles_fts`` (words, unicode61, title and text) and ``articles_trigram`` (substrings,
text only, migration ``0004_corpus_search``). Hit offsets come from FTS5's
``highlight()`` with two marker characters, so they are exactly what the index matched,
counted in code points of the stored text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import Any

from clipper.corpus_query import (
    ANNOTATION_SORTS,
    FIGURE_UNIT,
    FIGURE_VALUE,
    QUOTE_SPEAKER,
    RATING,
    RATING_VALUE,
    SAID_BY,
    SAME_AS,
    AnnotationFilter,
    SearchQuery,
    Term,
    parse_search,
)
from clipper.errors import InvalidValue
from clipper.store.base import StoreBase

#: Marks around each hit in ``highlight()`` output: Unicode noncharacters, never in a text
#: a person pastes (a text holding one is searched without the index's offsets).
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"

#: One row of :meth:`CorpusQueryStore.corpus_annotation_rows`: ``(id, article_id, start,
#: end, tag, text, note, coder, origin, status, title, outlet, published, speaker, rating)``.
CorpusRow = tuple[
    int,
    int,
    int,
    int,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str | None,
    str | None,
    str | None,
    str | None,
]

#: A claim's rating label (``None``: not rated).
_RATING_SQL = (
    "(SELECT CAST(ra.value AS TEXT) FROM annotation_attributes ra "
    f"WHERE ra.annotation_id = n.id AND ra.key = '{RATING}')"
)

#: The person a quote is by: its ``speaker`` attribute, else the person annotation it is
#: ``said_by`` (that person's earlier full-name mention if it has a ``same_as``).
_SPEAKER_SQL = f"""coalesce(
    (SELECT CAST(sa.value AS TEXT) FROM annotation_attributes sa
        WHERE sa.annotation_id = n.id AND sa.key = '{QUOTE_SPEAKER}'),
    (SELECT coalesce(
        (SELECT e.text FROM relations q JOIN annotations e ON e.id = q.to_id
            WHERE q.from_id = p.id AND q.type = '{SAME_AS}' LIMIT 1), p.text)
        FROM relations r JOIN annotations p ON p.id = r.to_id
        WHERE r.from_id = n.id AND r.type = '{SAID_BY}' LIMIT 1))"""

#: The annotations that can have a speaker (cheaper than asking every annotation).
_HAS_SPEAKER_SQL = (
    f"n.id IN (SELECT annotation_id FROM annotation_attributes WHERE key = '{QUOTE_SPEAKER}' "
    f"UNION SELECT from_id FROM relations WHERE type = '{SAID_BY}')"
)

_MONTH_SQL = (
    "CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    "THEN substr(a.published, 1, 7) END"
)

_SORT_SQL = {
    "article": "",
    "tag": "n.tag",
    "coder": "(SELECT name FROM coders WHERE id = n.coder_id)",
    "text": "n.text COLLATE NOCASE",
    "outlet": "coalesce(a.outlet, '') COLLATE NOCASE",
    "date": "coalesce(a.published, '')",
    "speaker": f"coalesce({_SPEAKER_SQL}, '') COLLATE NOCASE",
    "status": "n.status",
    # by the rating's number (unrated and ratings without a number first)
    "rating": f"(SELECT rv.value FROM annotation_attributes rv WHERE rv.annotation_id = n.id "
    f"AND rv.key = '{RATING_VALUE}')",
}
assert set(_SORT_SQL) == set(ANNOTATION_SORTS)
#: Text order: the ``annotations_span`` index's order, so listing needs no sort.
_TEXT_ORDER = 'n.article_id, n.start, n."end", n.tag, n.coder_id'

_BY_SQL = {
    "tag": "n.tag",
    "outlet": "a.outlet",
    "coder": "c.name",
    "month": _MONTH_SQL,
    "speaker": _SPEAKER_SQL,
    "unit": f"(SELECT CAST(u.value AS TEXT) FROM annotation_attributes u "
    f"WHERE u.annotation_id = n.id AND u.key = '{FIGURE_UNIT}')",
}


_USES_ARTICLE = re.compile(r"\ba\.")


def _source(*sql: str) -> str:
    """``annotations n``, joined to ``articles a`` only if ``sql`` reads it (the join
    reads each article's row, whose outlet and date lie after its text)."""
    join = any(_USES_ARTICLE.search(part) for part in sql)
    return "annotations n" + (" JOIN articles a ON a.id = n.article_id" if join else "")


def _phrase(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"' + (" *" if term.prefix else "")


def word_match(query: SearchQuery) -> str:
    """The FTS5 expression for the word index: every term in the text column."""
    return "text : (" + " AND ".join(_phrase(t) for t in query.terms) + ")"


def trigram_match(query: SearchQuery) -> str | None:
    """The FTS5 expression for the trigram index (``None``: no term is long enough)."""
    terms = query.indexed
    if not terms:
        return None
    return " AND ".join('"' + t.text.replace('"', '""') + '"' for t in terms)


def _like(part: str) -> str:
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without the markers, and the (start, end) of each marked run."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    length = 0
    position = 0
    while True:
        opening = marked.find(_OPEN, position)
        if opening < 0:
            break
        closing = marked.find(_CLOSE, opening)
        if closing < 0:
            break
        before = marked[position:opening]
        hit = marked[opening + 1 : closing]
        pieces.append(before)
        pieces.append(hit)
        start = length + len(before)
        spans.append((start, start + len(hit)))
        length = start + len(hit)
        position = closing + 1
    pieces.append(marked[position:])
    return "".join(pieces), spans


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    at = text.find(needle)
    while at >= 0 and needle:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping spans joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class CorpusQueryStore(StoreBase):
    """Reads across the whole corpus (nothing here writes)."""

    # -- search ------------------------------------------------------------------------------

    def search_article_ids(
        self, query: SearchQuery, *, limit: int | None, offset: int = 0
    ) -> list[int]:
        """Ids of the articles whose text matches ``query``, best first (BM25 of the index
        used, ties by id; a search of short substrings only: newest first); ``limit``
        ``None``: all of them.

        Ranked with ``ORDER BY bm25(…), rowid LIMIT``: SQLite keeps only the best
        ``offset + limit`` rows while scoring (FTS5's own ``ORDER BY rank`` sorts every
        match first), in the same order."""
        params: list[Any] = []
        if not query.substrings:
            sql = (
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY bm25(articles_fts), rowid"
            )
            params.append(word_match(query))
        else:
            scans = " AND ".join(
                "instr((SELECT text FROM articles WHERE id = t.rowid), ?) > 0"
                for _ in query.scanned
            )
            match = trigram_match(query)
            if match is not None:
                sql = "SELECT t.rowid FROM articles_trigram t WHERE articles_trigram MATCH ?"
                params.append(match)
                if scans:
                    sql += " AND " + scans
                sql += " ORDER BY bm25(articles_trigram), t.rowid"
            else:
                sql = "SELECT t.id FROM articles t WHERE " + scans.replace("t.rowid", "t.id")
                sql += " ORDER BY t.id DESC"
            params.extend(t.text for t in query.scanned)
        sql += " LIMIT ? OFFSET ?"
        params.extend([-1 if limit is None else int(limit), int(offset)])
        return [int(r[0]) for r in self.db.execute(sql, params)]

    def search_spans(
        self, query: SearchQuery, article_id: int
    ) -> tuple[str, list[tuple[int, int]]]:
        """The text of an article and where ``query`` matches in it (code points, sorted,
        overlaps joined); ``("", [])`` if the article is gone."""
        return self.search_spans_of(query, [article_id]).get(article_id, ("", []))

    def search_spans_of(
        self, query: SearchQuery, article_ids: Sequence[int]
    ) -> dict[int, tuple[str, list[tuple[int, int]]]]:
        """:meth:`search_spans` for several articles in one query of the index (an article
        that is gone is left out)."""
        texts = self.article_texts(article_ids)
        if not query.substrings:
            index, column, match = "articles_fts", 1, word_match(query)
        else:
            index, column = "articles_trigram", 0
            match = trigram_match(query)  # type: ignore[assignment]
        marked: dict[int, str] = {}
        if match is not None:
            # A prefix term is expanded (every word it starts merged) each time the index
            # is asked about one article: then one pass over the matches, keeping these
            # articles (``+rowid``: not handed to the index), costs less.
            prefixed = not query.substrings and any(t.prefix for t in query.terms)
            keep = "+rowid" if prefixed else "rowid"
            sql = (
                f"SELECT rowid, highlight({index}, {column}, ?, ?) FROM {index} "
                f"WHERE {index} MATCH ? AND {keep} IN (SELECT value FROM json_each(?))"
            )
            ids = json.dumps([i for i, t in texts.items() if _OPEN not in t and _CLOSE not in t])
            marked = {
                int(r[0]): str(r[1]) for r in self.db.execute(sql, [_OPEN, _CLOSE, match, ids])
            }
        found: dict[int, tuple[str, list[tuple[int, int]]]] = {}
        for article_id, text in texts.items():
            spans: list[tuple[int, int]] = []
            if article_id in marked:
                unmarked, spans = _unmark(marked[article_id])
                if unmarked != text:  # cannot happen; never give offsets that do not slice
                    spans = []
            elif match is not None:  # a text with our markers in it: exact-case substrings
                terms = query.indexed if query.substrings else query.terms
                for term in terms:
                    spans.extend(_find_all(text, term.text))
            if query.substrings:
                for term in query.scanned:
                    spans.extend(_find_all(text, term.text))
            found[article_id] = (text, _merge(spans))
        return found

    def search_condition(self, search: str) -> tuple[str, list[Any]] | None:
        """For the library: an SQL condition on ``a.id`` for a search that needs substrings
        (symbols, unspaced scripts), else ``None`` (the library's word search serves)."""
        try:
            query = parse_search(search)
        except InvalidValue:
            return None
        if not query.substrings:
            return None
        clauses: list[str] = []
        params: list[Any] = []
        match = trigram_match(query)
        if match is not None:
            clauses.append(
                "a.id IN (SELECT rowid FROM articles_trigram WHERE articles_trigram MATCH ?)"
            )
            params.append(match)
        for term in query.scanned:
            clauses.append("instr(a.text, ?) > 0")
            params.append(term.text)
        return " AND ".join(clauses), params

    # -- annotations across the corpus ----------------------------------------------------------

    def _annotation_where(self, selected: AnnotationFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def among(sql: str, values: Sequence[Any]) -> None:
            clauses.append(f"{sql} IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(values)))

        if len(selected.statuses) == 1:  # the usual case: the status index serves
            clauses.append("n.status = ?")
            params.append(selected.statuses[0])
        elif selected.statuses:
            among("n.status", selected.statuses)
        if selected.tags:
            among("n.tag", selected.tags)
        if selected.coders:
            clauses.append(
                "n.coder_id IN (SELECT id FROM coders WHERE name IN "
                "(SELECT value FROM json_each(?)))"
            )
            params.append(json.dumps(list(selected.coders)))
        if selected.article_ids is not None:
            among("n.article_id", selected.article_ids)
        if selected.outlets:
            among("coalesce(a.outlet, '')", selected.outlets)
        if selected.text:
            clauses.append("n.text LIKE ? ESCAPE '\\'")
            params.append(_like(selected.text))
        if selected.speaker:
            clauses.append(f"{_HAS_SPEAKER_SQL} AND {_SPEAKER_SQL} LIKE ? ESCAPE '\\'")
            params.append(_like(selected.speaker))
        if selected.ratings:
            clauses.append(
                "n.id IN (SELECT annotation_id FROM annotation_attributes WHERE key = ? "
                "AND CAST(value AS TEXT) COLLATE NOCASE IN (SELECT value FROM json_each(?)))"
            )
            params.extend([RATING, json.dumps(list(selected.ratings))])
        elif selected.rated:
            clauses.append(
                "n.id IN (SELECT annotation_id FROM annotation_attributes WHERE key = ?)"
            )
            params.append(RATING)
        for bound, compare in ((selected.date_from, ">="), (selected.date_to, "<=")):
            if bound:
                clauses.append(
                    f"coalesce(a.published, '') <> '' AND "
                    f"substr(a.published, 1, length(?)) {compare} ?"
                )
                params.extend([bound, bound])
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def corpus_annotation_ids(
        self,
        selected: AnnotationFilter,
        *,
        sort: str = "article",
        descending: bool = False,
        limit: int | None = None,
    ) -> list[int]:
        """Ids of the annotations ``selected`` covers, in the order of ``sort`` (one of
        :data:`~clipper.corpus_query.ANNOTATION_SORTS`; ties in text order); the first
        ``limit`` only if given."""
        if sort not in _SORT_SQL:
            raise InvalidValue(f"cannot sort by {sort!r}; choose one of {', '.join(_SORT_SQL)}")
        where, params = self._annotation_where(selected)
        key = _SORT_SQL[sort]
        direction = " DESC" if descending else ""
        order = (
            f"{key}{direction}, {_TEXT_ORDER}"
            if key
            else ", ".join(f"{c}{direction}" for c in _TEXT_ORDER.split(", "))
        )
        sql = f"SELECT n.id FROM {_source(where, key)}{where} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.db.execute(sql, params)]

    def corpus_article_ids(self, selected: AnnotationFilter) -> list[int]:
        """The articles holding an annotation ``selected`` covers, by id."""
        where, params = self._annotation_where(selected)
        sql = f"SELECT DISTINCT n.article_id FROM {_source(where)}{where} ORDER BY 1"
        return [r[0] for r in self.db.execute(sql, params)]

    _ROW_SQL = (
        'SELECT n.id, n.article_id, n.start, n."end", n.tag, n.text, n.note, c.name, '
        f"n.origin, n.status, a.title, a.outlet, a.published, {_SPEAKER_SQL}, {_RATING_SQL} "
        "FROM annotations n JOIN articles a ON a.id = n.article_id "
        "JOIN coders c ON c.id = n.coder_id"
    )

    def corpus_annotation_rows(self, ids: Sequence[int]) -> list[CorpusRow]:
        """The rows of ``ids`` (in that order; ids deleted meanwhile are left out)."""
        found: dict[int, CorpusRow] = {}
        for first in range(0, len(ids), 5000):
            chunk = json.dumps(list(ids[first : first + 5000]))
            for row in self.db.execute(
                self._ROW_SQL + " WHERE n.id IN (SELECT value FROM json_each(?))", [chunk]
            ):
                found[row[0]] = tuple(row)
        return [found[i] for i in ids if i in found]

    def iter_corpus_annotation_rows(self, selected: AnnotationFilter) -> Iterator[CorpusRow]:
        """Every row ``selected`` covers, in text order, as they are read (constant memory)."""
        where, params = self._annotation_where(selected)
        sql = self._ROW_SQL + where + f" ORDER BY {_TEXT_ORDER}"
        for row in self.db.execute(sql, params):
            yield tuple(row)

    def article_titles(self, ids: Sequence[int] | None = None) -> dict[int, str]:
        """The titles of the articles ``ids`` (``None``: every article) by id, newest
        import first."""
        sql = "SELECT id, title FROM articles"
        params: list[Any] = []
        if ids is not None:
            sql += " WHERE id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(ids)))
        sql += " ORDER BY imported_at DESC, id DESC"
        return {int(r[0]): str(r[1]) for r in self.db.execute(sql, params)}

    def article_texts(self, ids: Sequence[int]) -> dict[int, str]:
        """The texts of the articles ``ids`` by id (ids that do not exist are left out)."""
        return {
            int(r[0]): str(r[1])
            for r in self.db.execute(
                "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(list(ids))],
            )
        }

    # -- statistics -------------------------------------------------------------------------

    def count_annotations_by(
        self, by: str, selected: AnnotationFilter
    ) -> list[tuple[str | None, int]]:
        """``(key, annotations)`` per ``tag``/``outlet``/``coder``/``month`` (of
        publication; ``None``: undated), ``speaker`` (quotes per person; only annotations
        with one) or ``unit`` (figures per unit; only annotations with one); most first
        (months in date order).

        Counted from the indexes where they hold the key (tag, coder); per article first
        where the key is the article's (outlet, month), so each article is read once."""
        if by not in _BY_SQL:
            raise InvalidValue(f"cannot count by {by!r}; choose one of {', '.join(_BY_SQL)}")
        where, params = self._annotation_where(selected)
        key = _BY_SQL[by]
        order = "k IS NULL, k" if by == "month" else "2 DESC, k"
        if by == "tag":
            sql = f"SELECT n.tag AS k, count(*) FROM {_source(where)}{where} GROUP BY k"
        elif by == "coder":
            # per (tag, coder) first: the order of the index annotations_status_tag (no
            # sort of every annotation), then per coder
            sql = (
                f"SELECT c.name AS k, sum(x.total) FROM (SELECT n.coder_id, count(*) AS total "
                f"FROM {_source(where)}{where} GROUP BY n.tag, n.coder_id) x "
                "JOIN coders c ON c.id = x.coder_id GROUP BY k"
            )
        elif by in ("outlet", "month"):
            sql = (
                f"SELECT {key} AS k, sum(x.total) FROM (SELECT n.article_id, count(*) AS total "
                f"FROM {_source(where)}{where} GROUP BY n.article_id) x "
                # the outlet and date from an index: the article's row holds its text first
                # (SQLite prefers the row without statistics, which a database rarely has)
                "JOIN articles a INDEXED BY articles_outlet_date ON a.id = x.article_id "
                "GROUP BY k"
            )
        else:
            restrict = (
                _HAS_SPEAKER_SQL
                if by == "speaker"
                else f"n.id IN (SELECT annotation_id FROM annotation_attributes "
                f"WHERE key = '{FIGURE_UNIT}')"
            )
            where = (where + " AND " if where else " WHERE ") + restrict
            sql = (
                f"SELECT * FROM (SELECT {key} AS k, count(*) FROM {_source(where)}{where} "
                "GROUP BY k) WHERE k IS NOT NULL"
            )
        sql += f" ORDER BY {order}"
        rows = self.db.execute(sql, params)
        return [(None if r[0] is None else str(r[0]), int(r[1])) for r in rows]

    def figure_totals(self, selected: AnnotationFilter) -> list[tuple[str, int, float | None]]:
        """``(unit, figures, sum of their values)`` per unit, most figures first (the sum
        counts only figures with a number as ``value``; ``None`` if there is none)."""
        where, params = self._annotation_where(selected)
        sql = (
            "SELECT CAST(u.value AS TEXT), count(*), "
            "sum(CASE WHEN typeof(v.value) IN ('integer', 'real') THEN v.value END) "
            f"FROM {_source(where)} "
            f"JOIN annotation_attributes u ON u.annotation_id = n.id AND u.key = '{FIGURE_UNIT}' "
            "LEFT JOIN annotation_attributes v ON v.annotation_id = n.id "
            f"AND v.key = '{FIGURE_VALUE}'{where} GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return [
            (str(r[0]), int(r[1]), None if r[2] is None else float(r[2]))
            for r in self.db.execute(sql, params)
        ]

    def tag_cooccurrence(self, selected: AnnotationFilter) -> list[tuple[str, str, int]]:
        """``(tag, other tag, articles with both)`` for each pair (tag < other), most first.

        Each article's tags are joined into one string in SQL (in the order of an index:
        no sort), articles with the same string are counted together, and only those
        few are paired here."""
        where, params = self._annotation_where(selected)
        rows = self.db.execute(
            "SELECT tags, count(*) FROM (SELECT group_concat(n.tag, char(31)) AS tags "
            f"FROM {_source(where)}{where} GROUP BY n.article_id) GROUP BY tags",
            params,
        )
        pairs: Counter[tuple[str, str]] = Counter()
        for joined, articles in rows:
            for pair in combinations(sorted(set(str(joined).split("\x1f"))), 2):
                pairs[pair] += int(articles)
        return sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda t: (-t[2], t[0], t[1]))

    def person_cooccurrence(
        self, selected: AnnotationFilter, person_tag: str, *, top: int = 30
    ) -> list[tuple[str, str, int]]:
        """``(person, other person, articles naming both)`` among the ``top`` people named
        in most articles (annotations of ``person_tag``; a later mention counts as the
        earlier one it is ``same_as``), most first."""
        where, params = self._annotation_where(selected)
        where = (where + " AND " if where else " WHERE ") + "n.tag = ?"
        params.append(person_tag)
        name = (
            "coalesce((SELECT e.text FROM relations q JOIN annotations e ON e.id = q.to_id "
            f"WHERE q.from_id = n.id AND q.type = '{SAME_AS}' LIMIT 1), n.text)"
        )
        source = _source(where)
        if len(selected.statuses) == 1:  # status = ? AND tag = ?: read only these people
            source = source.replace(
                "annotations n", "annotations n INDEXED BY annotations_status_tag", 1
            )
        sql = (
            f"WITH named AS (SELECT DISTINCT n.article_id, {name} AS who "
            f"FROM {source}{where}), "
            "leaders AS (SELECT who FROM named GROUP BY who ORDER BY count(*) DESC, who LIMIT ?), "
            "kept AS (SELECT * FROM named WHERE who IN (SELECT who FROM leaders)) "
            "SELECT x.who, y.who, count(*) FROM kept x JOIN kept y "
            "ON y.article_id = x.article_id AND x.who < y.who GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
        )
        params.append(int(top))
        return [(str(r[0]), str(r[1]), int(r[2])) for r in self.db.execute(sql, params)]

    def corpus_filter_choices(self) -> dict[str, list[str]]:
        """What the browser's filters offer: ``tags``, ``coders``, ``outlets``."""
        return {
            "tags": [r[0] for r in self.db.execute("SELECT name FROM tags ORDER BY position")],
            "coders": [r[0] for r in self.db.execute("SELECT name FROM coders ORDER BY name")],
            "outlets": [
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT outlet FROM articles WHERE coalesce(outlet, '') <> '' "
                    "ORDER BY outlet COLLATE NOCASE"
                )
            ],
        }

"""Read a Clipper JSON Lines export (:mod:`clipper.exporters.jsonl_export`) as the same
validated structure as Clipper JSON (:class:`~clipper.importers.clipper_json.ExportFile`).

Lines are read one at a time; an article line starts an article, the annotation lines
after it are its annotations (checked by :mod:`clipper.importers.export_format`, limits
from :mod:`clipper.fields`). Annotation lines whose article line is missing (e.g. a file
filtered with pandas) are anchored on the database's article with their ``content_hash``
when one is given (:class:`~clipper.importers.annotation_formats.ArticleTexts`); those
that cannot be are left out with a warning. The header line is optional (without it the
tags must exist in the database).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from clipper import fields
from clipper.errors import InvalidExport
from clipper.importers import check_importable
from clipper.importers.clipper_json import ExportFile
from clipper.importers.export_format import ExportArticle, ExportTag, check_article, check_header
from clipper.importers.json_reader import check_value, too_deep
from clipper.interchange import JSONL_ARTICLE_MEMBERS, JSONL_FORMAT, JSONL_VERSION
from clipper.model import content_hash

if TYPE_CHECKING:
    from clipper.importers.annotation_formats import ArticleTexts

READABLE_VERSIONS = (JSONL_VERSION,)
#: Longest line read: an article of the longest text, escaped, and its metadata.
MAX_LINE_BYTES = 6 * fields.MAX_TEXT_CHARS + 64 * 1024 * 1024
_TYPES = ("header", "article", "annotation")
#: Members an annotation line repeats from its article (not merged from the line).
_ARTICLE_KEYS = frozenset(name for name, _ in JSONL_ARTICLE_MEMBERS) | {"type"}
_SNIFF = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"type"\s*:\s*"(?:header|article|annotation)"')


def sniff_jsonl(head: bytes) -> bool:
    """A first line that is a typed Clipper JSON Lines object."""
    return _SNIFF.match(head) is not None


class _NoTexts:
    def article_text_by_hash(self, digest: str) -> str | None:
        return None

    def article_texts_by_url(self, url: str) -> list[str]:
        return []


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_decode = json.JSONDecoder(parse_constant=_reject_constant).decode


def _lines(stream: BinaryIO) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` of each non-blank line, parsed (too deep a line is
    refused by the parser's recursion limit)."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES)
        if not raw:
            return
        number += 1
        if len(raw) >= MAX_LINE_BYTES and not raw.endswith(b"\n"):
            raise InvalidExport(f"line {number} is longer than {MAX_LINE_BYTES:,} bytes")
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            item = _decode(raw.decode("utf-8"))
        except RecursionError:
            raise too_deep() from None
        except UnicodeDecodeError:
            raise InvalidExport(f"line {number} is not UTF-8 text") from None
        except ValueError as exc:
            raise InvalidExport(f"line {number} is not valid JSON ({exc})") from None
        if type(item) is not dict:
            raise InvalidExport(f"line {number} is not a JSON object")
        # Nesting and number limits: the members kept are checked by export_format
        # (unknown ones by depth); a line's repeated article members are dropped.
        yield number, item


def _kind(item: dict[str, Any], number: int) -> str:
    kind = item.get("type")
    if kind is None:  # e.g. rewritten by a tool that dropped the column
        kind = "annotation" if "tag" in item else "article"
    if kind not in _TYPES:
        raise InvalidExport(
            f'line {number}: "type" must be one of {", ".join(_TYPES)}, not {str(kind)[:40]!r}'
        )
    return str(kind)


def _header(item: dict[str, Any], number: int, name: str) -> list[ExportTag]:
    if number != 1:
        raise InvalidExport(f"line {number}: the header must be the first line")
    version = item.get("version")
    if item.get("format") != JSONL_FORMAT or version not in READABLE_VERSIONS:
        raise InvalidExport(
            f'{name} is not a Clipper JSON Lines export of version 1 (its header needs "format":'
            f' "{JSONL_FORMAT}", "version": 1)'
        )
    check_value(item, 1)
    members = {k: v for k, v in item.items() if k not in ("type", "format", "version")}
    return check_header({"format": "clipper", "version": 2, **members}, name)


class _Grouper:
    """Turns the stream of lines into articles with their annotations."""

    def __init__(self, stamp: str, texts: ArticleTexts, warnings: list[str]) -> None:
        self.stamp = stamp
        self.texts = texts
        self.warnings = warnings
        self.article: dict[str, Any] | None = None
        self.digest: str | None = None
        self.start_line = 0
        self.count = 0
        self.missing: dict[str, int] = {}  # content hash -> annotations left out

    def flush(self) -> ExportArticle | None:
        article, self.article = self.article, None
        if article is None:
            return None
        self.count += 1
        try:
            return check_article(article, self.count, self.stamp)
        except InvalidExport as exc:
            raise InvalidExport(f"{exc.message} (the article of line {self.start_line})") from None

    def open_article(self, item: dict[str, Any], number: int) -> None:
        article = {k: v for k, v in item.items() if k != "type"}
        text = article.get("text")
        self.digest = content_hash(text) if type(text) is str else None
        given = article.get("content_hash")
        if given is not None and self.digest is not None and given != self.digest:
            raise InvalidExport(f'line {number}: "content_hash" does not match the article text')
        article["annotations"] = []
        self.article, self.start_line = article, number

    def annotation(self, item: dict[str, Any], number: int) -> ExportArticle | None:
        """Add one annotation line; returns the finished previous article, if any."""
        digest = item.get("content_hash")
        finished = None
        if self.article is None or (digest is not None and digest != self.digest):
            finished = self.flush()
            if type(digest) is not str:
                raise InvalidExport(
                    f"line {number}: an annotation line without its article line needs the "
                    'article\'s "content_hash"'
                )
            text = self.texts.article_text_by_hash(digest)
            if text is None:
                self.missing[digest] = self.missing.get(digest, 0) + 1
                self.digest = digest
                return finished
            self.open_article(
                {
                    "text": text,
                    "uuid": item.get("article_uuid"),
                    "title": item.get("title"),
                    "content_hash": digest,
                },
                number,
            )
        assert self.article is not None
        self.article["annotations"].append(
            {k: v for k, v in item.items() if k not in _ARTICLE_KEYS}
        )
        return finished

    def report(self) -> None:
        for digest, count in self.missing.items():
            self.warnings.append(
                f"{count} annotation{'s' if count != 1 else ''} of the article with content "
                f"hash {digest[:16]}… left out: the file has no line with its text and the "
                "database has no such article"
            )


def _articles(
    stamp: str,
    texts: ArticleTexts,
    warnings: list[str],
    first: list[tuple[int, dict[str, Any]]],
    lines: Iterator[tuple[int, dict[str, Any]]],
) -> Iterator[ExportArticle]:
    grouper = _Grouper(stamp, texts, warnings)
    for number, item in _chain(first, lines):
        kind = _kind(item, number)
        if kind == "header":
            raise InvalidExport(f"line {number}: the header must be the first line")
        if kind == "article":
            finished = grouper.flush()
            grouper.open_article(item, number)
        else:
            finished = grouper.annotation(item, number)
        if finished is not None:
            yield finished
    last = grouper.flush()
    if last is not None:
        yield last
    grouper.report()


def _chain(
    first: list[tuple[int, dict[str, Any]]], rest: Iterator[tuple[int, dict[str, Any]]]
) -> Iterator[tuple[int, dict[str, Any]]]:
    yield from first
    yield from rest


@contextmanager
def open_jsonl_anchored(path: Path, stamp: str, texts: ArticleTexts) -> Iterator[ExportFile]:
    """Open a Clipper JSON Lines file; annotation lines without their article line are
    anchored on ``texts`` (the database's articles, by content hash)."""
    path = Path(path)
    check_importable(path)
    with path.open("rb") as stream:
        lines = _lines(stream)
        first = next(lines, None)
        if first is None:
            raise InvalidExport(f"{path.name} is empty: a JSON Lines export has a line per item")
        tags: list[ExportTag] = []
        pending = [first]
        if _kind(first[1], first[0]) == "header":
            tags = _header(first[1], first[0], path.name)
            pending = []
        warnings: list[str] = []
        articles = _articles(stamp, texts, warnings, pending, lines)
        yield ExportFile(tags, articles, stream, path.stat().st_size, warnings)


def open_jsonl(path: Path, stamp: str) -> AbstractContextManager[ExportFile]:
    """:func:`open_jsonl_anchored` without a database (every article line needed)."""
    return open_jsonl_anchored(path, stamp, _NoTexts())

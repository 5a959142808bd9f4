"""Safe streaming reads of a JSON export: its header, then one article object at a time.

Two readers give the same plain values (dicts, lists, str, int, float, bool, None):

* :func:`read_by_lines` — fast, for the layout Clipper writes (one article per line);
  it gives up with :class:`LayoutChanged` as soon as a file does not follow it.
* :func:`read_by_events` — any layout, streamed by ijson's C parser.

Neither can be made to use unbounded memory or crash: nesting deeper than
:data:`~clipper.fields.MAX_JSON_DEPTH` is refused as it is met, ijson runs on its
prefix-free ``basic_parse`` (prefixed events cost memory with the square of the depth)
with ``use_float=True`` (so yajl itself converts numbers, and refuses integers beyond 64
bits instead of crashing in the int conversion), and ``NaN``/``Infinity`` are refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import ijson

from clipper.errors import InvalidExport
from clipper.fields import MAX_INTEGER, MAX_JSON_DEPTH

#: The line that opens the article list in the files Clipper writes.
ARTICLES_LINE = b' "articles": ['
#: Longest header line / whole header the fast reader looks at.
_HEADER_LINE_BYTES = 64 * 1024
_HEADER_BYTES = 1024 * 1024

Header = dict[str, Any]


class LayoutChanged(Exception):
    """The file does not follow Clipper's own layout: read it with :func:`read_by_events`."""


def too_deep() -> InvalidExport:
    return InvalidExport(
        f"the file nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; "
        "a Clipper export needs 7"
    )


def too_large() -> InvalidExport:
    return InvalidExport(
        f"a number in the file is too large (the limit is {MAX_INTEGER:,}, and no infinities)"
    )


def check_value(value: Any, depth: int) -> None:
    """Refuse ``value`` (found at nesting ``depth``) if it nests beyond the limit or holds
    a number out of range — the general reader's parser refuses both as it reads."""
    stack = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > MAX_JSON_DEPTH:
                raise too_deep()
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
        elif isinstance(item, int | float) and not -MAX_INTEGER - 1 <= item <= MAX_INTEGER:
            raise too_large()  # (NaN cannot occur: both readers refuse it)


# -- Clipper's layout: one article per line ----------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(data: bytes) -> Any:
    return json.loads(data, parse_constant=_reject_constant)


def read_by_lines(stream: BinaryIO) -> tuple[Header, Iterator[dict[str, Any]]]:
    """The header and an iterator of article objects, for files in Clipper's layout.

    Raises :class:`LayoutChanged` (also from the iterator, possibly after some articles)
    when the file is laid out otherwise; the caller then starts over with
    :func:`read_by_events`, which gives the definitive answer.
    """
    head = bytearray()
    while True:
        line = stream.readline(_HEADER_LINE_BYTES)
        if not line or len(head) > _HEADER_BYTES:
            raise LayoutChanged
        head += line
        if line.rstrip(b"\r\n") == ARTICLES_LINE:
            break
    try:
        header = _loads(bytes(head) + b"]}")
    except (ValueError, RecursionError):
        raise LayoutChanged from None
    # The line must open the top-level list, not one nested in another value.
    if not isinstance(header, dict) or header.get("articles") != []:
        raise LayoutChanged
    check_value(header, 1)
    del header["articles"]
    return header, _article_lines(stream)


def _article_lines(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    for line in stream:
        body = line.strip()
        if body == b"]":
            if stream.read(_HEADER_LINE_BYTES).strip() != b"}":
                raise LayoutChanged
            return
        try:
            article = _loads(body[:-1] if body.endswith(b",") else body)
        except (ValueError, RecursionError):
            raise LayoutChanged from None
        if not isinstance(article, dict):
            raise LayoutChanged
        yield article
    raise LayoutChanged  # the list never closes: let the event reader say what is wrong


# -- any layout: ijson events ----------------------------------------------------------------

_STARTS = {"start_map": "end_map", "start_array": "end_array"}


def _json_problem(exc: Exception) -> InvalidExport:
    reason = exc.args[0] if exc.args else ""
    if isinstance(reason, bytes):  # yajl's messages sometimes come as bytes
        reason = reason.decode("utf-8", "replace")
    lines = str(reason).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    if "overflow" in detail:
        return InvalidExport(
            "a number in the file is too large (integers must fit in 64 bits; "
            f"the JSON parser said: {detail})"
        )
    return InvalidExport(f"the file is not valid JSON ({detail})")


def _events(stream: BinaryIO) -> Iterator[tuple[str, Any]]:
    try:
        yield from ijson.basic_parse(stream, use_float=True)
    except (ijson.JSONError, ValueError, OverflowError) as exc:
        raise _json_problem(exc) from exc


def _next(events: Iterator[tuple[str, Any]]) -> tuple[str, Any]:
    for item in events:
        return item
    raise InvalidExport("the file is not valid JSON (it ends too early)")


def _build(events: Iterator[tuple[str, Any]], event: str, value: Any, depth: int) -> Any:
    """The value that starts with ``event`` at nesting ``depth`` (containers count)."""
    if event not in _STARTS:
        return value
    if depth > MAX_JSON_DEPTH:
        raise too_deep()
    if event == "start_array":
        items: list[Any] = []
        for event, value in events:
            if event == "end_array":
                return items
            items.append(_build(events, event, value, depth + 1))
    else:
        members: dict[str, Any] = {}
        for event, value in events:
            if event == "end_map":
                return members
            key = value
            event, value = _next(events)
            members[key] = _build(events, event, value, depth + 1)
    raise InvalidExport("the file is not valid JSON (it ends too early)")


def _skip(events: Iterator[tuple[str, Any]], event: str, depth: int) -> None:
    """Pass over the value that starts with ``event``, keeping only its depth."""
    level = 0
    while True:
        if event in _STARTS:
            level += 1
            if depth + level - 1 > MAX_JSON_DEPTH:
                raise too_deep()
        elif event in ("end_map", "end_array"):
            level -= 1
        if level == 0:
            return
        event, _ = _next(events)


def _members(events: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, str, Any]]:
    """``(key, first event, value)`` of each top-level member; checks the rest of the file."""
    event, _ = next(events, ("end of file", None))
    if event != "start_map":
        raise InvalidExport("the file is not a Clipper JSON export (it is not a JSON object)")
    for event, key in events:
        if event == "end_map":
            for _ in events:  # trailing garbage is reported by the parser
                pass
            return
        event, value = _next(events)
        yield key, event, value
    raise InvalidExport("the file is not valid JSON (it ends too early)")


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_CHUNK = 1024 * 1024


def check_escapes(stream: BinaryIO) -> None:
    """Refuse an escaped unpaired surrogate (``"\\ud800"``): not text, and ijson's parser
    would quietly turn it into ``?``. The line reader catches these in the decoded strings."""
    tail = b""
    while chunk := stream.read(_CHUNK):
        data = tail + chunk
        if _SURROGATE_ESCAPE.search(data) and _LONE_SURROGATE.search(data):
            raise InvalidExport(
                "the file contains an unpaired surrogate escape (such as \\ud800), which is "
                "not text; the program that wrote the file has a bug"
            )
        tail = data[-16:]
    stream.seek(0)


def read_header(stream: BinaryIO) -> Header:
    """Every top-level member except ``articles`` (streamed: articles are only skipped)."""
    check_escapes(stream)
    header: Header = {}
    events = _events(stream)
    for key, event, value in _members(events):
        if key == "articles":
            if "format" in header and "tags" in header:
                break  # Clipper writes these first: no need to read on
            _skip(events, event, 2)
        else:
            header[key] = _build(events, event, value, 2)
    return header


def read_articles(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    """Each object of the top-level ``articles`` list, then the rest of the file checked."""
    events = _events(stream)
    for key, event, _value in _members(events):
        if key != "articles":
            _skip(events, event, 2)
            continue
        if event != "start_array":
            raise InvalidExport('"articles" in the file is not a list')
        for event, value in events:
            if event == "end_array":
                break
            if event != "start_map":
                raise InvalidExport('an item of "articles" in the file is not an object')
            article = _build(events, event, value, 3)
            yield article

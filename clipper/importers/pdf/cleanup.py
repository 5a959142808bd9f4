"""From page lines to readable article text: running heads out, lines joined into paragraphs.

- Running heads/feet: lines near the top or bottom edge whose text (digits ignored) repeats
  on many pages, and bare page numbers there, are left out.
- Lines of a paragraph are joined with a space; a hyphen at a line end is dropped when
  the next line goes on with a lower-case word (``Pellen-`` + ``tesque``), unless the
  document spells that compound with a hyphen elsewhere (``long-term``).
- Paragraphs (vertical gap, indent, short last line, size change) get a blank line.
- A paragraph that runs over a column or page end goes on with a space.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence

from clipper.importers.pdf.lines import NO_BOX, Line
from clipper.importers.pdf.pagetext import PageText

EDGE_ZONE = 0.12
_EDGE_LINES = 3
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|página|pagina|p\.)\s*)?[-–—(\[]?\s*\d{1,5}\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|de|sur|von)\s*\d{1,5})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_TERMINAL = tuple(".!?:;。！？")
_CLOSERS = "\"'”’»)]"
_HYPHENS = ("-", "\u00ad", "\u2010")
#: Line ends that join the next line without a space: "737–" "9", "https://" "www…".
_GLUE = ("–", "—", "/", "@")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

SPACE, NEWLINE, PARAGRAPH = " ", "\n", "\n\n"


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def edge_rows(page: PageText) -> list[list[Line]]:
    """Rows of lines near the top and bottom edge (up to three each), each row left to right."""
    zone = EDGE_ZONE * page.height
    rows: dict[int, list[Line]] = {}
    for line in page.lines[: page.main_lines]:
        if line.top < zone or line.bottom > page.height - zone:
            rows.setdefault(round(line.top / 3), []).append(line)
    keys = sorted(rows)
    chosen = [k for k in keys[:_EDGE_LINES] if rows[k][0].top < zone]
    chosen += [k for k in keys[-_EDGE_LINES:] if k not in chosen and rows[k][0].top >= zone]
    return [sorted(rows[k], key=lambda line: line.x0) for k in chosen]


def running_lines(pages: Sequence[PageText]) -> set[int]:
    """``id()`` of every line that is a running head/foot or a page number.

    Only pages with text besides their edge rows vote, so a document whose pages hold
    one line each (repeated) keeps it.
    """
    seen: Counter[str] = Counter()
    candidates: list[tuple[list[Line], str]] = []
    for page in pages:
        rows = edge_rows(page)
        keyed = [(row, _key(" ".join(line.text for line in row))) for row in rows]
        candidates.extend(keyed)
        if sum(len(row) for row in rows) < page.main_lines:
            seen.update({key for _, key in keyed})
    needed = max(2, math.ceil(0.3 * len(pages)))
    found: set[int] = set()
    for row, key in candidates:
        text = " ".join(line.text for line in row).strip()
        if _PAGE_NUMBER.match(text) or (len(pages) > 1 and seen[key] >= needed):
            found.update(id(line) for line in row)
    return found


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_TERMINAL)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def separator(a: Line, b: Line, same_page: bool) -> str:
    """What goes between line ``a`` and the next line ``b`` of the text."""
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return PARAGRAPH
    # short: the next line's first word would have fitted at the end of this one
    first_word = 1 if _is_cjk(b.text[0]) else len(b.text.split(" ", 1)[0])
    short = a.right - a.x1 > max(2.0, 0.5 * first_word + 0.5) * a.size
    runs_on = b.text[:1].islower() or (_is_cjk(a.text[-1]) and _is_cjk(b.text[0]))
    indented = b.left + 0.8 * b.size < b.x0 < b.left + 6 * b.size
    if same_page and a.block == b.block:
        step = b.bottom - a.bottom
        if step > 1.5 * a.pitch or step < 0:
            return PARAGRAPH
        if short:
            if _ends_sentence(a.text) or indented:
                return PARAGRAPH
            return SPACE if runs_on else NEWLINE
        if indented and _ends_sentence(a.text):
            return PARAGRAPH
        return SPACE
    # a column or page ends: does the paragraph run on?
    if short or indented or a.rows == 1 or b.rows == 1:
        return PARAGRAPH
    if abs((a.right - a.left) - (b.right - b.left)) > 0.2 * max(a.right - a.left, 1.0):
        return PARAGRAPH
    return SPACE


class _Vocabulary:
    """Words and hyphenated compounds seen in the document (lower case)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        for line in lines:
            for match in _WORD.finditer(line.text):
                token = match.group().lower()
                (self.compounds if "-" in token else self.words).add(token)

    def keep_hyphen(self, head: str, tail: str) -> bool:
        compound = f"{head}-{tail}".lower()
        return compound in self.compounds and f"{head}{tail}".lower() not in self.words


def _hyphen_join(a: Line, b: Line, vocabulary: _Vocabulary) -> str | None:
    """How a line ending in a hyphen, dash, slash or @ joins the next one.

    ``"drop"``: drop the hyphen, no space; ``"keep"``: keep it, no space; ``None``: space.
    """
    text = a.text
    if len(text) < 2 or text[-2].isspace() or not b.text[:1].isalnum():
        return None
    if text.endswith(_GLUE):
        return "keep"
    if not text.endswith(_HYPHENS) or not text[-2].isalpha():
        return None
    if not b.text[:1].islower():
        return "keep"
    if text[-1] == "\u00ad":
        return "drop"
    head = re.search(r"[^\W\d_]+$", text[:-1])
    tail = re.match(r"[^\W\d_]+", b.text)
    if head and tail and vocabulary.keep_hyphen(head.group(), tail.group()):
        return "keep"
    return "drop"


def assemble(pages: Sequence[PageText]) -> tuple[str, array, array]:  # type: ignore[type-arg]
    """The article text with, per character, its page (0 = inserted) and box (4 floats)."""
    skip = running_lines(pages)
    body: list[tuple[int, Line]] = [
        (page.number, line) for page in pages for line in page.lines if id(line) not in skip
    ]
    vocabulary = _Vocabulary([line for _, line in body])
    parts: list[str] = []
    page_numbers = array("H")
    boxes = array("f")
    no_box = array("f", NO_BOX)
    for index, (number, line) in enumerate(body):
        text, line_boxes = line.text, line.boxes
        sep = ""
        if index + 1 < len(body):
            next_number, following = body[index + 1]
            sep = separator(line, following, next_number == number)
            if sep == SPACE:
                join = _hyphen_join(line, following, vocabulary)
                if join == "drop":
                    text, line_boxes = text[:-1], line_boxes[:-4]
                    sep = ""
                elif join == "keep" or (
                    text and following.text and _is_cjk(text[-1]) and _is_cjk(following.text[0])
                ):
                    sep = ""
        parts.append(text)
        boxes.extend(line_boxes)
        page_numbers.extend(0 if line_boxes[4 * i] < 0 else number for i in range(len(text)))
        if sep:
            parts.append(sep)
            page_numbers.extend([0] * len(sep))
            boxes.extend(no_box * len(sep))
    return "".join(parts), page_numbers, boxes

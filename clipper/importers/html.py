"""HTML import: a saved news page's main text and metadata, extracted by trafilatura.

The stored text is the article only (no navigation, footers or comments), headline first,
one block per paragraph, heading, list, quotation or table, blocks separated by a blank
line. No markup is stored. The page is decoded here, not by trafilatura: a byte-order
mark wins, then the charset the page declares (``<meta charset>``, ``http-equiv`` or the
XML declaration, with the HTML standard's reading of "iso-8859-1" as windows-1252), then
UTF-8 or detection.

Importing trafilatura takes a moment: :func:`clipper.importers.read_file` imports this
module only when a file is HTML.
"""

from __future__ import annotations

import codecs
import re

from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from clipper import fields
from clipper.errors import Hint, ImportFailed, InputTooLarge, Notice
from clipper.importers import limits
from clipper.importers.limits import MIB, megabytes
from clipper.importers.text import decode_bytes, decode_text, derive_title, normalise_newlines
from clipper.model import ImportedArticle

_PRESCAN_BYTES = 4096
_DECLARED_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# What browsers do (WHATWG Encoding standard): these labels mean windows-1252, and a page
# without a BOM cannot really be UTF-16 (it declared that in ASCII).
_CODEC_FOR = {"iso8859_1": "cp1252", "ascii": "cp1252", "utf_16": "utf_8", "utf_16_le": "utf_8",
              "utf_16_be": "utf_8", "utf_32": "utf_8"}  # fmt: skip
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)""")
#: What a page title adds after the headline: " | Site", " - Site", " — Site", ": Site".
_SITE_SUFFIX = re.compile(r"\s*[|\-–—:·]\s.*")
#: Inline data (base64 images and fonts of pages saved as one file), 1 KB or longer.
_INLINE_DATA = re.compile(rb"data:[^\s\"'<>),]{0,200},[^\s\"'<>)]{1024,}")
_TOO_BIG_ADVICE = (
    "Open the page in a browser, select the article's text, copy it and use New clipping "
    "from clipboard, or save the article as text (.txt) and import that."
)
_NO_ARTICLE = (
    "{name} has no article text that Clipper could find (it may be a menu, an index "
    "page or a page that builds its text with JavaScript). Open the page in a browser, "
    "select the article's text, copy it and use New clipping from clipboard, or save the "
    "article as text (.txt) and import that."
)


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset the page declares near its start, if any."""
    match = _DECLARED_CHARSET.search(data[:_PRESCAN_BYTES])
    if not match:
        return None
    return codec_for_label((match.group(1) or match.group(2)).decode("ascii"))


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label (``<meta charset>``, an HTTP ``Content-Type``
    header), read as browsers read it; ``None`` for a label Python does not know."""
    try:
        codec = codecs.lookup(label.strip().lower()).name.replace("-", "_")
    except LookupError:
        return None
    return _CODEC_FOR.get(codec, codec)


def decode_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """The page as text, and warnings about its encoding (see the module docstring)."""
    if encoding or data.startswith(_BOMS):
        return decode_bytes(data, name, encoding), []
    codec = declared_charset(data)
    if codec:
        try:
            return data.decode(codec), []
        except UnicodeDecodeError:
            if codec == "cp1252":  # bytes windows-1252 leaves undefined: as browsers do
                return data.decode("latin-1"), []
        text = decode_bytes(data, name)
        return text, [
            Notice(
                f"{name} says its text is {codec.replace('_', '-')} but it is not; the encoding "
                "was detected instead. Check accented letters and punctuation",
                Hint.ENCODING,
            )
        ]
    decoded = decode_text(data, name)  # no declared charset: detected, as for text files
    return decoded.text, [decoded.warning] if decoded.warning else []


def read_html(data: bytes, name: str, *, encoding: str | None = None) -> ImportedArticle:
    """Turn a saved web page into an article: its main text and what the page says about it.

    Raises :class:`ImportFailed` when the page holds no article text, and
    :class:`~clipper.errors.InputTooLarge` above the limits of :mod:`.limits`. Nothing is
    ever fetched: images, style sheets, frames and DTDs stay unread (lxml's HTML parser
    neither loads external entities nor goes to the network).
    """
    data = within_limits(data, name)
    page, warnings = decode_html(data, name, encoding)
    document = _extract(page, name, warnings)
    text = _article_text(document) if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not text:
        raise ImportFailed(_NO_ARTICLE.format(name=name))
    headline = _clean(document.title)
    return ImportedArticle(
        text=with_headline(headline, text),
        title=headline or derive_title(text),
        source_name=name,
        source_kind="html",
        outlet=_clean(document.sitename),
        author=_clean(document.author),
        published=_date(document.date),
        url=_url(document.url),
        language=_language(document.language) or _page_language(page),
        warnings=warnings,
    )


def _extract(page: str, name: str, warnings: list[str]) -> object:
    """trafilatura's extraction; on damaged markup that trips its metadata readers
    (htmldate, lxml), the text alone (with a warning); else a clear ImportFailed."""

    def extract(with_metadata: bool) -> object:
        return bare_extraction(
            page,
            with_metadata=with_metadata,
            include_comments=False,
            include_images=False,
            # Without it, a page with little text comes back as its menu ("Home / World ...").
            favor_precision=True,
        )

    try:
        return extract(True)
    except Exception:
        pass
    try:
        document = extract(False)
    except Exception as exc:
        raise ImportFailed(
            f"{name} could not be read as a web page (the HTML reader failed with "
            f"{type(exc).__name__}): its markup is probably damaged. {_TOO_BIG_ADVICE}"
        ) from exc
    warnings.append(
        f"{name}: the page's title, author and date could not be read (damaged markup); "
        "add them with the article's details."
    )
    return document


def within_limits(data: bytes, name: str) -> bytes:
    """``data`` without inline data URIs (never article text), or InputTooLarge."""
    if len(data) > limits.HTML_MAX_FILE_BYTES:
        raise InputTooLarge(
            f"{name} is {len(data) / MIB:,.1f} MB, more than Clipper's limit of "
            f"{megabytes(limits.HTML_MAX_FILE_BYTES)} per HTML file. {_TOO_BIG_ADVICE}"
        )
    if len(data) > limits.HTML_MAX_BYTES:
        data = _INLINE_DATA.sub(b"data:,", data)
    if len(data) > limits.HTML_MAX_BYTES:
        raise InputTooLarge(
            f"{name} holds {len(data) / MIB:,.1f} MB of markup and text, more than Clipper's "
            f"limit of {megabytes(limits.HTML_MAX_BYTES)} per HTML page. {_TOO_BIG_ADVICE}"
        )
    return data


def _article_text(document: Document) -> str:
    """One block per paragraph/heading/list/quote/table, separated by a blank line."""
    if document.body is not None and len(document.body):
        raw_blocks = [xmltotxt(block, False) for block in document.body]
    else:
        raw_blocks = (document.text or "").split("\n")
    blocks = []
    for raw in raw_blocks:
        lines = (line.strip() for line in normalise_newlines(raw).split("\n"))
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)


def with_headline(headline: str | None, text: str) -> str:
    """``text`` with the headline as its first paragraph (as a text file has it), so that
    it can be read and tagged; unchanged when the text starts with it already (or the page
    title is that first paragraph plus the site's name, "Headline | Site")."""
    if not headline:
        return text
    first = " ".join(text.split("\n\n", 1)[0].split()).casefold()
    wanted = headline.casefold()
    if first == wanted or (
        first and _SITE_SUFFIX.fullmatch(wanted[len(first) :]) and wanted.startswith(first)
    ):
        return text
    return f"{headline}\n\n{text}"


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _kept(name: str, value: str | None) -> str | None:
    """``value`` if the store's rule for the article field ``name`` accepts it (a page's
    odd date, address or language is left out rather than refusing the article)."""
    if not value:
        return None
    value = fields.normalise_article_field(name, value)
    return value if fields.article_field_problem(name, value) is None else None


def _date(value: str | None) -> str | None:
    return _kept("published", value)


def _url(value: str | None) -> str | None:
    return _kept("url", _clean(value))


def _language(value: str | None) -> str | None:
    value = _clean(value)
    if not value:
        return None
    primary, _, rest = value.replace("_", "-").partition("-")
    return _kept("language", f"{primary.lower()}-{rest}" if rest else primary.lower())


def _page_language(page: str) -> str | None:
    match = _HTML_LANG.search(page[:_PRESCAN_BYTES])
    return _language(match.group(1)) if match else None

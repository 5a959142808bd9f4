"""Clip by URL: fetch a web page over HTTP(S) and read it as the HTML importer does.

:func:`fetch_page` downloads one page with httpx: a timeout for each network step and an
overall deadline (:data:`FETCH_TIMEOUT_SECONDS`), the body streamed and refused past
:data:`FETCH_MAX_BYTES` (nothing more is read), redirects followed (at most
:data:`MAX_REDIRECTS`) and recorded, and a user agent that says who is asking
(:data:`USER_AGENT`). :func:`read_url` turns the page into an
:class:`~clipper.model.ImportedArticle` with :func:`~clipper.importers.html.read_html`
and returns the :class:`FetchedPage` beside it, the provenance the store keeps (the page
as it was when it was coded: pages change).

The charset is the one the response's ``Content-Type`` header names (as browsers read
it), else what the page declares (``<meta charset>``), else detected. Every failure is a
:class:`~clipper.errors.FetchFailed` (or ``InputTooLarge``/``ImportFailed`` from the HTML
reader) that says what went wrong and what to do. Nothing here touches the database.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from email.message import Message

import httpx

from clipper import __version__, fields
from clipper.errors import FetchFailed, InputTooLarge
from clipper.importers import limits
from clipper.importers.limits import MIB, megabytes
from clipper.model import ImportedArticle
from clipper.progress import CancelCheck, ProgressCallback, check_cancel
from clipper.provenance import FetchedPage, Redirect

#: The project's address, sent in the user agent so that a site's operator can find us.
PROJECT_URL = "https://github.com/clipper/clipper"
#: How Clipper names itself to web servers.
USER_AGENT = f"Clipper/{__version__} (+{PROJECT_URL})"
#: Seconds allowed for each network step (connect, each read) and for the whole fetch.
FETCH_TIMEOUT_SECONDS = 30.0
#: Bytes of a fetched page (the body as sent, before decompression counts too).
FETCH_MAX_BYTES = limits.HTML_MAX_FILE_BYTES
#: Redirects followed before giving up.
MAX_REDIRECTS = 10
#: Content types read as web pages (a missing type is sniffed by the HTML reader).
HTML_TYPES = ("text/html", "application/xhtml+xml")

_CHUNK = 64 * 1024
_PAGE_MISSING = (
    "Check the address; for a page that has gone, open an archived copy (e.g. on "
    "web.archive.org) and clip that address."
)
_TRY_AGAIN = "Check the address and your internet connection, then try again."


def check_url(url: str) -> str:
    """``url`` as fetched (trimmed), or :class:`FetchFailed` saying why it cannot be."""
    url = fields.normalise_url(url)
    problem = fields.url_problem(url)
    if problem is not None:
        raise FetchFailed(problem)
    return url


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _content_type(headers: httpx.Headers) -> tuple[str | None, str | None]:
    """(media type, charset) of a ``Content-Type`` header."""
    raw = headers.get("content-type")
    if not raw:
        return None, None
    message = Message()
    message["content-type"] = raw
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


def fetch_page(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    max_bytes: int = FETCH_MAX_BYTES,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchedPage:
    """Download ``url`` (see the module docstring). ``progress(bytes read, bytes expected
    or 0)``; ``cancel()`` is checked between chunks (raises
    :class:`~clipper.errors.Cancelled`)."""
    url = check_url(url)
    host = _host(url)
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(timeout),
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                },
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            final = str(response.url)
            redirects = tuple(Redirect(str(r.url), r.status_code) for r in response.history)
            if response.status_code >= 400:
                raise _http_error(url, response)
            media, charset = _content_type(response.headers)
            if media is not None and media not in HTML_TYPES:
                raise FetchFailed(
                    f"{final} is {_what(media)}, not a web page. Download it and import the "
                    "downloaded file instead."
                )
            expected = int(response.headers.get("content-length") or 0)
            if expected > max_bytes:
                raise _too_large(final, expected, max_bytes)
            body = bytearray()
            # Decompressed bytes are counted: a small gzip bomb is stopped at the cap too.
            for chunk in response.iter_bytes(_CHUNK):
                check_cancel(cancel)
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(final, len(body), max_bytes, partial=True)
                if time.monotonic() > deadline:
                    raise _timed_out(host, timeout)
                if progress is not None:
                    progress(len(body), expected)
            return FetchedPage(
                requested_url=url,
                final_url=final,
                status=response.status_code,
                fetched_at=_stamp(),
                html=bytes(body),
                content_type=media,
                charset=charset,
                redirects=redirects,
            )
    except httpx.TimeoutException as exc:
        raise _timed_out(host, timeout) from exc
    except httpx.TooManyRedirects as exc:
        raise FetchFailed(
            f"{url} redirects more than {MAX_REDIRECTS} times (probably in a loop): no page "
            "came back. Open it in a browser and clip the address the page ends at."
        ) from exc
    except httpx.ConnectError as exc:
        raise FetchFailed(
            f"could not connect to {host} ({_connect_reason(exc)}): the address may be wrong, "
            f"the site down, or this computer offline. {_TRY_AGAIN}"
        ) from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchFailed(
            f"{url} led to an address Clipper cannot fetch ({exc}); only http:// and "
            "https:// pages can be clipped."
        ) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchFailed(
            f"fetching {url} failed ({type(exc).__name__}: {_reason(exc)}). {_TRY_AGAIN}"
        ) from exc


#: The system's words for a failed connection ("[Errno -2] Name or service not known"),
#: by a fragment, as a user reads them.
_CONNECT_REASONS = (
    ("name or service not known", "the site's name was not found"),
    ("nodename nor servname", "the site's name was not found"),
    ("no address associated", "the site's name was not found"),
    ("temporary failure in name resolution", "the name could not be looked up"),
    ("connection refused", "the connection was refused"),
    ("network is unreachable", "no network"),
    ("no route to host", "no route to the site"),
)


def _connect_reason(exc: Exception) -> str:
    """Why a connection failed, in words ("[Errno …]" and the like left out)."""
    text = _reason(exc)
    lowered = text.lower()
    for fragment, words in _CONNECT_REASONS:
        if fragment in lowered:
            return words
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text)


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


def _what(media: str) -> str:
    known = {"application/pdf": "a PDF file", "text/plain": "a text file"}
    if media in known:
        return f"{known[media]} ({media})"
    kind = media.split("/", 1)[0]
    article = "an" if kind[:1] in "aeiou" else "a"
    return f"{article} {kind} file ({media})" if kind in ("image", "audio", "video") else media


def _http_error(url: str, response: httpx.Response) -> FetchFailed:
    status = response.status_code
    phrase = response.reason_phrase or ""
    answered = f"{_host(str(response.url))} answered {status} {phrase}".rstrip()
    if status in (404, 410):
        return FetchFailed(
            f"{answered} for {url}: the page does not exist (any more). {_PAGE_MISSING}"
        )
    if status in (401, 403):
        return FetchFailed(
            f"{answered} for {url}: the site refuses to show this page to Clipper (it may "
            "need a login or block programs). Open it in a browser, save the page (Ctrl+S) "
            "and import the saved file."
        )
    if status == 429:
        return FetchFailed(f"{answered} for {url}: too many requests; wait a while and try again.")
    if status >= 500:
        return FetchFailed(
            f"{answered} for {url}: the site has a problem of its own. Try again later."
        )
    return FetchFailed(f"{answered} for {url}. {_PAGE_MISSING}")


def _too_large(url: str, size: int, limit: int, *, partial: bool = False) -> InputTooLarge:
    amount = f"more than {limit / MIB:,.1f} MB" if partial else f"{size / MIB:,.1f} MB"
    return InputTooLarge(
        f"{url} is {amount}, more than Clipper's limit of {megabytes(limit)} per web page; "
        "it was not stored. Open the page in a browser, select the article's text, copy "
        "it and use New clipping from clipboard."
    )


def _timed_out(host: str, timeout: float) -> FetchFailed:
    return FetchFailed(
        f"{host} did not send the page within {timeout:g} seconds; it was not stored. "
        "The site may be slow or this computer offline; try again later."
    )


def read_url(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    max_bytes: int = FETCH_MAX_BYTES,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> tuple[ImportedArticle, FetchedPage]:
    """Fetch ``url`` and read its article; the article's ``url`` is the page's own
    (canonical) address if it gives one, else the address the fetch ended at."""
    page = fetch_page(url, timeout=timeout, max_bytes=max_bytes, progress=progress, cancel=cancel)
    check_cancel(cancel)
    return read_page(page), page


def read_page(page: FetchedPage) -> ImportedArticle:
    """The article of a fetched page (see :func:`read_url`)."""
    from clipper.importers.html import codec_for_label, read_html  # trafilatura: slow import

    encoding = codec_for_label(page.charset) if page.charset else None
    if encoding is not None:
        try:
            page.html.decode(encoding)
        except UnicodeDecodeError:
            encoding = None  # the header is wrong: the page's own declaration, or detection
    article = read_html(page.html, page.final_url, encoding=encoding)
    article.source_name = page.final_url
    if not article.url:
        article.url = page.final_url
    return article

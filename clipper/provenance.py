"""Plain data of a URL clipping's provenance: the page as it was fetched. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Redirect:
    """One hop of a redirect chain: the address that answered and its status (301 …)."""

    url: str
    status: int


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page as it was fetched: requested and final address, HTTP status, redirects,
    retrieval time (UTC, ISO 8601) and the bytes of the page as sent."""

    requested_url: str
    final_url: str
    status: int
    fetched_at: str
    html: bytes
    content_type: str | None = None
    #: The charset the response's header named (``None``: none named).
    charset: str | None = None
    redirects: tuple[Redirect, ...] = field(default=())

"""How Article › Properties shows a URL clipping's provenance (the page as fetched)."""

from __future__ import annotations

from typing import Any


def provenance_rows(info: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows of :meth:`Session.fetched_page_info
    <clipper.operations.Session.fetched_page_info>`."""
    fetched = str(info["fetched_at"]).replace("T", " ").rstrip("Z") + " UTC"
    rows = [("Fetched:", fetched), ("Requested URL:", str(info["requested_url"]))]
    if info["final_url"] != info["requested_url"]:
        rows.append(("Final URL:", str(info["final_url"])))
    chain = " → ".join(f"{hop['url']} ({hop['status']})" for hop in info["redirects"])
    if chain:
        rows.append(("Redirects:", chain))
    kind = info.get("content_type") or "no type given"
    charset = f", {info['charset']}" if info.get("charset") else ""
    rows.append(("HTTP status:", f"{info['status']} ({kind}{charset})"))
    rows.append(
        (
            "Page kept:",
            f"{int(info['html_bytes']):,} bytes, SHA-256 {info['html_sha256']}",
        )
    )
    return rows

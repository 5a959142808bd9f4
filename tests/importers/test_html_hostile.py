"""Hostile web pages: nothing is fetched, no local file leaks in, oversized pages are refused.

A real HTTP server on 127.0.0.1 (loopback only) records every request; each page points
images, style sheets, scripts, frames, a refresh, a DTD and external entities at it, and
names ``/etc/passwd`` as an external entity.
"""

from __future__ import annotations

import base64
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.errors import ImportFailed, InputTooLarge
from clipper.importers import limits, read_file

BODY = "<p>" + "The council voted on Tuesday to approve the new budget for next year. " * 5 + "</p>"
SECRET = "SECRET-FROM-THE-SERVER"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(f'<!ENTITY leak "{SECRET}">{SECRET}'.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def _pages(url: str) -> dict[str, str]:
    return {
        "links.html": (
            f'<!DOCTYPE html><html><head><title>Budget</title><base href="{url}/base/">'
            f'<link rel="stylesheet" href="{url}/css"><script src="{url}/js"></script>'
            f'<meta http-equiv="refresh" content="0; url={url}/refresh">'
            f'<link rel="canonical" href="{url}/canonical"></head><body><article><h1>Budget</h1>'
            f'<img src="{url}/img.png" srcset="{url}/img2.png 2x"><iframe src="{url}/frame">'
            f'</iframe><object data="{url}/object"></object>{BODY}'
            f'<p style="background:url({url}/bg)">Entity: &xxe;</p></article></body></html>'
        ),
        "strict.xhtml": (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{url}/dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Budget</title></head>'
            f"<body><article><h1>Budget</h1>{BODY}<p>Leak: &leak;</p></article></body></html>"
        ),
        "entities.html": (
            '<?xml version="1.0"?>\n<!DOCTYPE html [\n'
            '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
            f'<!ENTITY web SYSTEM "{url}/entity">\n'
            f'<!ENTITY % remote SYSTEM "{url}/parameter"> %remote;\n]>\n'
            f"<html><body><article><h1>Budget</h1>{BODY}"
            "<p>Leak: &xxe; and &web; and &leak;</p></article></body></html>"
        ),
    }


@pytest.mark.parametrize("name", ["links.html", "strict.xhtml", "entities.html"])
def test_nothing_is_fetched_and_no_local_file_leaks(
    name: str, server: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, requests = server
    path = tmp_path / name
    path.write_text(_pages(url)[name], encoding="utf-8")
    article = read_file(path)
    assert "approve the new budget" in article.text
    assert requests == []
    passwd = Path("/etc/passwd").read_text().splitlines()[0]
    assert passwd not in article.text and "root:x:" not in article.text
    assert SECRET not in article.text


def test_the_recording_server_does_record(server: tuple[str, list[str]]) -> None:
    """The check above would notice a fetch: the server answers and records."""
    import urllib.request

    url, requests = server
    with urllib.request.urlopen(f"{url}/probe", timeout=30) as response:
        assert SECRET in response.read().decode()
    assert requests == ["/probe"]


def test_an_oversized_page_is_refused_with_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "HTML_MAX_BYTES", 200_000)
    path = tmp_path / "huge.html"
    path.write_text(f"<html><body><article>{BODY * 600}</article></body></html>")
    with pytest.raises(InputTooLarge) as caught:
        read_file(path)
    assert caught.value.message.startswith("huge.html holds 0.2 MB of markup and text, more than")
    assert "limit of 0 MB per HTML page" in caught.value.message
    assert "copy it and use New clipping from clipboard" in caught.value.message


def test_inline_images_do_not_count_against_the_markup_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page saved as one file carries its images as data URIs: those are not text."""
    monkeypatch.setattr(limits, "HTML_MAX_BYTES", 200_000)
    monkeypatch.setattr(limits, "HTML_MAX_FILE_BYTES", 2_000_000)
    image = base64.b64encode(bytes(range(256)) * 1200).decode()
    page = f'<html><body><article><h1>Budget</h1><img src="data:image/png;base64,{image}">{BODY}'
    path = tmp_path / "single-file.html"
    path.write_text(page + "</article></body></html>")
    assert path.stat().st_size > 300_000
    assert "approve the new budget" in read_file(path).text
    path.write_text(page * 7 + "</article></body></html>")
    with pytest.raises(InputTooLarge, match="limit of 1 MB per HTML file"):
        read_file(path)


def test_the_real_limits_are_generous_for_news_pages() -> None:
    page = Path(__file__).parents[1] / "fixtures" / "html"
    biggest = max(p.stat().st_size for p in page.glob("*.html"))
    assert biggest * 50 < limits.HTML_MAX_BYTES


@pytest.mark.parametrize("tag", ["div", "b", "ul><li"])
def test_absurdly_deep_nesting_is_refused_quickly(tag: str, tmp_path: Path) -> None:
    opening = "".join(f"<{t}>" for t in tag.split("><"))
    closing = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body><article>{opening * 50_000}{BODY}{closing * 50_000}</article>")
    with pytest.raises(ImportFailed, match="has no article text"):
        read_file(path)


def test_markup_that_trips_the_date_reader_imports_with_a_warning(tmp_path: Path) -> None:
    """Found by fuzzing: htmldate (via trafilatura) failed with an AssertionError in lxml
    on this page; the text is read without the metadata, and the article says so."""
    path = tmp_path / "broken.html"
    path.write_bytes(b'<!DOCT<html lang="x"><svg>Y')
    article = read_file(path)
    assert article.text == "Y"
    assert article.warnings == [
        "broken.html: the page's title, author and date could not be read (damaged markup); "
        "add them with the article's details."
    ]


def test_damaged_metadata_still_imports_the_text(tmp_path: Path) -> None:
    path = tmp_path / "svg.html"
    path.write_text(f'<!DOCT<html lang="x"><svg>Y</svg><article><h1>Budget</h1>{BODY}</article>')
    article = read_file(path)
    assert "approve the new budget" in article.text

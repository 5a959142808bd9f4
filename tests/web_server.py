"""A web server on 127.0.0.1 for the clip-by-URL tests: saved pages, redirects, charsets,
errors, a slow page and a huge one. Never the real network."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
#: The saved Wikimedia Foundation news page (CC BY-SA 3.0, see fixtures/ATTRIBUTION.md).
PAGE = (FIXTURES / "html" / "trafilatura__wikimediafoundation.org.turkey.html").read_bytes()
TITLE = "Access to Wikipedia restored in Turkey after more than two and a half years"

LATIN_PAGE = (
    "<!doctype html><html lang='fr'><head><title>Le budget de la ville</title></head><body>"
    "<article><h1>Le budget de la ville</h1>"
    + "".join(
        f"<p>Le conseil municipal a voté un budget de {n} millions d'euros ; "
        "la majorité s'est félicitée d'une hausse des dépenses d'éducation, "
        "tandis que l'opposition dénonçait une dette trop élevée.</p>"
        for n in range(10, 16)
    )
    + "</article></body></html>"
)
#: A page that builds its text with JavaScript: no article in the HTML.
SCRIPT_PAGE = (
    b"<!doctype html><html><head><title>News</title></head><body><div id='app'></div>"
    b"<script>document.getElementById('app').textContent = 'Loading';</script></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    server_version = "ClipperTest/1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))  # type: ignore[attr-defined]
        path = self.path
        if path == "/news/turkey":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/old":
            self.send_response(301)
            self.send_header("Location", "/moved")
            self.end_headers()
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/news/turkey")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/latin1-header":  # only the header names the charset
            self._send(200, LATIN_PAGE.encode("cp1252"), "text/html; charset=ISO-8859-1")
        elif path == "/latin1-meta":  # only the page names its charset
            page = LATIN_PAGE.replace("<head>", "<head><meta charset='windows-1252'>")
            self._send(200, page.encode("cp1252"), "text/html")
        elif path == "/wrong-header":  # the header's charset is wrong, the page's right
            page = LATIN_PAGE.replace("<head>", "<head><meta charset='windows-1252'>")
            self._send(200, page.encode("cp1252"), "text/html; charset=utf-8")
        elif path == "/missing":
            self._send(404, b"<html><body>Not here</body></html>")
        elif path == "/broken":
            self._send(500, b"<html><body>Oops</body></html>")
        elif path == "/app":
            self._send(200, SCRIPT_PAGE)
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4\n%%EOF\n", "application/pdf")
        elif path == "/slow":  # headers at once, then the body never comes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html>")
            self.wfile.flush()
            self.server.release.wait(60)  # type: ignore[attr-defined]
        elif path == "/huge":  # no Content-Length: the cap must stop the stream
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_536 + b"</p>\n"
            try:
                for _ in range(10_000):  # ~650 MB if nobody stops reading
                    self.wfile.write(chunk)
            except OSError:
                pass
        else:
            self._send(404, b"")


_SERVERS: dict[str, ThreadingHTTPServer] = {}


def release(base: str) -> None:
    """Let the server's slow page end (its handler stops waiting)."""
    _SERVERS[base].release.set()  # type: ignore[attr-defined]


@contextmanager
def serve() -> Iterator[str]:
    """Start the server; yield its base address (``http://127.0.0.1:PORT``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = []  # type: ignore[attr-defined]
    server.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _SERVERS[base] = server
    try:
        yield base
    finally:
        _SERVERS.pop(base, None)
        server.release.set()  # type: ignore[attr-defined]
        server.shutdown()
        server.server_close()
        time.sleep(0)

"""Clip by URL against a web server on 127.0.0.1 (tests/web_server.py): redirects,
charsets, errors, a timeout, a page over the size cap, a page without an article; the
fetched page kept as provenance and exported. Never the real network."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_server import PAGE, TITLE, serve

from clipper.errors import FetchFailed, ImportFailed, InputTooLarge
from clipper.exporters import export_to_path
from clipper.importers.url import USER_AGENT, fetch_page
from clipper.library import import_url
from clipper.operations import Session
from clipper.store import Store


@pytest.fixture
def base() -> Iterator[str]:
    with serve() as address:
        yield address


def _count(store: Store) -> int:
    return store.count_articles()


def test_a_page_behind_redirects_is_stored_with_its_provenance(store: Store, base: str) -> None:
    outcome = import_url(store, f"{base}/old")
    assert outcome.error is None and outcome.article_id is not None
    article = store.get_article(outcome.article_id)
    assert article.title == TITLE and article.source_kind == "html"
    assert "Wikipedia" in article.text and "<" not in article.text
    page = store.get_fetched_page(article.id)
    assert page is not None
    assert page.requested_url == f"{base}/old" and page.final_url == f"{base}/news/turkey"
    assert page.status == 200 and page.html == PAGE  # the page exactly as sent
    assert [(r.url, r.status) for r in page.redirects] == [
        (f"{base}/old", 301),
        (f"{base}/moved", 302),
    ]
    assert page.fetched_at.endswith("Z") and page.charset == "utf-8"
    info = store.fetched_page_info(article.id)
    assert info is not None and info["html_bytes"] == len(PAGE) and len(info["html_sha256"]) == 64


def test_the_request_names_clipper_in_its_user_agent(base: str) -> None:
    page = fetch_page(f"{base}/news/turkey")
    assert page.status == 200
    assert USER_AGENT.startswith("Clipper/") and "(+https://" in USER_AGENT


@pytest.mark.parametrize("path", ["/latin1-header", "/latin1-meta", "/wrong-header"])
def test_the_charset_comes_from_the_header_else_the_page(
    store: Store, base: str, path: str
) -> None:
    outcome = import_url(store, base + path)
    assert outcome.article_id is not None, outcome.error
    text = store.get_article(outcome.article_id).text
    assert "voté" in text and "élevée" in text and "\ufffd" not in text


@pytest.mark.parametrize(
    ("path", "error", "words"),
    [
        ("/missing", FetchFailed, ["404", "does not exist", "archived copy"]),
        ("/broken", FetchFailed, ["500", "Try again later"]),
        ("/app", ImportFailed, ["no article text", "clipboard"]),
        ("/report.pdf", FetchFailed, ["PDF", "not a web page", "import the downloaded file"]),
        ("/loop", FetchFailed, ["redirects more than", "loop"]),
    ],
)
def test_failures_say_what_to_do_and_store_nothing(
    store: Store, base: str, path: str, error: type[Exception], words: list[str]
) -> None:
    outcome = import_url(store, base + path)
    assert isinstance(outcome.error, error) and outcome.article_id is None
    for word in words:
        assert word in outcome.error.message
    assert _count(store) == 0


@pytest.mark.slow
def test_a_page_over_the_cap_is_stopped_while_streaming(store: Store, base: str) -> None:
    with pytest.raises(InputTooLarge, match="limit of 1 MB"):
        fetch_page(f"{base}/huge", max_bytes=1024 * 1024)
    outcome = import_url(store, f"{base}/huge")  # the real cap: 100 MB
    assert isinstance(outcome.error, InputTooLarge) and _count(store) == 0


def test_a_declared_size_over_the_cap_is_refused_before_reading(base: str) -> None:
    with pytest.raises(InputTooLarge, match=r"is 0\.1 MB"):
        fetch_page(f"{base}/slow", max_bytes=50_000)  # Content-Length: 100,000


def test_a_page_that_never_comes_times_out(store: Store, base: str) -> None:
    outcome = import_url(store, f"{base}/slow", timeout=1.0)
    assert isinstance(outcome.error, FetchFailed)
    assert "did not send the page within 1 seconds" in outcome.error.message
    assert _count(store) == 0


def test_nothing_listens_there(store: Store) -> None:
    outcome = import_url(store, "http://127.0.0.1:9/news")  # the discard port: refused
    assert isinstance(outcome.error, FetchFailed)
    assert "could not connect to 127.0.0.1" in outcome.error.message
    assert "internet connection" in outcome.error.message


def test_connection_failures_read_as_words_not_errno(store: Store) -> None:
    """ "([Errno -2] Name or service not known)" was shown to the user as is."""
    refused = import_url(store, "http://127.0.0.1:9/news").error
    unknown = import_url(store, "http://name.invalid/news").error  # .invalid never resolves
    assert isinstance(refused, FetchFailed) and isinstance(unknown, FetchFailed)
    assert "(the connection was refused)" in refused.message
    assert "could not connect to name.invalid (" in unknown.message
    for error in (refused, unknown):
        assert "Errno" not in error.message and "internet connection" in error.message


def test_an_address_that_is_not_a_web_address_is_refused(store: Store) -> None:
    outcome = import_url(store, "ftp://example.org/x")
    assert isinstance(outcome.error, FetchFailed) and "https://" in outcome.error.message


def test_a_failing_provenance_write_leaves_no_article(
    store: Store, base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise FetchFailed("disk trouble")

    monkeypatch.setattr(store, "add_fetched_page", broken)
    outcome = import_url(store, f"{base}/news/turkey")
    assert outcome.error is not None and _count(store) == 0  # one transaction


def test_the_same_page_twice_is_a_duplicate(store: Store, base: str) -> None:
    assert import_url(store, f"{base}/news/turkey").article_id is not None
    again = import_url(store, f"{base}/old")
    assert again.error is not None and again.error.code == "duplicate_article"
    assert _count(store) == 1


def test_provenance_is_exported_in_json_and_survives_undoing_a_delete(
    store: Store, base: str, tmp_path: Path
) -> None:
    article_id = import_url(store, f"{base}/old").article_id
    assert article_id is not None
    out = tmp_path / "export.json"
    export_to_path(store, out, "json")
    exported = json.loads(out.read_text())["articles"][0]
    fetched = exported["fetched"]
    assert fetched["final_url"] == f"{base}/news/turkey" and fetched["status"] == 200
    assert fetched["redirects"][0] == {"url": f"{base}/old", "status": 301}
    assert "html" not in fetched and fetched["html_bytes"] == len(PAGE)
    session = Session(store)
    session.delete_article(article_id)
    assert store.get_fetched_page(article_id) is None
    session.undo()
    page = store.get_fetched_page(article_id)
    assert page is not None and page.html == PAGE


def test_clipper_import_fetches_an_address(tmp_path: Path, base: str) -> None:
    db = tmp_path / "c.db"
    run = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), "import", f"{base}/old", "--json"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["title"] == TITLE
    failed = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), "import", f"{base}/missing"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert failed.returncode == 1 and "404" in failed.stderr and "Traceback" not in failed.stderr


def test_provenance_is_in_json_lines_and_read_back(store: Store, base: str, tmp_path: Path) -> None:
    article_id = import_url(store, f"{base}/old").article_id
    assert article_id is not None
    Session(store).add_annotation(article_id, 0, 5, "claim")
    out = tmp_path / "export.jsonl"
    export_to_path(store, out, "jsonl")
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    [article] = [line for line in lines if line["type"] == "article"]
    json_out = tmp_path / "export.json"
    export_to_path(store, json_out, "json")
    assert article["fetched"] == json.loads(json_out.read_text())["articles"][0]["fetched"]
    assert article["fetched"]["final_url"] == f"{base}/news/turkey"
    assert [line["type"] for line in lines] == ["header", "article", "annotation"]
    with Store(tmp_path / "other.db") as other:  # the reader accepts the member
        Session(other).import_annotations(out)
        assert other.count_articles() == 1
        assert len(list(other.iter_annotations())) == 1

"""Text import: encodings, newlines, titles, and refusing what is not text."""

from __future__ import annotations

from pathlib import Path

import pytest

from clipper.errors import ImportFailed
from clipper.importers import read_file, read_pasted_text
from clipper.importers.text import derive_published, derive_title

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
# Curly quotes, a no-break space, an en dash and é: all of them exist in cp1252.
CP1252_SAFE = "Café owners said “prices rose 4\u00a0%” – again.\nSecond paragraph, naïve résumé.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
def test_same_article_in_any_encoding_imports_to_the_same_text(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    original = (ARTICLES / "wikinews_news_crane.txt").read_text("utf-8") + CP1252_SAFE
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + original.encode(encoding))
    assert read_file(path).text == original


def test_crlf_and_lone_cr_become_lf_and_nothing_else_changes(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("Title\r\n\r\nOne\u00a0line 😀\rtwo\r\n  three  \r\n".encode())
    assert read_file(path).text == "Title\n\nOne\u00a0line 😀\ntwo\n  three  \n"


def test_headline_title_and_first_sentence_title() -> None:
    crane = read_file(ARTICLES / "wikinews_news_crane.txt")
    assert crane.title == "At least 107 killed in Mecca crane collapse"
    seed = read_file(ARTICLES / "seed_alibaba_ai_investment.txt")
    assert seed.title.startswith("Alibaba is planning to invest at least $53 billion")
    assert seed.title.endswith("…") and len(seed.title) <= 91
    assert derive_title("\n\n  Short headline here  \n\nBody.") == "Short headline here"
    assert derive_title("One sentence. Another one.") == "One sentence"


@pytest.mark.parametrize(
    ("top", "published"),
    [
        ("Crane collapse\n\nSaturday, September 12, 2015\n\nA storm", "2015-09-12"),
        ("Title\n12 September 2015\n", "2015-09-12"),
        ("Title\nSept. 12, 2015\n", "2015-09-12"),
        ("Title\nWednesday 3 June 2020\n", "2020-06-03"),
        ("Title\nMarch 3rd, 2020\n", "2020-03-03"),
        ("Title\n2019-02-03\n", "2019-02-03"),
        ("Title\nFebruary 30, 2015\n", None),  # not a real day
        ("Title\n2019-02-30\n", None),
        ("Title\nMayday 3, 2020\n", None),  # not a month
        ("Title\nThe match on May 5, 2011 was a draw.\n", None),  # a date in a sentence
        ("One\ntwo\nthree\nfour\nMay 5, 2011\n", None),  # too far down for a dateline
    ],
)
def test_a_dateline_near_the_top_is_the_publication_date(top: str, published: str | None) -> None:
    assert derive_published(top) == published


def test_a_text_file_with_a_dateline_imports_with_its_date(tmp_path: Path) -> None:
    path = tmp_path / "crane.txt"
    path.write_text("Crane collapse\n\nSaturday, September 12, 2015\n\nA storm caused …\n")
    assert read_file(path).published == "2015-09-12"
    assert read_pasted_text("No date here.\n\nJust text.").published is None


def test_markdown_kind_and_pasted_text() -> None:
    pasted = read_pasted_text("Breaking: rates cut\n\nThe bank cut rates by 0.25%.")
    assert pasted.source_kind == "clipboard" and pasted.title == "Breaking: rates cut"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"   \n\t\n", "is empty"),
        (bytes(range(256)) * 20, "does not look like text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 5, "does not look like text"),
        ("Mostly UTF-8 “quotes” ".encode() + b"\xe9 stray latin-1", "mixes encodings"),
    ],
)
def test_bad_text_files_get_clear_messages(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=words):
        read_file(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(ImportFailed, match="is a folder"):
        read_file(tmp_path)


def test_explicit_encoding_wins_and_wrong_one_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Ærø café".encode("latin-1"))
    assert read_file(path, encoding="latin-1").text == "Ærø café"
    with pytest.raises(ImportFailed, match="not valid utf-8"):
        read_file(path, encoding="utf-8")
    with pytest.raises(ImportFailed, match="unknown encoding"):
        read_file(path, encoding="klingon")

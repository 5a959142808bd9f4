"""HTML import: a real saved news page (Wikimedia Foundation) and small pages made here."""

from __future__ import annotations

import codecs
import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.errors import ImportFailed
from clipper.importers import SUPPORTED_PATTERNS, is_html, read_file
from clipper.importers.html import read_html

HTML = Path(__file__).parents[1] / "fixtures" / "html"
PAGE = HTML / "trafilatura__wikimediafoundation.org.turkey.html"
TITLE = "Access to Wikipedia restored in Turkey after more than two and a half years"
SENTENCE = (
    "“We are thrilled to be reunited with the people of Turkey,” said Katherine Maher, "
    "Executive Director of the Wikimedia Foundation."
)
# Header, navigation and footer of the page: none of it belongs to the article.
SITE_CHROME = (
    "Skip to content",
    "Donate now",
    "Toggle menu",
    "Support Wikipedia",
    "Careers",
    "nonprofit charitable organization",
    "Except where otherwise noted",
)
NAV_ONLY = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Example News</title></head><body><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/about">About us</a></li></ul></nav>
<footer><p>Copyright 2024 Example News</p></footer></body></html>"""
FRENCH = (
    "Le conseil d'État a annoncé lundi que la participation électorale a atteint 45 % à "
    "Genève, un niveau supérieur à celui de l'année dernière, selon les chiffres officiels."
)
QUOTE = "« Nous sommes très satisfaits », a déclaré Mme Françoise Müller, la présidente du conseil."
CURLY = "“Le budget atteint 5 €”, a précisé le trésorier — sans plus de détails sur les dépenses."


def page(declaration: str, *paragraphs: str, head: str = "<!DOCTYPE html>") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f'{head}<html lang="fr"><head>{declaration}<title>Élections à Genève</title></head>\n'
        f"<body><article><h1>Élections à Genève</h1>\n{body}</article>\n"
        "<footer>Mentions légales</footer></body></html>"
    )


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(db: Path) -> tuple[str, int]:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return hashlib.sha256(db.read_bytes()).hexdigest(), count


def test_real_page_main_text_and_metadata() -> None:
    article = read_file(PAGE)
    assert article.title == TITLE
    assert article.published == "2020-01-15"
    assert (article.outlet, article.author) == ("Wikimedia Foundation", "Wikimedia Foundation")
    assert article.url == (
        "https://wikimediafoundation.org/news/2020/01/15/"
        "access-to-wikipedia-restored-in-turkey-after-more-than-two-and-a-half-years/"
    )
    assert (article.language, article.source_kind, article.source_name) == (
        "en-US",
        "html",
        PAGE.name,
    )
    assert article.layout is None and article.warnings == []
    text = article.text
    assert SENTENCE in text
    assert "<" not in text and ">" not in text and "&#" not in text
    for chrome in SITE_CHROME:
        assert chrome not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 10
    assert paragraphs[0] == TITLE  # the headline is the first paragraph, as in a text file
    assert paragraphs[1].startswith("Today, on Wikipedia’s 19th birthday")
    assert paragraphs[3] == paragraphs[3].strip() and paragraphs[3].startswith(SENTENCE)
    assert paragraphs[-1].endswith("as further access is restored.")
    assert "\r" not in text and "\n\n\n" not in text


def test_cli_import_then_annotate_and_export_a_span(db_path: Path, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE.read_bytes())
    code, out, _ = run(db_path, "import", str(saved))
    assert (code, out) == (0, f"1\t{TITLE}\n")
    text = json.loads(run(db_path, "export", "--format", "json")[1])["articles"][0]["text"]
    start = text.index("Katherine Maher")
    end = start + len("Katherine Maher")
    code, out, _ = run(db_path, "annotate", "1", str(start), str(end), "person", "--json")
    assert code == 0 and json.loads(out)["text"] == "Katherine Maher"
    exported = json.loads(run(db_path, "export", "--format", "json")[1])
    [article] = exported["articles"]
    [annotation] = article["annotations"]
    assert (annotation["start"], annotation["end"]) == (start, end)
    assert article["text"][annotation["start"] : annotation["end"]] == annotation["text"]
    assert (article["published"], article["source_kind"]) == ("2020-01-15", "html")


def test_headline_can_be_tagged_by_offsets(db_path: Path, tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(PAGE.read_bytes())
    assert run(db_path, "import", str(saved))[0] == 0
    end = len("Access to Wikipedia")
    code, out, _ = run(db_path, "annotate", "1", "0", str(end), "claim", "--json")
    assert code == 0 and json.loads(out)["text"] == "Access to Wikipedia"


@pytest.mark.parametrize(
    "title",
    ["Élections à Genève", "Élections à Genève | Le Temps", "Élections à Genève – Le Temps"],
)
def test_headline_in_the_article_is_not_repeated(tmp_path: Path, title: str) -> None:
    saved = tmp_path / "geneve.html"
    html = page('<meta charset="utf-8">', FRENCH, QUOTE).replace(
        "<title>Élections à Genève</title>", f"<title>{title}</title>"
    )
    saved.write_bytes(html.encode("utf-8"))
    article = read_file(saved)
    assert article.text.split("\n\n") == ["Élections à Genève", FRENCH, QUOTE]


def test_page_without_article_fails_clearly_and_changes_nothing(
    db_path: Path, tmp_path: Path
) -> None:
    assert run(db_path, "import", str(PAGE))[0] == 0
    menu = tmp_path / "menu.html"
    menu.write_bytes(NAV_ONLY)
    before = snapshot(db_path)
    code, out, err = run(db_path, "import", str(menu))
    assert code == 1 and out == ""
    assert err.startswith("clipper: error: menu.html has no article text")
    assert "New clipping from clipboard" in err and "as text" in err
    assert "Traceback" not in err
    assert snapshot(db_path) == before == (before[0], 1)


@pytest.mark.parametrize(
    ("declaration", "codec", "paragraphs"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "latin-1",
         (FRENCH, QUOTE)),
        ('<meta charset="iso-8859-1">', "latin-1", (FRENCH, QUOTE)),
        # Browsers read "iso-8859-1" as windows-1252 (curly quotes, €, dashes): so does Clipper.
        ('<meta charset="iso-8859-1">', "cp1252", (FRENCH, CURLY)),
        ("<meta charset='windows-1252'>", "cp1252", (FRENCH, CURLY)),
    ],
)  # fmt: skip
def test_declared_single_byte_charset_is_respected(
    tmp_path: Path, declaration: str, codec: str, paragraphs: tuple[str, ...]
) -> None:
    saved = tmp_path / "geneve.html"
    saved.write_bytes(page(declaration, *paragraphs).encode(codec))
    article = read_file(saved)
    assert article.title == "Élections à Genève" and article.language == "fr"
    assert article.text.split("\n\n") == ["Élections à Genève", *paragraphs]
    assert "\ufffd" not in article.text and article.warnings == []


def test_false_charset_declaration_is_detected_and_reported(tmp_path: Path) -> None:
    saved = tmp_path / "geneve.html"
    saved.write_bytes(page('<meta charset="utf-8">', FRENCH, QUOTE).encode("cp1252"))
    article = read_file(saved)
    assert FRENCH in article.text and QUOTE in article.text
    [warning] = article.warnings
    assert "says its text is utf-8 but it is not" in warning


def test_encoding_option_wins_over_the_declaration(tmp_path: Path) -> None:
    saved = tmp_path / "geneve.html"
    saved.write_bytes(page('<meta charset="utf-8">', FRENCH, QUOTE).encode("latin-1"))
    assert QUOTE in read_file(saved, encoding="latin-1").text


SAVED_FROM = b" \r\n\t<!-- saved from url=(0022)http://example.com -->\n"


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("article", b""),  # no suffix: the content says HTML
        ("article.htm", b"<meta charset=utf-8>\n"),  # content alone would not say HTML
        ("saved", codecs.BOM_UTF8 + SAVED_FROM),
        ("saved.txt", b"\n\n"),  # a page saved with the wrong suffix
    ],
)
def test_html_is_recognised_by_suffix_or_content(tmp_path: Path, name: str, prefix: bytes) -> None:
    saved = tmp_path / name
    saved.write_bytes(prefix + PAGE.read_bytes())
    article = read_file(saved)
    assert (article.source_kind, article.title) == ("html", TITLE)
    assert SENTENCE in article.text


def test_utf16_page_with_bom(tmp_path: Path) -> None:
    saved = tmp_path / "article"
    saved.write_bytes(codecs.BOM_UTF16_LE + page("", FRENCH, QUOTE).encode("utf-16-le"))
    article = read_file(saved)
    assert article.source_kind == "html" and QUOTE in article.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!doctype html><html>", True),
        (b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">', True),
        (b"  <HTML lang=en>", True),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>', True),
        (b"<html>", True),
        (b"<htmlfoo>", False),
        (b"<p>a fragment</p>", False),
        (b"Notes on the <html> element and <!doctype html>", False),
        (b"The council met on Monday.", False),
    ],
)
def test_content_sniffing(head: bytes, expected: bool) -> None:
    assert is_html(Path("clipping"), head) is expected


def test_file_dialog_offers_html() -> None:
    assert {"*.html", "*.htm"} <= set(SUPPORTED_PATTERNS)


def test_trafilatura_is_loaded_only_for_html_files() -> None:
    code = (
        "import sys, clipper.cli, clipper.importers, clipper.library\n"
        "print('trafilatura' in sys.modules, 'lxml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False False\n"


def test_read_html_refuses_an_empty_page() -> None:
    from clipper.importers.html import read_html

    with pytest.raises(ImportFailed, match="no article text"):
        read_html(b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", "x")


def test_a_page_without_a_charset_warns_when_its_encoding_is_uncertain() -> None:
    sentence = "<p>The delegation arrived in the capital on Monday and met the ministers.</p>"
    body = sentence * 3 + "<p>España</p>"  # one word: cp1252 and cp1250 read almost as well
    page = f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>"
    article = read_html(page.encode("cp1252"), "page.html")
    assert "España" in article.text
    (warning,) = article.warnings
    assert warning.startswith("decoded as cp1252") and "cp1250" in warning

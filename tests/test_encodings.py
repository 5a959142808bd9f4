"""Text is never silently garbled: real newspaper text in every encoding newsrooms produce
comes back exactly, or with a warning that names the encoding used and the alternatives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clipper.cli import cli, explain
from clipper.errors import Hint, ImportFailed, hint_of
from clipper.importers import read_file
from clipper.importers.encoding import describe, detect, encoding_options, preview
from clipper.importers.text import read_text

FIXTURES = Path(__file__).parent / "fixtures"
ENCODED = FIXTURES / "encodings"
ARTICLES = FIXTURES / "articles"
# (label, codec, prefix): what a file's bytes look like in each encoding.
ENCODINGS = [
    ("cp1252", "cp1252", b""),
    ("latin-1", "latin-1", b""),
    ("latin-9", "iso-8859-15", b""),
    ("cp1250", "cp1250", b""),
    ("latin-2", "iso-8859-2", b""),
    ("cp1251", "cp1251", b""),
    ("koi8-r", "koi8-r", b""),
    ("utf-8", "utf-8", b""),
    ("utf-8-bom", "utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le-bom", "utf-16-le", b"\xff\xfe"),
    ("utf-16-be-bom", "utf-16-be", b"\xfe\xff"),
    ("utf-16-le", "utf-16-le", b""),
    ("utf-16-be", "utf-16-be", b""),
]
# Each whole text in the encodings made for its language must come back exact and certain.
NATURAL = {
    "fr": ("cp1252", "latin-1", "latin-9"),
    "de": ("cp1252", "latin-1", "latin-9"),
    "es": ("cp1252", "latin-1", "latin-9"),
    "pl": ("cp1250", "latin-2"),
    "cs": ("cp1250", "latin-2"),
    "ru": ("cp1251", "koi8-r"),
    "en": ("cp1252",),
    "short": ("cp1252",),
}
UNICODE = ("utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be")


def _texts() -> dict[str, str]:
    texts = {p.name: p.read_text("utf-8") for p in sorted(ENCODED.glob("*.txt"))}
    texts |= {p.name: p.read_text("utf-8") for p in sorted(ARTICLES.glob("wikinews_*.txt"))}
    return texts


TEXTS = _texts()


# Typography some code pages lack (Latin-1 has no curly quotes, KOI8-R no guillemets),
# replaced the way a writer on such a system would type it.
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                       "–": "-", "—": "-", "…": "...", "€": "EUR"})  # fmt: skip


def _fit(text: str, label: str) -> str | None:
    """``text`` as a writer using ``label`` would have it; ``None`` if its letters don't fit."""
    codec = next(e[1] for e in ENCODINGS if e[0] == label)
    for candidate in (text, text.translate(PLAIN)):
        try:
            candidate.encode(codec)
        except UnicodeEncodeError:
            continue
        return candidate
    return None


def _encode(text: str, label: str) -> bytes:
    _, codec, prefix = next(e for e in ENCODINGS if e[0] == label)
    return prefix + text.encode(codec)


def _language(name: str) -> str:
    if name.startswith("wikinews"):
        return "en"
    return name.rsplit("_", 1)[1].split(".")[0]


def _exact_or_warned(data: bytes, original: str, name: str) -> str | None:
    """``None`` when fine, else what went wrong."""
    article = read_text(data, name)
    if article.text == original:
        return None
    warned = not article.encoding_certain and any(
        f"decoded as {article.encoding}" in w and "could also be" in w for w in article.warnings
    )
    if warned:
        return None
    return f"{name}: silently garbled as {article.encoding}: {article.text[:80]!r}"


@pytest.mark.parametrize(
    ("name", "label"),
    [(n, e[0]) for n in sorted(TEXTS) for e in ENCODINGS if _fit(TEXTS[n], e[0]) is not None],
)
def test_whole_real_text_is_exact_or_warned(name: str, label: str) -> None:
    original = _fit(TEXTS[name], label)
    assert original is not None
    data = _encode(original, label)
    assert _exact_or_warned(data, original, name) is None
    if label in NATURAL[_language(name)] or label in UNICODE:
        article = read_text(data, name)
        assert article.text == original
        assert article.encoding_certain and article.warnings == []


@pytest.mark.parametrize("label", [e[0] for e in ENCODINGS])
def test_every_single_line_is_exact_or_warned(label: str) -> None:
    problems = []
    checked = 0
    for name in sorted(p.name for p in ENCODED.glob("*.txt")):
        for number, text in enumerate(TEXTS[name].splitlines(), 1):
            line = _fit(text, label)
            if line is None or line.isascii():
                continue
            data = _encode(line, label)
            checked += 1
            problem = _exact_or_warned(data, line, f"{name}:{number}")
            if problem:
                problems.append(problem)
    assert checked >= 10
    assert problems == []


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("£51.6m", "cp1252"),
        ("The club was sold for £51.6m on Monday.", "cp1252"),
        ("Zoë Noël déclaré", "cp1252"),
        ("Il a déclaré à la presse qu’il était « très déçu ».", "cp1252"),
        ("Müller: „Ja“", "cp1252"),
        ("Prices rose to €4.2bn – “a record”, said Zoë.", "cp1252"),
        ("Le cœur du dossier: 20 €", "iso-8859-15"),
        ("Prezydent Wałęsa powiedział, że się zgadza.", "cp1250"),
        ("Премьер-министр заявил во вторник", "cp1251"),
        ("Премьер-министр заявил во вторник", "koi8-r"),
    ],
)
def test_the_reported_garbling_is_gone(text: str, codec: str) -> None:
    """The issue's cases (Ł51.6m, dťclarť, ｣, Zoļ/Noėl): exact, no warning."""
    article = read_text(text.encode(codec), "clip.txt")
    assert article.text == text
    assert article.encoding_certain and article.warnings == []


# East Asian legacy encodings were found by charset-normalizer before; they still are.
# (News-style lines written for this test.)
EAST_ASIAN = [
    ("東京都は火曜日、感染者が新たに500人確認されたと発表した。知事は「警戒を強める」と述べた。",
     ("cp932", "euc-jp")),
    ("国务院总理周二表示，今年经济增长目标为百分之五左右。", ("gb18030",)),
    ("行政院長週二表示，今年經濟成長目標為百分之三左右。", ("big5",)),
    ("서울시는 화요일 확진자가 500명 늘었다고 밝혔다.", ("euc-kr",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "codec"), [(text, codec) for text, codecs in EAST_ASIAN for codec in codecs]
)
def test_east_asian_legacy_encodings_are_still_recognised(text: str, codec: str) -> None:
    article = read_text(text.encode(codec), "asia.txt")
    assert article.text == text and article.encoding == codec and article.encoding_certain


def test_wikinews_in_cp1252_with_pounds_is_not_read_as_cp932() -> None:
    """A BBC-style article saved as cp1252: £ must not become ｣ (cp932's reading)."""
    text = (ARTICLES / "wikinews_news_taxes.txt").read_text("utf-8")
    text += "\nThe fine was £3.5m, or about €4.1m.\n"
    article = read_text(text.encode("cp1252"), "bbc.txt")
    assert article.text == text and "｣" not in article.text
    assert article.encoding == "cp1252" and article.encoding_certain


def test_an_uncertain_choice_imports_with_a_warning_naming_the_alternatives() -> None:
    # "Señor" is Spanish in cp1252 and "Seńor" in cp1250: both read as a word.
    article = read_text("Señor".encode("cp1252"), "short.txt")
    assert article.text == "Señor"
    assert not article.encoding_certain
    assert article.encoding == "cp1252" and "cp1250" in article.encoding_alternatives
    [warning] = article.warnings
    assert warning.startswith("decoded as cp1252 (Western European, Windows); could also be ")
    assert "cp1250 (Central European, Windows)" in warning and "--encoding" not in warning
    assert hint_of(warning) == (Hint.ENCODING, "cp1250")
    assert "--encoding cp1250" in explain(warning)  # the command line's advice


def test_explicit_encoding_wins_and_is_certain(tmp_path: Path) -> None:
    path = tmp_path / "seno.txt"
    path.write_bytes("Seńor".encode("cp1250"))
    article = read_file(path, encoding="cp1250")
    assert article.text == "Seńor" and article.encoding_certain and article.warnings == []
    path.write_bytes("Le cœur: 20 €".encode("iso-8859-15"))
    assert read_file(path, encoding="latin-9").text == "Le cœur: 20 €"
    with pytest.raises(ImportFailed, match="unknown encoding 'klingon'"):
        read_file(path, encoding="klingon")


def test_utf8_and_boms_are_certain() -> None:
    for data, codec in [
        ("Zoë £5".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Zoë £5".encode(), "utf-8-sig"),
        (b"\xff\xfe" + "Zoë £5".encode("utf-16-le"), "utf-16"),
        ("Zoë £5, Москва".encode("utf-16-be"), "utf-16-be"),
        ("шона".encode("utf-16-le"), "utf-16-le"),  # Cyrillic: no NUL byte at all
    ]:
        decoded = detect(data, "x.txt")
        assert decoded.text.startswith("Zoë £5") or decoded.text == "шона"
        assert decoded.encoding == codec and decoded.certain


def test_encoding_options_preview_the_lines_that_differ() -> None:
    text = "Headline\n\nThe club paid £51.6m for Zoë Noël.\nNothing special here.\n"
    options = encoding_options(text.encode("cp1252"), "cp1252")
    by_name = {o.encoding: o for o in options}
    assert options[0].encoding == "cp1252"
    assert by_name["cp1252"].preview == "The club paid £51.6m for Zoë Noël."
    assert by_name["cp1250"].preview == "The club paid Ł51.6m for Zoë Noël."
    assert by_name["cp1251"].label == describe("cp1251") == "cp1251 (Cyrillic, Windows)"
    assert "utf-8" not in by_name  # not valid UTF-8: not offered
    assert preview("a\nb\n") == "a\nb"


def test_cli_prints_the_warning_and_puts_it_in_json(tmp_path: Path) -> None:
    path = tmp_path / "seno.txt"
    path.write_bytes("Señor".encode("cp1252"))
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "import", "--json", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    [warning] = record["warnings"]
    assert "decoded as cp1252" in warning
    assert f"clipper: warning: {path}: decoded as cp1252" in result.stderr
    stdin = CliRunner().invoke(
        cli, ["--db", str(db), "import", "-"], input="España".encode("cp1252")
    )
    assert stdin.exit_code == 0
    assert "clipper: warning: -: decoded as cp1252" in stdin.stderr


_REAL = [t.encode(codec) for t, codec in [(TEXTS["lines_fr.txt"], "cp1252"),
         (TEXTS["lines_ru.txt"], "cp1251"), (TEXTS["lines_pl.txt"], "utf-16-le"),
         (TEXTS["lines_de.txt"], "utf-8")]]  # fmt: skip


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_REAL)))
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(("flip", "cut", "insert")))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(max_size=16))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600), _mutated()))
def test_fuzz_text_importer_only_returns_or_says_import_failed(data: bytes) -> None:
    try:
        article = read_text(data, "fuzz.txt")
    except ImportFailed as error:
        assert str(error)
        return
    assert article.text.strip() and isinstance(article.encoding, str)
    assert article.encoding_certain or article.warnings

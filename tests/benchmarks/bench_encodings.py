"""How often text files in the encodings newsrooms produce come back exactly, or warned.

Run: ``python tests/benchmarks/bench_encodings.py [--texts 400] [--seed 8]``.

Texts: ``--texts`` realistic English clippings, each 1-8 real Wikinews sentences (the shared
corpus's articles, else tests/fixtures/articles; CC BY 2.5) with 1-3 inserted lines holding
names with diacritics (real CLDR place names from tests/fixtures/encodings/cldr_*.txt and
common given/family names), amounts in £, €, $ and “curly quotes” / em dashes; plus as many
French, German, Spanish, Polish and Russian texts built the same way from the news-style
lines in tests/fixtures/encodings (written for the tests) and CLDR names; a quarter of all
texts is one short line. Each text is written in every encoding of its language that can
hold its letters (typography a code page lacks is typed plainly, as its users do) and read
back with Clipper's text importer. A result is *exact* (same text), *warned* (different
text, but the import said the encoding was uncertain and named the alternatives), or
*silently garbled* (goal: 0). Prints JSON lines and a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clipper.errors import ImportFailed  # noqa: E402
from clipper.importers.text import read_text  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
ENCODED = FIXTURES / "encodings"
# Encodings per language: (label, codec, prefix).
WESTERN = [("cp1252", "cp1252", b""), ("latin-1", "latin-1", b""),
           ("latin-9", "iso-8859-15", b"")]  # fmt: skip
UNICODE = [("utf-8", "utf-8", b""), ("utf-16-le", "utf-16-le", b""),
           ("utf-16-be-bom", "utf-16-be", b"\xfe\xff")]  # fmt: skip
ENCODINGS = {
    "en": WESTERN + UNICODE,
    "fr": WESTERN + UNICODE,
    "de": WESTERN + UNICODE,
    "es": WESTERN + UNICODE,
    "pl": [("cp1250", "cp1250", b""), ("latin-2", "iso-8859-2", b""), *UNICODE],
    "ru": [("cp1251", "cp1251", b""), ("koi8-r", "koi8-r", b""), *UNICODE],
}
PERSONS = {
    "en": ["Zoë Noël", "Renée Fleming", "Chloë Grace", "Beyoncé Knowles", "Björn Ulvaeus",
           "Sinéad O’Connor", "Penélope Cruz", "Jürgen Klopp", "Thomas Müller", "José Mourinho"],
    "fr": ["François Côté", "Hélène Dupré", "Zoë Noël", "Jérôme Lefèvre", "Loïc Bénard"],
    "de": ["Jürgen Böhm", "Sören Weiß", "Günther Maaß", "Käthe Müller", "Jörg Schäfer"],
    "es": ["María José Núñez", "Íñigo Pérez", "Begoña Muñoz", "Ramón Ibáñez", "Sofía Gómez"],
    "pl": ["Łukasz Wiśniewski", "Małgorzata Żak", "Paweł Kędzierski", "Zofia Król",
           "Grzegorz Łęcki"],
    "ru": ["Алексей Ковалёв", "Мария Петрова", "Сергей Жуков", "Юлия Щербакова"],
}  # fmt: skip
CLDR = {"en": "fr", "fr": "fr", "de": "de", "es": "es", "pl": "pl", "ru": "ru"}
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                       "–": "-", "—": "-", "…": "...", "€": "EUR"})  # fmt: skip
SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def english_sentences() -> list[str]:
    folder = CORPUS if CORPUS.is_dir() else FIXTURES / "articles"
    sentences: list[str] = []
    for path in sorted(folder.glob("wikinews_*.txt")):
        for paragraph in path.read_text("utf-8").split("\n\n")[1:]:
            sentences += [s.strip() for s in SENTENCE.split(paragraph) if len(s.strip()) > 20]
    return sentences


def inserted_line(rng: random.Random, language: str) -> str:
    person = rng.choice(PERSONS[language])
    places = (ENCODED / f"cldr_{CLDR[language]}.txt").read_text("utf-8").split("\n")
    place = rng.choice([p for p in places if p])
    amount = f"{rng.randint(1, 999)}.{rng.randint(1, 9)}"
    money = rng.choice([f"£{amount}m", f"€{amount}bn", f"${amount}m", f"{amount} €", f"£{amount}"])
    if language == "en":
        return rng.choice(
            [
                f"“We paid {money},” said {person}.",
                f"{person} — who visited {place} last week — said the deal was worth {money}.",
                f"The fund in {place} lost {money}, according to {person}.",
                f"{money}",
                f"{person}, {place}",
            ]
        )
    return rng.choice([f"{person}, {place}: {money}", f"{place} – {person}", person, place])


def build_texts(count: int, rng: random.Random) -> list[tuple[str, str]]:
    english = english_sentences()
    foreign = {
        lang: (ENCODED / f"lines_{lang}.txt").read_text("utf-8").splitlines()
        for lang in ("fr", "de", "es", "pl", "ru")
    }
    texts: list[tuple[str, str]] = []
    for n in range(count):
        language = "en" if n % 2 == 0 else rng.choice(sorted(foreign))
        if n % 4 == 3:
            texts.append((language, inserted_line(rng, language)))
            continue
        pool = english if language == "en" else foreign[language]
        lines = rng.sample(pool, rng.randint(1, min(8, len(pool))))
        for _ in range(rng.randint(1, 3)):
            lines.insert(rng.randint(0, len(lines)), inserted_line(rng, language))
        texts.append((language, "\n".join(lines) + "\n"))
    return texts


def fit(text: str, codec: str) -> str | None:
    for candidate in (text, text.translate(PLAIN)):
        try:
            candidate.encode(codec)
        except UnicodeEncodeError:
            continue
        return candidate
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results: Counter[tuple[str, str]] = Counter()
    garbled: list[str] = []
    texts = build_texts(args.texts, rng)
    for language, text in texts:
        for label, codec, prefix in ENCODINGS[language]:
            original = fit(text, codec)
            if original is None:
                continue
            try:
                article = read_text(prefix + original.encode(codec), "bench.txt")
            except ImportFailed as error:
                results[(label, "refused")] += 1
                garbled.append(f"{label}: refused: {error} {original[:60]!r}")
                continue
            if article.text == original:
                outcome = "exact" if article.encoding_certain else "exact, warned"
            elif not article.encoding_certain and article.warnings:
                outcome = "garbled, warned"
            else:
                outcome = "silently garbled"
                garbled.append(f"{label} -> {article.encoding}: {article.text[:60]!r}")
            results[(label, outcome)] += 1
    total = sum(results.values())
    emit("encodings: texts built (real sentences + names/currency)", len(texts), "texts")
    emit("encodings: files read (texts x encodings that hold them)", total, "files")
    for outcome in ("exact", "exact, warned", "garbled, warned", "silently garbled", "refused"):
        n = sum(v for (_, o), v in results.items() if o == outcome)
        emit(f"encodings: {outcome}", 100 * n / total, "%", count=n)
    ok = sum(v for (_, o), v in results.items() if o != "silently garbled" and o != "refused")
    emit("encodings: exact or warned", 100 * ok / total, "%", goal="100")
    for label in sorted({label for label, _ in results}):
        files = sum(v for (lab, _), v in results.items() if lab == label)
        exact = results[(label, "exact")]
        emit(f"encodings: {label}: exact and certain", 100 * exact / files, "%", files=files)
    for line in garbled[:20]:
        print("  ", line, file=sys.stderr)
    table("Text encodings (exact, or warned with the alternatives)")


if __name__ == "__main__":
    main()

"""Figures: our rules against the libraries the issue names (quantulum3, price-parser,
Recognizers-Text), on the same gold figures: exact and overlap span F1, value+unit right.

Run with ``nice python tests/benchmarks/bench_figure_libraries.py`` from the project root.
The libraries are NOT project dependencies: install them only to measure
(``pip install quantulum3 price-parser recognizers-text-suite "emoji<1.0"`` — Recognizers-Text
1.0.2a2 needs emoji < 1.0); a library that is not installed (or fails to load) is skipped.
quantulum3 0.10.0's bundled unit classifier does not load with a current scikit-learn: train it
once with ``pip install stemming`` and
``python -c "from quantulum3 import classifier; classifier.train_classifier(store=True)"``.
pint is not measured: the suggesters do not use it (see ``clipper/suggest/figures.py``).
Asserts nothing.

Fair mapping to our unit vocabulary (GUIDELINES.md): currency names and symbols → ISO 4217
(``$`` → USD as in these articles), percentages → ``percent``, durations and distances → the
plural unit as written (``years``, ``miles``, ``km``); a bare number has no unit, because none
of the libraries knows what is counted. Rows "+ counted noun" add the simple rule "the next
word is the counted entity (humans → people)" to the libraries' bare numbers, so that the
comparison is not only about counted nouns. price-parser reads one price per string: it is
given each sentence. Recognizers-Text gets numbers, currencies, percentages, dimensions and
(from its date-time recogniser) durations, longest first.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import emit, table

from clipper.suggest import Suggestion, suggest
from clipper.suggest.base import sentences
from clipper.suggest.evaluate import Evaluation, article_text, evaluate_article, read_gold
from clipper.suggest.names import HUMAN_NOUNS

ROOT = Path(__file__).parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
HELD_OUT = ("test", "test2", "test3")
Finder = Callable[[str], list[Suggestion]]

_ISO = {
    "$": "USD", "us$": "USD", "dollar": "USD", "united states dollar": "USD", "usd": "USD",
    "€": "EUR", "euro": "EUR", "eur": "EUR", "£": "GBP", "pound sterling": "GBP",
    "british pound": "GBP", "gbp": "GBP", "rmb": "CNY", "yuan": "CNY", "chinese yuan": "CNY",
    "renminbi": "CNY", "cny": "CNY", "¥": "JPY", "yen": "JPY", "japanese yen": "JPY",
    "nz$": "NZD", "new zealand dollar": "NZD", "hk$": "HKD", "hong kong dollar": "HKD",
}  # fmt: skip
_LENGTHS = {"mile": "miles", "kilometre": "km", "kilometer": "km", "metre": "metres",
            "meter": "metres", "foot": "feet"}  # fmt: skip
_TIMES = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")


def _unit(name: str | None) -> str | None:
    """A library's unit name in our vocabulary (None: no unit)."""
    if not name:
        return None
    low = name.strip().lower()
    if low in _ISO:
        return _ISO[low]
    if low in ("percentage", "percent", "per cent", "%"):
        return "percent"
    if low in _LENGTHS:
        return _LENGTHS[low]
    if low.rstrip("s") in _TIMES:
        return "centuries" if low.startswith("centur") else low.rstrip("s") + "s"
    if low in ("dimensionless", "number", ""):
        return None
    return low if low.endswith("s") else low + "s"  # a counted entity the library made up


def _counted_noun(text: str, end: int) -> str | None:
    """The simple rule: the next word, if it looks like a plural noun (humans → people)."""
    m = re.match(r"\s+([a-z]+)", text[end : end + 30])
    if not m:
        return None
    word = m.group(1)
    if word in HUMAN_NOUNS:
        return "people"
    return word if word.endswith("s") and not word.endswith("ss") else None


def _figure(start: int, end: int, value: float | None, unit: str | None) -> Suggestion:
    attributes: dict[str, float | str] = {}
    if value is not None:
        attributes["value"] = value
    if unit:
        attributes["unit"] = unit
    return Suggestion(start, end, "figure", 1.0, attributes)


def _with_counted(finder: Finder) -> Finder:
    def helped(text: str) -> list[Suggestion]:
        out = []
        for s in finder(text):
            if "unit" not in s.attributes:
                unit = _counted_noun(text, s.end)
                s = _figure(s.start, s.end, s.attributes.get("value"), unit)  # type: ignore[arg-type]
            out.append(s)
        return out

    return helped


def _no_overlaps(found: list[Suggestion]) -> list[Suggestion]:
    """Longest first, then drop what overlaps a kept span (our spans never overlap)."""
    kept: list[Suggestion] = []
    for s in sorted(found, key=lambda s: (-(s.end - s.start), s.start)):
        if all(s.end <= k.start or k.end <= s.start for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


# -- the libraries ---------------------------------------------------------------------------


def quantulum(text: str) -> list[Suggestion]:
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        start, end = q.span
        name = q.unit.name
        if q.unit.entity.name == "currency" and q.surface.lstrip()[:1] in "$€£¥":
            name = q.surface.lstrip()[0] if q.surface.lstrip()[0] != "$" else "$"
        out.append(_figure(start, end, float(q.value), _unit(name)))
    return _no_overlaps(out)


def price_parser(text: str) -> list[Suggestion]:
    from price_parser import Price

    out = []
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        price = Price.fromstring(sentence)
        if price.amount is None or not price.amount_text:
            continue
        at = sentence.find(price.amount_text)
        if at < 0:
            continue
        start, end = s_start + at, s_start + at + len(price.amount_text)
        currency = price.currency
        if currency:
            c_at = sentence.rfind(currency, 0, at + 1)
            if c_at >= 0 and at - c_at <= len(currency) + 1:
                start = s_start + c_at
        out.append(_figure(start, end, float(price.amount), _unit(currency)))
    return out


def recognizers(text: str) -> list[Suggestion]:
    from recognizers_suite import (
        Culture,
        recognize_currency,
        recognize_datetime,
        recognize_dimension,
        recognize_number,
        recognize_percentage,
    )

    out = []
    for r in recognize_currency(text, Culture.English):
        res = r.resolution or {}
        if res.get("value") is None:
            continue
        unit = res.get("isoCurrency") or _unit(res.get("unit")) or None
        out.append(_figure(r.start, r.end + 1, float(res["value"]), unit))
    for r in recognize_percentage(text, Culture.English):
        value = str((r.resolution or {}).get("value", "")).rstrip("%")
        out.append(_figure(r.start, r.end + 1, float(value) if value else None, "percent"))
    for r in recognize_dimension(text, Culture.English):
        res = r.resolution or {}
        value = res.get("value")
        out.append(
            _figure(r.start, r.end + 1, float(value) if value else None, _unit(res.get("unit")))
        )
    for r in recognize_datetime(text, Culture.English):
        if r.type_name != "datetimeV2.duration":
            continue
        words = r.text.split()
        numbers = recognize_number(r.text, Culture.English)
        if not numbers or not words:
            continue
        value = float(numbers[0].resolution["value"])
        out.append(_figure(r.start, r.end + 1, value, _unit(words[-1])))
    for r in recognize_number(text, Culture.English):
        value = (r.resolution or {}).get("value")
        out.append(_figure(r.start, r.end + 1, float(value) if value else None, None))
    return _no_overlaps(out)


def ours(text: str) -> list[Suggestion]:
    return suggest(text, ["figure"])


LIBRARIES: dict[str, tuple[str, Finder]] = {
    "clipper rules": ("clipper", ours),
    "quantulum3": ("quantulum3", quantulum),
    "quantulum3 + counted noun": ("quantulum3", _with_counted(quantulum)),
    "price-parser": ("price_parser", price_parser),
    "Recognizers-Text": ("recognizers_suite", recognizers),
    "Recognizers-Text + counted noun": ("recognizers_suite", _with_counted(recognizers)),
}


def score(label: str, finder: Finder, folders: tuple[str, ...]) -> None:
    result = Evaluation()
    elapsed = 0.0
    for folder in folders:
        for gold_path in sorted((GOLD / folder).glob("*.jsonl")):
            text = article_text(gold_path)
            gold = [g for g in read_gold(gold_path) if g.tag == "figure"]
            t0 = time.process_time()  # CPU time: the machine is shared
            found = finder(text)
            elapsed += time.process_time() - t0
            evaluate_article(gold_path.stem, text, gold, found, result, ("figure",))
    row = result.as_dict()["figure"]
    where = "+".join(folders)
    emit(f"{label}: figure exact F1 ({where})", row["exact"]["f1"], "F1")
    emit(f"{label}: figure overlap F1 ({where})", row["overlap"]["f1"], "F1")
    emit(
        f"{label}: value+unit right of overlapping ({where})",
        row.get("value_unit_accuracy", 0.0),
        "share",
        matched=result.tags["figure"].values_checked,
        gold=row["gold"],
    )
    emit(f"{label}: CPU time ({where})", elapsed * 1000, "ms")


def main() -> None:
    for label, (module, finder) in LIBRARIES.items():
        if module != "clipper" and importlib.util.find_spec(module) is None:
            emit(f"{label}: skipped, not installed", 0, "-")
            continue
        try:
            finder("warm up: 3 people paid $5.")  # imports and loads the models, not timed
        except Exception as exc:  # a library that does not load is reported, not fatal
            emit(f"{label}: skipped, does not load ({type(exc).__name__}: {exc})", 0, "-")
            continue
        score(label, finder, HELD_OUT)
        score(label, finder, ("dev", "dev2"))
    table("Figures: clipper rules against libraries (same gold, same scoring)")


if __name__ == "__main__":
    main()

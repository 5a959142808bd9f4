"""Currencies written after the amount, with the country before them when it decides the
code ("100,000 Georgian lari" → GEL, "500 Mexican pesos" → MXN, "20 Kenyan shillings" → KES):
ISO 4217 codes, as the guidelines want for money.

Written for this project (the codes are ISO 4217's). A currency word shared by several
countries and written without one (``pesos``, ``dinars``) has no code: the figure then keeps
the word as its counted unit rather than a guessed code."""

from __future__ import annotations

import re

#: Currency words with one code whoever writes them (the plural and singular forms).
_WORD_CODES = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "pounds sterling": "GBP", "pound sterling": "GBP", "sterling": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "rupees": "INR",
    "korean won": "KRW", "south korean won": "KRW", "roubles": "RUB", "rubles": "RUB",
    "rand": "ZAR", "naira": "NGN", "shekels": "ILS", "baht": "THB", "ringgit": "MYR",
    "rupiah": "IDR", "swiss francs": "CHF", "lari": "GEL", "zloty": "PLN", "zlotys": "PLN",
    "zlotych": "PLN",
    "złoty": "PLN", "złotys": "PLN", "złotych": "PLN",  # the Polish spelling
    "forint": "HUF", "forints": "HUF", "hryvnia": "UAH", "hryvnias": "UAH",
    "hryvnias'": "UAH", "taka": "BDT", "lira": "TRY", "liras": "TRY", "lire": "TRY",
    "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "rial": "IRR",
    "rials": "IRR", "koruna": "CZK", "korunas": "CZK", "krona": "SEK", "kronor": "SEK",
    "cedi": "GHS", "cedis": "GHS", "birr": "ETB", "reais": "BRL", "lei": "RON", "leu": "RON",
    "leva": "BGN", "tenge": "KZT", "manat": "AZN", "dram": "AMD", "afghani": "AFN",
    "afghanis": "AFN", "kyat": "MMK", "dong": "VND", "riel": "KHR", "kip": "LAK",
    "tugrik": "MNT", "pula": "BWP", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY",
    "rmb": "CNY", "jpy": "JPY", "inr": "INR", "hkd": "HKD", "aud": "AUD", "cad": "CAD",
    "chf": "CHF", "nzd": "NZD", "sgd": "SGD", "krw": "KRW", "rub": "RUB", "zar": "ZAR",
    "brl": "BRL", "twd": "TWD",
}  # fmt: skip

#: The code when a country is written before the currency word.
_PLACE_CODES = {
    ("us", "dollar"): "USD", ("american", "dollar"): "USD", ("hong kong", "dollar"): "HKD",
    ("hk", "dollar"): "HKD", ("australian", "dollar"): "AUD", ("canadian", "dollar"): "CAD",
    ("new zealand", "dollar"): "NZD", ("singapore", "dollar"): "SGD",
    ("taiwan", "dollar"): "TWD", ("taiwanese", "dollar"): "TWD",
    ("new taiwan", "dollar"): "TWD", ("zimbabwean", "dollar"): "ZWL",
    ("namibian", "dollar"): "NAD", ("jamaican", "dollar"): "JMD",
    ("liberian", "dollar"): "LRD", ("fijian", "dollar"): "FJD",
    ("mexican", "peso"): "MXN", ("philippine", "peso"): "PHP", ("argentine", "peso"): "ARS",
    ("argentinian", "peso"): "ARS", ("chilean", "peso"): "CLP", ("colombian", "peso"): "COP",
    ("cuban", "peso"): "CUP", ("uruguayan", "peso"): "UYU", ("dominican", "peso"): "DOP",
    ("iraqi", "dinar"): "IQD", ("kuwaiti", "dinar"): "KWD", ("jordanian", "dinar"): "JOD",
    ("bahraini", "dinar"): "BHD", ("libyan", "dinar"): "LYD", ("algerian", "dinar"): "DZD",
    ("tunisian", "dinar"): "TND", ("serbian", "dinar"): "RSD",
    ("pakistani", "rupee"): "PKR", ("sri lankan", "rupee"): "LKR",
    ("nepalese", "rupee"): "NPR", ("nepali", "rupee"): "NPR", ("indian", "rupee"): "INR",
    ("mauritian", "rupee"): "MUR", ("indonesian", "rupiah"): "IDR",
    ("danish", "krone"): "DKK", ("norwegian", "krone"): "NOK", ("swedish", "krona"): "SEK",
    ("icelandic", "krona"): "ISK", ("kenyan", "shilling"): "KES",
    ("ugandan", "shilling"): "UGX", ("tanzanian", "shilling"): "TZS",
    ("somali", "shilling"): "SOS", ("saudi", "riyal"): "SAR", ("qatari", "riyal"): "QAR",
    ("iranian", "rial"): "IRR", ("omani", "rial"): "OMR", ("yemeni", "rial"): "YER",
    ("emirati", "dirham"): "AED", ("uae", "dirham"): "AED", ("moroccan", "dirham"): "MAD",
    ("turkish", "lira"): "TRY", ("lebanese", "lira"): "LBP", ("syrian", "lira"): "SYP",
    ("swiss", "franc"): "CHF", ("cfa", "franc"): "XOF", ("congolese", "franc"): "CDF",
    ("rwandan", "franc"): "RWF", ("guinean", "franc"): "GNF", ("zambian", "kwacha"): "ZMW",
    ("malawian", "kwacha"): "MWK", ("north korean", "won"): "KPW",
    ("south korean", "won"): "KRW", ("korean", "won"): "KRW", ("egyptian", "pound"): "EGP",
    ("lebanese", "pound"): "LBP", ("sudanese", "pound"): "SDG", ("syrian", "pound"): "SYP",
    ("british", "pound"): "GBP", ("georgian", "lari"): "GEL", ("polish", "zloty"): "PLN",
    ("polish", "złoty"): "PLN",
    ("hungarian", "forint"): "HUF", ("ukrainian", "hryvnia"): "UAH",
    ("bangladeshi", "taka"): "BDT", ("czech", "koruna"): "CZK", ("ghanaian", "cedi"): "GHS",
    ("ethiopian", "birr"): "ETB", ("brazilian", "real"): "BRL", ("romanian", "leu"): "RON",
    ("bulgarian", "lev"): "BGN", ("russian", "rouble"): "RUB", ("russian", "ruble"): "RUB",
    ("chinese", "yuan"): "CNY", ("japanese", "yen"): "JPY", ("thai", "baht"): "THB",
    ("malaysian", "ringgit"): "MYR", ("nigerian", "naira"): "NGN",
    ("south african", "rand"): "ZAR", ("israeli", "shekel"): "ILS",
}  # fmt: skip

_PLACES = sorted({place for place, _ in _PLACE_CODES} | {"u.s."}, key=lambda p: (-len(p), p))
_WORDS = sorted(
    set(_WORD_CODES)
    | {w for _, w in _PLACE_CODES}
    | {w + "s" for _, w in _PLACE_CODES if not w.endswith(("s", "a", "i", "u"))}
    | {"kroner"},
    key=lambda w: (-len(w), w),  # longest first; a fixed order whatever the hash seed
)
_WORDS.remove("won")  # "won" alone is the verb; only "Korean won" is money
#: A currency after the amount: " Hong Kong dollars", " pounds sterling", " Georgian lari",
#: " yuan", " USD"; ``of`` is set for "pounds of" (a weight).
CURRENCY_AFTER = re.compile(
    r" (?:(?P<place>" + "|".join(re.escape(p) for p in _PLACES) + r") )?"
    r"(?P<word>(?<=korean )won|" + "|".join(re.escape(w) for w in _WORDS) + r")\b(?P<of> of\b)?",
    re.IGNORECASE,
)


def _singular(word: str) -> str:
    if word in ("pesos", "dinars", "rupees", "shillings", "riyals", "rials", "dirhams"):
        return word[:-1]
    if word.endswith("s") and word[:-1] in {w for _, w in _PLACE_CODES}:
        return word[:-1]
    return {"kroner": "krone", "kronor": "krona", "reais": "real"}.get(word, word)


def currency_code(match: re.Match[str]) -> str | None:
    """The ISO 4217 code of :data:`CURRENCY_AFTER`'s match; None for "pounds of" (a
    weight), a currency word several countries use written without one ("pesos"), or a
    place and word that do not go together."""
    word = re.sub(r"\s+", " ", match.group("word").lower())
    if word in ("pound", "pounds") and match.group("of"):
        return None
    place = (match.group("place") or "").lower().replace(".", "").strip()
    if place:
        code = _PLACE_CODES.get((place, _singular(word)))
        if code is not None:
            return code
        if _singular(word) == "dollar":
            return "USD"
    return _WORD_CODES.get(word)


#: A weight word before pounds in the same clause: "weighed 82 pounds", "a weight of".
_WEIGHT_BEFORE = re.compile(
    r"\b(?:weigh|weighs|weighed|weighing|weight|weights)\b[^.;:!?\n]{0,30}$", re.I
)
#: A metric mass after pounds: "82 pounds (37 kg)".
_MASS_AFTER = re.compile(
    r"\s*[(\[,]\s*(?:about\s|around\s|some\s)?[\d.,]+\s?(?:kg|kilos?|kilograms?|g|grams?|"
    r"tonnes?|t)\b",
    re.I,
)


def weight_pounds(text: str, start: int, match: re.Match[str]) -> bool:
    """Whether "pounds" after the number at ``start`` is a weight, not money: a weight word
    before it in the clause ("weighed 82 pounds") or a metric mass after ("(37 kg)")."""
    if not match.group("word").lower().startswith("pound") or match.group("place"):
        return False
    return (
        _WEIGHT_BEFORE.search(text, max(0, start - 60), start) is not None
        or _MASS_AFTER.match(text, match.end()) is not None
    )

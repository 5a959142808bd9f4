"""How much a decoded text reads like real text: the scorer behind encoding detection.

A wrong code page shows up in the non-ASCII characters and their neighbours: C1 control
characters, symbols inside words (``d¤j``, ``Wa³êsa``), capitals inside lower-case words
(``ZoÎ``), Latin and Cyrillic letters mixed in one word (``Mьller``), letters glued to
figures (``Ł51.6m``), letters that no one language uses together (``Dvøák``), and letters the
document's language (found from its ASCII function words) does not use (``Espańa`` in a
Spanish text). Right readings show currency signs before figures, quotes at word edges and
letters of one language. Each scored character adds points; the caller compares readings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

# Letters (lower case) each language writes; a word's non-ASCII letters should fit one.
PROFILES: dict[str, str] = {
    "fr": "éèêëàâçîïôûùüÿœæ",
    "de": "äöüßé",
    "es": "áéíóúñü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíòóùúî",
    "ca": "àèéíïòóúüç",
    "nl": "éëïöüèáó",
    "nordic": "åäöæøéü",
    "is": "áðéíóúýþæö",
    "et": "äöõüšž",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ",
    "hr": "čćđšž",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзйклмнопрстуўфхцчшыьэюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш",
}
_PROFILE_SETS = {lang: frozenset(letters) for lang, letters in PROFILES.items()}
# Rough share of each non-ASCII letter among a language's non-ASCII letters (lower case).
_FREQUENCIES: dict[str, dict[str, float]] = {
    "fr": {"é": 50, "è": 8, "à": 12, "ê": 6, "ç": 3, "ô": 2, "î": 1.5, "â": 1.5, "û": 1,
           "ù": 1, "ë": 0.5, "ï": 0.7, "œ": 1, "ü": 0.1, "ÿ": 0.05, "æ": 0.05},
    "de": {"ä": 22, "ö": 12, "ü": 28, "ß": 10, "é": 1},
    "es": {"á": 14, "é": 20, "í": 20, "ó": 28, "ú": 5, "ñ": 12, "ü": 0.5},
    "pt": {"ã": 20, "ç": 12, "é": 18, "á": 15, "ó": 8, "ê": 8, "í": 8, "ô": 3, "õ": 4,
           "à": 2, "â": 2, "ú": 3},
    "it": {"à": 20, "è": 30, "é": 10, "ì": 7, "ò": 12, "ù": 15, "í": 0.5, "ó": 0.5},
    "ca": {"à": 25, "è": 20, "é": 15, "í": 10, "ï": 2, "ò": 12, "ó": 10, "ú": 3, "ü": 1,
           "ç": 5},
    "nl": {"ë": 30, "é": 40, "ï": 10, "ö": 8, "ü": 5, "è": 5, "á": 1, "ó": 1},
    "nordic": {"ä": 30, "ö": 20, "å": 25, "æ": 10, "ø": 12, "é": 1, "ü": 0.5},
    "is": {"á": 20, "ð": 25, "é": 5, "í": 12, "ó": 8, "ú": 7, "ý": 5, "þ": 10, "æ": 6, "ö": 8},
    "et": {"ä": 40, "õ": 25, "ö": 10, "ü": 25, "š": 1, "ž": 0.5},
    "pl": {"ą": 10, "ć": 4, "ę": 11, "ł": 20, "ń": 5, "ó": 10, "ś": 8, "ź": 1, "ż": 9},
    "cs": {"á": 20, "č": 10, "ď": 1, "é": 10, "ě": 14, "í": 18, "ň": 1, "ó": 0.5, "ř": 10,
           "š": 8, "ť": 0.5, "ú": 1.5, "ů": 5, "ý": 9, "ž": 8},
    "sk": {"á": 22, "ä": 1, "č": 8, "ď": 2, "é": 6, "í": 14, "ĺ": 0.5, "ľ": 4, "ň": 1.5,
           "ó": 1, "ô": 2, "ŕ": 0.3, "š": 8, "ť": 3, "ú": 6, "ý": 9, "ž": 7},
    "hu": {"á": 25, "é": 30, "í": 5, "ó": 8, "ö": 8, "ő": 7, "ú": 2, "ü": 5, "ű": 2},
    "ro": {"ă": 40, "â": 10, "î": 10, "ș": 20, "ş": 5, "ț": 15, "ţ": 5},
    "hr": {"č": 25, "ć": 15, "đ": 8, "š": 30, "ž": 25},
    "cyrillic": {"о": 11, "е": 8.5, "а": 8, "и": 7.4, "н": 6.7, "т": 6.3, "с": 5.5, "р": 4.7,
                 "в": 4.5, "л": 4.4, "к": 3.5, "м": 3.2, "д": 3, "п": 2.8, "у": 2.6, "я": 2,
                 "ы": 1.9, "ь": 1.7, "г": 1.7, "з": 1.6, "б": 1.6, "ч": 1.4, "й": 1.2, "х": 1,
                 "ж": 0.9, "ш": 0.7, "ю": 0.6, "ц": 0.5, "щ": 0.4, "э": 0.3, "ф": 0.3,
                 "і": 1, "ї": 0.3, "є": 0.3, "ґ": 0.05, "ў": 0.2, "ъ": 0.1, "ё": 0.1,
                 "ђ": 0.1, "ј": 0.5, "љ": 0.2, "њ": 0.2, "ћ": 0.2, "џ": 0.05},
}  # fmt: skip
# Scale, so that a language with many letters is not at a disadvantage.
_ALPHABET_SIZE = dict.fromkeys(_FREQUENCIES, 10.0) | {"cyrillic": 33.0}
_LOG_FREQUENCIES = {
    lang: {c: math.log(n / sum(shares.values()) * _ALPHABET_SIZE[lang]) for c, n in shares.items()}
    for lang, shares in _FREQUENCIES.items()
}
_UNSEEN = math.log(0.02)
#: Weight of the letter-frequency (language model) term per letter.
LM_WEIGHT = 1.0
_ALL_PROFILE_LETTERS = frozenset("".join(PROFILES.values()))
# How common a non-ASCII letter is in the languages newsrooms write (default: -1).
_LETTER_WEIGHT: dict[str, float] = {
    **dict.fromkeys("éèàçêôüöäßáíóúñ", 2.0),
    **dict.fromkeys("ëïîûùâœãõåøæąćęłńśźżčřšžěůýőű", 1.5),
    **dict.fromkeys("ìòťďňăîșțşţ", 1.0),
    **dict.fromkeys("ðþĺľŕđ", 0.0),
    **dict.fromkeys("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў", 2.0),
    **dict.fromkeys("ђјљњћџ", 1.0),
}
# Non-ASCII words of one letter that exist.
_ONE_LETTER_WORDS = frozenset("àáéèóòùúíôâ" + "вискоуая")
# ASCII function words that tell a document's language (non-ASCII ones would depend on
# the encoding being judged, so they are left out).
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for was on with as by at from it his her said are be "
        "has have this which not but were an they their will been who would after",
        "fr": "le la les des et est du une un dans que qui pour pas sur au avec par il elle "
        "ont sont ce se plus ne son sa aux mais nous vous leur ses cette",
        "de": "der die das und ist nicht ein eine den dem des mit sich auf von zu im auch es "
        "sie wird sind wir bei nach aus noch hat wurde einen",
        "es": "el los las del que y en un una por con para se es su al lo como pero sus le "
        "fue ha este esta entre",
        "it": "il di che un una per non del della sono con si gli da nel alla anche questo "
        "ha nella delle dei",
        "pt": "o os as do da que um uma para com em no na por mais foi ao dos das ele ela seu sua",
        "nl": "het een van en op dat niet te met voor zijn die er aan ook wordt werd naar",
        "pl": "i w na z nie to do jest co jak ale o po od za dla tak przez jego przy oraz",
        "cs": "a v na se je to do pro jak ale od po tak jsou by jako ve podle",
    }.items()
}
_QUOTES = frozenset("“”„«»‹›‘’‚\"'")
_APOSTROPHES = frozenset("’ʼ'")
_CURRENCY = frozenset("£€¥$")
_PUNCTUATION_OK = frozenset("–—…•·\u00a0°§©®™‰×±¼½¾¹²³ºª¿¡¶µ\u2009\u202f¢")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_COMMON = (
    frozenset("".join(PROFILES.values()).upper() + "".join(PROFILES.values()))
    | _QUOTES
    | _CURRENCY
    | _PUNCTUATION_OK
)
_WORD = re.compile(r"(?<![A-Za-z\x80-\U0010ffff])[A-Za-z]{1,20}(?![A-Za-z\x80-\U0010ffff])")
_LANGUAGE_SAMPLE = 200_000
_WORD_REACH = 30


def is_common_character(char: str) -> bool:
    """A non-ASCII character real Western or Cyrillic text uses often."""
    return char in _COMMON


def document_language(text: str | bytes) -> str | None:
    """The language whose ASCII function words occur most (at least 3 times and clearly
    ahead of the next), or ``None``."""
    if isinstance(text, bytes):
        text = text[:_LANGUAGE_SAMPLE].decode("latin-1")
    counts = dict.fromkeys(STOPWORDS, 0)
    for match in _WORD.finditer(text, 0, _LANGUAGE_SAMPLE):
        word = match.group().lower()
        for lang, words in STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, hits), (_, second) = ranked[0], ranked[1]
    return best if hits >= 3 and hits >= 1.5 * second else None


def _script(char: str) -> str:
    if char.isascii():
        return "latin"
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return "other"


class Scorer:
    """Scores characters of one decoded text (see the module docstring)."""

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.language = language
        self.profile = _PROFILE_SETS.get(language or "")
        self._words: dict[int, float] = {}

    def score(self, positions: Iterable[int]) -> float:
        """Sum of the scores of the characters at ``positions`` (non-ASCII ones), plus how
        likely their letters are in the language that fits them best."""
        positions = list(positions)
        return sum(self.char_score(i) for i in positions) + self.letters_score(positions)

    def letters_score(self, positions: Iterable[int]) -> float:
        """Log-likelihood of the non-ASCII letters under the best-fitting language
        (Latin letters) plus under Cyrillic letter frequencies (Cyrillic letters)."""
        latin: dict[str, int] = {}
        cyrillic = 0.0
        table = _LOG_FREQUENCIES["cyrillic"]
        for i in positions:
            char = self.text[i]
            if not char.isalpha() or char.isascii():
                continue
            lower = char.lower()
            if "\u0400" <= lower <= "\u04ff":
                # Capitals are rarer: KOI8-R read as cp1251 turns small letters into them.
                cyrillic += table.get(lower, _UNSEEN) - (0.5 if char.isupper() else 0.0)
            elif lower < "\u0250":  # Latin letters; other scripts are judged elsewhere
                latin[lower] = latin.get(lower, 0) + 1
        if not latin:
            return LM_WEIGHT * cyrillic
        languages = (
            [self.language]
            if self.language in _LOG_FREQUENCIES
            else [lang for lang in _LOG_FREQUENCIES if lang != "cyrillic"]
        )
        best = max(
            sum(n * _LOG_FREQUENCIES[lang].get(c, _UNSEEN) for c, n in latin.items())
            for lang in languages
        )
        return LM_WEIGHT * (best + cyrillic)

    def score_all(self) -> float:
        """Every character: ASCII printable ones count +1 (for readings of wide encodings,
        where a wrong byte order turns ASCII into CJK or unassigned characters)."""
        total = 0.0
        others: list[int] = []
        for i, char in enumerate(self.text):
            if " " <= char <= "~" or char in "\n\r\t":
                total += 1.0
            elif ord(char) > 0xFF and not ord(char) & 0xFF:
                total -= 3.0  # 洀攀琀: ASCII in the other byte order
            else:
                others.append(i)
        return total + self.score(others)

    def char_score(self, i: int) -> float:
        text = self.text
        char = text[i]
        if char.isascii():
            return 0.0 if char >= " " or char in _ALLOWED_CONTROLS or char == "\x1a" else -10.0
        category = unicodedata.category(char)
        if category in ("Cc", "Cn", "Co", "Cs", "Cf") and char not in "\u00ad\u200b\u200d":
            return -10.0
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if "\u2e80" <= char <= "\ud7af" or "\uff01" <= char <= "\uffef":
            return _east_asian_score(char, before, after)
        if char.isalpha():
            return self._letter_score(i, char, before, after)
        return self._symbol_score(i, char, before, after)

    def _letter_score(self, i: int, char: str, before: str, after: str) -> float:
        lower = char.lower()
        score = _LETTER_WEIGHT.get(lower, -1.0)
        if char.isupper() and before.isalpha() and before.islower():
            score -= 4.0  # ZoÎ, пРИВЕТ
        if before.isdigit() or after.isdigit():
            score -= 1.5  # Ł51.6m
        if not before.isalpha() and not after.isalpha() and lower not in _ONE_LETTER_WORDS:
            score -= 2.0
        if lower == "ñ" and after.isalpha() and after.lower() not in "aeiouáéíóú":
            score -= 4.0  # Spanish ñ comes before a vowel: amerykañski is amerykański
        score += self._word_score(i)
        if self.profile is not None and _script(char) == "latin":
            score += 1.5 if lower in self.profile else -1.5
        return score

    def _word_score(self, i: int) -> float:
        """Per-letter penalty for a word mixing scripts, cases or languages (cached)."""
        text = self.text
        start = i
        while start > 0 and i - start < _WORD_REACH and text[start - 1].isalpha():
            start -= 1
        if start in self._words:
            return self._words[start]
        end = i + 1
        while end < len(text) and end - i < _WORD_REACH and text[end].isalpha():
            end += 1
        word = text[start:end]
        scripts = {_script(c) for c in word}
        penalty = 0.0
        if len(scripts) > 1:
            penalty -= 6.0  # Mьller, Zoл
        elif "latin" in scripts:
            special = {c for c in word.lower() if not c.isascii()}
            if special and not any(special <= letters for letters in _PROFILE_SETS.values()):
                penalty -= 3.0  # Dvøák, Ïðèâåò: no language writes these letters together
            if len(word) >= 4 and sum(not c.isascii() for c in word) * 4 >= len(word) * 3:
                penalty -= 2.0  # àíèè: Cyrillic read as Latin-1
        elif "cyrillic" in scripts and len(word) >= 3:
            inner_capitals = sum(c.isupper() for c in word[1:])
            if 0 < inner_capitals < len(word) - 1:
                penalty -= 3.0  # ПрИвЕт: KOI8-R read as cp1251 or the other way round
        self._words[start] = penalty
        return penalty

    def _symbol_score(self, i: int, char: str, before: str, after: str) -> float:
        if before.isalpha() and after.isalpha():
            if char in _APOSTROPHES:
                return 1.0  # don’t
            if char in "´`":
                return 0.5  # don´t: a common typing slip
            if char in "-‐‑·":
                return 0.5
            return -5.0  # c½ur, d¤j, Wa³êsa
        if char in _CURRENCY:
            following = self.text[i + 2] if i + 2 < len(self.text) else ""
            near_figure = (
                after.isdigit()
                or before.isdigit()
                or (after in " \u00a0" and following.isdigit())
                or (before in " \u00a0" and i > 1 and self.text[i - 2].isdigit())
            )
            return 3.0 if near_figure else 0.0
        if char in _QUOTES:
            edge = not before.isalnum() or not after.isalnum()
            return 1.5 if edge else 0.0
        if char == "©" and after.isalpha():
            return -2.0  # ©védsko
        if char == "°":
            return 1.0 if before.isdigit() or after in "CF" else -1.0
        if char in "¿¡":
            return 1.0 if after.isupper() else 0.0 if after.isalpha() else -1.0
        if char in "¼½¾":
            return 0.5 if before.isdigit() or not before.isalpha() else -2.0
        if char in _PUNCTUATION_OK:
            return 0.5
        return -2.0  # ¤ ¦ ¨ ¸ ¬ ¯ ˇ ˘ ˛ ˝ ˙ ƒ † ‡, box drawing


# East Asian text: kana, hangul and CJK punctuation are strong signs; a Han character is
# weaker evidence (most byte pairs decode to one), and one inside a Latin word is a misreading.
_CJK_PUNCTUATION = frozenset("、。〈〉《》「」『』【】〔〕・ー，．：；？！（）％")


def _east_asian_score(char: str, before: str, after: str) -> float:
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return -3.0  # M黮ler, Stra﨎: Müller, Straße read as GB18030
    if _is_hangul(char) != _is_hangul(before) and _is_han_or_kana(before) != _is_han_or_kana(char):
        return -2.0  # 벌蛟牘悧: Chinese read as EUC-KR mixes hangul and Han in a word
    if _is_hangul(char) != _is_hangul(after) and _is_han_or_kana(after) != _is_han_or_kana(char):
        return -2.0
    if char in _CJK_PUNCTUATION:
        return 3.0
    if "\u3041" <= char <= "\u30ff" or "\uac00" <= char <= "\ud7a3":
        return 2.0  # kana, hangul syllables
    if "\u4e00" <= char <= "\u9fff":
        return 1.0
    if "\uff61" <= char <= "\uff9f":
        return -3.0  # half-width katakana: what cp932 makes of cp1252's £ (｣)
    return -1.0


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _is_han_or_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff"

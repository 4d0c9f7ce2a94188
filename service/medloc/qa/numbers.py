"""Numbers: the numbers of a translation, read in its locale's conventions, equal the source's.

A number is a value and a unit (``""``, ``"%"``, ``"°"`` for degrees Celsius or unspecified,
``"°F"``). Native digits (Arabic-Indic, fullwidth...) are read with `unicodedata.decimal`; the
decimal and group symbols come from Babel for the locale (``0,5`` is one half in ``de``,
``1.000`` is a thousand). A range (``60\u201380 %``, ``60 % à 80 %``, ``60% to 80%``) is two
numbers, and a unit written once applies to both ends. Spelled-out small numbers (``two``, ``zwei``,
``两``) may stand for digits on the other side but are never required, so ``un``/``ein``/``一``
used as articles cause no finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from medloc.tags import locale_tag

from ._memo import SourceMemo

__all__ = ["Number", "compare", "extract", "spelled_words"]

Number = tuple[str, str]  # (canonical value, unit)

SOURCE_LOCALE = "en"

_ANY_DIGIT = re.compile(r"\d")
_DIGITS = r"\d+(?:[.,\u066b\u066c\u00a0\u202f\u2009 ]\d+)*"
_SPACES = "\u0020\u00a0\u202f\u2009"
_NOISE = re.compile(r"\]\([^)]*\)|%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}|&#?\w+;")

_UNIT_RE = re.compile(
    r"[ \t\u00a0\u202f\u2009]*(?:"
    r"(?P<pct>%|٪|\uff05|percent\b|per\s+cent\b|por\s+ciento\b|pour\s*cent\b|prozent\b"
    r"|por\s+cento\b|بالمئة|بالمائة|في\s+المئة|في\s+المائة)"
    r"|(?P<degf>[°º]\s*F\b|℉|degrees?\s+fahrenheit\b|grados\s+fahrenheit\b"
    r"|degrés\s+fahrenheit\b|grad\s+fahrenheit\b|graus\s+fahrenheit\b|华氏度|(?:درجة|درجات)\s+فهرنهايت)"
    r"|(?P<deg>[°º]\s*C\b|°\s*م|℃|°|degrees?(?:\s+(?:celsius|centigrade)\b)?"
    r"|grados?(?:\s+(?:celsius|centígrados)\b)?|degrés?(?:\s+celsius\b)?|grad(?:\s+celsius)?\b"
    r"|graus?(?:\s+(?:celsius|centígrados)\b)?|(?:درجة|درجات)(?:\s+مئوية)?|摄氏度|度)"
    r")",
    re.IGNORECASE,
)
_PREFIX_PCT = re.compile(r"(?:百分之|[%٪])\s*$")
_CONNECTOR = re.compile(
    r"\s*(?:[-\u2013\u2014~\u301c\uff5e]|to|a|à|al|au|bis|até|e|y|et|und|and|or|o|ou|oder|إلى|الى|و|至|到|或)\s*",
    re.IGNORECASE,
)

# Spelled-out numbers per language: "word:value" for units and teens, for tens, and the words
# joining tens to units ("twenty-four", "treinta y dos").
_WORD_TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "en": (
        "zero:0 one:1 once:1 two:2 twice:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9"
        " ten:10 eleven:11 twelve:12",
        "twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100",
        ("-", " "),
    ),
    "es": (
        "cero:0 uno:1 una:1 un:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 nueve:9"
        " diez:10 once:11 doce:12",
        "veinte:20 treinta:30 cuarenta:40 cincuenta:50 sesenta:60 setenta:70 ochenta:80"
        " noventa:90 cien:100",
        (" y ",),
    ),
    "fr": (
        "z\u00e9ro:0 un:1 une:1 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9 dix:10"
        " onze:11 douze:12",
        "vingt:20 trente:30 quarante:40 cinquante:50 soixante:60 soixante-dix:70"
        " quatre-vingt:80 quatre-vingts:80 quatre-vingt-dix:90 cent:100",
        ("-", "-et-", " et "),
    ),
    "de": (
        "null:0 ein:1 eins:1 eine:1 einen:1 einem:1 einer:1 eines:1 einmal:1 zwei:2 zweimal:2"
        " drei:3 vier:4 f\u00fcnf:5 sechs:6 sieben:7 acht:8 neun:9 zehn:10 elf:11"
        " zw\u00f6lf:12",
        "zwanzig:20 drei\u00dfig:30 vierzig:40 f\u00fcnfzig:50 sechzig:60 siebzig:70 achtzig:80"
        " neunzig:90 hundert:100",
        (),
    ),
    "pt": (
        "zero:0 um:1 uma:1 dois:2 duas:2 tr\u00eas:3 quatro:4 cinco:5 seis:6 sete:7 oito:8"
        " nove:9 dez:10 onze:11 doze:12",
        "vinte:20 trinta:30 quarenta:40 cinquenta:50 sessenta:60 setenta:70 oitenta:80"
        " noventa:90 cem:100",
        (" e ",),
    ),
    "ar": (
        # with the duals that mean "two ..." on their own (two years, two hours...)
        "صفر:0 واحد:1 واحدة:1 مرة:1 اثنان:2 اثنين:2 اثنتان:2 اثنتين:2 مرتين:2 مرتان:2"
        " سنتين:2 سنتان:2 عامين:2 عامان:2 شهرين:2 شهران:2 يومين:2 يومان:2 ساعتين:2"
        " ساعتان:2 أسبوعين:2 أسبوعان:2 ثلاثة:3 ثلاث:3 أربعة:4 أربع:4 خمسة:5 خمس:5 ستة:6"
        " ست:6 سبعة:7 سبع:7 ثمانية:8 ثماني:8 ثمان:8 تسعة:9 تسع:9 عشرة:10 عشر:10",
        "عشرون:20 عشرين:20 ثلاثون:30 ثلاثين:30 أربعون:40 أربعين:40 خمسون:50 خمسين:50"
        " ستون:60 ستين:60 سبعون:70 سبعين:70 ثمانون:80 ثمانين:80 تسعون:90 تسعين:90"
        " مائة:100 مئة:100",
        (),
    ),
}


def _table(text: str) -> dict[str, int]:
    return {word: int(value) for word, _, value in (item.partition(":") for item in text.split())}


_WORDS: dict[str, tuple[dict[str, int], dict[str, int], tuple[str, ...]]] = {
    lang: (_table(small), _table(tens), joiners)
    for lang, (small, tens, joiners) in _WORD_TABLES.items()
}
_AR_PREFIX = "(?:و|ف|ب|ل|وال|ال|بال|لل)?"
_ZH_NUMERALS = "零\u3007一二两三四五六七八九十百千万"
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"\u3007": 0, "两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def _language(locale: str) -> str:
    return locale_tag(locale).language


def spelled_words(locale: str) -> dict[str, int]:
    """Every spelled-out number word known for the locale's language (lower case)."""
    small, tens, _ = _WORDS.get(_language(locale), ({}, {}, ()))
    return small | tens


def _alternation(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _locale_data(locale: str) -> tuple[re.Pattern[str], frozenset[str], frozenset[str], bool]:
    """(token regex, decimal symbols, group symbols, spaces group) for one locale, cached."""
    lang = _language(locale)
    try:
        decimal = get_decimal_symbol(locale_tag(locale).babel)
        group = get_group_symbol(locale_tag(locale).babel)
    except Exception:  # unknown to CLDR: fall back to English conventions
        decimal, group = ".", ","
    alternatives = [f"(?P<d>{_DIGITS})"]
    if lang in _WORDS:
        small, tens, joiners = _WORDS[lang]
        pre = _AR_PREFIX if lang == "ar" else ""
        if tens and joiners and small:
            join = "|".join(re.escape(j) for j in joiners)
            units = _alternation({w: v for w, v in small.items() if 0 < v < 10})
            alternatives.append(
                rf"(?<!\w){pre}(?P<t>{_alternation(tens)})(?:(?:{join})(?P<u>{units}))?(?!\w)"
            )
            alternatives.append(rf"(?<!\w){pre}(?P<w>{_alternation(small)})(?!\w)")
        else:
            alternatives.append(rf"(?<!\w){pre}(?P<w>{_alternation(small | tens)})(?!\w)")
    if lang == "zh":
        alternatives.append(f"(?P<z>(?:(?!百分之)[{_ZH_NUMERALS}])+)")
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
    decimals = frozenset({decimal, "\u066b"})
    groups = frozenset({group, "\u066c"})
    return pattern, decimals, groups, group.isspace() or group in _SPACES


def _ascii(digits: str) -> str:
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.decimal(c)) for c in digits)


def _canonical(integer: str, fraction: str = "") -> str:
    integer = _ascii(integer).lstrip("0") or "0"
    fraction = _ascii(fraction).rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


_SPLIT = re.compile(r"(\d+)")


def _read_digits(
    token: str, decimals: frozenset[str], groups: frozenset[str], spaced: bool
) -> list[str]:
    """One digit token -> one or more canonical values, in the locale's conventions."""
    parts = _SPLIT.split(token)[1:-1]  # digits, sep, digits, sep, ..., digits
    values: list[str] = []
    integer, fraction = parts[0], None
    for i in range(1, len(parts), 2):
        sep, digits = parts[i], parts[i + 1]
        if fraction is None and sep in decimals:
            fraction = digits
        elif (
            fraction is None and len(digits) == 3 and (sep in groups or (spaced and sep in _SPACES))
        ):
            integer += digits
        elif fraction is None and sep in ".,":
            fraction = digits  # the other convention's decimal point: read leniently
        else:
            values.append(_canonical(integer, fraction or ""))
            integer, fraction = digits, None
    values.append(_canonical(integer, fraction or ""))
    return values


def _read_zh(numeral: str) -> str:
    if len(numeral) > 1 and all(c in _ZH_DIGITS for c in numeral):
        return _canonical("".join(str(_ZH_DIGITS[c]) for c in numeral))  # 二〇二六
    total = section = number = 0
    for c in numeral:
        if c in _ZH_DIGITS:
            number = _ZH_DIGITS[c]
        elif c in _ZH_UNITS:
            section += (number or 1) * _ZH_UNITS[c]
            number = 0
        else:  # 万
            total += (section + number or 1) * 10000
            section = number = 0
    return str(total + section + number)


def _unit(match: re.Match[str] | None) -> str:
    if match is None:
        return ""
    if match.group("pct"):
        return "%"
    return "°F" if match.group("degf") else "°"


def extract(text: str, locale: str) -> tuple[Counter[Number], Counter[Number]]:
    """(numbers written in digits, numbers spelled out) of a text in the locale's conventions."""
    pattern, decimals, groups, spaced = _locale_data(locale)
    text = _NOISE.sub(" ", text)
    # (start, end, values, unit, spelled)
    tokens: list[tuple[int, int, list[str], str, bool]] = []
    last_end = 0
    for m in pattern.finditer(text):
        kind = m.lastgroup
        if m.group("d") is not None:
            values, spelled = _read_digits(m.group("d"), decimals, groups, spaced), False
        elif kind == "z":
            values, spelled = [_read_zh(m.group("z"))], True
        elif m.groupdict().get("t") is not None:
            small, tens, _ = _WORDS[_language(locale)]
            value = tens[m.group("t").lower()] + (
                small[m.group("u").lower()] if m.group("u") else 0
            )
            values, spelled = [str(value)], True
        else:
            values, spelled = [str(spelled_words(locale)[m.group("w").lower()])], True
        unit_match = _UNIT_RE.match(text, m.end())
        unit = _unit(unit_match)
        end = unit_match.end() if unit_match else m.end()
        if not unit:
            prefix = _PREFIX_PCT.search(text, max(last_end, m.start() - 4), m.start())
            unit = "%" if prefix else ""
        tokens.append((m.start(), end, values, unit, spelled))
        last_end = end
    # a unit written on one end of a range applies to the other end
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if bool(a[3]) != bool(b[3]) and _CONNECTOR.fullmatch(text, a[1], b[0]):
            unit = a[3] or b[3]
            tokens[i], tokens[i + 1] = (*a[:3], unit, a[4]), (*b[:3], unit, b[4])
    digits: Counter[Number] = Counter()
    words: Counter[Number] = Counter()
    for _, _, values, unit, spelled in tokens:
        (words if spelled else digits).update((v, unit) for v in values)
    return digits, words


def _numbers_of_source(source: str) -> tuple[Counter[Number], Counter[Number]]:
    return extract(source, SOURCE_LOCALE)


_source_numbers = SourceMemo(_numbers_of_source)


def _show(numbers: Counter[Number]) -> str:
    return ", ".join(
        repr(f"{value}{unit}") for (value, unit), n in sorted(numbers.items()) for _ in range(n)
    )


def compare(source: str, translation: str, locale: str) -> str | None:
    """None when the numbers agree, else a message saying which differ and how to fix it."""
    if not (_ANY_DIGIT.search(source) or _ANY_DIGIT.search(translation)):
        return None  # spelled-out numbers alone are never required
    s_digits, s_words = _source_numbers(source)
    t_digits, t_words = extract(translation, locale)
    if s_digits == t_digits:
        return None
    missing = (s_digits - t_digits) - t_words
    extra = (t_digits - s_digits) - s_words
    if not missing and not extra:
        return None
    parts = []
    if missing:
        parts.append(f"the source has {_show(missing)} but the translation does not")
    if extra:
        parts.append(f"the translation has {_show(extra)} that the source does not")
    return (
        "numbers differ: " + "; ".join(parts) + f". Write every number of the source, with the"
        f" decimal separator {sorted(_locale_data(locale)[1])[0]!r} of {locale}"
    )

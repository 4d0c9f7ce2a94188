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

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from medloc.tags import locale_tag

from ._memo import SourceMemo
from .number_words import WORD_TABLES
from .units import unit_table

__all__ = ["Number", "Token", "compare", "extract", "spelled_words", "tokens"]

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
_RANGE = re.compile(
    r"\s*(?:[-\u2013\u2014~\u301c\uff5e]|to|a|à|al|au|bis|até|y|e|et|und|and|إلى|الى|و|至|到)\s*",
    re.IGNORECASE,
)
"""What joins the two ends of a range (not "or"): its order is the source's."""


def _table(text: str) -> dict[str, int]:
    return {word: int(value) for word, _, value in (item.partition(":") for item in text.split())}


_WORDS: dict[str, tuple[dict[str, int], dict[str, int], tuple[str, ...]]] = {
    lang: (_table(small), _table(tens), joiners)
    for lang, (small, tens, joiners) in WORD_TABLES.items()
}
_AR_PREFIX = "(?:و|ف|ب|ل|وال|ال|بال|لل)?"
_ZH_NUMERALS = "零\u3007一二两三四五六七八九十百千万"
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"\u3007": 0, "两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


@cache  # asked for every message
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
            words = (
                rf"{pre}(?P<t>{_alternation(tens)})(?:(?:{join})(?P<u>{units}))?(?!\w)"
                rf"|{pre}(?P<w>{_alternation(small)})(?!\w)"
            )
        else:
            words = rf"{pre}(?P<w>{_alternation(small | tens)})(?!\w)"
        # a word starts after no word character: asked once for every alternative, as the
        # engine tries the pattern at each position of a text
        alternatives.append(rf"(?<!\w)(?:{words})")
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


@dataclass(frozen=True)
class Token:
    """A number (or the numbers of one digit group) in a text, with its unit."""

    start: int
    end: int
    values: tuple[str, ...]
    unit: str
    spelled: bool


def _values(m: re.Match[str], locale: str) -> tuple[list[str], bool]:
    """(values, spelled) of one match of the locale's number pattern."""
    if m.group("d") is not None:
        _, decimals, groups, spaced = _locale_data(locale)
        return _read_digits(m.group("d"), decimals, groups, spaced), False
    if m.lastgroup == "z":
        return [_read_zh(m.group("z"))], True
    if m.groupdict().get("t") is not None:
        small, tens, _ = _WORDS[_language(locale)]
        value = tens[m.group("t").lower()] + (small[m.group("u").lower()] if m.group("u") else 0)
        return [str(value)], True
    return [str(spelled_words(locale)[m.group("w").lower()])], True


def _unit_after(text: str, pos: int, locale: str) -> tuple[str, int]:
    """(unit key, end) of the unit written right after a number ending at ``pos``."""
    match = _UNIT_RE.match(text, pos)
    if match is not None:
        return _unit(match), match.end()
    found = unit_table(locale).unit_after(text, pos)
    return found if found is not None else ("", pos)


def tokens(text: str, locale: str) -> list[Token]:
    """Every number of a text in the locale's conventions, in order, each with its unit; a
    unit written on one end of a range applies to the other end."""
    table = unit_table(locale)
    text = _NOISE.sub(" ", text)
    found: list[Token] = []
    last_end = 0
    for m in _locale_data(locale)[0].finditer(text):
        values, spelled = _values(m, locale)
        unit, end = _unit_after(text, m.end(), locale)
        if not unit and _PREFIX_PCT.search(text, max(last_end, m.start() - 4), m.start()):
            unit = "%"
        found.append(Token(m.start(), end, tuple(values), unit, spelled))
        last_end = end
    if table.spelled_re is not None:  # a unit form that is a quantity: Arabic "سنتين"
        for m in table.spelled_re.finditer(text):
            if not any(t.start <= m.start() < t.end for t in found):
                value, unit = table.spelled[m.group("s").lower()]
                found.append(Token(m.start(), m.end(), (value,), unit, True))
        found.sort(key=lambda t: t.start)
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if bool(a.unit) != bool(b.unit) and _CONNECTOR.fullmatch(text, a.end, b.start):
            found[i] = replace(a, unit=a.unit or b.unit)
            found[i + 1] = replace(b, unit=a.unit or b.unit)
    return found


def _counts(found: list[Token]) -> tuple[Counter[Number], Counter[Number]]:
    digits: Counter[Number] = Counter()
    words: Counter[Number] = Counter()
    for token in found:
        (words if token.spelled else digits).update((v, token.unit) for v in token.values)
    return digits, words


def extract(text: str, locale: str) -> tuple[Counter[Number], Counter[Number]]:
    """(numbers written in digits, numbers spelled out) of a text in the locale's conventions."""
    return _counts(tokens(text, locale))


@dataclass(frozen=True)
class _SourceNumbers:
    digits: Counter[Number]
    words: Counter[Number]
    ranges: frozenset[tuple[str, str]]


def _ranges(text: str, found: list[Token]) -> list[tuple[str, str]]:
    """(low end, high end) as written, of every range: two numbers joined by a range word."""
    if len(found) < 2:
        return []
    text = _NOISE.sub(" ", text)
    return [
        (a.values[-1], b.values[0])
        for a, b in itertools.pairwise(found)
        if _RANGE.fullmatch(text, a.end, b.start)
    ]


def _numbers_of_source(source: str) -> _SourceNumbers:
    found = tokens(source, SOURCE_LOCALE)
    digits, words = _counts(found)
    return _SourceNumbers(digits, words, frozenset(_ranges(source, found)))


_source_numbers = SourceMemo(_numbers_of_source)

_SYMBOLS = frozenset({"", "%", "°", "°F"})
_LENIENT = frozenset({"mm", "cm", "m", "km", "µg", "mg", "g", "kg", "ml", "l"})
"""Measures whose name a translation may write in a form CLDR lacks (Arabic ``ملغ``): a value
with such a unit in the source is matched by the same value without a known unit."""


def _show_one(value: str, unit: str) -> str:
    if unit in _SYMBOLS:
        return repr(f"{value}{unit}")
    plural = "s" if value != "1" and unit in _DURATIONS else ""
    return repr(f"{value} {unit}{plural}")


_DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _show(numbers: Counter[Number]) -> str:
    return ", ".join(
        _show_one(value, unit) for (value, unit), n in sorted(numbers.items()) for _ in range(n)
    )


def _forgive(missing: Counter[Number], extra: Counter[Number]) -> None:
    """Take out of both what is the same quantity written otherwise: a measure of the source
    written with a unit name CLDR lacks, and an age (a bare number of the source, "people
    over 65") that the translation writes in years ("mayores de 65 años"), as CLDR's
    ``duration-year-person`` does."""
    for (value, unit), n in list(missing.items()):
        other = (value, "") if unit in _LENIENT else (value, "year") if unit == "" else None
        if other is not None and extra[other]:
            common = min(n, extra[other])
            missing[(value, unit)] -= common
            extra[other] -= common
    missing += Counter()
    extra += Counter()


def _turned(source: _SourceNumbers, text: str, found: list[Token]) -> list[str]:
    """The ranges of the translation written the other way round from the source's."""
    if not source.ranges:
        return []  # no range of the source to turn
    return [
        f"the range {low}\u2013{high} is written {high} to {low}"
        for high, low in _ranges(text, found)
        if (low, high) in source.ranges and (high, low) not in source.ranges and low != high
    ]


def compare(source: str, translation: str, locale: str) -> str | None:
    """None when the quantities agree, else a message saying which differ and how to fix it."""
    if not (_ANY_DIGIT.search(source) or _ANY_DIGIT.search(translation)):
        return None  # spelled-out numbers alone are never required
    want = _source_numbers(source)
    found = tokens(translation, locale)
    t_digits, t_words = _counts(found)
    parts = _turned(want, translation, found)
    if want.digits != t_digits:
        missing = (want.digits - t_digits) - t_words
        extra = (t_digits - want.digits) - want.words
        _forgive(missing, extra)
        if missing:
            parts.append(f"the source has {_show(missing)} but the translation does not")
        if extra:
            parts.append(f"the translation has {_show(extra)} that the source does not")
    if not parts:
        return None
    return (
        "numbers differ: " + "; ".join(parts) + ". Write every number of the source with its"
        " unit (any form of the unit: 'h', 'hours'...) and ranges in the source's order, with"
        f" the decimal separator {sorted(_locale_data(locale)[1])[0]!r} of {locale}"
    )

"""Unit display names of a locale, from CLDR through Babel, for reading quantities.

`unit_table(locale)` is built at first use and cached: every long, short and narrow name of the
units a patient article measures in (durations from seconds to years, temperatures, percent,
length, mass, volume), in every plural form CLDR has for the locale, found by formatting
sample values with `babel.units.format_unit` and taking the number out. A name maps to a
unit key (``"hour"``, ``"%"``, ``"°"``...), so ``h``, ``Std.``, ``Stunden`` and ``ساعات`` all
read as ``"hour"``. A form CLDR writes without the number (Arabic ``ساعتان``, two hours) is a
spelled-out quantity: a value and its unit.

No word list here is made by hand: the names are CLDR's. For the shipped locales they are
kept as data (:mod:`._unit_names`, written from the locked Babel by
``MEDLOC_UPDATE_GOLDEN=1 pytest tests/qa/test_unit_snapshot.py``), so that the gate's verdict
does not change with the Babel release installed; other locales read the installed Babel.

Two rules are grammar, not words: a name that is also a range or list word of the locale
(Spanish short ``a`` for years is the ``a`` of ``5 a 8``) is not read as a unit, and an Arabic
dual in ``-ان`` has its oblique form in ``-ين`` (``سنتان``/``سنتين``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit

from medloc.tags import locale_tag

from ._unit_names import UNIT_NAMES

__all__ = ["SNAPSHOT_LOCALES", "UNITS", "UnitTable", "collect", "unit_names", "unit_table"]

SNAPSHOT_LOCALES = ("en", "es", "fr", "de", "ar", "zh_Hans", "pt_BR", "pt", "zh")
"""The locales whose unit names the project keeps as data (the shipped ones and English)."""

Length = Literal["long", "short", "narrow"]

UNITS: dict[str, str] = {
    "duration-second": "second",
    "duration-minute": "minute",
    "duration-hour": "hour",
    "duration-day": "day",
    "duration-day-person": "day",
    "duration-week": "week",
    "duration-week-person": "week",
    "duration-month": "month",
    "duration-month-person": "month",
    "duration-year": "year",
    "duration-year-person": "year",
    "temperature-celsius": "°",
    "temperature-generic": "°",
    "temperature-fahrenheit": "°F",
    "concentr-percent": "%",
    "length-millimeter": "mm",
    "length-centimeter": "cm",
    "length-meter": "m",
    "length-kilometer": "km",
    "mass-microgram": "µg",
    "mass-milligram": "mg",
    "mass-gram": "g",
    "mass-kilogram": "kg",
    "volume-milliliter": "ml",
    "volume-liter": "l",
}
"""CLDR unit -> the key a quantity is compared by (two CLDR units may share a key)."""

_LENGTHS: tuple[Length, ...] = ("long", "short", "narrow")  # a name of a longer form wins a clash
_SAMPLES = (0, 1, 2, 3, 5, 11, 100, 1.5)  # one of each plural category of every locale
_NOT_UNITS = frozenset(
    ("a", "à", "al", "au", "bis", "até", "e", "y", "et", "und", "and", "or", "o", "ou", "oder",
     "to", "de", "da", "du", "di", "per", "por", "pour", "pro")
)  # fmt: skip
"""Range and list words: never read as a unit name, whatever CLDR abbreviates so."""
_GAP = "[ \\t\\u00a0\\u202f\\u2009-]*"


@dataclass(frozen=True)
class UnitTable:
    """One locale's unit names: ``names`` (lower case) -> unit key; ``spelled``: a name that
    is a quantity on its own -> (value, unit key); ``after``: the regex of a unit name right
    after a number (group ``unit``)."""

    names: dict[str, str]
    spelled: dict[str, tuple[str, str]]
    after: re.Pattern[str]
    spelled_re: re.Pattern[str] | None

    def unit_after(self, text: str, pos: int) -> tuple[str, int] | None:
        """(unit key, end) of a unit name at ``pos`` of ``text`` (after a number), or None."""
        m = self.after.match(text, pos)
        if m is None:
            return None
        return self.names[m.group("unit").lower()], m.end()


def _names_of(
    unit: str, length: Length, locale: Locale, numbers: dict[float, str]
) -> list[tuple[str, str | None]]:
    """(name, value when the form has no number) of one unit and length, every plural form
    (``numbers``: each sample value as the locale writes it)."""
    found: list[tuple[str, str | None]] = []
    for value in _SAMPLES:
        number = numbers[value]
        formatted = format_unit(value, unit, length, locale=locale)
        if number in formatted:
            name = formatted.replace(number, "", 1).strip(" \u00a0\u202f\u200e\u200f\u061c")
            found.append((name, None))
        else:
            found.append((formatted.strip(), str(value)))
    return found


def collect(babel_locale: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(names, spelled) of a locale, from the installed Babel's CLDR data. The locale is
    parsed once and each sample value formatted once (Babel parses a locale given by name
    on every call: most of the time a table took)."""
    locale = Locale.parse(babel_locale)
    numbers = {value: format_decimal(value, locale=locale) for value in _SAMPLES}
    names: dict[str, tuple[int, str]] = {}
    clashes: set[str] = set()
    spelled: dict[str, tuple[str, str]] = {}
    for unit, key in UNITS.items():
        for rank, length in enumerate(_LENGTHS):
            try:
                forms = _names_of(unit, length, locale, numbers)
            except (KeyError, ValueError):  # no such unit in this locale's CLDR data
                continue
            for name, value in forms:
                lowered = name.lower()
                if not lowered or lowered in _NOT_UNITS or lowered[0].isdigit():
                    continue
                if value is not None:
                    spelled[lowered] = (value, key)
                    continue
                rank_key = names.get(lowered)
                if rank_key is None or rank < rank_key[0]:
                    names[lowered] = (rank, key)
                elif rank == rank_key[0] and rank_key[1] != key:
                    clashes.add(lowered)
    return {n: k for n, (_, k) in names.items() if n not in clashes}, spelled


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _ending(language: str) -> str:
    """What may follow a unit name: an inflection ending for the Latin-script languages
    (German ``Monaten``, ``Jahren``), nothing for Chinese, then no further letter."""
    if language in ("zh", "ja", "ko"):
        return ""
    if language == "ar":
        return r"(?![^\W\d_])"
    return r"(?:(?<=[^\W\d_]{3})[^\W\d_]{1,2})?(?![^\W\d_])"


def unit_names(babel_locale: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(names, spelled) of a locale: the project's snapshot (:mod:`._unit_names`) for the
    locales it holds, so that a verdict never depends on the Babel installed; else CLDR's
    through the installed Babel; English for a locale CLDR does not know."""
    snapshot = UNIT_NAMES.get(babel_locale)
    if snapshot is not None:
        names, spelled = snapshot
        return dict(names), {name: (value, key) for name, (value, key) in spelled.items()}
    try:
        return collect(babel_locale)
    except Exception:  # a locale CLDR does not know: English names
        return collect("en")


@cache
def unit_table(locale: str) -> UnitTable:
    """The unit names of a locale (see the module's doc), built once."""
    tag = locale_tag(locale)
    names, spelled = unit_names(tag.babel)
    if tag.language == "ar":
        for name, (value, key) in list(spelled.items()):
            if value == "2" and name.endswith("ان"):
                spelled[name[:-2] + "ين"] = (value, key)
    ending = _ending(tag.language)
    classifier = "个?" if tag.language == "zh" else ""  # 8个小时: a measure word may come first
    after = re.compile(
        f"{_GAP}{classifier}(?P<unit>{_alternation(list(names))}){ending}", re.IGNORECASE
    )
    spelled_re = None
    if spelled:
        prefix = "(?:و|ف|ب|ل)?" if tag.language == "ar" else ""
        spelled_re = re.compile(
            rf"(?<!\w){prefix}(?P<s>{_alternation(list(spelled))})(?![^\W\d_])", re.IGNORECASE
        )
    return UnitTable(names, spelled, after, spelled_re)

"""Digits of a numbering system, for dates and numbers in the page chrome.

CLDR names, per locale, a default numbering system and a native one (``ar``: ``latn`` or
``arab`` depending on the CLDR release, and ``arab``). Babel knows those names
(:attr:`babel.Locale.default_numbering_system`, ``Locale.numbering_systems``) and the symbols
of each system (decimal and group separators, percent sign: its ``numbering_system``
arguments), but not the digits themselves: its formatters always write ASCII digits, in
Babel 2.16 as in the newest release. The digits come from the Unicode Character Database
(:mod:`unicodedata`): a CLDR numbering system named after a script (``arab``, ``deva``,
``thai``) has the ten decimal digits (category Nd) whose Unicode name starts with that script's
name, the English one CLDR gives through Babel; Unicode keeps each system's digits
contiguous, zero to nine. No table of digits is typed here.

A system whose digits cannot be found that way (``arabext``, ``beng``, ``hanidec``) is
reported by :func:`has_digits`, so that configuration refuses it with a clear message
rather than showing a page in the wrong digits.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from babel import Locale

from medloc.tags import locale_tag

__all__ = ["LATIN", "digits_of", "has_digits", "numbering_system", "with_digits"]

LATIN = "latn"
"""CLDR's name of the ASCII digits 0-9."""

_WORD = re.compile(r"[ -]")


@functools.lru_cache(maxsize=64)
def _locale(tag: str) -> Locale:
    return Locale.parse(locale_tag(tag).babel)


@functools.lru_cache(maxsize=256)
def numbering_system(tag: str, choice: str) -> str:
    """The CLDR numbering system of ``tag`` (BCP 47) for ``choice``: ``"default"`` (CLDR's
    default for the locale) or ``"native"`` (CLDR's native one; the default where CLDR names
    none)."""
    locale = _locale(tag)
    default = str(locale.default_numbering_system)
    if choice != "native":
        return default
    systems = locale._data.get("numbering_systems", {})  # CLDR <otherNumberingSystems>
    return str(systems.get("native", default))


@functools.cache
def _zeros() -> tuple[str, ...]:
    """Every decimal digit zero of Unicode (category Nd), in code point order."""
    return tuple(
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if unicodedata.category(char) == "Nd" and unicodedata.decimal(char) == 0
    )


@functools.cache
def digits_of(system: str) -> str | None:
    """The ten digits of CLDR numbering system ``system``, zero first; None where they cannot
    be found in Babel's and Unicode's data."""
    if system == LATIN:
        return "0123456789"
    script = _locale("en").scripts.get(system.title())
    if not script:
        return None
    found = [zero for zero in _zeros() if _WORD.split(unicodedata.name(zero))[0] == script.upper()]
    if len(found) != 1:
        return None
    digits = "".join(chr(ord(found[0]) + value) for value in range(10))
    if any(unicodedata.decimal(char, -1) != value for value, char in enumerate(digits)):
        return None
    return digits


def has_digits(system: str) -> bool:
    """Whether :func:`with_digits` can write numbers in ``system``."""
    return digits_of(system) is not None


@functools.cache
def _table(system: str) -> dict[int, int]:
    digits = digits_of(system)
    if digits is None or system == LATIN:
        return {}
    return str.maketrans("0123456789", digits)


def with_digits(text: str, system: str) -> str:
    """``text`` (formatted by Babel, in ASCII digits) with its digits in ``system``'s."""
    table = _table(system)
    return text.translate(table) if table else text

"""``units.collect`` parses the locale once and formats each sample value once; it is held
here to the plain form (every value formatted, the locale given by name to each Babel call),
on locales beyond the project's snapshot, so the names read for any locale stay CLDR's."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal
from babel.units import format_unit
from medloc.qa import units

LOCALES = ("ru", "pl", "ja", "ko", "he", "cy", "hi", "tr", "fa", "uk", "sw", "th", "sr_Latn")


def _reference(babel_locale: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    names: dict[str, tuple[int, str]] = {}
    clashes: set[str] = set()
    spelled: dict[str, tuple[str, str]] = {}
    for unit, key in units.UNITS.items():
        for rank, length in enumerate(units._LENGTHS):
            forms: list[tuple[str, str | None]] = []
            try:
                for sample in (0, 1, 2, 3, 5, 11, 100, 1.5):
                    number = format_decimal(sample, locale=babel_locale)
                    formatted = format_unit(sample, unit, length, locale=babel_locale)
                    if number in formatted:
                        name = formatted.replace(number, "", 1)
                        forms.append((name.strip(" \u00a0\u202f\u200e\u200f\u061c"), None))
                    else:
                        forms.append((formatted.strip(), str(sample)))
            except (KeyError, ValueError):
                continue
            for name, value in forms:
                lowered = name.lower()
                if not lowered or lowered in units._NOT_UNITS or lowered[0].isdigit():
                    continue
                if value is not None:
                    spelled[lowered] = (value, key)
                    continue
                known = names.get(lowered)
                if known is None or rank < known[0]:
                    names[lowered] = (rank, key)
                elif rank == known[0] and known[1] != key:
                    clashes.add(lowered)
    return {n: k for n, (_, k) in names.items() if n not in clashes}, spelled


@pytest.mark.parametrize("locale", LOCALES)
def test_collect_reads_what_babel_formats(locale: str) -> None:
    names, spelled = units.collect(locale)
    assert names  # every one of these locales has unit names in CLDR
    assert (names, spelled) == _reference(locale)

"""``units.collect`` parses the locale once and formats each sample value once; the names it
reads for each unit and length are held here to the plain form (every value formatted, the
locale given by name to each Babel call), on locales beyond the project's snapshot, so the
names read for any locale stay what Babel formats."""

from __future__ import annotations

import pytest
from babel import Locale
from babel.numbers import format_decimal
from babel.units import format_unit
from medloc.qa import units

LOCALES = ("ru", "pl", "ja", "ko", "he", "cy", "hi", "tr", "fa", "uk", "sw", "th", "sr_Latn")
_MARKS = " \u00a0\u202f\u200e\u200f\u061c"


def _plain(unit: str, length: units.Length, locale: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for sample in (0, 1, 2, 3, 5, 11, 100, 1.5):
        number = format_decimal(sample, locale=locale)
        formatted = format_unit(sample, unit, length, locale=locale)
        if number in formatted:
            found.append((formatted.replace(number, "", 1).strip(_MARKS), None))
        else:
            found.append((formatted.strip(), str(sample)))
    return found


@pytest.mark.parametrize("name", LOCALES)
def test_collect_reads_what_babel_formats(name: str) -> None:
    locale = Locale.parse(name)
    numbers = {value: format_decimal(value, locale=locale) for value in units._SAMPLES}
    compared = 0
    for unit in units.UNITS:
        for length in units._LENGTHS:
            try:
                expected = _plain(unit, length, name)
            except (KeyError, ValueError):  # no such unit in this locale: collect skips it
                with pytest.raises((KeyError, ValueError)):
                    units._names_of(unit, length, locale, numbers)
                continue
            assert units._names_of(unit, length, locale, numbers) == expected, (unit, length)
            compared += 1
    assert compared and units.collect(name)[0]  # CLDR has unit names for each of them

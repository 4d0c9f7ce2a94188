"""The chrome's numbers and dates (``medloc.serving.web.i18n``), kept once formatted: each
answer, asked once or again, is Babel's for its value, locale and numbering system."""

from __future__ import annotations

import datetime as _dt

import pytest
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_percent
from medloc.serving.numerals import numbering_system, with_digits
from medloc.serving.web.i18n import display_name, language_list, long_date, percent

TAGS = ("en", "es", "de", "ar", "fa", "hi", "zh-Hans", "pt-BR")


def _systems(tag: str) -> set[str]:
    return {numbering_system(tag, choice) for choice in ("default", "native")}


@pytest.mark.parametrize("tag", TAGS)
def test_percentages_are_babels_rounded_down(tag: str) -> None:
    locale = Locale.parse(tag.replace("-", "_"))
    for system in _systems(tag):
        symbols = locale.number_symbols.get(system, {})
        for step in range(0, 1001, 3):
            fraction = step / 1000
            whole = int(fraction * 100 + 1e-9) / 100
            if symbols:
                text = format_percent(whole, locale=locale, numbering_system=system)
            else:
                text = format_percent(whole, locale=locale)
            wanted = with_digits(text.replace("%", symbols.get("percentSign", "%")), system)
            assert percent(fraction, tag, system) == wanted == percent(fraction, tag, system)


@pytest.mark.parametrize("tag", TAGS)
def test_long_dates_and_language_lists_are_babels(tag: str) -> None:
    locale = Locale.parse(tag.replace("-", "_"))
    for system in _systems(tag):
        for day in range(0, 800, 37):
            date = _dt.date(2025, 1, 1) + _dt.timedelta(days=day)
            wanted = with_digits(format_date(date, format="long", locale=locale), system)
            assert long_date(date, tag, system) == wanted == long_date(date, tag, system)
    for tags in (["en"], ["en", "es"], ("es", "en", "ar")):
        names = [display_name(each, tag) for each in tags]
        wanted = format_list(names, locale=locale)
        assert language_list(tags, tag) == wanted == language_list(list(tags), tag)

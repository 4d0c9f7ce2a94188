"""The corpus's translations: pseudo-translated prose that is right where the gate reads meaning.

:func:`medloc.catalog.pseudo.pseudo_translate` accents English, so a pseudo-translation keeps
English quantities ("6 weeks") and English negations ("not"), which the gate rightly flags in
any other locale. Here a translation is made once for every locale, with markers where the
locales differ: each quantity of the source (a number or range with a unit of time), each
negation, each full stop. :func:`localize` turns the markers into the locale's forms: the
quantity written by CLDR (``babel.units.format_unit``: ``3 semanas``, ``3\u00a0semaines``,
``3周``), a negation word of the locale (``no``, ``nicht``, ``لا``, ``不``), and the ideographic
full stop in Chinese and Japanese. Markers are private-use characters around letters, digits and
``_`` only, so wrapping a ``.po`` line never splits one, and a catalog text with markers is
localized by one regular-expression pass (the corpus splices one body into every locale).
"""

from __future__ import annotations

import re
from functools import cache

from babel.units import format_unit
from medloc.catalog.pseudo import pseudo_translate
from medloc.tags import locale_tag

__all__ = ["NEGATIONS", "localize", "translate"]

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([A-Za-z0-9_]+){_CLOSE}")

_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
_QUANTITY = re.compile(
    rf"\b(?P<low>\d+)(?: to (?P<high>\d+))? (?P<unit>{'|'.join(_UNITS)})s?\b", re.IGNORECASE
)
_NEGATION = re.compile(
    r"\b(?:(?:do|does|did|must|should|can|could|will|would) not|cannot|\w+n't|not|never|no"
    r"|without|avoid(?:s|ed|ing)?|stop(?:s|ped|ping)?)\b",
    re.IGNORECASE,
)
_STOP = re.compile(r"(?<!\d)\.(?=\s|$)")  # not "1." of an ordered list
_SPLIT = re.compile(f"{_QUANTITY.pattern}|{_NEGATION.pattern}", re.IGNORECASE)

NEGATIONS: dict[str, str] = {
    "es": "no", "fr": "ne pas", "de": "nicht", "pt": "não", "ar": "لا", "zh": "不",
    "it": "non", "nl": "niet", "pl": "nie", "sv": "inte", "ru": "не", "uk": "не",
    "tr": "değil", "ja": "ない", "ko": "않", "hi": "नहीं", "he": "לא", "el": "δεν", "cs": "ne",
    "ro": "nu",
}  # fmt: skip
"""One negation word per language: what a translation says for each English negation."""

_WIDE_STOP = frozenset({"zh", "ja"})


def _marker(payload: str) -> str:
    return f"{_OPEN}{payload}{_CLOSE}"


_HELD = re.compile(r"\{corpusmark(\w+)\}")
"""A marker on its way through `pseudo_translate`, which leaves ``{name}`` as written."""


def _replace(found: re.Match[str]) -> str:
    if found.group("unit") is None:
        return "{corpusmarkN}"
    high = found.group("high") or ""
    return f"{{corpusmarkQ{found.group('low')}_{high}_{found.group('unit').lower()}}}"


def translate(text: str) -> str:
    """The translation of ``text`` for every locale: pseudo-translated, with markers."""
    if not _SPLIT.search(text) and "." not in text:
        return pseudo_translate(text)
    marked = _HELD.sub(
        lambda held: _marker(held.group(1)), pseudo_translate(_SPLIT.sub(_replace, text))
    )
    return _STOP.sub(_marker("S"), marked)


@cache
def _render(payload: str, locale: str) -> str:
    language = locale_tag(locale).language
    babel = locale_tag(locale).babel
    if payload == "N":
        return NEGATIONS.get(language, "not")
    if payload == "S":
        return "\u3002" if language in _WIDE_STOP else "."
    low, high, unit = payload[1:].split("_")
    first = format_unit(int(low), f"duration-{unit}", "long", locale=babel)
    if not high:
        return first
    return f"{first}\u2013{format_unit(int(high), f'duration-{unit}', 'long', locale=babel)}"


def localize(text: str, locale: str) -> str:
    """``text`` (a translation of :func:`translate`, or a whole catalog of them) in ``locale``."""
    return _MARKER.sub(lambda found: _render(found.group(1), locale), text)

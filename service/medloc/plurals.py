"""The plural rules the gate accepts: a table the project owns, not whatever Babel is installed.

For each locale the table holds the gettext rule (what GNU ``msginit``, Poedit and Weblate write
in ``Plural-Forms``) and, where it differs, CLDR's rule for whole numbers (what Babel 2.19 and
later write: es, fr, it, pt... have a third form for millions). A catalog may use either; ``medloc
init`` writes the gettext one. ``tests/test_plurals.py`` proves every rule of the table means what
it claims for every n from 0 to 1,000,000; the gate itself only compares a header with the
accepted rules on a cheap sample (:data:`SAMPLE`).

Locales outside the table accept Babel's (CLDR) rule, the only use of Babel here.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from babel.messages.plurals import get_plural

from medloc.tags import locale_tag

__all__ = [
    "PLURALS",
    "SAMPLE",
    "LocalePlurals",
    "PluralRule",
    "accepted_rule",
    "parse_plural_forms",
    "plurals_for",
]


@dataclass(frozen=True)
class PluralRule:
    """One ``Plural-Forms`` value: how many forms, and the C expression choosing one."""

    nplurals: int
    expression: str

    @property
    def header(self) -> str:
        """The value of a ``Plural-Forms`` header line."""
        return f"nplurals={self.nplurals}; plural={self.expression};"


@dataclass(frozen=True)
class LocalePlurals:
    """A locale's accepted rules: the gettext one first, then CLDR's where it differs."""

    gettext: PluralRule
    cldr: PluralRule | None = None  # None: CLDR means the same as the gettext rule

    @property
    def accepted(self) -> tuple[PluralRule, ...]:
        return (self.gettext,) if self.cldr is None else (self.gettext, self.cldr)


_ONE = PluralRule(2, "(n != 1)")  # one: n == 1
_ZERO_ONE = PluralRule(2, "(n > 1)")  # one: n == 0 or 1
_NONE = PluralRule(1, "0")
# CLDR 42+: "many" for exact millions (1000000 pacientes -> "de pacientes")
_ONE_MANY = PluralRule(3, "(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2)")
_ZERO_ONE_MANY = PluralRule(3, "(n == 0 || n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2)")
_ARABIC = PluralRule(
    6,
    "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)",
)

PLURALS: Mapping[str, LocalePlurals] = {
    "ar": LocalePlurals(_ARABIC),
    "ca": LocalePlurals(_ONE, _ONE_MANY),
    "de": LocalePlurals(_ONE),
    "en": LocalePlurals(_ONE),
    "es": LocalePlurals(_ONE, _ONE_MANY),
    "fr": LocalePlurals(_ZERO_ONE, _ZERO_ONE_MANY),
    "it": LocalePlurals(_ONE, _ONE_MANY),
    "ja": LocalePlurals(_NONE),
    # gettext's "pt" is Portugal's rule; CLDR's "pt" is Brazil's
    "pt": LocalePlurals(_ONE, _ZERO_ONE_MANY),
    "pt_BR": LocalePlurals(_ZERO_ONE, _ZERO_ONE_MANY),
    "pt_PT": LocalePlurals(_ONE, _ONE_MANY),
    "zh": LocalePlurals(_NONE),
}
"""Locale (Babel form, or its language alone) -> accepted rules."""

SAMPLE: tuple[int, ...] = (
    *range(0, 1001),
    *(10_000, 100_000, 999_999, 1_000_000, 1_000_001, 1_000_100, 2_000_000, 10_000_000),
)
"""The numbers on which the gate compares a header with the accepted rules."""

_PLURAL_FORMS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*")


def parse_plural_forms(value: str) -> PluralRule | None:
    """The rule of a ``Plural-Forms`` value, or None when it cannot be read."""
    m = _PLURAL_FORMS.fullmatch(value)
    return None if m is None else PluralRule(int(m.group(1)), m.group(2))


def plurals_for(locale: str) -> LocalePlurals:
    """The accepted rules of ``locale`` (``pt_BR``, ``pt-BR``, ``zh_Hans``): from the table,
    by the whole locale, then its language; else Babel's CLDR rule."""
    name = locale_tag(locale).babel
    for key in (name, name.split("_", 1)[0]):
        if key in PLURALS:
            return PLURALS[key]
    babel = get_plural(name)
    return LocalePlurals(PluralRule(babel.num_plurals, babel.plural_expr))


def _compile(expression: str) -> Callable[[int], int] | None:
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return None


def _forms(expression: str) -> tuple[int, ...] | None:
    """The form ``expression`` gives for each number of :data:`SAMPLE` (None: unreadable)."""
    function = _compile(expression)
    if function is None:
        return None
    try:
        return tuple(function(n) for n in SAMPLE)
    except (ArithmeticError, RecursionError):
        return None


_sample_forms = functools.lru_cache(maxsize=256)(_forms)


def accepted_rule(rule: PluralRule, locale: str) -> PluralRule | None:
    """The accepted rule of ``locale`` that ``rule`` means on :data:`SAMPLE`, or None."""
    forms = _sample_forms(rule.expression)
    if forms is None:
        return None
    for candidate in plurals_for(locale).accepted:
        if candidate.nplurals == rule.nplurals and _sample_forms(candidate.expression) == forms:
            return candidate
    return None

"""UI translations (the ``messages`` domain) for the templates, and locale formatting.

Each locale's ``messages`` catalog becomes one :class:`babel.support.Translations`. The
template functions ``_``/``gettext``/``ngettext`` (installed with Jinja's i18n extension,
new style) look a string up along the page's fallback chain. A string that falls back to
another language is wrapped in ``<span lang dir>`` so that screen readers switch voice,
exactly like a fallen-back paragraph of an article.

Translators are untrusted: a translation is HTML-escaped before Jinja sees it, and one
whose ``%(name)s`` placeholders differ from the source's in name, conversion, width or
precision is not used (it would break the page, show a raw placeholder or pad a date to
gigabytes), nor is one with a blocking QA finding.
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any, cast

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import UnsupportedNumberingSystemError, format_decimal, format_percent
from babel.support import Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from medloc.formats import Placeholder, percent_placeholders
from medloc.tags import locale_tag

from ..numerals import LATIN, with_digits
from ..render import Accept, text_direction

__all__ = [
    "UIText",
    "decimal",
    "display_name",
    "install",
    "language_list",
    "load_translations",
    "long_date",
    "percent",
]

_NAME_RE = re.compile(r"\w+")


class _Absent(NullTranslations):
    """The last fallback of every catalog: a missing message raises instead of echoing."""

    def gettext(self, message: str) -> str:
        raise LookupError(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise LookupError(msgid1)

    def pgettext(self, context: str, message: str) -> str:
        raise LookupError(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        raise LookupError(msgid1)


def load_translations(compiled: bytes) -> Translations:
    """A Translations from a compiled (``.mo``) catalog held in memory."""
    translations = Translations(fp=io.BytesIO(compiled), domain="messages")
    translations.add_fallback(_Absent())
    return translations


def _specs(text: str) -> frozenset[tuple[str, str, str, str]] | None:
    """The (name, conversion, width, precision) of each named placeholder of a format
    string (a translation may not add a width: ``%(date)99999999999s`` pads to that size);
    None if it has a ``%`` that ``Markup.escape(text) % values`` cannot fill from a mapping
    of names (a stray ``%``, a positional or ``*`` specifier, a length modifier, a name that
    is no word)."""
    scan = percent_placeholders(text)
    if scan.stray:
        return None
    found: set[tuple[str, str, str, str]] = set()
    for spec in scan.placeholders:
        if spec.literal and spec.text == "%%":
            continue
        if not _fillable(spec):
            return None
        found.add((str(spec.name), spec.conversion, spec.width, spec.precision))
    return frozenset(found)


def _fillable(spec: Placeholder) -> bool:
    return (
        not spec.literal
        and spec.name is not None
        and _NAME_RE.fullmatch(spec.name) is not None
        and "*" not in spec.width + spec.precision
        and not spec.length
    )


def _usable(msgid: str, text: str, *, plural: bool = False) -> bool:
    want, got = _specs(msgid), _specs(text)
    if want is None or got is None:
        return False
    if plural:  # a plural form may leave out the count ("one article")
        return got - want == set() and want - got <= {("num", "d", "", "")}
    return got == want


@dataclass(frozen=True)
class UIText:
    """The UI strings of one page: its locale and the chain of UI catalogs to look in."""

    locale: str
    chain: Sequence[tuple[str, Translations | None]]
    accept: Accept | None = None
    plain: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)
    """The strings asked for without variables, as shown (every page asks for a few)."""

    def lookup(self, msgid: str) -> tuple[str, str]:
        """(text, the language it is in)."""
        for tag, translations in self.chain:
            if translations is None:
                continue
            try:
                text = translations.gettext(msgid)
            except LookupError:
                continue
            if text.strip() and _usable(msgid, text) and self._accepted(tag, msgid, text):
                return text, tag
        return msgid, self.chain[-1][0] if self.chain else self.locale

    def lookup_plural(self, singular: str, plural: str, n: int) -> tuple[str, str]:
        for tag, translations in self.chain:
            if translations is None:
                continue
            try:
                text = translations.ngettext(singular, plural, n)
            except LookupError:
                continue
            source = singular if n == 1 else plural
            if text.strip() and _usable(source, text, plural=True):
                return text, tag
        return (singular if n == 1 else plural), self.chain[-1][0] if self.chain else self.locale

    def _accepted(self, tag: str, msgid: str, text: str) -> bool:
        if self.accept is None or tag == (self.chain[-1][0] if self.chain else tag):
            return True
        return self.accept(tag, "", msgid, text, None)

    def wrap(self, html: Markup, lang: str) -> Markup:
        """``html``, in a ``<span lang dir>`` if it is not in the page's language."""
        if lang == self.locale:
            return html
        return Markup('<span lang="{}" dir="{}">{}</span>').format(lang, text_direction(lang), html)

    def format(self, text: str, lang: str, variables: Mapping[str, Any]) -> Markup:
        """The escaped translation with its ``%(name)s`` filled in (values escaped too).

        A callable value is called with the language the text is in, so that a language
        name or a date inside an English fallback sentence is English too.
        """
        values = {k: (v(lang) if callable(v) else v) for k, v in variables.items()}
        return self.wrap(Markup.escape(text) % values, lang)

    def gettext(self, msgid: str, **variables: Any) -> Markup:
        if variables:
            return self.format(*self.lookup(msgid), variables)
        found = self.plain.get(msgid)
        if found is None:
            found = self.plain[msgid] = self.format(*self.lookup(msgid), variables)
        return found

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        return self.format(*self.lookup_plural(singular, plural, n), variables)


_NO_UI = UIText("en", ())


def _ui_of(context: Context) -> UIText:
    ui = context.get("ui")
    return ui if isinstance(ui, UIText) else _NO_UI


@pass_context
def _gettext(context: Context, message: str, **variables: Any) -> Markup:
    return _ui_of(context).gettext(message, **variables)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int, **variables: Any) -> Markup:
    return _ui_of(context).ngettext(singular, plural, n, **variables)


def install(env: Environment) -> None:
    """Add Jinja's i18n extension to ``env`` with our chain-aware, escaping callables.

    They do what Jinja's "new style" gettext does (escape, then always format with the
    keyword arguments) and more: they know which language each string came from. So they
    are installed as they are (``newstyle=False`` only means Jinja does not wrap them).
    """
    env.add_extension("jinja2.ext.i18n")
    cast(Any, env).install_gettext_callables(_gettext, _ngettext, newstyle=False)


@functools.lru_cache(maxsize=64)
def _locale(tag: str) -> Locale:
    return Locale.parse(locale_tag(tag).babel)


def _capitalized(name: str) -> str:
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=512)
def display_name(tag: str, in_locale: str | None = None) -> str:
    """The name of ``tag``'s language, in its own language by default (CLDR via Babel)."""
    locale = _locale(tag)
    name = locale.get_display_name(_locale(in_locale) if in_locale else locale) or tag
    return _capitalized(name) if in_locale is None else name


def language_list(tags: Sequence[str], in_locale: str) -> str:
    """``English`` / ``English and Spanish`` in ``in_locale``'s words."""
    return _language_list(tuple(tags), in_locale)


@functools.lru_cache(maxsize=1024)
def _language_list(tags: tuple[str, ...], in_locale: str) -> str:
    names = [display_name(tag, in_locale) for tag in tags]
    return format_list(names, locale=_locale(in_locale)) if names else ""


@functools.lru_cache(maxsize=8192)
def long_date(date: _dt.date, tag: str, system: str = LATIN) -> str:
    """``21 de noviembre de 2026``: the long CLDR date format of the locale, in the digits of
    numbering system ``system`` (Babel writes ASCII digits, :func:`with_digits` maps them).
    Kept: every page shows one or two dates in its language, and articles share dates."""
    return with_digits(format_date(date, format="long", locale=_locale(tag)), system)


def decimal(value: int, tag: str, system: str = LATIN) -> str:
    """``2,345`` / ``2.345`` / ``٢٬٣٤٥``: a whole number in the locale's format and
    ``system``'s digits (the locale's default digits where CLDR has no symbols of it)."""
    locale = _locale(tag)
    try:
        text = format_decimal(value, locale=locale, numbering_system=system)
    except UnsupportedNumberingSystemError:
        text = format_decimal(value, locale=locale)
    return with_digits(text, system)


def percent(fraction: float, tag: str, system: str = LATIN) -> str:
    """``36 %`` / ``36%`` / ``٣٦٪``: a fraction as a whole percentage, rounded down (a page
    99.6 % translated is not called 100 %), in the locale's format and ``system``'s symbols
    and digits."""
    return _percent(int(fraction * 100 + 1e-9), tag, system)


@functools.lru_cache(maxsize=4096)
def _percent(whole_percent: int, tag: str, system: str) -> str:
    """:func:`percent` of ``whole_percent`` %, kept (at most 101 values a locale)."""
    whole = whole_percent / 100
    locale = _locale(tag)
    try:
        text = format_percent(whole, locale=locale, numbering_system=system)
        symbols = locale.number_symbols[system]
    except (UnsupportedNumberingSystemError, KeyError):  # CLDR has no symbols of it here
        text, symbols = format_percent(whole, locale=locale), {}
    # Babel keeps the pattern's "%"; CLDR's sign of the system may differ (Arabic: ٪)
    return with_digits(text.replace("%", symbols.get("percentSign", "%")), system)


def ui_chain(
    chain: Sequence[str], catalogs: Mapping[str, Translations | None]
) -> tuple[tuple[str, Translations | None], ...]:
    return tuple((tag, catalogs.get(tag)) for tag in chain)

"""A new locale's catalog: its identifier checked, its headers (language, team, plurals)."""

from __future__ import annotations

import polib
from babel import Locale, UnknownLocaleError

from medloc.errors import LocaleError
from medloc.plurals import plurals_for
from medloc.tags import locale_tag

from ._model import WRAP_WIDTH, Catalog
from ._template import template_metadata
from ._update import update_catalog

__all__ = ["init_catalog", "parse_locale"]


def parse_locale(identifier: str) -> Locale:
    """A Babel locale from ``es``, ``pt_BR``, ``pt-BR`` or ``zh_Hans``; LocaleError if unknown."""
    try:
        return Locale.parse(locale_tag(identifier).babel)
    except (ValueError, UnknownLocaleError):
        raise LocaleError(
            f"unknown locale {identifier!r}; "
            "use a CLDR identifier such as 'es', 'pt_BR' or 'zh_Hans'"
        ) from None


def init_catalog(template: Catalog, locale: str, *, revision_date: str) -> Catalog:
    """A new, empty translation of ``template`` for ``locale`` with correct headers; its
    Plural-Forms is the gettext rule of the project's table (what msginit, Poedit and Weblate
    write), whatever Babel version is installed."""
    parsed = parse_locale(locale)
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    language = str(parsed)
    name = parsed.get_display_name("en") or language
    po.header = f"{name} translations for medloc."
    po.metadata = {
        **template_metadata(template.metadata.get("POT-Creation-Date", revision_date)),
        "PO-Revision-Date": revision_date,
        "Last-Translator": "medloc translators <translators@medloc.invalid>",
        "Language": language,
        "Language-Team": f"{name} <translators@medloc.invalid>",
        "Plural-Forms": plurals_for(locale).gettext.header,
    }
    return update_catalog(po, template)

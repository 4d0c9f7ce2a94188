"""Loading steps of the service's locales: which are served, and every one's catalogs.

:func:`served_locales` reads the configuration (or the ``locales/`` folders);
:func:`load_catalogs` loads each locale's content and UI catalogs (one catalog:
:mod:`medloc.serving.web.loading`) and never fails: a catalog that cannot be read is
reported and its locale served from its fallback chain.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from babel.support import Translations

from medloc.errors import LocaleError
from medloc.tags import LocaleTag

from ..plan import Lookup
from . import i18n
from .config import Settings
from .loading import CatalogState, Loaded, absent, load_catalog, locale_folders, mo_lookup

__all__ = ["Catalogs", "Ignores", "default_locale", "load_catalogs", "served_locales"]

log = logging.getLogger("medloc.web")

Ignores = dict[str, dict[tuple[str | None, str], dict[str, str]]]
"""Per locale: ``# medloc-ignore`` comments by (msgctxt, msgid)."""


@dataclass(frozen=True)
class Catalogs:
    """Every served locale's catalogs, as loaded."""

    states: tuple[CatalogState, ...]
    problems: tuple[str, ...]
    lookups: Mapping[str, Lookup]
    """Content translations per locale (:func:`~.loading.absent` for one not loaded)."""
    ui: Mapping[str, Translations | None]
    """UI translations per locale (None: the source language, or not loaded)."""
    healthy: tuple[str, ...]
    """The default locale and those whose content catalog loaded: offered and negotiated."""
    ignores: Ignores = field(default_factory=dict)
    ui_ignores: Ignores = field(default_factory=dict)


def default_locale(settings: Settings) -> str:
    """The source language's tag, canonical."""
    return LocaleTag(settings.default_locale).bcp47


def _folder_tags(settings: Settings) -> list[str]:
    found = []
    for name in locale_folders(settings.locales_path):
        try:
            found.append(LocaleTag(name).bcp47)
        except LocaleError:
            log.warning("locales/%s: not a locale name; ignored", name)
    return found


def served_locales(settings: Settings) -> tuple[str, ...]:
    """The locales served, BCP 47: the default first, then the others sorted."""
    default = default_locale(settings)
    configured = _folder_tags(settings) if settings.locales is None else settings.locales
    tags = dict.fromkeys(LocaleTag(tag).bcp47 for tag in configured)
    return (default, *sorted(tag for tag in tags if tag != default))


@dataclass
class _Loading:
    """What :func:`load_catalogs` gathers, locale by locale."""

    states: list[CatalogState] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lookups: dict[str, Lookup] = field(default_factory=dict)
    ui: dict[str, Translations | None] = field(default_factory=dict)
    healthy: list[str] = field(default_factory=list)
    ignores: Ignores = field(default_factory=dict)
    ui_ignores: Ignores = field(default_factory=dict)

    def content(self, tag: str, loaded: Loaded) -> None:
        self.states.append(loaded.state)
        if loaded.catalog is not None:
            self.lookups[tag] = mo_lookup(loaded.catalog)
            self.ignores[tag] = loaded.ignores
            self.healthy.append(tag)
        else:
            self.lookups[tag] = absent
            if loaded.state.error:
                self.problems.append(loaded.state.error)

    def messages(self, tag: str, loaded: Loaded) -> None:
        self.states.append(loaded.state)
        self.ui[tag] = None
        if loaded.data is not None:
            try:
                self.ui[tag] = i18n.load_translations(loaded.data)
                self.ui_ignores[tag] = loaded.ignores
            except Exception as exc:  # pragma: no cover - MoCatalog accepted it
                self.problems.append(f"{tag} messages: {exc}")
        elif loaded.state.error:
            self.problems.append(loaded.state.error)


def load_catalogs(settings: Settings, locales: Sequence[str]) -> Catalogs:
    """The catalogs of ``locales`` (the first is the source language: it has none)."""
    default, *others = locales
    loading = _Loading(ui={default: None}, healthy=[default])
    for tag in others:
        locale = LocaleTag(tag)
        loading.content(tag, load_catalog(settings.locales_path, locale, "articles"))
        ui = load_catalog(settings.locales_path, locale, "messages", in_memory=True)
        loading.messages(tag, ui)
    return Catalogs(
        states=tuple(loading.states),
        problems=tuple(loading.problems),
        lookups=loading.lookups,
        ui=loading.ui,
        healthy=tuple(loading.healthy),
        ignores=loading.ignores,
        ui_ignores=loading.ui_ignores,
    )

"""Loading steps of the service's locales: which are served, and every one's catalogs.

:func:`served_locales` reads the configuration (or the ``locales/`` folders);
:func:`load_catalogs` loads each locale's content and UI catalogs (one catalog:
:mod:`medloc.serving.web.loading`) and never fails: a catalog that cannot be read is
reported and its locale served from its fallback chain.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from babel.support import Translations

from medloc.errors import LocaleError
from medloc.tags import LocaleTag

from ..plan import Lookup
from . import i18n
from .config import Settings
from .inputs import Problem
from .loading import (
    DISAGREES,
    CatalogState,
    Loaded,
    Proof,
    Proofs,
    load_catalog,
    locale_folders,
    stamp,
)

Previous = Mapping[tuple[str, str], Loaded]
"""The catalogs of the generation before, by (locale, domain)."""

__all__ = ["Catalogs", "Ignores", "default_locale", "load_catalogs", "served_locales"]

log = logging.getLogger("medloc.web")

Ignores = dict[str, dict[tuple[str | None, str], dict[str, str]]]
"""Per locale: ``# medloc-ignore`` comments by (msgctxt, msgid)."""


@dataclass(frozen=True)
class Catalogs:
    """Every served locale's catalogs, as loaded."""

    states: tuple[CatalogState, ...]
    problems: tuple[Problem, ...]
    lookups: Mapping[str, Lookup]
    """Content translations per locale (:func:`~.loading.absent` for one not loaded)."""
    ui: Mapping[str, Translations | None]
    """UI translations per locale (None: the source language, or not loaded)."""
    healthy: tuple[str, ...]
    """The default locale and those whose content catalog loaded: offered and negotiated."""
    ignores: Ignores = field(default_factory=dict)
    ui_ignores: Ignores = field(default_factory=dict)
    loaded: Previous = field(default_factory=dict)
    """Every catalog as loaded (the next generation reuses those whose files are unchanged)."""
    proofs: Proofs = field(default_factory=dict)
    """What loading proved of the files as they are (see :class:`~.loading.Proof`)."""


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


def served_locales(settings: Settings, before: Sequence[str] = ()) -> tuple[str, ...]:
    """The locales served, BCP 47: the default first, then the others sorted. A locale
    served ``before`` stays (its folder deleted, it is served from its fallback, reported)."""
    default = default_locale(settings)
    configured = _folder_tags(settings) if settings.locales is None else settings.locales
    tags = dict.fromkeys(LocaleTag(tag).bcp47 for tag in (*configured, *before))
    return (default, *sorted(tag for tag in tags if tag != default))


def _problem(tag: str, domain: str, public: str, detail: str) -> Problem:
    return Problem("catalog", f"{tag} {domain}", public, detail)


def _load(settings: Settings, tag: str, domain: str, previous: Previous, known: Proofs) -> Loaded:
    """One catalog: the previous generation's when its files are unchanged; the last good
    version when the changed files cannot be read."""
    locale = LocaleTag(tag)
    last = previous.get((tag, domain))
    if last is not None:
        base = settings.locales_path / locale.babel / "LC_MESSAGES" / domain
        stamps = (stamp(base.with_suffix(".po")), stamp(base.with_suffix(".mo")))
        if stamps == last.stamps and last.state.error is None:
            return last
    loaded = load_catalog(
        settings.locales_path, locale, domain, in_memory=domain == "messages", known=known
    )
    if loaded.catalog is None and last is not None and last.catalog is not None:
        error = loaded.state.error or f"locales/{locale.babel}/LC_MESSAGES/{domain}: missing"
        warning = f"{error}; the last good version is served until the file is fixed"
        log.error("%s", warning)
        state = replace(last.state, warning=warning)
        return replace(last, state=state, stamps=loaded.stamps)
    return loaded


@dataclass
class _Loading:
    """What :func:`load_catalogs` gathers, locale by locale."""

    states: list[CatalogState] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lookups: dict[str, Lookup] = field(default_factory=dict)
    ui: dict[str, Translations | None] = field(default_factory=dict)
    healthy: list[str] = field(default_factory=list)
    ignores: Ignores = field(default_factory=dict)
    ui_ignores: Ignores = field(default_factory=dict)
    loaded: dict[tuple[str, str], Loaded] = field(default_factory=dict)

    def add(self, tag: str, domain: str, loaded: Loaded) -> None:
        self.states.append(loaded.state)
        self.loaded[(tag, domain)] = loaded
        state = loaded.state
        if state.error:
            self.problems.append(
                _problem(tag, domain, "cannot be read; served from the fallback", state.error)
            )
        elif state.warning and "last good" in state.warning:
            self.problems.append(
                _problem(
                    tag,
                    domain,
                    "changed and cannot be read; last good version served",
                    state.warning,
                )
            )
        elif state.warning and state.source == "po" and DISAGREES in state.warning:
            self.problems.append(
                _problem(
                    tag, domain, "the .mo differs from its .po; served from the .po", state.warning
                )
            )
        elif state.warning and state.source == "po" and "older" not in state.warning:
            self.problems.append(
                _problem(tag, domain, "the .mo is corrupt; served from the .po", state.warning)
            )
        if domain == "articles" and state.source == "missing":
            babel = LocaleTag(tag).babel
            self.problems.append(
                _problem(
                    tag,
                    domain,
                    "no catalog; served from the fallback",
                    f"locales/{babel}/LC_MESSAGES/articles.po: no such file; the locale is "
                    f"served from its fallback; run medloc init {babel} or remove the locale",
                )
            )
        if domain == "articles":
            self.lookups[tag] = loaded.lookup()
            if loaded.catalog is not None:
                self.ignores[tag] = loaded.ignores
                self.healthy.append(tag)
        else:
            self.messages(tag, loaded)

    def messages(self, tag: str, loaded: Loaded) -> None:
        self.ui[tag] = None
        if loaded.data is not None:
            try:
                self.ui[tag] = i18n.load_translations(loaded.data)
                self.ui_ignores[tag] = loaded.ignores
            except Exception as exc:  # pragma: no cover - MoCatalog accepted it
                self.problems.append(_problem(tag, "messages", "cannot be read", f"{exc}"))


def load_catalogs(
    settings: Settings,
    locales: Sequence[str],
    previous: Previous | None = None,
    known: Proofs | None = None,
) -> Catalogs:
    """The catalogs of ``locales`` (the first is the source language: it has none);
    ``known``: proofs of an earlier load, trusted for files whose stamps match."""
    default, *others = locales
    loading = _Loading(ui={default: None}, healthy=[default])
    for tag in others:
        for domain in ("articles", "messages"):
            loading.add(tag, domain, _load(settings, tag, domain, previous or {}, known or {}))
    proofs: dict[str, Proof] = {}
    for loaded in loading.loaded.values():
        proofs.update(loaded.proofs)
    return Catalogs(
        states=tuple(loading.states),
        problems=tuple(loading.problems),
        lookups=loading.lookups,
        ui=loading.ui,
        healthy=tuple(loading.healthy),
        ignores=loading.ignores,
        ui_ignores=loading.ui_ignores,
        loaded=loading.loaded,
        proofs=proofs,
    )

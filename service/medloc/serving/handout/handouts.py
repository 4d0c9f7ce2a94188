"""Handouts made once per generation and served from memory, through the render gate.

A handout is a :class:`~medloc.serving.web.library.Representation` (the PDF's bytes and their
strong ETag) kept per generation of content and catalogs
(:mod:`medloc.serving.web.generation`): a catalog update starts a new generation, whose
handouts are made afresh like its pages, and the old ones go away with the old generation.
The same bytes come out for the same input (WeasyPrint's output is deterministic here), so
workers on the same generation send the same ETag.

Rendering is bounded by a :class:`~.gate.Gate`; one handout is rendered once even when many
requests ask for it at the same time (the others wait for it, holding no render slot).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

from medloc.errors import ContentError, LocaleError

from ..web.cache import LRU
from ..web.config import project_settings
from ..web.library import Library
from ..web.renditions import Representation
from .config import HandoutConfig, read_handouts
from .engine import INSTALL_HINT, Fetches, PdfUnavailable, available, write_pdf
from .gate import Gate
from .layout import handout_html

__all__ = ["PDF", "HandoutKey", "Handouts", "make_handout", "project_handout"]

PDF = "application/pdf"
_STRIPES = 32


@dataclass(frozen=True)
class HandoutKey:
    """Which handout: an article in a locale, optionally beside a second locale."""

    slug: str
    locale: str
    other: str | None = None
    """The second column's locale (``?with=``), None for a handout in one language."""

    @property
    def locales(self) -> tuple[str, ...]:
        return (self.locale,) if self.other is None else (self.locale, self.other)

    @property
    def filename(self) -> str:
        return f"{self.slug}-{'-'.join(self.locales)}.pdf"


def make_handout(
    library: Library, key: HandoutKey, config: HandoutConfig, fetches: Fetches | None = None
) -> Representation:
    """Render the handout ``key`` (served slug and locales) of ``library``'s generation."""
    page = handout_html(library, key.slug, key.locales, paper=config.paper)
    body = write_pdf(page.html, data_uris=page.data_uris, fetches=fetches)
    return Representation(body, PDF, page.language)


class _Cache(LRU[HandoutKey, Representation]):
    """One generation's handouts."""

    def peek(self, key: HandoutKey) -> Representation | None:
        """The handout if it is here, without building it."""
        with self._lock:
            return self._items.get(key)


class Handouts:
    """The handouts of every generation one process serves, and its render gate."""

    def __init__(self, config: HandoutConfig) -> None:
        self.config = config
        self.gate = Gate(config.max_renders, config.queue, config.wait)
        self._caches: weakref.WeakKeyDictionary[Library, _Cache] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        self._stripes = tuple(threading.Lock() for _ in range(_STRIPES))
        self.rendered = 0
        """How many handouts this process rendered (the rest came from the caches)."""

    def _cache(self, library: Library) -> _Cache:
        with self._lock:
            cache = self._caches.get(library)
            if cache is None:
                cache = self._caches[library] = _Cache(self.config.cache_size)
            return cache

    def cached(self, library: Library, key: HandoutKey) -> Representation | None:
        """The handout if this generation has it already."""
        return self._cache(library).peek(key)

    def get(self, library: Library, key: HandoutKey) -> Representation:
        """The handout ``key`` of ``library``'s generation, rendered at most once;
        :class:`~.gate.Busy` when the gate is full."""
        cache = self._cache(library)
        found = cache.peek(key)
        if found is not None:
            return found
        with self.gate.admit(), self._stripes[hash((id(library), key)) % _STRIPES]:
            return cache.get(key, lambda: self._render(library, key))

    def _render(self, library: Library, key: HandoutKey) -> Representation:
        with self.gate.slot():
            representation = make_handout(library, key, self.config)
        self.rendered += 1
        return representation


def project_handout(
    root: Path, locale: str, slug: str, other: str | None = None
) -> tuple[HandoutKey, Representation]:
    """The handout of the project at ``root`` (its ``[serve]`` and ``[handouts]`` tables), as
    ``medloc handout`` makes it: :class:`~.engine.PdfUnavailable` without WeasyPrint,
    LocaleError for a locale not served, ContentError for an article not served."""
    if not available():
        raise PdfUnavailable(INSTALL_HINT)
    library = Library(project_settings(root, reload_interval=0))
    key = HandoutKey(
        _article(library, slug),
        _locale(library, locale, root),
        _locale(library, other, root) if other is not None else None,
    )
    if key.other == key.locale:
        key = HandoutKey(key.slug, key.locale)
    return key, make_handout(library, key, read_handouts(root))


def _locale(library: Library, text: str, root: Path) -> str:
    served = library.locale(text)
    if served is None:
        raise LocaleError(
            f"locale {text!r} is not served; use one of: {', '.join(library.locales)}",
            path=str(root / "locales"),
        )
    return served


def _article(library: Library, slug: str) -> str:
    if library.served(slug):
        return slug
    where = library.articles[slug].path if slug in library.articles else None
    if where is not None:
        raise ContentError(f"article {slug!r} is withheld (see medloc check)", path=str(where))
    raise ContentError(
        f"no article {slug!r}; use one of: {', '.join(library.slugs)}",
        path=str(library.settings.content_path / "articles"),
    )

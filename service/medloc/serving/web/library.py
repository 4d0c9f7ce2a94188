"""The Library: content and catalogs loaded once at startup, renditions cached.

``Library.load`` reads every article, the disclaimer and every locale's catalogs, and never
fails because of a catalog: one that cannot be read is logged, reported by ``/healthz``,
and its locale is served from its fallback chain (how one catalog is loaded:
:mod:`medloc.serving.web.loading`).

Nothing is rendered per request: a rendered article (per slug and locale) and each final
representation (bytes + strong ETag) are computed once, lazily, and kept in bounded LRUs.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from babel.support import Translations

from medloc.errors import ContentError
from medloc.source.content import Article, Content, load_content
from medloc.source.markdown import Document, parse_document

from ..negotiate import Negotiator, canonical_tag, from_babel, to_babel
from ..render import (
    Accept,
    Language,
    RenderedArticle,
    render_article,
    serves_whole,
    source_language,
)
from . import i18n
from .config import Settings
from .loading import CatalogState, absent, load_catalog, locale_folders, mo_lookup
from .markup import page_parser
from .qa import make_accept

__all__ = ["CatalogState", "Library", "Rendition", "Representation", "current_library"]

log = logging.getLogger("medloc.web")

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True)
class Representation:
    """Final bytes of one response body and their strong validator."""

    body: bytes
    media_type: str
    language: str
    etag: str = field(init=False)
    """The quoted sha256 of ``body`` (a strong ETag)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "etag", f'"{hashlib.sha256(self.body).hexdigest()}"')


@dataclass(frozen=True)
class Rendition:
    """One article in one locale: the article and the disclaimer, rendered along its chain."""

    article: Article
    rendered: RenderedArticle
    disclaimer: RenderedArticle

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language shown, the requested one first."""
        seen = dict.fromkeys((*self.rendered.languages, *self.disclaimer.languages))
        return tuple(seen)

    @property
    def fallback_languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.rendered.locale)


class LRU(Generic[K, V]):
    """A small thread-safe LRU; ``get(key, build)`` builds outside the lock."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, build: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


_HAS_RISKS = re.compile(r"^#{1,6}[ \t].*\{[^{}\n]*\brole=risks\b[^{}\n]*\}[ \t]*$", re.M)
"""A heading with ``role=risks``: checked at start-up without parsing every article."""


# ------------------------------------------------------------------------- library


class Library:
    """Everything a request needs, loaded once; immutable apart from its caches."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.md = page_parser()
        self.content: Content = load_content_from(settings.content_path)
        if self.content.disclaimer is None:
            raise ContentError(
                "every page carries the disclaimer; write content/disclaimer.md",
                path=str(settings.content_path / "disclaimer.md"),
            )
        self.disclaimer_article: Article = self.content.disclaimer
        self.disclaimer_document = self._parse(self.disclaimer_article)
        problems: list[str] = []
        articles: dict[str, Article] = {}
        for article in self.content.articles:
            if not _HAS_RISKS.search(article.body):
                message = (
                    f"{article.path}: no section with role=risks; the article is not served "
                    "(every page must have its risks section)"
                )
                log.error("%s", message)
                problems.append(message)
                continue
            articles[article.slug] = article
        self.articles: Mapping[str, Article] = articles
        """Articles by slug; parsed lazily (see :meth:`document`), so that start-up and
        memory stay small with thousands of articles."""
        # a parsed article (~100 KB of tokens) is needed while its locales are rendered
        self._documents: LRU[str, Document] = LRU(min(settings.cache_size, 64))

        self.default = canonical_tag(settings.default_locale) or "en"
        configured = settings.locales
        if configured is None:
            configured = []
            for name in locale_folders(settings.locales_path):
                try:
                    configured.append(from_babel(name))
                except ValueError:
                    log.warning("locales/%s: not a locale name; ignored", name)
        tags = list(dict.fromkeys(from_babel(to_babel(t)) for t in configured))
        tags = [self.default, *sorted(t for t in tags if t != self.default)]
        self.locales: tuple[str, ...] = tuple(tags)

        states: list[CatalogState] = []
        lookups: dict[str, Callable[[str, str], str | None]] = {}
        ui: dict[str, Translations | None] = {self.default: None}
        ignores: dict[str, dict[tuple[str | None, str], dict[str, str]]] = {}
        ui_ignores: dict[str, dict[tuple[str | None, str], dict[str, str]]] = {}
        healthy = [self.default]
        for tag in self.locales[1:]:
            babel = to_babel(tag)
            loaded = load_catalog(settings.locales_path, tag, babel, "articles")
            states.append(loaded.state)
            if loaded.catalog is not None:
                lookups[tag] = mo_lookup(loaded.catalog)
                ignores[tag] = loaded.ignores
                healthy.append(tag)
            else:
                lookups[tag] = absent
                if loaded.state.error:
                    problems.append(loaded.state.error)
            loaded_ui = load_catalog(settings.locales_path, tag, babel, "messages", in_memory=True)
            states.append(loaded_ui.state)
            ui[tag] = None
            if loaded_ui.data is not None:
                try:
                    ui[tag] = i18n.load_translations(loaded_ui.data)
                    ui_ignores[tag] = loaded_ui.ignores
                except Exception as exc:  # pragma: no cover - MoCatalog accepted it
                    problems.append(f"{tag} messages: {exc}")
            elif loaded_ui.state.error:
                problems.append(loaded_ui.state.error)
        self.catalog_states: tuple[CatalogState, ...] = tuple(states)
        self.problems: tuple[str, ...] = tuple(problems)
        self._lookups = lookups
        self.ui_catalogs: Mapping[str, Translations | None] = ui
        self.healthy: tuple[str, ...] = tuple(healthy)
        """Locales whose content catalog loaded: the ones offered and negotiated."""

        self.router = Negotiator(self.locales, self.default, fallbacks=settings.fallbacks)
        self.negotiator = Negotiator(self.healthy, self.default)
        self.accept: Accept | None = make_accept(ignores) if settings.blocking_checks else None
        self.ui_accept: Accept | None = (
            make_accept(ui_ignores, domain="messages") if settings.blocking_checks else None
        )
        self._by_lower = {tag.lower(): tag for tag in self.locales}
        self._renditions: LRU[tuple[str, str], Rendition] = LRU(settings.cache_size)
        self._disclaimers: LRU[str, RenderedArticle] = LRU(max(len(self.locales), 1))
        self._representations: LRU[tuple[str, ...], Representation] = LRU(settings.cache_size * 2)
        self._translated: LRU[str, tuple[str, ...]] = LRU(max(len(articles), 1))
        self._disclaimer_served: dict[str, bool] = {}

    # -- loading

    def _parse(self, article: Article) -> Document:
        return parse_document(
            article.body, self.md, path=article.path, first_line=article.body_line
        )

    def document(self, slug: str) -> tuple[Article, Document]:
        """An article and its parsed body, parsed once while it stays in the bounded cache."""
        article = self.articles[slug]
        return article, self._documents.get(slug, lambda: self._parse(article))

    # -- locales

    def locale(self, text: str) -> str | None:
        """The served locale spelled ``text`` in any case or form (``PT_br``), else None."""
        if not text.isascii() or len(text) > 64:
            return None
        canonical = canonical_tag(text)
        return self._by_lower.get(canonical.lower()) if canonical else None

    def chain(self, locale: str) -> tuple[str, ...]:
        """The fallback chain of a served locale, ending with the source language."""
        return self.router.chain(locale)

    def languages(self, locale: str) -> list[Language]:
        return [
            source_language(tag) if tag == self.default else Language(tag, self._lookups[tag])
            for tag in self.chain(locale)
        ]

    def ui(self, locale: str) -> i18n.UIText:
        return i18n.UIText(
            locale, i18n.ui_chain(self.chain(locale), self.ui_catalogs), self.ui_accept
        )

    # -- articles

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(self.articles)

    def rendition(self, slug: str, locale: str) -> Rendition:
        """``slug`` rendered in ``locale`` (both known), computed once."""
        return self._renditions.get((slug, locale), lambda: self._render(slug, locale))

    def _render(self, slug: str, locale: str) -> Rendition:
        article, document = self.document(slug)
        chain = self.languages(locale)
        rendered = render_article(article, document, self.md, chain, accept=self.accept)
        disclaimer = self._disclaimers.get(
            locale,
            lambda: render_article(
                self.disclaimer_article,
                self.disclaimer_document,
                self.md,
                chain,
                accept=self.accept,
            ),
        )
        return Rendition(article, rendered, disclaimer)

    def translated_locales(self, slug: str) -> tuple[str, ...]:
        """Locales in which the article is really translated: its title, summary, risks and
        the disclaimer all served in that locale, none of them through fallback."""
        return self._translated.get(slug, lambda: self._find_translated(slug))

    def _find_translated(self, slug: str) -> tuple[str, ...]:
        article, document = self.document(slug)
        found = [self.default]
        for tag in self.healthy[1:]:
            language = self.languages(tag)[0]
            if self._disclaimer_whole(tag) and serves_whole(
                article, document, language, accept=self.accept
            ):
                found.append(tag)
        return tuple(found)

    def _disclaimer_whole(self, tag: str) -> bool:
        known = self._disclaimer_served.get(tag)
        if known is None:
            known = self._disclaimer_served[tag] = serves_whole(
                self.disclaimer_article,
                self.disclaimer_document,
                self.languages(tag)[0],
                accept=self.accept,
            )
        return known

    # -- final bytes

    def representation(
        self, key: tuple[str, ...], build: Callable[[], Representation]
    ) -> Representation:
        """The cached final body for ``key`` (kind, locale, slug...), built once."""
        return self._representations.get(key, build)

    def health(self) -> dict[str, object]:
        return {
            "status": "degraded" if self.problems else "ok",
            "articles": len(self.articles),
            "locales": list(self.locales),
            "negotiable": list(self.healthy),
            "catalogs": [
                {
                    "locale": s.locale,
                    "domain": s.domain,
                    "source": s.source,
                    "messages": s.messages,
                    **({"error": s.error} if s.error else {}),
                }
                for s in self.catalog_states
            ],
            "problems": list(self.problems),
            "cached": len(self._renditions),
        }


def load_content_from(content_dir: Path) -> Content:
    """:func:`medloc.source.content.load_content` for a content folder anywhere."""
    content_dir = Path(content_dir).resolve()
    if content_dir.name == "content":
        return load_content(content_dir.parent)
    raise ContentError("the content folder must be named 'content'", path=str(content_dir))


def current_library() -> Library:
    """The Library of the running app."""
    from flask import current_app

    library = current_app.extensions["medloc"]
    assert isinstance(library, Library)
    return library

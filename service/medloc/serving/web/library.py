"""The Library: content and catalogs loaded once at startup, renditions cached.

``Library(settings)`` runs the loading steps in order (:meth:`Library._read_content`, then
:func:`~.locales.served_locales`, :func:`~.locales.load_catalogs`, the negotiators and the
caches) and never fails because of a catalog: one that cannot be read is logged, reported
by ``/healthz``, and its locale is served from its fallback chain.

Articles are parsed lazily (start-up stays fast with thousands of them); when one is parsed,
:func:`medloc.source.rules.missing_sections` decides whether it may be served: an article
without a risks section is withheld (not listed, 404), logged with its file and line.

Nothing is rendered per request: the fallback plan and the rendered article (per slug and
locale) and each final representation (bytes + strong ETag) are computed once, lazily, and
kept in bounded LRUs.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from medloc.errors import ContentError
from medloc.source.content import Article, Content, load_content
from medloc.source.markdown import Document, parse_document
from medloc.source.rules import missing_sections

from ..negotiate import Negotiator, canonical_tag
from ..plan import Accept, Language, Plan, plan_article, source_language
from ..render import RenderedArticle, render_plan
from . import i18n
from .cache import LRU
from .config import Settings
from .loading import CatalogState
from .locales import Catalogs, load_catalogs, served_locales
from .markup import page_parser
from .qa import make_accept

__all__ = ["CatalogState", "Library", "Rendition", "Representation", "current_library"]

log = logging.getLogger("medloc.web")


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


class Library:
    """Everything a request needs, loaded once; immutable apart from its caches."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.md = page_parser()
        content = self._read_content()
        self.articles: Mapping[str, Article] = {a.slug: a for a in content.articles}
        """Articles by slug, as read; parsed lazily (see :meth:`document`), so that start-up
        and memory stay small with thousands of articles."""
        self.locales: tuple[str, ...] = served_locales(settings)
        self.default = self.locales[0]
        self._use_catalogs(load_catalogs(settings, self.locales))
        self._build_negotiators()
        self._make_caches()

    # -- loading steps

    def _read_content(self) -> Content:
        """Step 1: the articles (read, not parsed) and the disclaimer (parsed)."""
        content = load_content_from(self.settings.content_path)
        if content.disclaimer is None:
            raise ContentError(
                "every page carries the disclaimer; write content/disclaimer.md",
                path=str(self.settings.content_path / "disclaimer.md"),
            )
        self.disclaimer_article: Article = content.disclaimer
        self.disclaimer_document = self._parse(content.disclaimer)
        return content

    def _use_catalogs(self, catalogs: Catalogs) -> None:
        """Step 3: the loaded catalogs, and the blocking checks over them."""
        self.catalog_states: tuple[CatalogState, ...] = catalogs.states
        self._load_problems = catalogs.problems
        self._lookups = catalogs.lookups
        self.ui_catalogs = catalogs.ui
        self.healthy: tuple[str, ...] = catalogs.healthy
        """Locales whose content catalog loaded: the ones offered and negotiated."""
        checks = self.settings.blocking_checks
        self.accept: Accept | None = make_accept(catalogs.ignores) if checks else None
        self.ui_accept: Accept | None = (
            make_accept(catalogs.ui_ignores, domain="messages") if checks else None
        )

    def _build_negotiators(self) -> None:
        """Step 4: fallback chains (every served locale) and negotiation (healthy ones)."""
        self.router = Negotiator(self.locales, self.default, fallbacks=self.settings.fallbacks)
        self.negotiator = Negotiator(self.healthy, self.default)
        self._by_lower = {tag.lower(): tag for tag in self.locales}

    def _make_caches(self) -> None:
        """Step 5: the bounded caches, empty."""
        size = self.settings.cache_size
        # a parsed article (~100 KB of tokens) is needed while its locales are rendered
        self._documents: LRU[str, Document] = LRU(min(size, 64))
        self._verdicts: dict[str, bool] = {}
        self._withheld: dict[str, str] = {}
        self._plans: LRU[tuple[str, str], Plan] = LRU(size)
        self._renditions: LRU[tuple[str, str], Rendition] = LRU(size)
        self._disclaimer_plans: LRU[str, Plan] = LRU(max(len(self.locales), 1))
        self._disclaimers: LRU[str, RenderedArticle] = LRU(max(len(self.locales), 1))
        self._representations: LRU[tuple[str, ...], Representation] = LRU(size * 2)
        self._translated: LRU[str, tuple[str, ...]] = LRU(max(len(self.articles), 1))

    # -- articles: parsed lazily, withheld when a required section is missing

    def _parse(self, article: Article) -> Document:
        return parse_document(
            article.body, self.md, path=article.path, first_line=article.body_line
        )

    def _parse_and_check(self, article: Article) -> Document:
        document = self._parse(article)
        missing = missing_sections(article, document)
        if missing and article.slug not in self._withheld:
            message = "; ".join(str(m) for m in missing) + "; the article is not served"
            log.error("%s", message)
            self._withheld[article.slug] = message
        self._verdicts[article.slug] = not missing
        return document

    def document(self, slug: str) -> tuple[Article, Document]:
        """An article and its parsed body, parsed once while it stays in the bounded cache."""
        article = self.articles[slug]
        return article, self._documents.get(slug, lambda: self._parse_and_check(article))

    def served(self, slug: str) -> bool:
        """Whether ``slug`` names an article that is served (parsed to know, once)."""
        if slug not in self.articles:
            return False
        if slug not in self._verdicts:
            self.document(slug)
        return self._verdicts[slug]

    @property
    def slugs(self) -> tuple[str, ...]:
        """The articles served, in order (each parsed once to know)."""
        return tuple(slug for slug in self.articles if self.served(slug))

    @property
    def problems(self) -> tuple[str, ...]:
        """Catalogs that did not load, then articles withheld so far."""
        return (*self._load_problems, *self._withheld.values())

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

    # -- fallback plans and renditions

    def plan(self, slug: str, locale: str) -> Plan:
        """What the page of ``slug`` in ``locale`` shows, and in which language."""
        return self._plans.get((slug, locale), lambda: self._plan(slug, locale))

    def _plan(self, slug: str, locale: str) -> Plan:
        article, document = self.document(slug)
        return plan_article(article, document, self.languages(locale), accept=self.accept)

    def disclaimer_plan(self, locale: str) -> Plan:
        return self._disclaimer_plans.get(
            locale,
            lambda: plan_article(
                self.disclaimer_article,
                self.disclaimer_document,
                self.languages(locale),
                accept=self.accept,
            ),
        )

    def rendition(self, slug: str, locale: str) -> Rendition:
        """``slug`` rendered in ``locale`` (both known), computed once."""
        return self._renditions.get((slug, locale), lambda: self._render(slug, locale))

    def _render(self, slug: str, locale: str) -> Rendition:
        article, document = self.document(slug)
        rendered = render_plan(article, document, self.md, self.plan(slug, locale))
        disclaimer = self._disclaimers.get(
            locale,
            lambda: render_plan(
                self.disclaimer_article,
                self.disclaimer_document,
                self.md,
                self.disclaimer_plan(locale),
            ),
        )
        return Rendition(article, rendered, disclaimer)

    def translated_locales(self, slug: str) -> tuple[str, ...]:
        """Locales in which the article is really translated: its title, summary, risks and
        the disclaimer all served in that locale, none of them through fallback (the plans
        the pages are rendered from say so)."""
        return self._translated.get(slug, lambda: self._find_translated(slug))

    def _find_translated(self, slug: str) -> tuple[str, ...]:
        whole = [
            tag
            for tag in self.healthy[1:]
            if self.disclaimer_plan(tag).whole and self.plan(slug, tag).whole
        ]
        return (self.default, *whole)

    # -- final bytes

    def representation(
        self, key: tuple[str, ...], build: Callable[[], Representation]
    ) -> Representation:
        """The cached final body for ``key`` (kind, locale, slug...), built once."""
        return self._representations.get(key, build)

    def health(self) -> dict[str, object]:
        return {
            "status": "degraded" if self.problems else "ok",
            "articles": len(self.articles) - len(self._withheld),
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

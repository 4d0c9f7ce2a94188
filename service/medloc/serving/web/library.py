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

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from medloc.config import read_config
from medloc.errors import ContentError, MedlocError
from medloc.review.provenance import SourceRevision, source_revision
from medloc.roles import Roles, read_roles
from medloc.source.content import Article
from medloc.source.markdown import Document, parse_document
from medloc.source.rules import missing_sections

from ..negotiate import Negotiator, canonical_tag
from ..plan import (
    Accept,
    Front,
    Language,
    Plan,
    Review,
    Standing,
    plan_article,
    plan_front,
    source_language,
    standing,
)
from ..presentation import PagesConfig, read_pages
from ..render import RenderedArticle, render_plan
from ..site import SiteConfig, read_site
from . import i18n
from .cache import LRU
from .config import Settings
from .inputs import Articles, Problem, read_articles
from .loading import CatalogState, Proofs
from .locales import Catalogs, load_catalogs, served_locales
from .markup import page_parser
from .qa import load_review, load_signed, make_accept, review_of
from .renditions import Rendition, Representation

__all__ = ["CatalogState", "Library", "current_library"]

log = logging.getLogger("medloc.web")


@dataclass(frozen=True)
class _KnownUI(i18n.UIText):
    """UI strings whose look-ups are kept: they depend on the generation alone."""

    known: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, msgid: str) -> tuple[str, str]:
        found = self.known.get(msgid)
        if found is None:
            found = self.known[msgid] = super().lookup(msgid)
        return found


class Library:
    """Everything a request needs, loaded once; immutable apart from its caches.

    One Library is one *generation*: a consistent snapshot of content and catalogs. A new one
    is built from ``previous`` (:mod:`.generation`): files unchanged since are reused, and a
    changed file that cannot be read is replaced by its last good version, reported.
    ``known``: what the last build proved of the catalogs (:class:`~.loading.Proof`).
    """

    def __init__(
        self, settings: Settings, previous: Library | None = None, *, known: Proofs | None = None
    ) -> None:
        self.settings = settings
        self.number: int = previous.number + 1 if previous is not None else 1
        """Which generation this is, in this process (1 at start)."""
        self.md = page_parser()
        # medloc.toml, read once per generation: a bad value stops start-up or a reload
        config = read_config(settings.root)
        self.roles: Roles = read_roles(config)
        self.pages: PagesConfig = read_pages(config)
        self.site: SiteConfig = read_site(config)
        self.recordings: dict[str, Any] = {}
        """The replayed answers of this generation (:mod:`.replay`): they go with it."""
        self.inputs: Articles = read_articles(
            settings.content_path, previous.inputs if previous is not None else None
        )
        self._read_disclaimer()
        self.articles: Mapping[str, Article] = self.inputs.articles
        """Articles by slug, as read; parsed lazily (see :meth:`document`), so that start-up
        and memory stay small with thousands of articles."""
        before = previous.locales if previous is not None else ()
        self.locales: tuple[str, ...] = served_locales(settings, before)
        self.default = self.locales[0]
        loaded = previous.catalogs.loaded if previous is not None else None
        self._use_catalogs(load_catalogs(settings, self.locales, loaded, known))
        self._build_negotiators()
        self._make_caches()

    # -- loading steps

    def _read_disclaimer(self) -> None:
        """Step 1: the disclaimer, parsed (without it, no article is served: 503)."""
        self.disclaimer_article: Article | None = self.inputs.disclaimer
        self.disclaimer_document: Document | None = None
        self._disclaimer_problems: tuple[Problem, ...] = ()
        if self.disclaimer_article is not None:
            try:
                self.disclaimer_document = self._parse(self.disclaimer_article)
            except Exception as exc:
                detail = f"{_located(exc, self.disclaimer_article)}; articles are withheld (503)"
                log.error("%s", detail)
                public = "the disclaimer cannot be read; articles are withheld (503)"
                self._disclaimer_problems = (Problem("disclaimer", "disclaimer", public, detail),)
                self.disclaimer_article = None

    def _use_catalogs(self, catalogs: Catalogs) -> None:
        """Step 3: the loaded catalogs, and the blocking checks over them."""
        self.catalogs = catalogs
        self.catalog_states: tuple[CatalogState, ...] = catalogs.states
        self._load_problems = catalogs.problems
        self._lookups = catalogs.lookups
        self.ui_catalogs = catalogs.ui
        self.healthy: tuple[str, ...] = catalogs.healthy
        """Locales whose content catalog loaded: the ones offered and negotiated."""
        checks = self.settings.blocking_checks
        self.accept: Accept | None = (
            make_accept(catalogs.ignores, roles=self.roles) if checks else None
        )
        self.ui_accept: Accept | None = (
            make_accept(catalogs.ui_ignores, domain="messages") if checks else None
        )
        self.review: Review | None = load_review(self.settings.root, self.locales, self.roles)
        """Sections reviewed by a second linguist, where ``[review] required`` (else None)."""
        self.signed = load_signed(self.settings.root, self.locales, self.review, catalogs.proofs)
        """Sections signed as they stand, per locale, with the latest date (no git)."""

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
        self._sources: LRU[str, SourceRevision] = LRU(min(size, 64))  # one per article
        self._verdicts: dict[str, bool] = {}
        self._withheld: dict[str, Problem] = {}
        self._failed: dict[str, Problem] = {}
        self._plans: LRU[tuple[str, str], Plan] = LRU(size)
        self._renditions: LRU[tuple[str, str], Rendition] = LRU(size)
        self._disclaimer_plans: LRU[str, Plan] = LRU(max(len(self.locales), 1))
        self._disclaimers: LRU[str, RenderedArticle] = LRU(max(len(self.locales), 1))
        self._representations: LRU[tuple[str, ...], Representation] = LRU(size * 2)
        self._translated: LRU[str, tuple[str, ...]] = LRU(max(len(self.articles), 1))
        self._standings: dict[tuple[str, str], Standing] = {}  # a few floats per article
        self._fronts: LRU[tuple[str, str], Front] = LRU(max(len(self.articles), 1))  # a locale
        self._ui: dict[str, _KnownUI] = {}

    # -- articles: parsed lazily, withheld when a required section is missing

    def _parse(self, article: Article) -> Document:
        body, path, line = article.body, article.path, article.body_line
        return parse_document(body, self.md, path=path, first_line=line, roles=self.roles)

    def _parse_and_check(self, article: Article) -> Document:
        try:
            document = self._parse(article)
        except Exception as exc:
            self.failed(article.slug, exc)
            raise
        missing = missing_sections(article, document, self.roles)
        if missing and article.slug not in self._withheld:
            message = "; ".join(str(m) for m in missing) + "; the article is not served"
            log.error("%s", message)
            public = "a required section is missing; the article is not served"
            self._withheld[article.slug] = Problem("article", article.slug, public, message)
        self._verdicts[article.slug] = not missing
        return document

    def failed(self, slug: str, exc: BaseException) -> None:
        """Withhold ``slug`` (503) after its file failed to parse or render."""
        if slug in self._failed:
            return
        article = self.articles.get(slug)
        detail = f"{_located(exc, article)}; the article is withheld (503)"
        log.error("%s", detail, exc_info=not isinstance(exc, MedlocError))
        public = "cannot be rendered; withheld (503) until it is corrected"
        self._failed[slug] = Problem("article", slug, public, detail)
        self._verdicts[slug] = False

    def document(self, slug: str) -> tuple[Article, Document]:
        """An article and its parsed body, parsed once while it stays in the bounded cache."""
        article = self.articles[slug]
        return article, self._documents.get(slug, lambda: self._parse_and_check(article))

    def served(self, slug: str) -> bool:
        """Whether ``slug`` names an article that is served (parsed to know, once)."""
        if slug not in self.articles or self.disclaimer_document is None:
            return False
        if slug not in self._verdicts:
            try:
                self.document(slug)
            except Exception:  # recorded by failed(): withheld
                return False
        return self._verdicts[slug]

    def unavailable(self, slug: str) -> bool:
        """Whether ``slug`` is an article withheld because a file is broken (503, not 404)."""
        if slug in self.inputs.broken or slug in self._failed:
            return True
        return slug in self.articles and not self.served(slug) and slug not in self._withheld

    @property
    def slugs(self) -> tuple[str, ...]:
        """The articles served, in order (each parsed once to know)."""
        return tuple(slug for slug in self.articles if self.served(slug))

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Input files, then catalogs that did not load, then articles withheld so far."""
        return (
            *self.inputs.problems,
            *self._disclaimer_problems,
            *self._load_problems,
            *self._withheld.values(),
            *self._failed.values(),
        )

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
        """``locale``'s UI strings, each looked up once per generation (every page asks)."""
        found = self._ui.get(locale)
        if found is None:
            chain = i18n.ui_chain(self.chain(locale), self.ui_catalogs)
            found = self._ui[locale] = _KnownUI(locale, chain, self.ui_accept)
        return found

    # -- fallback plans and renditions

    def plan(self, slug: str, locale: str) -> Plan:
        """What the page of ``slug`` in ``locale`` shows, and in which language."""
        return self._plans.get((slug, locale), lambda: self._plan(slug, locale))

    def _plan(self, slug: str, locale: str) -> Plan:
        article, document = self.document(slug)
        return self._plan_of(article, document, locale)

    def _plan_of(self, article: Article, document: Document, locale: str) -> Plan:
        return plan_article(
            article,
            document,
            self.languages(locale),
            accept=self.accept,
            review=self.review,
            roles=self.roles,
        )

    def _disclaimer(self) -> tuple[Article, Document]:
        if self.disclaimer_article is None or self.disclaimer_document is None:
            raise ContentError("the disclaimer cannot be read", path="content/disclaimer.md")
        return self.disclaimer_article, self.disclaimer_document

    def disclaimer_plan(self, locale: str) -> Plan:
        article, document = self._disclaimer()
        return self._disclaimer_plans.get(
            locale,
            lambda: self._plan_of(article, document, locale),
        )

    def rendition(self, slug: str, locale: str) -> Rendition:
        """``slug`` rendered in ``locale`` (both known), computed once."""
        return self._renditions.get((slug, locale), lambda: self._render(slug, locale))

    def _render(self, slug: str, locale: str) -> Rendition:
        article, document = self.document(slug)
        rendered = render_plan(article, document, self.md, self.plan(slug, locale))
        disclaimer_article, disclaimer_document = self._disclaimer()
        disclaimer = self._disclaimers.get(
            locale,
            lambda: render_plan(
                disclaimer_article, disclaimer_document, self.md, self.disclaimer_plan(locale)
            ),
        )
        parts = (
            (slug, document, self.plan(slug, locale)),
            (disclaimer_article.slug, disclaimer_document, self.disclaimer_plan(locale)),
        )
        review = None if locale == self.default else review_of(parts, locale, self.signed)
        source = self._sources.get(slug, lambda: source_revision(article, document))
        return Rendition(article, rendered, disclaimer, source, review)

    def front(self, slug: str, locale: str) -> Front:
        """The title's and summary's decisions of ``slug``'s plan in ``locale``, made without
        planning the body (what an index entry shows); one locale's are kept."""
        return self._fronts.get(
            (slug, locale),
            lambda: plan_front(self.articles[slug], self.languages(locale), accept=self.accept),
        )

    def standing(self, slug: str, locale: str) -> Standing:
        """``slug``'s :class:`Standing` in ``locale``, kept per generation (the plans are in a
        bounded cache; hreflang and the API ask about every locale)."""
        found = self._standings.get((slug, locale))
        if found is None:
            found = standing(self.plan(slug, locale), self.disclaimer_plan(locale))
            self._standings[(slug, locale)] = found
        return found

    def assume(self, slug: str, standings: Mapping[str, Standing]) -> None:
        """Take ``slug`` as served, with these standings, without parsing or planning it: what
        the static build recorded when it last did, its inputs unchanged since."""
        self._verdicts.setdefault(slug, True)
        self._standings.update(((slug, locale), known) for locale, known in standings.items())

    def translated_locales(self, slug: str) -> tuple[str, ...]:
        """Locales in which the article is really translated: its title, summary, risks and
        the disclaimer all served in that locale, none of them through fallback (the plans
        the pages are rendered from say so)."""
        return self._translated.get(slug, lambda: self._find_translated(slug))

    def _find_translated(self, slug: str) -> tuple[str, ...]:
        whole = [
            tag
            for tag in self.healthy[1:]
            if self.disclaimer_plan(tag).whole and self.standing(slug, tag).whole
        ]
        return (self.default, *whole)

    # -- final bytes

    def representation(
        self, key: tuple[str, ...], build: Callable[[], Representation]
    ) -> Representation:
        """The cached final body for ``key`` (kind, locale, slug...), built once."""
        return self._representations.get(key, build)

    def health(self) -> dict[str, object]:
        """What ``/healthz`` reports; file and line only with ``settings.health_details``."""
        details = self.settings.health_details
        problems = self.problems
        return {
            "status": "degraded" if problems else "ok",
            "generation": self.number,
            "articles": len(self.articles) - len(self._withheld) - len(self._failed),
            "locales": list(self.locales),
            "negotiable": list(self.healthy),
            "catalogs": [_catalog_json(s, details=details) for s in self.catalog_states],
            "problems": [p.as_json(details=details) for p in problems],
            "cached": len(self._renditions),
        }


def _catalog_json(state: CatalogState, *, details: bool) -> dict[str, object]:
    shown: dict[str, object] = {
        "locale": state.locale,
        "domain": state.domain,
        "source": state.source,
        "messages": state.messages,
    }
    if state.error:
        shown["error"] = state.error if details else "cannot be read"
    if state.warning:
        shown["warning"] = state.warning if details else "not served as found"
    return shown


def _located(exc: BaseException, article: Article | None) -> str:
    """``path:line: message`` of a failure about ``article``."""
    if isinstance(exc, MedlocError) and exc.path is not None:
        return str(exc)
    where = article.path if article is not None else "content"
    return f"{where}: {type(exc).__name__}: {exc}"


def current_library() -> Library:
    """The generation the current request is served from (:mod:`.generation`), else the
    app's current one."""
    from flask import current_app, has_request_context, request

    library = request.environ.get("medloc.library") if has_request_context() else None
    if library is None:
        library = current_app.extensions["medloc"]
    assert isinstance(library, Library)
    return library

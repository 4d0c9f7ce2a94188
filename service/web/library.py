"""The Library: content and catalogs loaded once at startup, renditions cached.

``Library.load`` reads every article, the disclaimer and every locale's catalogs, and never
fails because of a catalog: one that cannot be read is logged, reported by ``/healthz``,
and its locale is served from its fallback chain. Per locale, the compiled catalog is used:
the ``.mo`` when it is present and not older than its ``.po``, else the ``.po`` compiled in
memory (fuzzy and untranslated entries are then absent, exactly as in a ``.mo``).

Nothing is rendered per request: a rendered article (per slug and locale) and each final
representation (bytes + strong ETag) are computed once, lazily, and kept in bounded LRUs.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mmap
import os
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Literal, TypeVar

import polib
from babel.support import Translations

from .. import catalogs
from .._mo import MoCatalog
from ..checks import parse_ignores
from ..content import Article, Content, load_content
from ..errors import CatalogError, ContentError, MedlocError
from ..markdown import Document, parse_document
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
from .markup import page_parser
from .qa import make_accept

__all__ = ["CatalogState", "Library", "Rendition", "Representation", "current_library"]

log = logging.getLogger("medloc.web")

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Source = Literal["mo", "po", "missing", "error"]


@dataclass(frozen=True)
class CatalogState:
    """How one catalog of one locale was loaded."""

    locale: str
    domain: str
    source: Source
    messages: int = 0
    error: str | None = None


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


# ------------------------------------------------------------------------ catalogs

_HAS_RISKS = re.compile(r"^#{1,6}[ \t].*\{[^{}\n]*\brole=risks\b[^{}\n]*\}[ \t]*$", re.M)
"""A heading with ``role=risks``: checked at start-up without parsing every article."""


def _open_mo(path: Path) -> MoCatalog:
    """The compiled catalog at ``path``, kept open and read with ``pread`` when a lookup
    needs a string, so that a worker holds only what it rendered, never the file's pages
    (see :mod:`service._moread`). The descriptor is shared by the workers forked from the
    master (pread keeps no file position) and closed when the catalog is collected."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    handle = os.fdopen(fd, "rb", closefd=False)  # the catalog keeps it
    weakref.finalize(handle, os.close, fd)
    return MoCatalog.from_file(handle)


def _compiled(
    po_path: Path, mo_path: Path, shown: str, *, in_memory: bool
) -> tuple[MoCatalog, bytes | None, Source, polib.POFile | None]:
    """The compiled catalog, its bytes when read whole, and where it came from. Raises on
    an unreadable catalog."""
    if mo_path.is_file() and (
        not po_path.is_file() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        try:
            if not in_memory:
                return _open_mo(mo_path), None, "mo", None
            data = mo_path.read_bytes()
            return MoCatalog(data), data, "mo", None
        except ValueError as exc:
            if not po_path.is_file():
                raise
            log.warning("%s: %s; compiling the .po instead", mo_path, exc)
    raw = po_path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CatalogError("not UTF-8", path=shown, line=line) from None
    po = catalogs.read_po(io.StringIO(text), path=shown)
    buffer = io.BytesIO()
    catalogs.compile_mo(po, buffer)
    data = buffer.getvalue()
    return MoCatalog(data), data, "po", po


def _mentions_ignore(path: Path) -> bool:
    """Whether the file says ``medloc-ignore`` anywhere, scanned without reading it whole."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return mapped.find(b"medloc-ignore") != -1


def _ignores(po: polib.POFile) -> dict[tuple[str | None, str], dict[str, str]]:
    found: dict[tuple[str | None, str], dict[str, str]] = {}
    for entry in po:
        if entry.tcomment and "medloc-ignore" in entry.tcomment:
            ignores, _problems = parse_ignores(entry.tcomment.splitlines())
            if ignores:
                found[(entry.msgctxt, entry.msgid)] = ignores
    return found


@dataclass(frozen=True)
class _Loaded:
    catalog: MoCatalog | None
    data: bytes | None
    """The compiled bytes, when read whole."""
    state: CatalogState
    ignores: dict[tuple[str | None, str], dict[str, str]]


def _load_catalog(
    locales_dir: Path, tag: str, babel: str, domain: str, *, in_memory: bool = False
) -> _Loaded:
    po_path = locales_dir / babel / "LC_MESSAGES" / f"{domain}.po"
    mo_path = po_path.with_suffix(".mo")
    shown = f"locales/{babel}/LC_MESSAGES/{domain}.po"
    if not po_path.is_file() and not mo_path.is_file():
        return _Loaded(None, None, CatalogState(tag, domain, "missing"), {})
    try:
        catalog, data, source, po = _compiled(po_path, mo_path, shown, in_memory=in_memory)
        count = len(catalog)
        if po is None and po_path.is_file() and _mentions_ignore(po_path):
            # only then is the .po worth parsing
            text = po_path.read_bytes().decode("utf-8")
            po = catalogs.read_po(io.StringIO(text), path=shown)
        ignores = _ignores(po) if po is not None else {}
    except Exception as exc:  # any unreadable catalog: log it, serve the fallback
        message = str(exc) if isinstance(exc, MedlocError) else f"{shown}: {exc}"
        log.error("catalog not loaded, %s is served from its fallback: %s", tag, message)
        return _Loaded(None, None, CatalogState(tag, domain, "error", error=message), {})
    return _Loaded(catalog, data, CatalogState(tag, domain, source, count), ignores)


def _locale_folders(locales_dir: Path) -> list[str]:
    if not locales_dir.is_dir():
        return []
    return sorted(p.name for p in locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir())


def _mo_lookup(catalog: MoCatalog) -> Callable[[str, str], str | None]:
    def lookup(context: str, msgid: str) -> str | None:
        return catalog.get(msgid, context)

    return lookup


def _absent(_context: str, _msgid: str) -> str | None:
    return None


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
            for name in _locale_folders(settings.locales_path):
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
            loaded = _load_catalog(settings.locales_path, tag, babel, "articles")
            states.append(loaded.state)
            if loaded.catalog is not None:
                lookups[tag] = _mo_lookup(loaded.catalog)
                ignores[tag] = loaded.ignores
                healthy.append(tag)
            else:
                lookups[tag] = _absent
                if loaded.state.error:
                    problems.append(loaded.state.error)
            loaded_ui = _load_catalog(settings.locales_path, tag, babel, "messages", in_memory=True)
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
    """:func:`service.content.load_content` for a content folder anywhere."""
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

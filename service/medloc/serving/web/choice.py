"""Which locale a request wants: the URL, then ``?lang=``, then the cookie, then
Accept-Language (parsed and matched by :mod:`medloc.serving.negotiate`).

Anything a client sends that names no served locale is ignored, never an error.
:func:`url_locale` says what a locale in a URL's path means: a served locale, one it
negotiates to (``/pt/`` -> ``pt-BR``), a language that is not served (``/ja/``), or junk.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, request

from medloc.tags import parse_tag

from ..negotiate import LanguageRange, canonical_tag
from .library import Library

__all__ = ["Choice", "UrlLocale", "choose", "preference", "remember", "url_locale"]

_MAX_VALUE = 64


@dataclass(frozen=True)
class Choice:
    locale: str
    source: str
    """``url``, ``query``, ``cookie``, ``header`` or ``default``."""
    remember: str | None = None
    """A locale picked with ``?lang=``: to be stored in the cookie."""


def preference(library: Library, value: str | None) -> str | None:
    """The served locale a ``?lang=``/cookie value names: exactly (any case), else the best
    match for it as a language range (``pt`` -> ``pt-BR``); None for junk."""
    if not value or len(value) > _MAX_VALUE:
        return None
    exact = library.locale(value)
    if exact is not None:
        return exact
    tag = canonical_tag(value) if value.isascii() else None
    if tag is None:
        return None
    return library.negotiator.match([LanguageRange(tag, 1.0)])


@dataclass(frozen=True)
class UrlLocale:
    """What the locale in a URL's path names; at most one field is set (none: junk)."""

    served: str | None = None
    """The served locale it spells, in any case or form (``PT_br`` -> ``pt-BR``)."""
    nearest: str | None = None
    """The served locale it negotiates to (``pt`` -> ``pt-BR``, ``de-AT`` -> ``de``)."""
    wanted: str | None = None
    """A language that is not served (``ja``, ``zh-Hant``), canonical."""


def url_locale(library: Library, text: str) -> UrlLocale:
    """What the locale ``text`` of a URL's path names (see :class:`UrlLocale`).

    A well-formed tag that is not served is matched by the same rules as Accept-Language
    (:class:`~medloc.serving.negotiate.Negotiator`) against every served locale: scripts are
    never crossed, so ``zh-Hant`` never gets ``zh-Hans``. A tag that matches nothing is
    *wanted* if it names a language (a private-use tag, ``x-...``, does not); else junk.
    """
    served = library.locale(text)
    if served is not None:
        return UrlLocale(served=served)
    tag = canonical_tag(text) if text.isascii() and len(text) <= _MAX_VALUE else None
    if tag is None:
        return UrlLocale()
    nearest = library.router.match([LanguageRange(tag, 1.0)])
    if nearest is not None:
        return UrlLocale(nearest=nearest)
    parsed = parse_tag(tag)
    if parsed is None or parsed.language is None:
        return UrlLocale()
    return UrlLocale(wanted=tag)


def choose(library: Library, url_locale: str | None = None) -> Choice:
    """The locale of this request, following the precedence of the module docstring."""
    query = preference(library, request.args.get("lang"))
    if url_locale is not None:
        return Choice(url_locale, "url", query)
    if query is not None:
        return Choice(query, "query", query)
    cookie = preference(library, request.cookies.get(library.settings.cookie_name))
    if cookie is not None:
        return Choice(cookie, "cookie")
    header = request.headers.get("Accept-Language")
    if header is not None:
        return Choice(library.negotiator.negotiate(header), "header")
    return Choice(library.default, "default")


def remember(response: Response, library: Library, choice: Choice) -> Response:
    """Store a ``?lang=`` choice in the cookie the language switcher relies on."""
    if choice.remember is not None:
        settings = library.settings
        response.set_cookie(
            settings.cookie_name,
            choice.remember,
            max_age=settings.cookie_max_age,
            path="/",
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )
    return response

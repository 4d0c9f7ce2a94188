"""Switching languages: ``?lang=`` is consumed, and a URL locale that is not served is
redirected to the one it negotiates to or answered with a "not available" page.

* :func:`consume_lang` (run before every page route): ``?lang=xx`` sets the cookie when it
  names a served locale (or one it negotiates to) and answers ``303 See Other`` to the same
  URL without ``lang`` (the other parameters kept, byte for byte), so that the address a
  reader shares never resets the recipient's language. A value that names nothing served is
  ignored (no cookie, no error) and the URL cleaned the same way. ``/`` and
  ``/articles/<slug>`` are left to their routes, which redirect to the chosen locale at once.
* :func:`nearest_redirect`: ``/pt/`` -> ``/pt-BR/`` (302: the served locales may change; it
  depends on the URL alone, so it varies on nothing).
* :func:`unavailable_response`: ``/ja/`` -> 404, in the reader's negotiated language, saying
  that the page is not available in Japanese, with links to it in the served languages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import quote, unquote_to_bytes

from babel import Locale, UnknownLocaleError
from flask import Response, request

from medloc.tags import parse_tag

from . import http
from .choice import Choice, choose, preference, remember
from .http import QUERY_SAFE
from .i18n import display_name
from .library import Library, current_library
from .pages import HTML, language_links, render_page
from .renditions import Representation
from .urls import index_path

__all__ = [
    "LANG_PARAMETER",
    "clean_location",
    "consume_lang",
    "language_name",
    "nearest_redirect",
    "unavailable_response",
    "without_parameter",
]

LANG_PARAMETER = "lang"
NEGOTIATING_ENDPOINTS = frozenset({"pages.home", "pages.negotiate_article"})
"""Routes that redirect to a locale themselves: ``?lang=`` is their answer's locale."""

_NOT_PAGES = ("/api/", "/static/")
_NOT_PAGE_PATHS = frozenset({"/openapi.json", "/healthz"})
_PATH_SAFE = "/:@!$&'()*+,;=~-._"


def without_parameter(query: bytes, name: str) -> str:
    """``query`` (raw, as received) without its ``name`` items, the others kept in order,
    byte for byte (re-quoted where they were not); ``""`` when none is left."""
    kept = []
    for item in query.split(b"&"):
        key = item.split(b"=", 1)[0].replace(b"+", b" ")
        if item and unquote_to_bytes(key) != name.encode():
            kept.append(quote(item, safe=QUERY_SAFE))
    return "&".join(kept)


def clean_location(path: str) -> str:
    """``path`` (an absolute path of ours) followed by the request's query without ``lang``."""
    query = without_parameter(request.query_string, LANG_PARAMETER)
    return f"{path}?{query}" if query else path


def _is_page_request() -> bool:
    path = request.path
    return (
        request.method in ("GET", "HEAD")
        and not path.startswith(_NOT_PAGES)
        and path not in _NOT_PAGE_PATHS
    )


def consume_lang() -> Response | None:
    """The 303 that consumes ``?lang=`` on a page (see the module docstring); None when
    the request has none, is not for a page, or goes to a negotiating route."""
    if LANG_PARAMETER not in request.args or not _is_page_request():
        return None
    if request.endpoint in NEGOTIATING_ENDPOINTS:
        return None
    library = current_library()
    wanted = preference(library, request.args.get(LANG_PARAMETER))
    path = "/" + quote(request.path, safe=_PATH_SAFE).lstrip("/")  # never //host
    response = Response(status=303)
    response.headers["Location"] = clean_location(path)
    response.headers["Cache-Control"] = "no-store"
    if wanted is None:
        return response
    return remember(response, library, Choice(wanted, "query", wanted))


def nearest_redirect(library: Library, path: str) -> Response:
    """302 to ``path`` (the same page in the served locale a URL's locale negotiates to)."""
    response = http.redirect(clean_location(path), 302)
    response.headers["Cache-Control"] = f"public, max-age={library.settings.page_max_age}"
    return response


@functools.lru_cache(maxsize=256)
def _cldr_languages(in_locale: str) -> dict[str, str]:
    return dict(Locale.parse(in_locale.replace("-", "_")).languages)


def language_name(tag: str, in_locale: str) -> str | None:
    """The CLDR name of ``tag``'s language in ``in_locale`` (``Japanese``, ``chino
    (tradicional)``): the whole tag where Babel knows it, else its language alone; None when
    CLDR does not know the language (``/admin/`` names no language)."""
    try:
        return display_name(tag, in_locale)
    except (ValueError, LookupError, UnknownLocaleError):  # not an identifier / no data
        pass
    parsed = parse_tag(tag)
    language = parsed.language if parsed is not None else None
    return _cldr_languages(in_locale).get(language) if language else None


def unavailable_page(
    library: Library, wanted: str, reader: str, path_of: Callable[[str], str]
) -> Representation:
    """The "not available" page: in ``reader``'s language, naming ``wanted`` in the words
    of the text it stands in, linking to the same page in every served language."""
    # no link is "the current page": none of them is this page
    links = [replace(link, current=False) for link in language_links(library, reader, path_of)]
    body = render_page(
        "unavailable.html",
        library,
        reader,
        language=functools.partial(_name_or_tag, wanted),
        links=links,
        switcher=links,
        index_href=index_path(reader),
    )
    return Representation(body, HTML, reader)


def _name_or_tag(tag: str, in_locale: str) -> str:
    return language_name(tag, in_locale) or tag


def unavailable_response(
    library: Library, wanted: str, path_of: Callable[[str], str]
) -> Response | None:
    """404 saying that the page ``path_of`` builds is not available in ``wanted``, with
    links to it in the served languages; None if CLDR does not name ``wanted``'s language.
    Its language is negotiated (cookie, Accept-Language): it varies on both, and is not
    cached (the key would be the client's choice)."""
    if language_name(wanted, library.default) is None:
        return None
    reader = choose(library).locale
    page = unavailable_page(library, wanted, reader, path_of)
    return http.respond(page, cache_control="no-cache", vary=http.NEGOTIATED, status=404)

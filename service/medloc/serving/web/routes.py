"""The HTML blueprint's routes: article pages, the article index, negotiated redirects,
URL locales that are not served, ``/healthz``.

Pages are built by :mod:`.pages`; they depend on their URL only (locale and slug), so each is
rendered once into bytes with a strong ETag and served from the Library's cache. The cookie
and Accept-Language only decide where the negotiating URLs (``/`` and ``/articles/<slug>``)
redirect to, and the language of error and "not available" pages. ``?lang=`` never reaches
a page (:func:`.switching.consume_lang`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import quote

from flask import Blueprint, Response

from . import http, replay
from .choice import choose, remember, url_locale
from .library import Library, current_library
from .pages import article_page, error_response, index_page, withheld
from .paging import index_paging, page_number
from .renditions import Representation
from .switching import clean_location, consume_lang, nearest_redirect, unavailable_response
from .urls import article_path, index_path

__all__ = ["bp"]

bp = Blueprint("pages", __name__)
bp.before_app_request(consume_lang)


def _page_cache_control(library: Library) -> str:
    return f"public, max-age={library.settings.page_max_age}"


@bp.get("/")
def home() -> Response:
    library = current_library()
    choice = choose(library)
    response = http.redirect(clean_location(index_path(choice.locale)), 302, negotiated=True)
    return remember(response, library, choice)


@bp.get("/articles/<slug>")
def negotiate_article(slug: str) -> Response:
    library = current_library()
    choice = choose(library)
    known = _slug(library, slug)
    if known is None and library.unavailable(slug.lower()):
        known = slug.lower()  # its page says it is being corrected
    if known is None:
        return error_response(library, 404)
    location = clean_location(article_path(choice.locale, known))
    response = http.redirect(location, 302, negotiated=True)
    return remember(response, library, choice)


def _slug(library: Library, slug: str) -> str | None:
    lowered = slug.lower()
    return lowered if library.served(lowered) else None


def _served(library: Library, page: Representation) -> Response:
    replay.mark(page.etag)  # depends on the URL alone
    return http.respond(page, cache_control=_page_cache_control(library))


def _not_served(
    library: Library, locale: str, path_of: Callable[[str], str], *, exists: bool = True
) -> Response:
    """A URL locale that is not served: 302 to the same page in the locale it negotiates
    to; else, for a language and a page that ``exists``, the "not available" page; else
    (junk, or no such page in any language) the localized 404."""
    found = url_locale(library, locale)
    if found.nearest is not None:
        return nearest_redirect(library, path_of(found.nearest))
    if found.wanted is not None and exists:
        response = unavailable_response(library, found.wanted, path_of)
        if response is not None:
            return response
    return error_response(library, 404)


@bp.get("/<locale>/")
def index(locale: str) -> Response:
    return _index(locale, 1)


@bp.get("/<locale>/page/<number>/")
def index_page_n(locale: str, number: str) -> Response:
    """Page 2 and on of the index; ``/page/1/`` is ``/<locale>/`` (301); anything that is not
    a page number as written by :func:`.urls.index_path` is the localized 404."""
    library = current_library()
    page = page_number(number)
    if page is None or str(page) != number:
        return error_response(library, 404, library.locale(locale))
    served = library.locale(locale)
    if page == 1 and served is not None:
        return http.redirect(http.location_with_query(index_path(served)), 301)
    return _index(locale, page)  # a locale not served: as for /<locale>/


def _index(locale: str, page: int) -> Response:
    library = current_library()
    served = library.locale(locale)
    if served is None:
        exists = index_paging(library, page) is not None
        return _not_served(library, locale, lambda tag: index_path(tag, page), exists=exists)
    if served != locale:
        return http.redirect(http.location_with_query(index_path(served, page)), 301)
    if index_paging(library, page) is None:
        return error_response(library, 404, served)
    key = ("index", served) if page == 1 else ("index", served, str(page))
    body = library.representation(key, lambda: index_page(library, served, page))
    return _served(library, body)


@bp.get("/<locale>/articles/<slug>")
def article(locale: str, slug: str) -> Response:
    library = current_library()
    served = library.locale(locale)
    known = _slug(library, slug)
    if served is None:
        if known is None and library.unavailable(slug.lower()):
            known = slug.lower()  # its page says it is being corrected
        target = known if known is not None else quote(slug, safe="")
        return _not_served(
            library, locale, lambda tag: article_path(tag, target), exists=known is not None
        )
    if known is None:
        status = 503 if library.unavailable(slug.lower()) else 404
        return error_response(library, status, served)
    if served != locale or known != slug:
        return http.redirect(http.location_with_query(article_path(served, known)), 301)
    pages: list[Representation] = []

    def build() -> None:
        key = ("html", served, known)
        pages.append(library.representation(key, lambda: article_page(library, known, served)))

    if withheld(library, known, build):
        return error_response(library, 503, served)
    return _served(library, pages[0])


@bp.get("/healthz")
def healthz() -> Response:
    """200 while anything is served: ``ok``, or ``degraded`` with the problems."""
    library = current_library()
    body = json.dumps(library.health(), ensure_ascii=False, indent=1)
    response = Response(body, content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response

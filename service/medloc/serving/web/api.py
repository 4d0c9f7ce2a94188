"""The JSON blueprint (``/api/v1``) and its OpenAPI description (``/openapi.json``).

An article's JSON names the locale served, its fallback chain, and per section its id,
role, heading, HTML and the languages its parts are actually in; it and the article list give
each article's coverage per locale (the fraction of its page served in that locale) and the
locales in which it counts as a translation (``[pages] translated_threshold``). Errors are RFC 9457
problem details: 400 for a malformed parameter, 404 for an unknown article or locale or a page
of the list beyond its last. The list comes in pages of ``[pages] per_page`` articles
(``?page=``, :mod:`.paging`), with links to the next and previous ones.
"""

from __future__ import annotations

import functools
import json
from http import HTTPStatus
from importlib import resources
from typing import Any

from flask import Blueprint, Response, request

from medloc.tags import LocaleTag

from ..negotiate import canonical_tag
from ..render import RenderedSection, text_direction
from . import http, replay
from .i18n import display_name
from .library import Library, current_library
from .pages import withheld
from .paging import api_paging, page_number
from .presenting import coverages, translated_locales
from .renditions import Rendition, Representation
from .urls import api_article_path, api_list_path, article_path

__all__ = ["article_json", "bp", "openapi", "problem"]

bp = Blueprint("api", __name__)

JSON = "application/json"


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def problem(status: int, detail: str) -> Response:
    """An ``application/problem+json`` answer."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    response = Response(_dumps(body), status=status, content_type="application/problem+json")
    response.headers["Cache-Control"] = "no-cache"
    if status == 503:
        response.headers["Retry-After"] = "60"
    return response


class _Problem(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _locale(library: Library) -> tuple[str, bool]:
    """(served locale, whether it was negotiated from Accept-Language)."""
    if "locale" in request.args:
        raw = request.args.get("locale", "")
        if not raw or len(raw) > 64 or not raw.isascii() or canonical_tag(raw) is None:
            raise _Problem(
                400, "the locale parameter must be a BCP 47 language tag such as es or pt-BR"
            )
        served = library.locale(raw)
        if served is None:
            available = ", ".join(library.locales)
            raise _Problem(404, f"no such locale {raw!r}; available: {available}")
        return served, False
    return library.negotiator.negotiate(request.headers.get("Accept-Language")), True


def _text(text: str, lang: str) -> dict[str, str]:
    return {"text": text, "lang": lang, "dir": text_direction(lang)}


def _section(section: RenderedSection) -> dict[str, Any]:
    return {
        "id": section.id,
        "role": section.role,
        "heading": {"html": section.heading, "lang": section.heading_lang},
        "html": section.html,
        "languages": list(section.languages),
        "fallback": section.fallback,
    }


def _review(rendition: Rendition) -> dict[str, Any] | None:
    """The translation's review by a second linguist; None in the source language."""
    review = rendition.review
    if review is None:
        return None
    return {"state": review.state, "date": review.date.isoformat() if review.date else None}


def article_json(library: Library, slug: str, locale: str) -> Representation:
    rendition = library.rendition(slug, locale)
    rendered, article = rendition.rendered, rendition.article
    data = {
        "slug": slug,
        "locale": locale,
        "dir": text_direction(locale),
        "chain": list(rendered.chain),
        "languages": list(rendition.languages),
        "mixed": bool(rendition.fallback_languages),
        "title": _text(rendered.title, rendered.title_lang),
        "summary": _text(rendered.summary, rendered.summary_lang),
        "last_reviewed": article.last_reviewed.isoformat() if article.last_reviewed else None,
        "url": article_path(locale, slug),
        "translated_locales": list(translated_locales(library, slug)),
        "coverage": coverages(library, slug),
        "source": {
            "digest": rendition.source.digest,
            "date": rendition.source.date.isoformat() if rendition.source.date else None,
        },
        "review": _review(rendition),
        "sections": [_section(s) for s in (*rendered.sections, *rendition.disclaimer.sections)],
    }
    return Representation(_dumps(data), JSON, locale)


def articles_json(library: Library, locale: str, page: int = 1) -> Representation:
    """Page ``page`` of the article list in ``locale`` (:mod:`.paging`); LookupError when
    there is no such page."""
    paging = api_paging(library, page)
    if paging is None:
        raise LookupError(f"no page {page} of the article list")
    articles = []
    for slug in paging.slugs:
        try:  # the plan's title and summary: no rendition of the article
            front = library.front(slug, locale)
        except Exception as exc:  # a broken file: the article is withheld, not the list
            library.failed(slug, exc)
            continue
        title, summary = front.title, front.summary
        reviewed = library.articles[slug].last_reviewed
        articles.append(
            {
                "slug": slug,
                "title": _text(title.texts[0], title.language),
                "summary": _text(summary.texts[0], summary.language),
                "last_reviewed": reviewed.isoformat() if reviewed else None,
                "url": article_path(locale, slug),
                "api": api_article_path(slug, locale),
                "translated_locales": list(translated_locales(library, slug)),
                "coverage": coverages(library, slug),
            }
        )
    data = {
        "locale": locale,
        "chain": list(library.chain(locale)),
        "articles": articles,
        "page": paging.page,
        "pages": paging.pages,
        "per_page": paging.per_page,
        "total": paging.total,
        "next": api_list_path(locale, paging.next) if paging.next else None,
        "prev": api_list_path(locale, paging.previous) if paging.previous else None,
    }
    return Representation(_dumps(data), JSON, locale)


def locales_json(library: Library) -> Representation:
    states: dict[str, dict[str, str]] = {}
    for state in library.catalog_states:
        states.setdefault(state.locale, {})[state.domain] = state.source
    data = {
        "default": library.default,
        "locales": [
            {
                "tag": tag,
                "babel": LocaleTag(tag).babel,
                "name": display_name(tag),
                "english_name": display_name(tag, "en"),
                "dir": text_direction(tag),
                "chain": list(library.chain(tag)),
                "negotiable": tag in library.healthy,
                "catalogs": states.get(tag, {"articles": "source", "messages": "source"}),
            }
            for tag in library.locales
        ],
    }
    return Representation(_dumps(data), JSON, library.default)


def _send(library: Library, representation: Representation, negotiated: bool) -> Response:
    if not negotiated:
        replay.mark(representation.etag)  # depends on the URL alone
    return http.respond(
        representation,
        cache_control=f"public, max-age={library.settings.page_max_age}",
        vary=("Accept-Language",) if negotiated else (),
    )


@bp.errorhandler(_Problem)
def _on_problem(error: _Problem) -> Response:
    return problem(error.status, error.detail)


def _page(library: Library, locale: str) -> int:
    """The ``page`` parameter of the list (default 1): 400 unless a positive integer, 404
    beyond the last page."""
    raw = request.args.get("page")
    if raw is None:
        return 1
    page = page_number(raw)
    if page is None:
        raise _Problem(
            400,
            f"the page parameter must be a positive integer such as 1 or 2, not {raw[:64]!r};"
            " leave it out for the first page",
        )
    paging = api_paging(library, page)
    if paging is None:
        last = api_paging(library, 1)
        pages = last.pages if last is not None else 1
        raise _Problem(
            404,
            f"no page {page} of the article list in {locale}: it has {pages} page(s);"
            f" send a page from 1 to {pages}",
        )
    return page


@bp.get("/api/v1/articles")
def list_articles() -> Response:
    library = current_library()
    locale, negotiated = _locale(library)
    page = _page(library, locale)
    key = ("api-list", locale) if page == 1 else ("api-list", locale, str(page))
    body = library.representation(key, lambda: articles_json(library, locale, page))
    return _send(library, body, negotiated)


@bp.get("/api/v1/articles/<slug>")
def get_article(slug: str) -> Response:
    library = current_library()
    locale, negotiated = _locale(library)
    if library.unavailable(slug):
        raise _Problem(503, f"the article {slug!r} is being corrected; try again later")
    if not library.served(slug):
        raise _Problem(404, f"no such article {slug!r}; see /api/v1/articles")
    bodies: list[Representation] = []

    def build() -> None:
        key = ("api-article", locale, slug)
        bodies.append(library.representation(key, lambda: article_json(library, slug, locale)))

    if withheld(library, slug, build):
        raise _Problem(503, f"the article {slug!r} is being corrected; try again later")
    return _send(library, bodies[0], negotiated)


@bp.get("/api/v1/locales")
def list_locales() -> Response:
    library = current_library()
    body = library.representation(("api-locales",), lambda: locales_json(library))
    return _send(library, body, False)


@bp.get("/openapi.json")
def openapi_json() -> Response:
    library = current_library()
    body = library.representation(
        ("openapi",), lambda: Representation(_dumps(openapi(library)), JSON, "en")
    )
    return _send(library, body, False)


# ---------------------------------------------------------------------------- OpenAPI

SLUG_ENUM: tuple[str | int, ...] = (
    "paths", "/api/v1/articles/{slug}", "get", "parameters", 0, "schema", "enum",
)  # fmt: skip
"""Where in ``openapi.json`` the slugs served go: the only part that depends on the library."""


@functools.cache
def _description() -> str:
    return resources.files(__package__).joinpath("openapi.json").read_text(encoding="utf-8")


def openapi(library: Library) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the JSON API: ``openapi.json`` beside this module, with
    the slugs served filled in."""
    spec: dict[str, Any] = json.loads(_description())
    *path, last = SLUG_ENUM
    node: Any = spec
    for key in path:
        node = node[key]
    node[last] = list(library.slugs)
    return spec

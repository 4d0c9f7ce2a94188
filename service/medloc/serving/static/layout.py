"""Where each URL of the service lives in the built tree: the one mapping, used by the build
(to write), the nginx configuration (to find) and the tests (to compare).

A URL without a query is its own path (``/es/articles/x`` -> ``es/articles/x``; a folder URL
``/es/`` -> ``es/index.html``, ``/es/page/2/`` -> ``es/page/2/index.html``), so that the tree
copies as it is to object storage. The API answers that depend on ``?locale=`` live under
``api/v1/_locale/<locale>/``: ``articles/<slug>.json``, ``articles.json`` (the list's first
page) and ``articles-page/<n>.json`` (its page ``n``, outside ``articles/`` so that no slug
can name it); the localized 404 pages, which answer for URLs that have no file, under
``_404/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..web.urls import api_article_path, api_list_path, article_path, index_path

__all__ = [
    "CSS",
    "LOCALES_API",
    "NOT_FOUND_DIR",
    "OPENAPI",
    "SITEMAP",
    "Output",
    "api_article",
    "api_list",
    "article",
    "handout",
    "index",
    "not_found",
]

NOT_FOUND_DIR = "_404"
API_LOCALE_DIR = "api/v1/_locale"
API_PAGE_DIR = "articles-page"
"""Beside ``articles/`` in a locale's API folder: the list's pages from the second on."""


@dataclass(frozen=True)
class Output:
    """One built file: the URL it answers and its name in the tree."""

    url: str
    name: str
    kind: str
    """``article``, ``handout``, ``index``, ``api-article``, ``api-list``, ``not-found``,
    ``locales``, ``openapi``, ``css``, ``sitemap``: files of one kind share their headers."""
    locale: str = ""


def article(locale: str, slug: str) -> Output:
    url = article_path(locale, slug)
    return Output(url, url.lstrip("/"), "article", locale)


def handout(locale: str, slug: str) -> Output:
    """A PDF handout in one language (``medloc build --handouts``), beside its page."""
    url = f"{article_path(locale, slug)}.pdf"
    return Output(url, url.lstrip("/"), "handout", locale)


def index(locale: str, page: int = 1) -> Output:
    """Page ``page`` of ``locale``'s article index."""
    url = index_path(locale, page)
    return Output(url, url.lstrip("/") + "index.html", "index", locale)


def api_article(slug: str, locale: str) -> Output:
    return Output(
        api_article_path(slug, locale),
        f"{API_LOCALE_DIR}/{locale}/articles/{slug}.json",
        "api-article",
        locale,
    )


def api_list(locale: str, page: int = 1) -> Output:
    """Page ``page`` of ``locale``'s API list of articles."""
    name = "articles.json" if page == 1 else f"{API_PAGE_DIR}/{page}.json"
    return Output(
        api_list_path(locale, page), f"{API_LOCALE_DIR}/{locale}/{name}", "api-list", locale
    )


def not_found(locale: str) -> Output:
    """The 404 page of ``locale``: the answer to ``/<locale>/articles/<no such slug>``."""
    return Output(
        article_path(locale, "no-such-article"),
        f"{NOT_FOUND_DIR}/{locale}.html",
        "not-found",
        locale,
    )


LOCALES_API = Output("/api/v1/locales", "api/v1/locales", "locales")
OPENAPI = Output("/openapi.json", "openapi.json", "openapi")
CSS = Output("/static/medloc.css", "static/medloc.css", "css")
SITEMAP = Output("/sitemap.xml", "sitemap.xml", "sitemap")

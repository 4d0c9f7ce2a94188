"""The URLs of the service, built by hand so that cached pages never depend on a request."""

from __future__ import annotations

__all__ = ["absolute", "api_article_path", "api_list_path", "article_path", "index_path"]


def article_path(locale: str, slug: str) -> str:
    return f"/{locale}/articles/{slug}"


def index_path(locale: str, page: int = 1) -> str:
    """Page ``page`` of the article index: ``/<locale>/``, then ``/<locale>/page/<n>/``."""
    return f"/{locale}/" if page == 1 else f"/{locale}/page/{page}/"


def api_article_path(slug: str, locale: str) -> str:
    return f"/api/v1/articles/{slug}?locale={locale}"


def api_list_path(locale: str, page: int = 1) -> str:
    """Page ``page`` of the API's article list (page 1 without ``page=``)."""
    base = f"/api/v1/articles?locale={locale}"
    return base if page == 1 else f"{base}&page={page}"


def absolute(public_url: str, path: str) -> str:
    """``path`` on the configured public origin; root-relative without one."""
    return f"{public_url}{path}"

"""The URLs of the service, built by hand so that cached pages never depend on a request."""

from __future__ import annotations

__all__ = ["absolute", "api_article_path", "article_path", "index_path"]


def article_path(locale: str, slug: str) -> str:
    return f"/{locale}/articles/{slug}"


def index_path(locale: str) -> str:
    return f"/{locale}/"


def api_article_path(slug: str, locale: str) -> str:
    return f"/api/v1/articles/{slug}?locale={locale}"


def absolute(public_url: str, path: str) -> str:
    """``path`` on the configured public origin; root-relative without one."""
    return f"{public_url}{path}"

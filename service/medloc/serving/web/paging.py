"""Pages of the article index and of the API's article list (``[pages] per_page``).

The index (``/<locale>/``, ``/<locale>/page/<n>/``) lists the articles served in
:attr:`Library.slugs` order with the ``[pages] start`` article first; the API's list
(``/api/v1/articles?page=<n>``) in :attr:`Library.slugs` order, as before it had pages. Each
order is cut into pages of ``per_page`` articles, the same slugs on a page in every locale, so
a page's ``hreflang`` alternates are the same page number in the other locales. A library
serving no article has one empty page. The static build (:mod:`..static.scope`) asks the same
functions which page holds an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..presentation import PagesConfig
from .i18n import decimal
from .library import Library

__all__ = [
    "Paging",
    "api_order",
    "api_paging",
    "index_order",
    "index_paging",
    "number",
    "page_count",
    "page_number",
    "pages_of",
    "paging",
]

_POSITIVE = re.compile(r"0*[1-9][0-9]{0,17}")
"""A page number as the API takes it (also ``openapi.json``'s pattern of ``page``)."""


@dataclass(frozen=True)
class Paging:
    """One page of an ordered list of articles."""

    page: int
    """1 to :attr:`pages`."""
    pages: int
    per_page: int
    total: int
    """Articles in the whole list."""
    slugs: tuple[str, ...]
    """The articles of this page, in order."""

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def index_order(slugs: Sequence[str], start: str) -> tuple[str, ...]:
    """The index's order: ``slugs`` with the place to start (when served) first."""
    if start and start in slugs:
        return (start, *(slug for slug in slugs if slug != start))
    return tuple(slugs)


def api_order(slugs: Sequence[str]) -> tuple[str, ...]:
    """The API list's order: the articles served, in order."""
    return tuple(slugs)


def page_count(total: int, per_page: int) -> int:
    """Pages of a list of ``total`` articles (one, empty, for none)."""
    return max(1, -(-total // per_page))


def pages_of(order: Sequence[str], per_page: int) -> list[tuple[str, ...]]:
    """``order`` cut into pages of ``per_page`` (page 1 first), as :func:`paging` cuts it."""
    return [
        _slice(order, per_page, page) for page in range(1, page_count(len(order), per_page) + 1)
    ]


def _slice(order: Sequence[str], per_page: int, page: int) -> tuple[str, ...]:
    at = (page - 1) * per_page
    return tuple(order[at : at + per_page])


def paging(order: Sequence[str], per_page: int, page: int) -> Paging | None:
    """Page ``page`` of ``order``; None beyond the last page (or below 1)."""
    pages = page_count(len(order), per_page)
    if not 1 <= page <= pages:
        return None
    return Paging(page, pages, per_page, len(order), _slice(order, per_page, page))


def index_paging(library: Library, page: int) -> Paging | None:
    pages: PagesConfig = library.pages
    return paging(index_order(library.slugs, pages.start), pages.per_page, page)


def api_paging(library: Library, page: int) -> Paging | None:
    return paging(api_order(library.slugs), library.pages.per_page, page)


def page_number(raw: str) -> int | None:
    """A page number as written in a URL (ASCII digits, at least 1); None for anything else."""
    return int(raw) if _POSITIVE.fullmatch(raw) else None


def number(value: int, numbering_system: Callable[[str], str]) -> Callable[[str], str]:
    """An integer for a UI string, formatted by Babel in the language the string is shown in,
    with that language's digits (``[pages] digits``), as the chrome's percentages are."""

    def text(lang: str) -> str:
        return decimal(value, lang, numbering_system(lang))

    return text

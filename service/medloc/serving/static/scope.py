"""What a rebuild renders again: the outputs that can have changed since the last build.

What each output depends on (read from the service's rendering code, :mod:`..web.pages` and
:mod:`..web.api`):

* an article's page and API document in a locale: the article's file, the catalogs of the
  locale's fallback chain (``articles`` and ``messages``), the disclaimer, ``medloc.toml``,
  and the article's *marks*: the locales in which it counts as translated (its ``hreflang``
  alternates, the document's ``translated_locales``) and its coverage in every locale (the
  document's ``coverage``). Links to other articles are written in the article's own
  Markdown: no page reads another article.
* a locale's index pages and API list pages (:mod:`..web.paging`): the title, summary and
  marks of the articles on the page, the catalogs of the locale's chain, and the order and
  number of the articles served (which page holds which, and "page N of M").
* the sitemap: every page's alternates (read from the pages); the 404 pages, the stylesheet,
  ``/api/v1/locales`` and ``openapi.json`` are asked of the app by every build (they are few).

So a rebuild after changed articles renders their pages in every locale, the index and list
pages that hold them (every page of every index and list when the articles served, or their
order, are not the last build's: the manifest's marks are kept in that order) and the
sitemap; after a changed catalog of a locale, every output of the locales whose chain goes
through it, and in the other locales the pages of the articles whose marks changed (computed
with the service's own :func:`..web.presenting.coverages` and
:func:`..web.presenting.translated_locales`, compared with the marks the manifest recorded),
with the index and list pages that hold them. Anything else (``medloc.toml``, the
disclaimer, another medloc, the set of locales, a broken input before or now): everything.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from medloc import _parallel

from ..web.library import Library
from ..web.paging import api_order, index_order, pages_of
from .links import PageLinks
from .manifest import Inputs, Manifest, Mark

__all__ = [
    "CHUNK",
    "Decision",
    "Scope",
    "assume_marks",
    "changed_paths",
    "chunks",
    "decide",
    "holding",
    "mark_of",
    "marks_of",
]


def mark_of(library: Library, slug: str) -> Mark:
    """``slug``'s standing in every locale offered (:meth:`Library.standing`: what the
    service's :func:`..web.presenting.coverages` and :func:`..web.presenting.translated_locales`
    are made of)."""
    return Mark(tuple((tag, library.standing(slug, tag)) for tag in library.healthy))


CHUNK = 50
"""At most this many articles per task."""


def chunks(slugs: tuple[str, ...], jobs: int) -> list[tuple[str, ...]]:
    """The articles in tasks of a few: a few tasks per worker (so that none waits for the
    slowest), at most :data:`CHUNK` articles each (so that each commits its files soon)."""
    size = max(1, min(CHUNK, -(-len(slugs) // (4 * jobs))))
    return [slugs[at : at + size] for at in range(0, len(slugs), size)]


def _marks(library: Library, slugs: tuple[str, ...]) -> dict[str, Mark]:
    return {slug: mark_of(library, slug) for slug in slugs}


def marks_of(
    library: Library, slugs: tuple[str, ...] | None = None, jobs: int = 1
) -> dict[str, Mark]:
    """The marks of ``slugs`` (every served article by default), planned in ``jobs`` forked
    workers when there are several tasks, so that the articles parsed and planned for them
    do not stay in this process (nor in the workers it forks next)."""
    work = functools.partial(_marks, library)
    found: dict[str, Mark] = {}
    tasks = chunks(library.slugs if slugs is None else slugs, jobs)
    for part in _parallel.run(work, tasks, jobs):
        found.update(part)
    return found


def assume_marks(library: Library, marks: Mapping[str, Mark], skip: Iterable[str] = ()) -> None:
    """Give ``library`` the ``marks`` it would compute (the articles served, their standings),
    leaving out the standings in the locales ``skip``: it neither parses nor plans them."""
    skipped = set(skip)
    for slug, mark in marks.items():
        if slug in library.articles:
            library.assume(slug, {tag: s for tag, s in mark.standings if tag not in skipped})


@dataclass(frozen=True)
class Scope:
    """What a rebuild renders; every other output is kept as the last build left it."""

    locales: frozenset[str]
    """Locales rendered whole."""
    slugs: frozenset[str]
    """Articles whose page and API document are rendered in every locale."""
    lists: bool
    """Every page of every locale's index and API list."""
    links: Mapping[str, PageLinks]
    """The links of the pages the last build wrote (for the sitemap)."""
    index_pages: frozenset[int] = frozenset()
    """Pages of every locale's index rendered (they hold an article of :attr:`slugs`)."""
    list_pages: frozenset[int] = frozenset()
    """Pages of every locale's API list rendered."""
    altered: frozenset[str] = frozenset()
    """Outputs of the last build no longer as it left them (rendered again)."""

    def article(self, locale: str, slug: str) -> bool:
        return locale in self.locales or slug in self.slugs

    def index(self, locale: str, page: int = 1) -> bool:
        return self.lists or locale in self.locales or page in self.index_pages

    def api_list(self, locale: str, page: int = 1) -> bool:
        return self.lists or locale in self.locales or page in self.list_pages


def holding(order: tuple[str, ...], per_page: int, slugs: Iterable[str]) -> frozenset[int]:
    """The pages (from 1) of ``order`` cut into ``per_page`` that hold one of ``slugs``."""
    wanted = set(slugs)
    return frozenset(
        number
        for number, page in enumerate(pages_of(order, per_page), start=1)
        if wanted.intersection(page)
    )


def _list_scope(
    library: Library, previous: Manifest, marks: Mapping[str, Mark], slugs: frozenset[str]
) -> tuple[bool, frozenset[int], frozenset[int]]:
    """(every list page, index pages, API list pages) to render after ``slugs`` changed: the
    pages that hold them when the articles served and their order are the last build's
    (the manifest keeps its marks in that order), else every page."""
    served = library.slugs
    if tuple(previous.marks) != served or tuple(marks) != served:
        return True, frozenset(), frozenset()
    pages = library.pages
    index = holding(index_order(served, pages.start), pages.per_page, slugs)
    api = holding(api_order(served), pages.per_page, slugs)
    return False, index, api


def changed_paths(before: Inputs, now: Inputs) -> set[str]:
    """The input files added, removed, or whose bytes changed."""
    return {
        path
        for path in before.keys() | now.keys()
        if path not in before or path not in now or before[path].digest != now[path].digest
    }


@dataclass(frozen=True)
class _Changes:
    slugs: set[str]
    articles: bool
    """An article file changed, appeared or went."""
    catalogs: set[str]
    """Locales whose catalogs changed."""


def _classify(library: Library, paths: set[str]) -> _Changes | None:
    """The changed files sorted into articles and catalogs; None when one is global."""
    settings = library.settings
    articles_dir = (settings.content_path / "articles").resolve()
    locales_dir = settings.locales_path.resolve()
    by_file = {Path(article.path).name: slug for slug, article in library.articles.items()}
    found = _Changes(set(), False, set())
    for text in paths:
        path = Path(text).resolve()
        if path.parent == articles_dir and path.suffix == ".md":
            found = _Changes(found.slugs, True, found.catalogs)
            if path.name in by_file:
                found.slugs.add(by_file[path.name])
        elif path.parent.parent.parent == locales_dir and path.parent.name == "LC_MESSAGES":
            tag = library.locale(path.parent.parent.name)
            if tag is None:
                return None
            found.catalogs.add(tag)
        else:
            return None
    return found


@dataclass(frozen=True)
class Decision:
    scope: Scope | None
    """None: render everything."""
    marks: Mapping[str, Mark] | None
    """Every article's marks, when they were computed to decide."""


def decide(library: Library, previous: Manifest, paths: set[str], jobs: int = 1) -> Decision:
    """What to render after ``paths`` changed (with the same medloc and options); the marks
    not known from ``previous`` are planned in ``jobs`` workers and handed to ``library``."""
    if (
        not previous.outputs
        or not previous.marks
        or previous.locales != library.locales
        or previous.problems
        or library.problems
    ):
        return Decision(None, None)
    changes = _classify(library, paths)
    if changes is None:
        return Decision(None, None)
    locales = frozenset(
        tag for tag in library.locales if set(library.chain(tag)) & changes.catalogs
    )
    unchanged = {k: v for k, v in previous.marks.items() if k not in changes.slugs}
    assume_marks(library, unchanged, skip=locales)  # planned again: the changed ones only
    try:
        served = library.slugs
        fresh = served if locales else tuple(s for s in served if s not in unchanged)
        # the others' marks are the manifest's, as assumed (mark_of would give them back)
        marks = {} if locales else {s: unchanged[s] for s in served if s in unchanged}
        marks.update(marks_of(library, fresh, jobs))
    except Exception:  # a broken article: rendering everything reports it as the service does
        return Decision(None, None)
    assume_marks(library, marks)
    if library.problems:
        return Decision(None, marks)
    marks = {slug: marks[slug] for slug in library.slugs if slug in marks}  # in order
    moved = {slug for slug, mark in marks.items() if previous.marks.get(slug) != mark}
    slugs = frozenset(changes.slugs | moved)
    every, index, api = _list_scope(library, previous, marks, slugs)
    return Decision(Scope(locales, slugs, every, previous.links, index, api), marks)

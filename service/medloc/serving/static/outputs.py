"""Rendering the site's files with the service's own code, in build workers.

The bodies come from the functions the service answers with (:func:`pages.article_page`,
:func:`api.article_json`, :func:`pages.index_page`, :func:`api.articles_json`) over the same
:class:`~medloc.serving.web.library.Library`, inside the service's Flask app context: there
is no second renderer, so a change to the pages reaches the built site by itself. An article
that fails to render is withheld exactly as the service withholds it
(:func:`pages.withheld`).

Two kinds of task: :func:`render_articles` renders a few articles in every locale (each
article's plans are made once and serve its pages in every locale and its marks), and
:func:`render_lists` one locale's index pages and API list pages (:mod:`..web.paging`), from
the marks of every article (the build hands them to the workers) and the plan's decisions for
titles and summaries.

A body equal to the one the last build wrote, whose file is still as that build left it
(size and mtime), is not written again. A rebuild renders only what its :class:`.scope.Scope`
names; every other output is kept as the last build left it (and rendered after all when its
file is no longer as it was left).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from ..handout.config import HandoutConfig
from ..handout.handouts import HandoutKey, make_handout
from ..web import api, pages
from ..web.library import Library
from ..web.paging import page_count
from ..web.renditions import Representation
from . import layout
from .files import Batch, Written, digest, stat_of
from .links import PageLinks, page_links
from .manifest import Mark
from .scope import Scope, mark_of
from .tree import order

__all__ = [
    "Job",
    "Result",
    "Writer",
    "article_folders",
    "article_names",
    "kept_articles",
    "render_articles",
    "render_lists",
]


@dataclass(frozen=True)
class Job:
    """What every worker shares (inherited when it forks)."""

    app: Flask
    library: Library
    site: Path
    previous: Mapping[str, Written]
    """The outputs of the last build, by name."""
    handouts: HandoutConfig | None = None
    """Also each article's PDF handout (``--handouts``), made as the service makes it."""
    scope: Scope | None = None
    """What to render (None: everything)."""


@dataclass(frozen=True)
class Result:
    """What one task rendered, wrote and kept."""

    outputs: tuple[Written, ...]
    """Every file of the task as it is on disk after this build."""
    rewritten: tuple[str, ...]
    """The names written by this build (unchanged ones are kept as they were)."""
    links: tuple[tuple[str, PageLinks], ...]
    """Each page's name, canonical URL and alternates, for the sitemap."""
    rendered: tuple[str, ...]
    """The outputs rendered by this build (written or not)."""
    problems: tuple[str, ...]
    unavailable: tuple[str, ...]
    """Articles withheld because a file is broken (the service answers them 503)."""
    marks: Mapping[str, Mark]
    """The marks of the task's articles that are served (none for a list task)."""


class Writer:
    """Writes what changed since the last build, all in one :class:`Batch`."""

    def __init__(self, site: Path, previous: Mapping[str, Written]) -> None:
        self.site = site
        self.previous = previous
        self.batch = Batch(site)
        self.kept: list[Written] = []
        self.written: list[tuple[str, str]] = []

    def emit(self, name: str, body: bytes) -> None:
        new = digest(body)
        old = self.previous.get(name)
        if (
            old is not None
            and old.digest == new
            and stat_of(self.site / name) == (old.size, old.mtime_ns)
        ):
            self.kept.append(old)
            return
        self.batch.add(name, body)
        self.written.append((name, new))

    def unchanged(self, name: str) -> bool:
        """Whether the file of ``name`` is still as the last build left it."""
        old = self.previous.get(name)
        return old is not None and stat_of(self.site / name) == (old.size, old.mtime_ns)

    def keep(self, name: str) -> bool:
        """Keep ``name`` without rendering it, when its file is still as the last build left
        it (else False: render it)."""
        if not self.unchanged(name):
            return False
        self.kept.append(self.previous[name])
        return True

    def commit(self) -> tuple[Written, ...]:
        """Put the files in place; every output as it is now."""
        try:
            self.batch.commit()
        except BaseException:
            self.batch.discard()
            raise
        fresh = []
        for name, sha in self.written:
            found = stat_of(self.site / name)
            assert found is not None
            fresh.append(Written(name, sha, *found))
        return (*self.kept, *fresh)


def _article(library: Library, slug: str, locale: str, into: list[Representation]) -> None:
    into.append(pages.article_page(library, slug, locale))
    into.append(api.article_json(library, slug, locale))


def _kept(job: Job, writer: Writer, names: list[str], page: bool = True) -> bool:
    """Keep ``names`` (the first is the page, whose links the manifest holds, unless not
    ``page``) when every one is still as the last build left it."""
    scope = job.scope
    if scope is None or (page and names[0] not in scope.links):
        return False
    for name in names:
        old = job.previous.get(name)
        if old is None or stat_of(job.site / name) != (old.size, old.mtime_ns):
            return False
    writer.kept.extend(job.previous[name] for name in names)
    return True


class _Work:
    """One task's outputs being rendered or kept."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.writer = Writer(job.site, job.previous)
        self.links: list[tuple[str, PageLinks]] = []
        self.rendered: list[str] = []
        self.alternates: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = {}
        """One copy of each list of alternates (an article's pages share theirs)."""

    def emit(self, name: str, body: bytes, *, page: bool = False) -> None:
        self.writer.emit(name, body)
        self.rendered.append(name)
        if page:
            found = page_links(body)
            alternates = self.alternates.setdefault(found.alternates, found.alternates)
            self.links.append((name, PageLinks(found.canonical, alternates)))

    def keep(self, names: list[str], rendering: bool, page: bool = True) -> bool:
        """Whether ``names`` are kept (not rendered) by this build; the first is a page
        (whose links the sitemap lists) unless not ``page``."""
        if rendering or not _kept(self.job, self.writer, names, page):
            return False
        scope = self.job.scope
        assert scope is not None
        if page:
            self.links.append((names[0], scope.links[names[0]]))
        return True

    def article(self, slug: str, locale: str) -> None:
        job, library = self.job, self.job.library
        names = article_names(job, slug, locale)
        scope = job.scope
        if self.keep(names, scope is None or scope.article(locale, slug)):
            return
        bodies: list[Representation] = []
        build = functools.partial(_article, library, slug, locale, bodies)
        if pages.withheld(library, slug, build):
            return
        page, document = bodies
        self.emit(names[0], page.body, page=True)
        self.emit(names[1], document.body)
        if job.handouts is not None:
            pdf = make_handout(library, HandoutKey(slug, locale), job.handouts)
            self.emit(names[2], pdf.body)

    def index(self, locale: str, page: int) -> None:
        library, scope = self.job.library, self.job.scope
        name = layout.index(locale, page).name
        if self.keep([name], scope is None or scope.index(locale, page)):
            return
        self.emit(name, pages.index_page(library, locale, page).body, page=True)

    def api_list(self, locale: str, page: int) -> None:
        library, scope = self.job.library, self.job.scope
        name = layout.api_list(locale, page).name
        if self.keep([name], scope is None or scope.api_list(locale, page), page=False):
            return
        self.emit(name, api.articles_json(library, locale, page).body)

    def result(self, slugs: tuple[str, ...], marks: Mapping[str, Mark]) -> Result:
        library, writer = self.job.library, self.writer
        outputs = writer.commit()
        return Result(
            outputs,
            tuple(name for name, _ in writer.written),
            tuple(self.links),
            tuple(self.rendered),
            tuple(str(problem) for problem in library.problems),
            tuple(slug for slug in slugs if library.unavailable(slug)),
            marks,
        )


def article_names(job: Job, slug: str, locale: str) -> list[str]:
    """The outputs of ``slug`` in ``locale``: its page first, its API document, its handout."""
    names = [layout.article(locale, slug).name, layout.api_article(slug, locale).name]
    if job.handouts is not None:
        names.append(layout.handout(locale, slug).name)
    return names


def article_folders(job: Job) -> set[str]:
    """The folders of the tree that hold articles' outputs, in every locale (:mod:`.layout`
    names an article's outputs by its slug inside folders of the locale's: any slug tells
    them)."""
    return {order(name)[0] for tag in job.library.locales for name in article_names(job, "-", tag)}


def kept_articles(job: Job, marks: Mapping[str, Mark]) -> frozenset[str]:
    """The articles of ``marks`` (every one served, with its marks) that a rebuild keeps
    whole, without a task: those its scope does not render in any locale and whose every
    output is still as the last build left it (not :attr:`.scope.Scope.altered`); their
    outputs, links and marks are the manifest's. Every other article is rendered by a task.
    (The last build, which reported no problem, wrote every output of every article it
    marked.)"""
    scope = job.scope
    if scope is None or scope.locales:
        return frozenset()
    candidates = [slug for slug in marks if slug not in scope.slugs]
    if not scope.altered:  # every file as left: only what the scope names is rendered
        tag = job.library.default
        return frozenset(s for s in candidates if layout.article(tag, s).name in scope.links)
    kept = []
    for slug in candidates:
        names = [article_names(job, slug, locale) for locale in job.library.locales]
        if any(found[0] not in scope.links for found in names):
            continue
        if any(name in scope.altered or name not in job.previous for n in names for name in n):
            continue
        kept.append(slug)
    return frozenset(kept)


def render_articles(job: Job, slugs: tuple[str, ...]) -> Result:
    """The pages and API documents of ``slugs`` in every locale (those the job's scope
    names; the others kept), and the marks of those served."""
    library = job.library
    work = _Work(job)
    marks: dict[str, Mark] = {}
    with job.app.app_context():
        for slug in slugs:
            if not library.served(slug):
                continue
            for locale in library.locales:
                work.article(slug, locale)
            if not library.unavailable(slug):
                marks[slug] = mark_of(library, slug)
    return work.result(slugs, marks)


def render_lists(job: Job, locale: str) -> Result:
    """Every page of the index and of the API list of ``locale`` (those the job's scope
    names; the others kept)."""
    library = job.library
    work = _Work(job)
    with job.app.app_context():
        count = page_count(len(library.slugs), library.pages.per_page)
        for page in range(1, count + 1):
            work.index(locale, page)
            work.api_list(locale, page)
    return work.result((), {})

"""Rendering one locale's files with the service's own code, in a build worker.

The bodies come from the functions the service answers with (:func:`pages.article_page`,
:func:`api.article_json`, :func:`pages.index_page`, :func:`api.articles_json`) over the same
:class:`~medloc.serving.web.library.Library`, inside the service's Flask app context: there
is no second renderer, so a change to the pages reaches the built site by itself. An article
that fails to render is withheld exactly as the service withholds it
(:func:`pages.withheld`).

A body equal to the one the last build wrote, whose file is still as that build left it
(size and mtime), is not written again.
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
from ..web.library import Library, Representation
from . import layout
from .files import Batch, Written, digest, stat_of
from .links import PageLinks, page_links

__all__ = ["Job", "LocaleResult", "Writer", "render_locale"]


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


@dataclass(frozen=True)
class LocaleResult:
    locale: str
    outputs: tuple[Written, ...]
    """Every file of the locale as it is on disk after this build."""
    rewritten: tuple[str, ...]
    """The names written by this build (unchanged ones are kept as they were)."""
    links: tuple[PageLinks, ...]
    """Each page's canonical URL and alternates, for the sitemap."""
    problems: tuple[str, ...]
    unavailable: tuple[str, ...]
    """Articles withheld because a file is broken (the service answers them 503)."""


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


def render_locale(job: Job, locale: str) -> LocaleResult:
    """Every article page, article document, the index and the list of ``locale``."""
    library = job.library
    writer = Writer(job.site, job.previous)
    links: list[PageLinks] = []
    with job.app.app_context():
        for slug in library.slugs:
            bodies: list[Representation] = []
            build = functools.partial(_article, library, slug, locale, bodies)
            if pages.withheld(library, slug, build):
                continue
            page, document = bodies
            writer.emit(layout.article(locale, slug).name, page.body)
            writer.emit(layout.api_article(slug, locale).name, document.body)
            links.append(page_links(page.body))
            if job.handouts is not None:
                pdf = make_handout(library, HandoutKey(slug, locale), job.handouts)
                writer.emit(layout.handout(locale, slug).name, pdf.body)
        index = pages.index_page(library, locale).body
        writer.emit(layout.index(locale).name, index)
        links.append(page_links(index))
        writer.emit(layout.api_list(locale).name, api.articles_json(library, locale).body)
    outputs = writer.commit()
    return LocaleResult(
        locale,
        outputs,
        tuple(name for name, _ in writer.written),
        tuple(links),
        tuple(str(problem) for problem in library.problems),
        tuple(
            slug
            for slug in (*library.articles, *library.inputs.broken)
            if library.unavailable(slug)
        ),
    )

"""What a page shows beyond the article's text: how passages in another language are
presented (the ``[pages]`` table), the site's identity (the ``[site]`` table), coverage and
the contents list. Pure functions of the library (one generation), the locale and the slug:
the service and the static build show the same pages.

The two tables are read once per generation (a changed ``medloc.toml`` makes a new one).
"""

from __future__ import annotations

import datetime as _dt
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..plan import coverage
from ..presentation import PagesConfig
from ..render import RenderedSection, Run, text_direction
from ..site import SiteConfig
from .i18n import display_name, long_date, percent
from .library import Library
from .renditions import Rendition
from .urls import article_path

__all__ = [
    "ContentsEntry",
    "Presentation",
    "RunView",
    "contents",
    "coverages",
    "page_coverage",
    "presentation",
    "run_views",
    "translated_locales",
]


@dataclass(frozen=True)
class Presentation:
    """The ``[pages]`` and ``[site]`` tables of one generation's project."""

    pages: PagesConfig
    site: SiteConfig

    def date(self, date: _dt.date) -> Callable[[str], str]:
        """A date for a UI string: in the language the string is shown in, with its digits."""
        return lambda lang: long_date(date, lang, self.pages.numbering_system(lang))

    def percent(self, fraction: float) -> Callable[[str], str]:
        """A percentage for a UI string, in the language the string is shown in."""
        return lambda lang: percent(fraction, lang, self.pages.numbering_system(lang))


_PRESENTATIONS: weakref.WeakKeyDictionary[Library, Presentation] = weakref.WeakKeyDictionary()


def presentation(library: Library) -> Presentation:
    """The presentation settings of ``library``'s project, read once per generation."""
    found = _PRESENTATIONS.get(library)
    if found is None:
        found = Presentation(library.pages, library.site)
        _PRESENTATIONS[library] = found
    return found


# -- coverage


def page_coverage(rendition: Rendition) -> float:
    """How much of the page (article and disclaimer) is in its locale, from the plan's counts
    kept with the rendition."""
    return coverage(rendition.rendered, rendition.disclaimer)


def _plans_coverage(library: Library, slug: str, tag: str) -> float:
    """The coverage of ``slug``'s page in ``tag``, from the plans (not the renditions:
    hreflang, the index and the API ask about every locale), kept per generation."""
    return library.standing(slug, tag).coverage


def coverages(library: Library, slug: str) -> dict[str, float]:
    """The coverage of ``slug``'s page in every locale offered (healthy), rounded to 3
    places (the API's numbers)."""
    return {tag: round(_plans_coverage(library, slug, tag), 3) for tag in library.healthy}


def translated_locales(library: Library, slug: str) -> tuple[str, ...]:
    """The locales in which ``slug`` counts as a translation: whole in its safety parts (the
    planner's verdict, :meth:`Library.translated_locales`) and at or above ``[pages]
    translated_threshold``; the source language first."""
    pages = presentation(library).pages
    return tuple(
        tag
        for tag in library.translated_locales(slug)
        if tag == library.default or pages.translated(_plans_coverage(library, slug, tag))
    )


# -- passages in another language


@dataclass(frozen=True)
class RunView:
    """A run of a section as the template shows it (policy: :attr:`PagesConfig.fallback`)."""

    kind: str
    """``plain`` (the page's language), ``inline``, ``fold`` or ``link``."""
    html: Markup
    """The elements shown (empty for ``link``)."""
    lang: str = ""
    """The run's language (BCP 47), for all but ``plain``."""
    dir: str = ""
    name: Callable[[str], str] | None = None
    """The run's language's name in a given language (the label's)."""
    href: str = ""
    """``link``: the source-language page's section."""


def _view(run: Run, kind: str, slug: str) -> RunView:
    if run.lang is None or kind == "plain":
        return RunView("plain", Markup(run.html))  # sanitized by medloc.serving.render
    anchor = run.elements[0].anchor
    return RunView(
        kind=kind,
        html=Markup("" if kind == "link" else run.html),
        lang=run.lang,
        dir=text_direction(run.lang),
        name=functools.partial(display_name, run.lang),
        href=f"{article_path(run.lang, slug)}#{anchor}" if anchor else article_path(run.lang, slug),
    )


def run_views(section: RenderedSection, policy: str, slug: str) -> list[RunView]:
    """The runs of a section that is not a safety section shown whole in another language.

    ``link`` keeps the section's own heading (its ``<section>`` is labelled by it), shown
    inline and labelled, and links the rest of the run."""
    views: list[RunView] = []
    for run in section.runs:
        if run.lang is None or policy != "link":
            views.append(_view(run, policy, slug))
            continue
        head = run.elements[0]
        if head.heading and head.anchor == section.id:
            views.append(_view(Run(run.lang, (head,)), "inline", slug))
            if len(run.elements) > 1:
                views.append(_view(Run(run.lang, run.elements[1:]), "link", slug))
        else:
            views.append(_view(run, "link", slug))
    return views


# -- the contents list


@dataclass(frozen=True)
class ContentsEntry:
    id: str
    heading: Markup
    lang: str


def contents(rendition: Rendition, pages: PagesConfig) -> list[ContentsEntry]:
    """The article's sections for a contents list: empty below ``contents_min_words`` words
    or with fewer than two sections."""
    if len(rendition.article.body.split()) < pages.contents_min_words:
        return []
    entries = [
        ContentsEntry(s.id, Markup(s.heading), s.heading_lang)  # sanitized by render
        for s in rendition.rendered.sections
        if s.id and s.heading
    ]
    return entries if len(entries) >= 2 else []

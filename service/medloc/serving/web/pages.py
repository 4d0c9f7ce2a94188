"""The HTML pages: article pages, the article index, error pages (routes: :mod:`.routes`).

Pages depend on their URL only (locale and slug), so each is rendered once into bytes with
a strong ETag and served from the Library's cache.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Response, current_app
from markupsafe import Markup

from ..render import RenderedSection, text_direction
from . import http
from .choice import choose
from .i18n import display_name, language_list
from .library import Library
from .paging import Paging, index_paging, number
from .presenting import (
    Presentation,
    RunView,
    contents,
    page_coverage,
    presentation,
    run_views,
    translated_locales,
)
from .renditions import Rendition, Representation
from .urls import absolute, article_path, index_path

__all__ = [
    "PageNav",
    "article_page",
    "error_page",
    "error_response",
    "index_page",
    "language_links",
    "render_page",
    "withheld",
]

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class SectionView:
    """A rendered section as the template shows it."""

    id: str
    role: str | None
    heading: Markup
    body: Markup
    fallback: str | None
    fallback_dir: str
    fallback_name: Callable[[str], str] | None
    """The fallback language's name in a given language (that of the notice's text)."""
    runs: tuple[RunView, ...] = ()
    """The section's parts as shown, unless it is shown whole in another language."""


@dataclass(frozen=True)
class Link:
    tag: str
    name: str
    href: str
    dir: str
    current: bool


def _text_attrs(lang: str, locale: str) -> Markup:
    """` lang=".." dir=".."` for text that is not in the page's language."""
    if lang == locale:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(lang, text_direction(lang))


def _time(shown: Presentation, date: _dt.date) -> Callable[[str], Markup]:
    """A ``<time>`` for a UI string: in the string's language, with its digits."""
    text = shown.date(date)
    return lambda lang: Markup('<time datetime="{}">{}</time>').format(date.isoformat(), text(lang))


def _provenance(rendition: Rendition, shown: Presentation) -> dict[str, Any]:
    """What a translated page says about its translation: the English it follows (digest and
    date) and its review by a second linguist (``review_date`` None: not yet reviewed)."""
    review, source = rendition.review, rendition.source
    if review is None:  # the source language
        return {"translated": False}
    return {
        "translated": True,
        "source_digest": source.digest,
        "source_date": _time(shown, source.date) if source.date else None,
        "review_date": _time(shown, review.date) if review.reviewed and review.date else None,
    }


def _section(section: RenderedSection, policy: str, slug: str) -> SectionView:
    fallback = section.fallback
    return SectionView(
        id=section.id,
        role=section.role,
        heading=Markup(section.heading_html),  # sanitized by medloc.serving.render
        body=Markup(section.body),
        fallback=fallback,
        fallback_dir=text_direction(fallback) if fallback else "",
        fallback_name=functools.partial(display_name, fallback) if fallback else None,
        runs=() if fallback else tuple(run_views(section, policy, slug)),
    )


def language_links(library: Library, locale: str, path_of: Any) -> list[Link]:
    """The language switcher's links: every healthy locale, plus ``locale`` when it is not one."""
    tags = list(library.healthy)
    if locale not in tags:
        tags.append(locale)
    return [
        Link(
            tag=tag,
            name=display_name(tag),
            href=f"{path_of(tag)}?lang={tag}",
            dir=text_direction(tag),
            current=tag == locale,
        )
        for tag in tags
    ]


def render_page(template: str, library: Library, locale: str, **context: Any) -> bytes:
    """Render a page template in ``locale`` with the site's identity and UI strings."""
    ui = library.ui(locale)
    site = presentation(library).site
    html = (
        current_app.jinja_env.get_template(template)
        .render(
            locale=locale,
            dir=text_direction(locale),
            ui=ui,
            text_attrs=lambda lang: _text_attrs(lang, locale),
            site=site,
            site_name=Markup.escape(site.name) if site.name else ui.gettext("Patient information"),
            language_name=functools.partial(display_name, locale),
            **context,
        )
        .encode("utf-8")
    )
    return html


def _alternates(library: Library, tags: Sequence[str], path_of: Any) -> list[tuple[str, str]]:
    public = library.settings.public_url
    links = [(tag, absolute(public, path_of(tag))) for tag in tags]
    links.append(("x-default", absolute(public, path_of(library.default))))
    return links


def _coverage(
    library: Library, rendition: Rendition, shown: Presentation
) -> Callable[[str], str] | None:
    """The page's coverage for the line at its top; None in the source language and on a
    page wholly in its locale."""
    value = page_coverage(rendition)
    if rendition.rendered.locale == library.default or value >= 1:
        return None
    return shown.percent(value)


def article_page(library: Library, slug: str, locale: str) -> Representation:
    rendition = library.rendition(slug, locale)
    rendered, article = rendition.rendered, rendition.article
    shown = presentation(library)
    policy = shown.pages.fallback

    def path_of(tag: str) -> str:
        return article_path(tag, slug)

    body = render_page(
        "article.html",
        library,
        locale,
        title=rendered.title,
        title_lang=rendered.title_lang,
        summary=rendered.summary,
        summary_lang=rendered.summary_lang,
        reviewed=_time(shown, article.last_reviewed) if article.last_reviewed else None,
        next_review=_time(shown, article.next_review) if article.next_review else None,
        responsible=shown.site.responsible,
        coverage=_coverage(library, rendition, shown),
        contents=contents(rendition, shown.pages),
        sections=[
            _section(s, policy, slug) for s in (*rendered.sections, *rendition.disclaimer.sections)
        ],
        **_provenance(rendition, shown),
        fallback_names=functools.partial(language_list, rendition.fallback_languages)
        if rendition.fallback_languages
        else None,
        switcher=language_links(library, locale, path_of),
        canonical=absolute(library.settings.public_url, path_of(locale)),
        alternates=_alternates(library, translated_locales(library, slug), path_of),
        index_href=index_path(locale),
    )
    return Representation(body, HTML, locale)


def _entry(library: Library, slug: str, locale: str, shown: Presentation) -> dict[str, Any]:
    """One article of the index: its title and summary, and how far it is translated (the
    mark only at or above ``[pages] translated_threshold``); from the plan's decisions for
    the title and summary and the article's standing, not from a rendition of it."""
    front = library.front(slug, locale)
    value = library.standing(slug, locale).coverage
    source = locale == library.default
    return {
        "href": article_path(locale, slug),
        "title": front.title.texts[0],
        "title_lang": front.title.language,
        "summary": front.summary.texts[0],
        "summary_lang": front.summary.language,
        "start": slug == shown.pages.start,
        "coverage": f"{value:.3f}",
        "translated": not source and locale in translated_locales(library, slug),
        "percent": None if source or value >= 1 else shown.percent(value),
    }


@dataclass(frozen=True)
class PageNav:
    """The links between the pages of the index, when it has more than one."""

    page: Callable[[str], str]
    """This page's number, in the digits of the language it is shown in."""
    pages: Callable[[str], str]
    previous: str | None
    next: str | None


def _nav(locale: str, paging: Paging, shown: Presentation) -> PageNav | None:
    if paging.pages == 1:
        return None
    system = shown.pages.numbering_system
    return PageNav(
        page=number(paging.page, system),
        pages=number(paging.pages, system),
        previous=index_path(locale, paging.previous) if paging.previous else None,
        next=index_path(locale, paging.next) if paging.next else None,
    )


def index_page(library: Library, locale: str, page: int = 1) -> Representation:
    """Page ``page`` of the article index in ``locale`` (:mod:`.paging`); LookupError when
    there is no such page."""
    shown = presentation(library)
    paging = index_paging(library, page)
    if paging is None:
        raise LookupError(f"no page {page} of the index")
    entries = []
    for slug in paging.slugs:
        try:
            entries.append(_entry(library, slug, locale, shown))
        except Exception as exc:  # a broken file: the article is withheld, not the index
            library.failed(slug, exc)
            continue

    def path_of(tag: str) -> str:
        return index_path(tag, page)

    body = render_page(
        "index.html",
        library,
        locale,
        entries=entries,
        start=any(entry["start"] for entry in entries),
        nav=_nav(locale, paging, shown),
        switcher=language_links(library, locale, path_of),
        canonical=absolute(library.settings.public_url, path_of(locale)),
        alternates=_alternates(library, library.healthy, path_of),
        index_href=index_path(locale),
    )
    return Representation(body, HTML, locale)


def error_page(library: Library, status: int, locale: str) -> Representation:
    body = render_page(
        "error.html",
        library,
        locale,
        status=status,
        switcher=language_links(library, locale, index_path),
        index_href=index_path(locale),
    )
    return Representation(body, HTML, locale)


def error_response(library: Library, status: int, locale: str | None = None) -> Response:
    """A localized error page; in the URL's locale when given, else the negotiated one."""
    negotiated = locale is None
    chosen = locale if locale is not None else choose(library).locale
    page = library.representation(
        ("error", str(status), chosen), lambda: error_page(library, status, chosen)
    )
    vary = http.NEGOTIATED if negotiated else ()
    response = http.respond(page, cache_control="no-cache", vary=vary, status=status)
    if status == 503:
        response.headers["Retry-After"] = "60"
    return response


def withheld(library: Library, slug: str, build: Callable[[], object]) -> bool:
    """Whether ``slug``'s article must answer 503: a file of it is broken (then or while
    ``build`` renders it, which is recorded by :meth:`Library.failed`)."""
    if library.unavailable(slug):
        return True
    try:
        build()
    except Exception as exc:
        library.failed(slug, exc)
        return True
    return False

"""The handout as one HTML document for print, ready for the PDF engine.

:func:`handout_html` lays out the rows of :mod:`.view` with the article's header (title,
summary, last-reviewed date and the page's provenance line), the site's identity from the
``[site]`` table (each part only where set) and, where ``public_url`` is configured, the
page's URL and a QR code to it. UI strings come from the project's catalogs along the
page's fallback chain (:class:`medloc.serving.web.i18n.UIText`); each column of a bilingual
handout is rendered with its own language's strings.

The page numbers are CSS (``@page`` margin boxes): the translation of "Page %(page)s of
%(pages)s" becomes a CSS ``content`` value with each literal character escaped, so no
translation can write CSS.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..numerals import with_digits
from ..render import text_direction
from ..site import SiteConfig
from ..web import i18n
from ..web.library import Library
from ..web.presenting import Presentation, page_coverage, presentation
from ..web.renditions import Rendition
from ..web.urls import absolute, article_path
from .view import Cell, Row, rows_of

__all__ = ["HandoutHTML", "handout_html", "page_counter_css"]

_TEMPLATES = Path(__file__).parent / "templates"


def N_(message: str) -> str:
    """Marks a UI string for extraction (``medloc extract``); it is looked up later."""
    return message


# TRANSLATORS: the page numbers at the foot of each page of a printed handout.
PAGE_OF = N_("Page %(page)s of %(pages)s")
_PLACEHOLDER = re.compile(r"%\((page|pages)\)s|%%")


@dataclass(frozen=True)
class HandoutHTML:
    """A handout as HTML, and the ``data:`` URIs it made (the only ones it may fetch)."""

    html: str
    data_uris: tuple[str, ...]
    language: str
    """Its languages for Content-Language (``es`` or ``es, en``)."""


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    i18n.install(env)
    return env


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal, every character but letters, digits and spaces as
    a hex escape ended by the one space it swallows (nothing a translator writes can end the
    string or the ``<style>`` element)."""
    escaped = (ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text)
    return '"' + "".join(escaped) + '"'


DIGITS = "medloc-digits"
"""The counter style of the page numbers when the locale's digits are not ASCII ones."""


def digits_css(system: str) -> tuple[str, str]:
    """(an ``@counter-style`` rule, its name) for the page numbers in the digits of CLDR
    numbering system ``system`` (``[pages] digits``); ("", "decimal") for ASCII digits."""
    digits = with_digits("0123456789", system)
    if digits == "0123456789":
        return "", "decimal"
    symbols = " ".join(_css_string(digit) for digit in digits)
    return f"@counter-style {DIGITS} {{ system: numeric; symbols: {symbols}; }}", DIGITS


def page_counter_css(ui: i18n.UIText, style: str = "decimal") -> str:
    """The ``content`` value of the page-number box in ``ui``'s language, its numbers in
    counter style ``style``."""
    text, _lang = ui.lookup(PAGE_OF)
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[position : match.start()]
        if match.group(0) == "%%":
            literal += "%"
        if literal:
            parts.append(_css_string(literal))
        if match.group(1):
            parts.append(f"counter({match.group(1)}, {style})")
        position = match.end()
    if text[position:]:
        parts.append(_css_string(text[position:]))
    return " ".join(parts)


def qr_data_uri(url: str) -> str:
    """A QR code to ``url`` as an SVG ``data:`` URI (segno, imported with the pdf extra)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", xmldecl=False, scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _render(library: Library, template: str, locale: str, **context: Any) -> str:
    """A template of this package in ``locale`` (its ``lang``, ``dir`` and UI strings)."""
    return (
        _environment()
        .get_template(template)
        .render(locale=locale, dir=text_direction(locale), ui=library.ui(locale), **context)
    )


def _date(shown: Presentation, date: _dt.date | None) -> Callable[[str], str] | None:
    """A date for a UI string, in the string's language and the ``[pages]`` digits."""
    return shown.date(date) if date else None


def _coverage(library: Library, rendition: Rendition) -> Callable[[str], str] | None:
    """The page's coverage line, as on the page: not in the source language, not when whole."""
    value = page_coverage(rendition)
    if rendition.rendered.locale == library.default or value >= 1:
        return None
    return presentation(library).percent(value)


def _header(library: Library, rendition: Rendition, bilingual: bool) -> Markup:
    rendered, locale, article = rendition.rendered, rendition.rendered.locale, rendition.article
    source, review, shown = rendition.source, rendition.review, presentation(library)
    return Markup(
        _render(
            library,
            "handout-header.html",
            locale,
            label=i18n.display_name(locale) if bilingual else None,
            title=rendered.title,
            title_attrs=_attrs(rendered.title_lang, locale),
            summary=rendered.summary,
            summary_attrs=_attrs(rendered.summary_lang, locale),
            reviewed=_date(shown, article.last_reviewed),
            next_review=_date(shown, article.next_review),
            coverage=_coverage(library, rendition),
            language_name=functools.partial(i18n.display_name, locale),
            translated=review is not None,
            source_digest=source.digest,
            source_date=_date(shown, source.date),
            fallback_names=functools.partial(i18n.language_list, rendition.fallback_languages)
            if rendition.fallback_languages
            else None,
        )
    )


def _attrs(lang: str, locale: str) -> Markup:
    if lang == locale:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(lang, text_direction(lang))


def _cell_html(library: Library, cell: Cell, bilingual: bool) -> Markup:
    return Markup(
        _render(
            library,
            "handout-cell.html",
            cell.locale,
            label=i18n.display_name(cell.locale) if bilingual else None,
            cell=cell,
            shown_name=functools.partial(i18n.display_name, cell.shown),
        )
    )


def handout_html(
    library: Library, slug: str, locales: Sequence[str], *, paper: str = "A4"
) -> HandoutHTML:
    """The handout of ``slug`` in ``locales`` (one, or two for a bilingual one; served)."""
    renditions = [library.rendition(slug, locale) for locale in locales]
    bilingual = len(renditions) > 1
    locale = locales[0]
    rows: list[Row] = list(rows_of(renditions, library.roles))
    site: SiteConfig = library.site
    public = library.settings.public_url
    online = public.startswith(("https://", "http://"))
    page_url = absolute(public, article_path(locale, slug)) if online else ""
    qr = qr_data_uri(page_url) if page_url else ""
    counter_style, style = digits_css(presentation(library).pages.numbering_system(locale))
    html = _render(
        library,
        "handout.html",
        locale,
        paper=paper,
        counter_style=Markup(counter_style),
        page_counter=Markup(page_counter_css(library.ui(locale), style)),
        title=renditions[0].rendered.title,
        headers=[_header(library, r, bilingual) for r in renditions],
        rows=[(row, [_cell_html(library, c, bilingual) for c in row.cells]) for row in rows],
        bilingual=bilingual,
        site=site,
        contact=site.contact_url.partition(":")[2].removeprefix("//"),
        page_url=page_url,
        page_link=Markup('<a href="{}">{}</a>').format(page_url, page_url),
        qr=qr,
    )
    return HandoutHTML(html, (qr,) if qr else (), ", ".join(locales))

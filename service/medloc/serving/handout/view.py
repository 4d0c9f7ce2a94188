"""What a handout shows, built from the renditions the pages are made from.

A handout is a list of rows, one per section of the article and then of the disclaimer, in
the order of the page. Each row has one column per language: one for a handout in one
locale, two for a bilingual one (``?with=``). The sections are those of
:meth:`medloc.serving.web.library.Library.rendition`, the same plan and the same rendering as
the page, so the fallback rules are the page's.

The one rule added here is the bilingual one for safety sections: a safety section (risks,
disclaimer, instructions) is shown in two languages only where both renditions have it whole
in their own language; otherwise both columns show it in the language it falls back to, each
with a notice in its reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from medloc.roles import Roles

from ..render import RenderedSection, text_direction
from ..web.presenting import RunView, run_views
from ..web.renditions import Rendition
from .inert import inert_html

__all__ = ["NOTICE_FALLBACK", "NOTICE_PAIR", "Cell", "Row", "rows_of"]

NOTICE_FALLBACK = "fallback"
"""The section's translation is incomplete or out of date: shown in its fallback language."""
NOTICE_PAIR = "pair"
"""A bilingual safety section that one of the two languages does not have whole."""


@dataclass(frozen=True)
class Cell:
    """One section in one column: what a reader of ``locale`` sees."""

    locale: str
    """The column's reader language (its label and notices are in it)."""
    shown: str
    """The language the section's content is in (``locale``, or its fallback)."""
    heading: Markup
    """For a section shown whole in its fallback: the heading element (``<h2>``)."""
    body: Markup
    """For a section shown whole in its fallback: the rest of it."""
    notice: str | None = None
    """:data:`NOTICE_FALLBACK`, :data:`NOTICE_PAIR` or None."""
    runs: tuple[RunView, ...] = ()
    """Otherwise: the section as the page shows it, each passage in another language a
    run labelled in the reader's language (``inline`` on paper, whatever the page's policy);
    links and images inert."""

    @property
    def dir(self) -> str:
        return text_direction(self.locale)

    @property
    def shown_dir(self) -> str:
        return text_direction(self.shown)


@dataclass(frozen=True)
class Row:
    """One section of the handout, with a cell per column."""

    id: str
    role: str | None
    safety: bool
    """Whether its role is safety-critical (the project's ``[roles]``)."""
    cells: tuple[Cell, ...]


def _heading(section: RenderedSection, shown: str) -> Markup:
    if not section.heading_html:
        return Markup("")
    attrs = Markup("")
    if section.heading_lang != shown:
        lang = section.heading_lang
        attrs = Markup(' lang="{}" dir="{}"').format(lang, text_direction(lang))
    # heading and body come sanitized from medloc.serving.render; inert_html only removes
    return Markup("<h2{}>{}</h2>").format(attrs, Markup(inert_html(section.heading)))


def _inert(run: RunView) -> RunView:
    return replace(run, html=Markup(inert_html(run.html)))


def _cell(locale: str, slug: str, section: RenderedSection, notice: str | None = None) -> Cell:
    shown = section.fallback or locale
    if notice is None and section.fallback:
        notice = NOTICE_FALLBACK
    if notice is None:
        runs = tuple(_inert(run) for run in run_views(section, "inline", slug))
        return Cell(locale, shown, Markup(""), Markup(""), runs=runs)
    return Cell(
        locale=locale,
        shown=shown,
        heading=_heading(section, shown),
        body=Markup(inert_html(section.body)),
        notice=notice,
    )


def _pair(first: RenderedSection, second: RenderedSection) -> RenderedSection:
    """The section both columns show for a safety section one language lacks whole."""
    return first if first.fallback is not None else second


def _row(
    locales: Sequence[str], slug: str, sections: Sequence[RenderedSection], roles: Roles
) -> Row:
    first = sections[0]
    safety = roles.is_safety(first.role)
    if len(sections) == 2 and safety and any(s.fallback for s in sections):
        shown = _pair(*sections)
        cells = tuple(_cell(locale, slug, shown, NOTICE_PAIR) for locale in locales)
    else:
        pairs = zip(locales, sections, strict=True)
        cells = tuple(_cell(locale, slug, section) for locale, section in pairs)
    return Row(first.id, first.role, safety, cells)


def _sections(rendition: Rendition) -> tuple[RenderedSection, ...]:
    return (*rendition.rendered.sections, *rendition.disclaimer.sections)


def rows_of(renditions: Sequence[Rendition], roles: Roles) -> tuple[Row, ...]:
    """The rows of a handout of one article in one or two renditions (same article, so the
    same sections in the same order); ``roles``: the project's (which are safety-critical)."""
    locales = [r.rendered.locale for r in renditions]
    slug = renditions[0].rendered.slug
    columns = [_sections(r) for r in renditions]
    rows = zip(*columns, strict=True)
    return tuple(_row(locales, slug, list(sections), roles) for sections in rows)

"""Rendering: (article, translations, fallback chain) -> HTML, pure.

* :func:`render_document` puts a translation (or nothing) into every block of a
  parsed document and renders it; with every translation equal to its msgid the
  output is exactly the source's HTML.
* :func:`render_plan` shows what the fallback planner (:mod:`medloc.serving.plan`)
  decided: ordinary blocks fall back one message at a time, each marked with its own
  ``lang``/``dir``; a safety section (risks, disclaimer) is never mixed: it comes
  whole from the first language of the chain in which all of it is translated
  and passes the blocking checks. :func:`render_article` plans and renders.

The result is sanitized with nh3 (:mod:`medloc.serving.sanitize`) as a last line of
defence: translations are untrusted input.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from babel import Locale
from markdown_it import MarkdownIt
from markdown_it.token import Token

from medloc.errors import LocaleError
from medloc.source.content import Article
from medloc.source.markdown import Block, Document, Section
from medloc.tags import locale_tag

from .inline import parse_inline, plain_text
from .plan import Accept, Language, Plan, Review, plan_article, source_language, unit_of
from .sanitize import sanitize, validate_link

__all__ = [
    "Accept",
    "Element",
    "Language",
    "RenderedArticle",
    "RenderedSection",
    "Run",
    "render_article",
    "render_document",
    "render_plan",
    "sanitize",
    "source_language",
    "text_direction",
    "validate_link",
]


@functools.lru_cache(maxsize=256)
def text_direction(locale: str) -> str:
    """``rtl`` or ``ltr`` from CLDR's character order for ``locale`` (BCP 47 or Babel form)."""
    try:
        order = Locale.parse(locale_tag(locale).babel).character_order
    except (LocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def _attribute_target(tokens: list[Token], inline_index: int) -> int:
    """The element that should carry a block's ``lang``: the nearest visible opening tag."""
    index = inline_index - 1
    while index > 0 and tokens[index].hidden:
        index -= 1
    return index


def _put(
    tokens: list[Token],
    index: int,
    text: str,
    lang: str | None,
    md: MarkdownIt,
    env: Any,
    terminators: re.Pattern[str] | None = None,
) -> Token:
    """Put ``text`` (in ``lang``; None: the page's language) into the inline token at
    ``index`` of ``tokens`` (a copy: the tokens replaced are new ones); the new token."""
    original = tokens[index]
    replaced = Token(original.type, original.tag, original.nesting, map=original.map)
    replaced.content = text
    replaced.children = parse_inline(md, text, env, terminators)
    tokens[index] = replaced
    if lang is not None:
        target = _attribute_target(tokens, index)
        opened = tokens[target].copy(attrs=dict(tokens[target].attrs))  # not shared
        opened.attrSet("lang", lang)
        opened.attrSet("dir", text_direction(lang))
        tokens[target] = opened
    return replaced


def render_document(
    document: Document,
    md: MarkdownIt,
    texts: Callable[[Block], tuple[str, str | None] | None] | None = None,
) -> str:
    """Render ``document`` with each block's text replaced by ``texts(block)``.

    ``texts`` returns ``(text, lang)`` (``lang`` None for the page's language) or
    None to keep the source. Tokens are copied, never changed in place.
    """
    tokens = list(document.tokens)
    if texts is not None:
        plain = plain_text(md)
        for block in document.blocks:
            chosen = texts(block)
            if chosen is not None:
                _put(tokens, block.token_index, *chosen, md, document.env, plain)
    html: str = md.renderer.render(tokens, md.options, document.env)
    return html


@dataclass(frozen=True)
class Element:
    """One top-level element of a section as rendered: a heading, a paragraph, a list, a
    table..."""

    html: str
    heading: bool
    """Whether it is a heading (``<h2>``, ``<h3>``...): it carries its section's id."""
    anchor: str
    """The id of the innermost section it belongs to (where a link to it points)."""


@dataclass(frozen=True)
class Run:
    """Consecutive top-level elements of a section shown in one language: the unit a page
    labels, folds or links when it is in another language than the page's."""

    lang: str | None
    """The language every block of these elements is in, where it is not the page's; None:
    the page's language (or elements that mix languages, each block marked on its own)."""
    elements: tuple[Element, ...]

    @property
    def html(self) -> str:
        return "".join(element.html for element in self.elements)


@dataclass(frozen=True)
class RenderedSection:
    """One top-level section of a rendered article, its parts as fields."""

    id: str
    role: str | None
    heading: str
    """The heading's text (inline Markdown rendered to HTML) in the language shown."""
    heading_lang: str
    """The language the heading is shown in."""
    heading_html: str
    """The heading element (``<h2 id=…>…</h2>``); empty for text before the first heading."""
    body: str
    """The rest of the section's HTML, from the line break that ends the heading element."""
    languages: tuple[str, ...]
    """The languages its parts are actually in, in order of first appearance."""
    fallback: str | None = None
    """For a safety section shown whole in another language: that language."""
    runs: tuple[Run, ...] = ()
    """The section's elements (heading first), grouped by the language they are shown in."""

    @property
    def html(self) -> str:
        """The whole section: the heading element, then the body."""
        return self.heading_html + self.body


@dataclass(frozen=True)
class RenderedArticle:
    slug: str
    locale: str
    chain: tuple[str, ...]
    title: str
    title_lang: str
    summary: str
    summary_lang: str
    sections: tuple[RenderedSection, ...]
    languages: tuple[str, ...] = field(default=())
    """Every language the page shows, the requested one first."""
    served: int = 0
    """How many of its messages the requested language serves (the plan's count)."""
    parts: int = 0
    """How many messages it has (see :func:`medloc.serving.plan.coverage`)."""

    @property
    def html(self) -> str:
        return "".join(section.html for section in self.sections)

    @property
    def mixed(self) -> bool:
        return any(lang != self.locale for lang in self.languages)


def render_article(
    article: Article,
    document: Document,
    md: MarkdownIt,
    chain: Sequence[Language],
    *,
    accept: Accept | None = None,
    review: Review | None = None,
    safe_html: bool = True,
) -> RenderedArticle:
    """Render one article in the first language of ``chain``, falling back along it.

    ``chain`` lists the requested language first and must end with the source
    language. ``accept`` may refuse a translation (a blocking QA finding), ``review`` one
    whose section is not reviewed where review is required.
    """
    plan = plan_article(article, document, chain, accept=accept, review=review)
    return render_plan(article, document, md, plan, safe_html=safe_html)


def render_plan(
    article: Article, document: Document, md: MarkdownIt, plan: Plan, *, safe_html: bool = True
) -> RenderedArticle:
    """Render ``article`` (parsed as ``document``) as ``plan`` says."""
    page = _Page(document, md, plan, sanitize if safe_html else str)  # str: as it is
    sections = tuple(page.section(span) for span in _spans(document))
    languages = [plan.requested]
    parts = (plan.title.language, plan.summary.language)
    for lang in (*parts, *(lang for s in sections for lang in s.languages)):
        if lang not in languages:
            languages.append(lang)
    return RenderedArticle(
        slug=article.slug,
        locale=plan.requested,
        chain=plan.chain,
        title=plan.title.texts[0],
        title_lang=plan.title.language,
        summary=plan.summary.texts[0],
        summary_lang=plan.summary.language,
        sections=sections,
        languages=tuple(languages),
        served=plan.served,
        parts=plan.parts,
    )


class _Span(NamedTuple):
    """The tokens of one top-level section: ``begin`` to ``end``; its heading, if any; the
    blocks among them."""

    begin: int
    end: int
    head: Section | None
    blocks: list[Block]


def _spans(document: Document) -> list[_Span]:
    """Each top-level section's tokens, so that the page and the API can use them apart."""
    tokens = document.tokens
    headings = {b.token_index: b.section for b in document.blocks if b.kind == "heading"}
    starts = [
        i
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
        and (section := headings.get(i + 1)) is not None
        and section.parent is None
    ]
    bounds = zip([0, *starts], [*starts, len(tokens)], strict=True)
    ranges = [(begin, end) for begin, end in bounds if begin != end]
    blocks = _slices(document.blocks, ranges)
    return [
        _Span(
            begin,
            end,
            headings.get(begin + 1) if tokens[begin].type == "heading_open" else None,
            inside,
        )
        for (begin, end), inside in zip(ranges, blocks, strict=True)
    ]


def _slices(blocks: Sequence[Block], ranges: list[tuple[int, int]]) -> list[list[Block]]:
    """The blocks whose token index is in each of ``ranges`` (``blocks`` in token order)."""
    at = [block.token_index for block in blocks]
    return [list(blocks[bisect_left(at, first) : bisect_left(at, last)]) for first, last in ranges]


def _elements(document: Document, begin: int, end: int) -> list[tuple[int, int]]:
    """The token ranges of the top-level elements between ``begin`` and ``end``."""
    bounds: list[tuple[int, int]] = []
    level, start = 0, begin
    for index in range(begin, end):
        level += document.tokens[index].nesting
        if level == 0:
            bounds.append((start, index + 1))
            start = index + 1
    return bounds


def _element_lang(plan: Plan, decisions: list[str]) -> str | None:
    """The one language other than the page's that all of an element's blocks are in."""
    languages = set(decisions)
    if len(languages) != 1:
        return None
    (lang,) = languages
    return None if lang == plan.requested else lang


class _Page:
    """One article rendered as a plan says, a section at a time."""

    def __init__(
        self, document: Document, md: MarkdownIt, plan: Plan, clean: Callable[[str], str]
    ) -> None:
        self.document, self.md, self.plan, self.clean = document, md, plan, clean
        self.by_id = {section.id: section for section in document.sections}
        self.plain = plain_text(md)
        self.inline: dict[int, Token] = {}
        """Each block's inline token, its text parsed (a heading's text is shown again, in the
        contents list)."""

    def element(self, first: int, last: int, blocks: list[Block]) -> str:
        """HTML of the document's tokens ``first`` to ``last`` (one top-level element), each
        of its ``blocks`` as the plan says."""
        plan, md, env = self.plan, self.md, self.document.env
        tokens = list(self.document.tokens[first:last])
        for block in blocks:
            decision = plan.blocks[block.token_index]
            lang = None if decision.language == plan.requested else decision.language
            index = block.token_index
            text = decision.texts[0]
            self.inline[index] = _put(tokens, index - first, text, lang, md, env, self.plain)
        html: str = md.renderer.render(tokens, md.options, env)
        return self.clean(html)

    def runs(self, span: _Span) -> tuple[Run, ...]:
        """The span's elements, rendered one by one and grouped into runs by language."""
        plan, tokens = self.plan, self.document.tokens
        runs: list[tuple[str | None, list[Element]]] = []
        fallback_anchor = span.head.id if span.head else ""
        bounds = _elements(self.document, span.begin, span.end)
        for (first, last), inside in zip(bounds, _slices(span.blocks, bounds), strict=True):
            lang = _element_lang(plan, [plan.blocks[b.token_index].language for b in inside])
            section = inside[0].section if inside else None
            element = Element(
                html=self.element(first, last, inside),
                heading=tokens[first].type == "heading_open",
                anchor=section.id if section is not None else fallback_anchor,
            )
            if runs and runs[-1][0] == lang:
                runs[-1][1].append(element)
            else:
                runs.append((lang, [element]))
        return tuple(Run(lang, tuple(elements)) for lang, elements in runs)

    def section(self, span: _Span) -> RenderedSection:
        begin, head = span.begin, span.head
        plan, md, clean = self.plan, self.md, self.clean
        runs = self.runs(span)
        elements = [element for run in runs for element in run.elements]
        heading_html, body = "", "".join(element.html for element in elements)
        heading, heading_lang = "", plan.requested
        if head is not None:
            heading_element = elements[0].html
            heading_html = heading_element.removesuffix("\n")
            body = heading_element[len(heading_html) :] + "".join(e.html for e in elements[1:])
            # md.renderInline(text): the heading's inline token, its text parsed above
            inline = md.renderer.render([self.inline[begin + 1]], md.options, self.document.env)
            heading = clean(inline)
            heading_lang = plan.blocks[begin + 1].language
        in_span = (plan.blocks[b.token_index] for b in span.blocks)
        return RenderedSection(
            id=head.id if head else "",
            role=head.role if head else None,
            heading=heading,
            heading_lang=heading_lang,
            heading_html=heading_html,
            body=body,
            languages=tuple(dict.fromkeys(decision.language for decision in in_span)),
            fallback=plan.fallback(unit_of(head, self.by_id, plan.roles)),
            runs=runs,
        )

"""Rendering: (article, translations, fallback chain) -> HTML, pure.

* :func:`render_document` puts a translation (or nothing) into every block of a
  parsed document and renders it; with every translation equal to its msgid the
  output is exactly the source's HTML.
* :func:`render_article` applies the fallback rules a patient can trust:
  ordinary blocks fall back one message at a time, each marked with its own
  ``lang``/``dir``; a safety section (risks, disclaimer) is never mixed: it comes
  whole from the first language of the chain in which all of it is translated
  and passes the blocking checks.

The result is sanitized with nh3 as a last line of defence: translations are
untrusted input.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import nh3
from babel import Locale
from markdown_it import MarkdownIt
from markdown_it.token import Token

from medloc.roles import SAFETY_ROLES
from medloc.source.content import Article
from medloc.source.extract import block_contexts
from medloc.source.markdown import Block, Document, Section

__all__ = [
    "Accept",
    "Language",
    "RenderedArticle",
    "RenderedSection",
    "render_article",
    "render_document",
    "sanitize",
    "serves_whole",
    "text_direction",
]

Lookup = Callable[[str, str], "str | None"]
"""(msgctxt, msgid) -> translation, or None where a language has none to serve."""

Accept = Callable[[str, str, str, str, "str | None"], bool]
"""(locale, msgctxt, msgid, msgstr, role) -> whether the translation may be served."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TAGS = {
    "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "img", "span",
    "section", "div",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"lang", "dir", "id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "code": {"class"},
    "section": {"data-role"},
}


@dataclass(frozen=True)
class Language:
    """One language of a fallback chain and where its translations come from."""

    locale: str
    """BCP 47 tag (``pt-BR``)."""
    lookup: Lookup


def source_language(locale: str = "en") -> Language:
    """The source language: every message is its own translation."""
    return Language(locale, lambda _context, msgid: msgid)


@functools.lru_cache(maxsize=256)
def text_direction(locale: str) -> str:
    """``rtl`` or ``ltr`` from CLDR's character order for ``locale`` (BCP 47 or Babel form)."""
    try:
        order = Locale.parse(locale.replace("-", "_")).character_order
    except (ValueError, TypeError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def validate_link(url: str) -> bool:
    """Links may be relative or use http(s), mailto or tel; any other scheme is dropped."""
    head = url.strip().split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return True
    return head.split(":", 1)[0].lower() in SAFE_SCHEMES


def sanitize(html: str) -> str:
    """nh3 over rendered HTML: only the elements Markdown produces, only safe URLs."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def _attribute_target(tokens: list[Token], inline_index: int) -> int:
    """The element that should carry a block's ``lang``: the nearest visible opening tag."""
    index = inline_index - 1
    while index > 0 and tokens[index].hidden:
        index -= 1
    return index


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
        for block in document.blocks:
            chosen = texts(block)
            if chosen is None:
                continue
            text, lang = chosen
            original = tokens[block.token_index]
            replaced = Token(original.type, original.tag, original.nesting, map=original.map)
            replaced.content = text
            replaced.children = md.parseInline(text, document.env)[0].children
            tokens[block.token_index] = replaced
            if lang is not None:
                target = _attribute_target(tokens, block.token_index)
                opened = tokens[target].copy(attrs=dict(tokens[target].attrs))  # not shared
                opened.attrSet("lang", lang)
                opened.attrSet("dir", text_direction(lang))
                tokens[target] = opened
    html: str = md.renderer.render(tokens, md.options, document.env)
    return html


@dataclass(frozen=True)
class RenderedSection:
    """One top-level section of a rendered article."""

    id: str
    role: str | None
    heading: str
    """The heading's text (inline Markdown rendered to HTML) in the language shown."""
    html: str
    languages: tuple[str, ...]
    """The languages its parts are actually in, in order of first appearance."""
    fallback: str | None = None
    """For a safety section shown whole in another language: that language."""


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

    @property
    def html(self) -> str:
        return "".join(section.html for section in self.sections)

    @property
    def mixed(self) -> bool:
        return any(lang != self.locale for lang in self.languages)


def _unit(section: Section | None, sections: dict[str, Section]) -> str | None:
    """The outermost safety section containing ``section`` (the unit that is never mixed)."""
    unit = None
    while section is not None:
        if section.role in SAFETY_ROLES:
            unit = section.id
        section = sections.get(section.parent) if section.parent else None
    return unit


def render_article(
    article: Article,
    document: Document,
    md: MarkdownIt,
    chain: Sequence[Language],
    *,
    accept: Accept | None = None,
    safe_html: bool = True,
) -> RenderedArticle:
    """Render one article in the first language of ``chain``, falling back along it.

    ``chain`` lists the requested language first and must end with the source
    language. ``accept`` may refuse a translation (a blocking QA finding).
    """
    if not chain:
        raise ValueError("a fallback chain needs at least the source language")
    requested = chain[0].locale
    contexts = block_contexts(document, article.slug)
    by_id = {section.id: section for section in document.sections}

    def lookup(language: Language, context: str, msgid: str, role: str | None) -> str | None:
        text = language.lookup(context, msgid)
        if text is None or not text.strip():
            return None
        if accept is None or language is chain[-1]:
            return text
        return text if accept(language.locale, context, msgid, text, role) else None

    def first(context: str, msgid: str, role: str | None) -> tuple[str, str]:
        for language in chain:
            text = lookup(language, context, msgid, role)
            if text is not None:
                return text, language.locale
        return msgid, chain[-1].locale

    # Safety units: the first language in which every block of the unit is servable.
    unit_blocks: dict[str, list[tuple[Block, str]]] = {}
    for block, context in zip(document.blocks, contexts, strict=True):
        unit = _unit(block.section, by_id)
        if unit is not None:
            unit_blocks.setdefault(unit, []).append((block, context))
    unit_language: dict[str, Language] = {}
    for unit, members in unit_blocks.items():
        role = by_id[unit].role
        unit_language[unit] = next(
            (
                language
                for language in chain
                if all(lookup(language, ctx, b.text, role) is not None for b, ctx in members)
            ),
            chain[-1],
        )

    chosen: dict[int, tuple[str, str]] = {}
    for block, context in zip(document.blocks, contexts, strict=True):
        unit = _unit(block.section, by_id)
        if unit is not None:
            language = unit_language[unit]
            text = lookup(language, context, block.text, by_id[unit].role)
            chosen[block.token_index] = (text if text is not None else block.text, language.locale)
        else:
            role = block.section.role if block.section else None
            chosen[block.token_index] = first(context, block.text, role)

    sections = _split_sections(article, document, md, chosen, requested, by_id, unit_language)
    title, title_lang = (
        first(f"{article.slug}:title", article.title, None) if article.title else ("", requested)
    )
    summary, summary_lang = (
        first(f"{article.slug}:summary", article.summary, None)
        if article.summary
        else ("", requested)
    )
    if safe_html:
        sections = tuple(
            RenderedSection(
                s.id, s.role, sanitize(s.heading), sanitize(s.html), s.languages, s.fallback
            )
            for s in sections
        )
    languages = [requested]
    for lang in (title_lang, summary_lang, *(lang for s in sections for lang in s.languages)):
        if lang not in languages:
            languages.append(lang)
    return RenderedArticle(
        slug=article.slug,
        locale=requested,
        chain=tuple(language.locale for language in chain),
        title=title,
        title_lang=title_lang,
        summary=summary,
        summary_lang=summary_lang,
        sections=sections,
        languages=tuple(languages),
    )


def serves_whole(
    article: Article, document: Document, language: Language, *, accept: Accept | None = None
) -> bool:
    """Whether ``language`` itself serves the article's title, its summary and every block
    of its safety sections (translated, and accepted by ``accept``): a page in it then
    shows what matters most without fallback. What :func:`render_article` would choose,
    found by looking messages up, without rendering."""
    by_id = {section.id: section for section in document.sections}

    def served(context: str, msgid: str, role: str | None) -> bool:
        text = language.lookup(context, msgid)
        if text is None or not text.strip():
            return False
        return accept is None or accept(language.locale, context, msgid, text, role)

    if article.title and not served(f"{article.slug}:title", article.title, None):
        return False
    if article.summary and not served(f"{article.slug}:summary", article.summary, None):
        return False
    contexts = block_contexts(document, article.slug)
    for block, context in zip(document.blocks, contexts, strict=True):
        unit = _unit(block.section, by_id)
        if unit is not None and not served(context, block.text, by_id[unit].role):
            return False
    return True


def _split_sections(
    article: Article,
    document: Document,
    md: MarkdownIt,
    chosen: dict[int, tuple[str, str]],
    requested: str,
    by_id: dict[str, Section],
    unit_language: dict[str, Language],
) -> tuple[RenderedSection, ...]:
    """Render each top-level section on its own, so that the page and the API can use them."""
    tokens = document.tokens
    headings = {b.token_index: b.section for b in document.blocks if b.kind == "heading"}
    starts = [
        i
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
        and (section := headings.get(i + 1)) is not None
        and section.parent is None
    ]
    bounds = list(zip([0, *starts], [*starts, len(tokens)], strict=True))
    result = []
    for begin, end in bounds:
        if begin == end:
            continue
        blocks = tuple(b for b in document.blocks if begin <= b.token_index < end)
        part = Document(tokens[begin:end], document.env, (), ())
        shifted = {b.token_index - begin: b for b in blocks}

        def texts(block: Block, offset: int = begin) -> tuple[str, str | None]:
            text, lang = chosen[block.token_index + offset]
            return text, (None if lang == requested else lang)

        local_blocks = tuple(
            Block(i, b.kind, b.text, b.line, b.section) for i, b in shifted.items()
        )
        part = Document(part.tokens, part.env, local_blocks, ())
        html = render_document(part, md, texts)
        head = headings.get(begin + 1) if tokens[begin].type == "heading_open" else None
        langs: list[str] = []
        for b in blocks:
            lang = chosen[b.token_index][1]
            if lang not in langs:
                langs.append(lang)
        heading_html = ""
        if head is not None:
            text, _ = chosen[begin + 1]
            heading_html = md.renderInline(text, document.env)
        unit = _unit(head, by_id) if head is not None else None
        fallback = None
        if unit is not None and unit_language[unit].locale != requested:
            fallback = unit_language[unit].locale
        result.append(
            RenderedSection(
                id=head.id if head else "",
                role=head.role if head else None,
                heading=heading_html,
                html=html,
                languages=tuple(langs),
                fallback=fallback,
            )
        )
    return tuple(result)

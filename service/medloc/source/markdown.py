"""The document model shared by extraction and rendering.

A Markdown body is parsed once with markdown-it-py into a token stream. Every
*inline* token (the text of a heading, a paragraph, a list item's paragraph, a
table cell) is one translatable :class:`Block`; its ``text`` is the inline
Markdown exactly as markdown-it hands it to the inline parser, so that putting
the same text back yields exactly the same HTML.

Headings may end with an attribute block ``{#id role=NAME}`` (articles only):
it fixes the section id and the section's role.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from medloc.errors import ContentError
from medloc.roles import DEFAULT_ROLES, Roles

__all__ = [
    "Block",
    "Document",
    "Section",
    "article_parser",
    "block_parser",
    "commonmark_parser",
    "parse_document",
    "slugify",
]


_ATTRS_RE = re.compile(r"^(?P<text>.*?)[ \t]*\{(?P<attrs>[^{}]*)\}$", re.S)
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def article_parser() -> MarkdownIt:
    """The parser for articles: CommonMark plus tables, raw HTML disabled (shown as text)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


@cache
def block_parser() -> MarkdownIt:
    """The article parser without inline parsing (shared, do not reconfigure it): inline
    tokens keep their ``content`` but get no children. Extraction needs no more, and skipping
    the inline pass makes it about a third faster. Use with ``parse_document(inline=False)``."""
    return article_parser().disable(["inline", "text_join"])


def commonmark_parser() -> MarkdownIt:
    """Plain CommonMark with raw HTML, as in the specification's examples."""
    return MarkdownIt("commonmark")


@dataclass(frozen=True)
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    id: str
    heading: str
    level: int
    role: str | None
    """The effective role: the heading's own, or inherited from its parent."""
    line: int
    path: tuple[str, ...]
    """The headings from the outermost to this one (their text)."""
    parent: str | None


@dataclass(frozen=True)
class Block:
    """One translatable block: the text of one inline token."""

    token_index: int
    kind: str
    """``heading``, ``paragraph``, ``list item``, ``table cell`` or ``blockquote``."""
    text: str
    line: int
    section: Section | None


@dataclass(frozen=True)
class Document:
    tokens: tuple[Token, ...]
    env: dict[str, Any]
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]


def slugify(text: str) -> str:
    """A URL-friendly id for a heading without an explicit ``{#id}``."""
    normalized = unicodedata.normalize("NFKD", text)
    ascii_text = normalized.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "section"


def _parse_attrs(spec: str, roles: Roles, *, path: str, line: int) -> tuple[str | None, str | None]:
    section_id: str | None = None
    role: str | None = None
    for item in spec.split():
        if item.startswith("#") and _ID_RE.match(item[1:]):
            section_id = item[1:]
        elif item.startswith("role="):
            role = item[len("role=") :].strip("\"'")
            if not roles.is_known(role):
                known = ", ".join(sorted(roles.known))
                raise ContentError(
                    f"unknown section role {role!r}; known roles: {known} (a project adds its own"
                    " in [roles] of medloc.toml)",
                    path=path,
                    line=line,
                )
        else:
            raise ContentError(
                f"cannot read heading attribute {item!r}; write {{#some-id role=risks}}",
                path=path,
                line=line,
            )
    return section_id, role


def _unique_id(
    explicit_id: str | None, heading: str, used_ids: dict[str, int], *, path: str, line: int
) -> str:
    """A section's id: its explicit one, else its heading's slug with ``-2``, ``-3``... when
    taken; ``used_ids`` counts the ids given so far."""
    base = explicit_id or slugify(heading)
    if explicit_id and explicit_id in used_ids:
        raise ContentError(
            f"section id {explicit_id!r} is used twice; ids must be unique in an article",
            path=path,
            line=line,
        )
    count = used_ids.get(base, 0) + 1
    used_ids[base] = count
    return base if count == 1 else f"{base}-{count}"


def _kind(stack: list[str]) -> str:
    for opened in reversed(stack):
        if opened in ("th", "td"):
            return "table cell"
        if opened == "list_item":
            return "list item"
        if opened == "blockquote":
            return "blockquote"
    return "paragraph"


def parse_document(
    markdown: str,
    md: MarkdownIt,
    *,
    path: str = "<string>",
    first_line: int = 1,
    attributes: bool = True,
    inline: bool = True,
    roles: Roles = DEFAULT_ROLES,
) -> Document:
    """Parse a Markdown body into tokens, sections and translatable blocks.

    ``first_line`` is the file line on which ``markdown`` starts, so that blocks
    carry file line numbers. With ``attributes`` a trailing ``{#id role=x}`` on a
    heading is read and removed from its text. Without ``inline`` (with `block_parser`)
    the inline tokens get no children: blocks, sections and texts are the same. ``roles``:
    the project's (:func:`medloc.roles.read_roles`), which say what ``role=`` may name.
    """
    env: dict[str, Any] = {}
    tokens = md.parse(markdown, env)
    blocks: list[Block] = []
    sections: list[Section] = []
    open_sections: list[Section] = []
    used_ids: dict[str, int] = {}
    stack: list[str] = []
    heading_level = 0
    current: Section | None = None

    for index, token in enumerate(tokens):
        if token.nesting == 1:
            stack.append(token.type.removesuffix("_open"))
            if token.type == "heading_open":
                heading_level = int(token.tag[1:])
        elif token.nesting == -1 and stack:
            stack.pop()
        if token.type != "inline":
            continue
        line = first_line + (token.map[0] if token.map else 0)
        if stack and stack[-1] == "heading":
            text = token.content
            explicit_id: str | None = None
            own_role: str | None = None
            found = _ATTRS_RE.match(text) if attributes else None
            if found:
                explicit_id, own_role = _parse_attrs(
                    found.group("attrs"), roles, path=path, line=line
                )
                text = found.group("text")
                token.content = text
                if inline:
                    token.children = md.parseInline(text, env)[0].children
            section_id = _unique_id(explicit_id, text, used_ids, path=path, line=line)
            while open_sections and open_sections[-1].level >= heading_level:
                open_sections.pop()
            parent = open_sections[-1] if open_sections else None
            current = Section(
                id=section_id,
                heading=text,
                level=heading_level,
                role=own_role or (parent.role if parent else None),
                line=line,
                path=(*(parent.path if parent else ()), text),
                parent=parent.id if parent else None,
            )
            if attributes:
                tokens[index - 1].attrSet("id", section_id)
            open_sections.append(current)
            sections.append(current)
            kind = "heading"
        else:
            kind = _kind(stack)
        if token.content.strip():
            blocks.append(Block(index, kind, token.content, line, current))
    return Document(tuple(tokens), env, tuple(blocks), tuple(sections))

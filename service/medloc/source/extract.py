"""Markdown articles -> translatable messages, and the Babel extraction method.

Contexts are stable: they name the article and the section, never a position,
so inserting, deleting or reordering other paragraphs leaves every other
message's context as it was (see docs/architecture.md).

``pybabel extract -F babel.cfg -o articles.pot content/`` uses :func:`babel_extract`
through the ``babel.extractors`` entry point named ``medloc``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from medloc.comments import Notes
from medloc.roles import DEFAULT_ROLES, Roles, read_roles

from .content import Article, parse_article
from .markdown import Document, article_parser, block_parser, parse_document

__all__ = [
    "RULES_VERSION",
    "ExtractedMessage",
    "babel_extract",
    "block_contexts",
    "extract_article",
    "parse_article_body",
]


RULES_VERSION = 1
"""The version of the extraction rules (what a message, its context and its comments are).
It is part of the content digest a template records (:meth:`medloc.project.Project.content_digest`):
bump it with any change that changes the templates extraction writes, so that ``medloc check``
extracts again instead of trusting a template written by the old rules."""


@dataclass(frozen=True)
class ExtractedMessage:
    """One translatable message with where it comes from and what translators should know."""

    context: str
    msgid: str
    path: str
    line: int
    comments: tuple[str, ...]
    role: str | None = None
    kind: str = "paragraph"


def parse_article_body(article: Article, roles: Roles = DEFAULT_ROLES) -> Document:
    """Parse an article's body with the article parser, lines numbered as in its file
    (``roles``: the project's, :func:`medloc.roles.read_roles`)."""
    return parse_document(
        article.body,
        article_parser(),
        path=article.path,
        first_line=article.body_line,
        roles=roles,
    )


def _parse_blocks(article: Article, roles: Roles) -> Document:
    """`parse_article_body` without the inline parse: the blocks only, for extraction."""
    return parse_document(
        article.body,
        block_parser(),
        path=article.path,
        first_line=article.body_line,
        inline=False,
        roles=roles,
    )


def block_contexts(document: Document, slug: str) -> list[str]:
    """The msgctxt of every block of ``document``, in block order.

    ``<slug>#<section-id>``; the same text met again in the same section gets
    ``~2``, ``~3``... (and text before any heading uses ``<slug>#``).
    """
    seen: dict[tuple[str, str], int] = {}
    contexts: list[str] = []
    for block in document.blocks:
        base = f"{slug}#{block.section.id if block.section else ''}"
        count = seen.get((base, block.text), 0) + 1
        seen[(base, block.text)] = count
        contexts.append(base if count == 1 else f"{base}~{count}")
    return contexts


def _comments(
    slug: str, kind: str, path: tuple[str, ...], role: str | None, roles: Roles
) -> tuple[str, ...]:
    return Notes(article=slug, section=path, block=kind, role=role).lines(roles)


def extract_article(
    article: Article, document: Document | None = None, roles: Roles = DEFAULT_ROLES
) -> list[ExtractedMessage]:
    """Every message of one article: title, summary, then each block in order (``roles``:
    the project's, which say what a heading may name and which roles are safety-critical)."""
    document = document or _parse_blocks(article, roles)
    messages: list[ExtractedMessage] = []
    for key, value in (("title", article.title), ("summary", article.summary)):
        if value:
            messages.append(
                ExtractedMessage(
                    context=f"{article.slug}:{key}",
                    msgid=value,
                    path=article.path,
                    line=article.field_lines.get(key, 1),
                    comments=_comments(article.slug, key, (), None, roles),
                    kind=key,
                )
            )
    for block, context in zip(document.blocks, block_contexts(document, article.slug), strict=True):
        section = block.section
        role = section.role if section else None
        messages.append(
            ExtractedMessage(
                context=context,
                msgid=block.text,
                path=article.path,
                line=block.line,
                comments=_comments(
                    article.slug, block.kind, section.path if section else (), role, roles
                ),
                role=role,
                kind=block.kind,
            )
        )
    return messages


def babel_extract(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction method for medloc articles (``[medloc: content/**.md]`` in babel.cfg).

    Yields ``pgettext`` calls so that Babel keeps each message's context. The project's
    ``[roles]`` are read from ``medloc.toml`` in the folder named by the option ``root``
    (``medloc extract`` passes it), else in the current folder (``pybabel`` is run at the
    project root).
    """
    raw = fileobj.read()
    encoding = str(options.get("encoding", "utf-8"))
    name = str(getattr(fileobj, "name", "<article>"))
    roles = read_roles(Path(str(options.get("root", "."))))
    article = parse_article(raw.decode(encoding), path=name)
    for message in extract_article(article, roles=roles):
        yield message.line, "pgettext", (message.context, message.msgid), list(message.comments)

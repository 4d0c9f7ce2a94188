"""A block's text parsed as inline Markdown, the way the page parser parses it.

Most of a page's texts have no Markdown in them (no character where an inline rule of
markdown-it may start): markdown-it makes such a text one text token of itself, and
:func:`parse_inline` makes that token without running the parser, where the parser is one
for which that holds (:func:`plain_text`).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import text as text_rule
from markdown_it.token import Token

__all__ = ["parse_inline", "plain_text"]

_COMMONMARK_CORE = ("normalize", "block", "inline", "text_join")
_PLAIN_AFTER = frozenset({"balance_pairs", "emphasis", "strikethrough", "fragments_join"})


def plain_text(md: MarkdownIt) -> re.Pattern[str] | None:
    """The characters where ``md``'s inline rules may start (markdown-it's terminators), when
    a text without any of them parses into one text token of itself: the core rules are
    CommonMark's (no typographer, no linkify) and the inline rules begin with markdown-it's
    text rule, which takes such a text whole (the other rules only act on delimiters)."""
    inline = md.inline
    plain = (
        tuple(md.core.ruler.get_active_rules()) == _COMMONMARK_CORE
        and inline.ruler.getRules("")[:1] == [text_rule]
        and _PLAIN_AFTER.issuperset(inline.ruler2.get_active_rules())
        and md.options.get("maxNesting", 0) > 0
    )
    terminators = getattr(inline, "terminator_re", None)
    return terminators if plain and isinstance(terminators, re.Pattern) else None


def parse_inline(
    md: MarkdownIt, text: str, env: Any, terminators: re.Pattern[str] | None
) -> list[Token]:
    """``md.parseInline(text, env)[0].children``, without the parser for a plain text (most
    of a page's: no Markdown in it), which is one text token (``StateInline.pushPending``);
    ``terminators``: :func:`plain_text` of ``md``."""
    if terminators is None or not text or "\r" in text or "\0" in text or terminators.search(text):
        children: list[Token] = md.parseInline(text, env)[0].children or []
        return children
    token = Token("text", "", 0)
    token.content = text
    return [token]

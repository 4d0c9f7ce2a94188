"""The Markdown parser pages are rendered with.

It is :func:`medloc.source.markdown.article_parser` (raw HTML off: a translation's ``<script>``
is shown as text) with two changes for the web:

* links and images must pass :func:`medloc.serving.sanitize.validate_link` (http(s), mailto, tel
  or relative); anything else stays text;
* table cells lose markdown-it's ``style="text-align: ..."``. The Content-Security-Policy
  forbids inline styles (``style-src 'self'`` without ``'unsafe-inline'`` or
  ``style-src-attr``), so the attribute would be blocked anyway, and allowing inline style
  attributes for every page to keep a cosmetic alignment no article uses is a bad trade:
  cells align to the start of the line (``text-align: start`` in the stylesheet), which
  also does the right thing in right-to-left pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from medloc.source.markdown import article_parser

from ..sanitize import validate_link

__all__ = ["page_parser"]


def _cell_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    token = tokens[idx]
    if "style" in token.attrs:
        patched = list(tokens)
        patched[idx] = token.copy(attrs={k: v for k, v in token.attrs.items() if k != "style"})
        tokens = patched
    return self.renderToken(tokens, idx, options, env)


def page_parser() -> MarkdownIt:
    md = article_parser()
    md.validateLink = validate_link  # type: ignore[method-assign]
    md.add_render_rule("th_open", _cell_open)
    md.add_render_rule("td_open", _cell_open)
    return md

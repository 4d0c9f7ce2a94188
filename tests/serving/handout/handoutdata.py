"""What the handout tests of the real project share: where it is, the article, and the
strings expected in each locale, read from its catalogs."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

from medloc.catalog import parse_po
from medloc.serving.web.markup import page_parser
from medloc.tags import locale_tag

ROOT = Path(__file__).resolve().parents[3]
SLUG = "thermal-rhizotomy"
PUBLIC = "https://clinic.example"

Render = Callable[..., Path]
"""``handout("es")`` / ``handout("es", "en")``: the PDF of :data:`SLUG`."""


def expected(locale: str, context: str, index: int = 0) -> str:
    """A translation of the real catalogs (the project's reader), as plain text: the first
    message of ``context`` (or the one at ``index``); for the source, the template's."""
    source = locale == "en"
    name = "articles.pot" if source else f"{locale_tag(locale).babel}/LC_MESSAGES/articles.po"
    path = ROOT / "locales" / name
    catalog = parse_po(path.read_text(encoding="utf-8"), path=str(path))
    texts = [
        e.msgid if source else e.msgstr for e in catalog if e.msgctxt == context and not e.obsolete
    ]
    text = texts[index]
    html = page_parser().renderInline(text)
    return unescape(re.sub(r"<[^>]+>", "", html))

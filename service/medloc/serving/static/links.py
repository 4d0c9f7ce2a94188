"""The canonical URL and the ``hreflang`` alternates a page declares in its ``<head>``.

The sitemap lists exactly what each page says about itself: they are read back from the
rendered page, never worked out a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["PageLinks", "page_links"]


@dataclass(frozen=True, slots=True)
class PageLinks:
    canonical: str
    alternates: tuple[tuple[str, str], ...]
    """(hreflang, href) in the page's order, ``x-default`` included."""


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical = ""
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").split()
        if "canonical" in rel:
            self.canonical = values.get("href", "")
        elif "alternate" in rel and "hreflang" in values:
            self.alternates.append((values["hreflang"], values.get("href", "")))


def page_links(body: bytes) -> PageLinks:
    """The links of an HTML page's ``<head>`` (the rest of the page is not parsed)."""
    text = body.decode("utf-8")
    end = text.find("</head>")
    parser = _Head()
    parser.feed(text if end == -1 else text[:end])
    parser.close()
    return PageLinks(parser.canonical, tuple(parser.alternates))

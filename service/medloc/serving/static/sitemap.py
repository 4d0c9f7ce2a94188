"""``sitemap.xml``: every page with its ``hreflang`` alternates (``xhtml:link``), as the
pages themselves declare them (:mod:`.links`).

The sitemap protocol allows 50,000 URLs and 50 MB per file; with twenty alternates a URL
takes about 2 KB, so URLs go :data:`PER_FILE` to a file: one file is ``sitemap.xml`` itself,
more are ``sitemap-1.xml``... listed by a ``sitemap.xml`` index. Crawlers want absolute
URLs: set ``public_url`` (``[serve]`` in ``medloc.toml`` or ``medloc build --public-url``);
without it the URLs are root-relative.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from .links import PageLinks

__all__ = ["PER_FILE", "sitemaps"]

PER_FILE = 10_000
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _url(links: PageLinks) -> str:
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
        for lang, href in links.alternates
    )
    return f"<url><loc>{escape(links.canonical)}</loc>{alternates}</url>\n"


def _urlset(pages: Sequence[PageLinks]) -> bytes:
    return (_HEAD + _URLSET + "".join(_url(p) for p in pages) + "</urlset>\n").encode("utf-8")


def sitemaps(pages: Sequence[PageLinks], public_url: str) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes): ``sitemap.xml`` and, for a large site, its parts, one at a time
    (with twenty alternates, the parts of 100,000 pages weigh about 200 MB)."""
    ordered = sorted(pages, key=lambda p: p.canonical)
    if len(ordered) <= PER_FILE:
        yield "sitemap.xml", _urlset(ordered)
        return
    entries = []
    for number, start in enumerate(range(0, len(ordered), PER_FILE), start=1):
        name = f"sitemap-{number}.xml"
        yield name, _urlset(ordered[start : start + PER_FILE])
        entries.append(f"<sitemap><loc>{escape(public_url)}/{name}</loc></sitemap>\n")
    index = (
        _HEAD
        + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(entries)
        + "</sitemapindex>\n"
    )
    yield "sitemap.xml", index.encode("utf-8")

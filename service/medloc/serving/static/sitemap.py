"""``sitemap.xml``: every page with its ``hreflang`` alternates (``xhtml:link``), as the
pages themselves declare them (:mod:`.links`).

The sitemap protocol allows 50,000 URLs and 50 MB per file; with twenty alternates a URL
takes about 2 KB, so URLs go :data:`PER_FILE` to a file: one file is ``sitemap.xml`` itself,
more are ``sitemap-1.xml``... listed by a ``sitemap.xml`` index. Crawlers want absolute
URLs: set ``public_url`` (``[serve]`` in ``medloc.toml`` or ``medloc build --public-url``);
without it the URLs are root-relative.

A rebuild passes the links of the pages the last build listed (``before``): a part whose pages
and their links are the same (the same pages, so the same cut into parts) is not rendered
again when ``kept`` says its file is still as the last build left it (the parts of 10^5 pages
weigh about 54 MB with twenty alternates: seconds of every rebuild).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from .links import PageLinks

__all__ = ["PER_FILE", "sitemap_names", "sitemaps"]

PER_FILE = 10_000
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _links(alternates: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
        for lang, href in alternates
    )


def _urlset(pages: Sequence[PageLinks]) -> bytes:
    """The ``<urlset>`` of ``pages``; the alternates an article's pages share (one list in
    every locale) are written out once."""
    written: dict[tuple[tuple[str, str], ...], str] = {}
    urls = []
    for page in pages:
        alternates = written.get(page.alternates)
        if alternates is None:
            alternates = written[page.alternates] = _links(page.alternates)
        urls.append(f"<url><loc>{escape(page.canonical)}</loc>{alternates}</url>\n")
    return (_HEAD + _URLSET + "".join(urls) + "</urlset>\n").encode("utf-8")


def _by_url(pages: Iterable[PageLinks]) -> list[PageLinks]:
    return sorted(pages, key=lambda p: p.canonical)


def sitemap_names(pages: int) -> list[str]:
    """The files of the sitemap of ``pages`` pages, as :func:`sitemaps` names them."""
    if pages <= PER_FILE:
        return ["sitemap.xml"]
    parts = range(1, -(-pages // PER_FILE) + 1)
    return [*(f"sitemap-{number}.xml" for number in parts), "sitemap.xml"]


def sitemaps(
    pages: Sequence[PageLinks],
    public_url: str,
    before: Iterable[PageLinks] = (),
    kept: Callable[[str], bool] = lambda _name: False,
) -> Iterator[tuple[str, bytes | None]]:
    """(file name, bytes): ``sitemap.xml`` and, for a large site, its parts, one at a time
    (with twenty alternates, the parts of 100,000 pages weigh about 200 MB); bytes None for a
    part that is the same as in ``before`` (the last build's pages) and ``kept``."""
    ordered = _by_url(pages)
    previous = _by_url(before)
    if len(previous) != len(ordered):
        previous = []

    def part(name: str, start: int, end: int) -> tuple[str, bytes | None]:
        chunk = ordered[start:end]
        if previous and previous[start:end] == chunk and kept(name):
            return name, None
        return name, _urlset(chunk)

    if len(ordered) <= PER_FILE:
        yield part("sitemap.xml", 0, len(ordered))
        return
    entries = []
    for number, start in enumerate(range(0, len(ordered), PER_FILE), start=1):
        name = f"sitemap-{number}.xml"
        yield part(name, start, start + PER_FILE)
        entries.append(f"<sitemap><loc>{escape(public_url)}/{name}</loc></sitemap>\n")
    index = (
        _HEAD
        + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(entries)
        + "</sitemapindex>\n"
    )
    yield "sitemap.xml", index.encode("utf-8")

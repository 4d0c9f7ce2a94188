"""``sitemap.xml``'s parts: every page with its alternates, read back as XML (#15)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from medloc.serving.static import sitemap
from medloc.serving.static.links import PageLinks
from medloc.serving.static.sitemap import sitemap_names, sitemaps

_SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")), max_size=12)
ALTERNATES = st.lists(st.tuples(TEXT, TEXT), max_size=4).map(tuple)


@given(
    st.lists(st.tuples(TEXT, st.integers(0, 2)), max_size=12),
    st.lists(ALTERNATES, min_size=3, max_size=3),
)
def test_every_page_is_listed_with_its_alternates(
    pages: list[tuple[str, int]], shared: list[tuple[tuple[str, str], ...]]
) -> None:
    """Pages that share one list of alternates (an article's pages in every locale) each
    list it whole, escaped, in the page's order."""
    links = [PageLinks(canonical, shared[n]) for canonical, n in pages]
    [(name, body)] = list(sitemaps(links, ""))
    assert name == "sitemap.xml" and body is not None
    urls = ET.fromstring(body).findall(f"{_SM}url")
    found = [
        (
            url.findtext(f"{_SM}loc") or "",
            tuple((a.get("hreflang"), a.get("href")) for a in url.findall(f"{_XHTML}link")),
        )
        for url in urls
    ]
    ordered = sorted(links, key=lambda page: page.canonical)
    assert found == [(page.canonical, page.alternates) for page in ordered]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 7])
def test_the_names_of_the_parts_are_those_written(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemap, "PER_FILE", 2)
    pages = [PageLinks(f"/p{n}", ()) for n in range(count)]
    assert sitemap_names(count) == [name for name, _part in sitemaps(pages, "")]

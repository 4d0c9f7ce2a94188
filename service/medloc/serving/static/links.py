"""The canonical URL and the ``hreflang`` alternates a page declares in its ``<head>``.

The sitemap lists exactly what each page says about itself: they are read back from the
rendered page, never worked out a second time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

__all__ = ["Alternates", "Links", "PageLinks", "page_links"]

Alternates = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class PageLinks:
    canonical: str
    alternates: Alternates
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


class Links(Mapping[str, PageLinks]):
    """Every page's links by name, as the manifest keeps them: each list of alternates once
    (an article's pages share theirs in every locale) and each page as its canonical URL and
    the number of its list. Read without an object per page (one is made when asked for);
    a rebuild changes the few pages it rendered (:meth:`put`, :meth:`drop`)."""

    def __init__(self, alternates: list[Alternates], pages: dict[str, list[Any]]) -> None:
        self._alternates = alternates
        self._pages = pages
        self._numbers: dict[Alternates, int] | None = None

    @classmethod
    def of(cls, pages: Mapping[str, PageLinks]) -> Links:
        links = cls([], {})
        for name, page in pages.items():
            links.put(name, page)
        return links

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Links:
        """From :meth:`data`."""
        table = [tuple((str(lang), str(href)) for lang, href in alt) for alt in data["alternates"]]
        pages = data["pages"]  # [canonical, number] each, as written
        if not isinstance(pages, dict):
            raise ValueError("the manifest's pages are not a table of names")
        numbers = {number for _canonical, number in pages.values()}
        if not numbers <= set(range(len(table))):
            raise ValueError("a page's alternates are not in the manifest's table")
        return cls(table, pages)

    def data(self) -> dict[str, Any]:
        """The JSON form: ``alternates`` (the lists in use) and ``pages`` (name -> [canonical,
        number of its list])."""
        used = sorted({number for _canonical, number in self._pages.values()})
        if len(used) == len(self._alternates):  # every list in use: as they are
            return {"alternates": self._alternates, "pages": self._pages}
        renumbered = {old: new for new, old in enumerate(used)}
        return {
            "alternates": [self._alternates[old] for old in used],
            "pages": {n: [c, renumbered[i]] for n, (c, i) in self._pages.items()},
        }

    def same(self, other: Links) -> bool:
        """Whether ``other`` has the same pages with the same links, told without making an
        object per page when ``other`` is this one before a few :meth:`put` (a copy:
        their lists of alternates have the same numbers)."""
        shared = min(len(self._alternates), len(other._alternates))
        if self._alternates[:shared] == other._alternates[:shared]:
            return self._pages == other._pages
        return dict(self.items()) == dict(other.items())

    def __getitem__(self, name: str) -> PageLinks:
        canonical, number = self._pages[name]
        return PageLinks(canonical, self._alternates[number])

    def __contains__(self, name: object) -> bool:
        return name in self._pages

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def copy(self) -> Links:
        return Links(list(self._alternates), dict(self._pages))

    def put(self, name: str, page: PageLinks) -> None:
        if self._numbers is None:
            self._numbers = {alt: n for n, alt in enumerate(self._alternates)}
        number = self._numbers.get(page.alternates)
        if number is None:
            number = self._numbers[page.alternates] = len(self._alternates)
            self._alternates.append(page.alternates)
        self._pages[name] = [page.canonical, number]

    def drop(self, name: str) -> None:
        self._pages.pop(name, None)

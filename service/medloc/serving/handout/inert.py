"""Print makes links and images inert: a handout links to nothing but its own page.

The sections come from :func:`medloc.serving.render.render_plan`, already sanitized for the
web: links and images may point at http(s), mailto or tel. On paper a link cannot be
followed, and in a PDF every ``<a href>`` becomes a link annotation and every ``<img src>``
a fetch: a translation could add a link to anywhere or make the renderer fetch a remote
image. :func:`inert_html` keeps the text of a link and the ``alt`` text of an image and
drops ``href`` and ``src``; everything else is written back as it was.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

__all__ = ["inert_html"]

_VOID = frozenset({"br", "hr", "img"})
_DROPPED = {"a": frozenset({"href"}), "img": frozenset({"src"})}


class _Inert(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _open(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        dropped = _DROPPED.get(tag, frozenset())
        kept = "".join(
            f' {name}="{escape(value or "")}"' for name, value in attrs if name not in dropped
        )
        self.out.append(f"<{tag}{kept}{close}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs, "" if tag in _VOID else f"></{tag}")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))


def inert_html(html: str) -> str:
    """``html`` (sanitized markup) without link targets and image sources."""
    parser = _Inert()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)

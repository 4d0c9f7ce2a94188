"""The PDF engine: WeasyPrint, imported on first use, with a URL fetcher that fetches nothing
but the package's own print stylesheet and the ``data:`` URIs the handout made itself.

WeasyPrint is an optional extra (``pip install 'medloc[pdf]'``) that also needs the Pango
library of the system. :func:`available` says whether both are there; :func:`write_pdf`
raises :class:`PdfUnavailable` (a :class:`~medloc.errors.ConfigError`) when they are not,
with the line that says how to install them.

The PDF is a tagged PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant): its text stays text, its
structure is tagged and its language (``/Lang``) is the ``lang`` of the ``<html>`` element.
Fonts are the system's (fontconfig: Noto for Arabic and CJK), embedded as subsets.
"""

from __future__ import annotations

import base64
import functools
import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from medloc.errors import PdfUnavailable

__all__ = [
    "INSTALL_HINT",
    "STYLESHEET",
    "Fetches",
    "PdfUnavailable",
    "available",
    "write_pdf",
]

STYLESHEET = Path(__file__).parent / "handout.css"
"""The print stylesheet, the one file the engine may read."""

INSTALL_HINT = (
    "PDF handouts need WeasyPrint and the Pango library: pip install 'medloc[pdf]'"
    " (or the locked requirements/test.lock), and on Debian"
    " apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk"
)

PDF_VARIANT = "pdf/ua-1"


@functools.lru_cache(maxsize=1)
def _weasyprint() -> ModuleType:
    """The ``weasyprint`` module; it loads Pango through cffi when imported."""
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        raise PdfUnavailable(f"{INSTALL_HINT} ({type(exc).__name__}: {exc})") from exc


def available() -> bool:
    """Whether PDF handouts can be made here (WeasyPrint imports, Pango loads)."""
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


@dataclass
class Fetches:
    """What the engine asked the URL fetcher for while rendering one handout."""

    allowed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __repr__(self) -> str:  # data: URIs are long: their start is enough
        def short(urls: list[str]) -> list[str]:
            return [url if len(url) <= 60 else f"{url[:57]}..." for url in urls]

        return f"Fetches(allowed={short(self.allowed)}, refused={short(self.refused)})"

    def record(self, url: str, *, ok: bool) -> None:
        with self._lock:
            (self.allowed if ok else self.refused).append(url)


def _fetcher_class(weasyprint: ModuleType) -> Any:
    """A URLFetcher that answers from an allow-list and never opens anything else."""
    base = weasyprint.urls.URLFetcher

    class AllowListFetcher(base):  # type: ignore[misc, valid-type]
        def __init__(self, answers: dict[str, Callable[[], bytes]], fetches: Fetches) -> None:
            super().__init__(allowed_protocols=(), allow_redirects=False)
            self._answers = answers
            self._fetches = fetches

        def fetch(self, url: str, headers: Any = None) -> Any:
            answer = self._answers.get(url)
            self._fetches.record(url, ok=answer is not None)
            if answer is None:
                raise ValueError("handouts fetch nothing but their own stylesheet")
            kind = "text/css" if url == STYLESHEET.as_uri() else _data_type(url)
            return weasyprint.urls.URLFetcherResponse(url, answer(), {"Content-Type": kind})

    return AllowListFetcher


def write_pdf(html: str, *, data_uris: Iterable[str] = (), fetches: Fetches | None = None) -> bytes:
    """``html`` (a whole document) as a tagged PDF/UA-1, styled by :data:`STYLESHEET`.

    Only the stylesheet and the ``data_uris`` given (made by the caller) can be fetched; any
    other URL a translation smuggled in is refused and recorded in ``fetches``.
    """
    weasyprint = _weasyprint()
    answers: dict[str, Callable[[], bytes]] = {STYLESHEET.as_uri(): STYLESHEET.read_bytes}
    for uri in data_uris:
        answers[uri] = functools.partial(_data_bytes, uri)
    fetcher = _fetcher_class(weasyprint)(answers, fetches if fetches is not None else Fetches())
    document = weasyprint.HTML(string=html, base_url=STYLESHEET.as_uri(), url_fetcher=fetcher)
    stylesheet = weasyprint.CSS(url=STYLESHEET.as_uri(), url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)
    return pdf


def _data_type(uri: str) -> str:
    """The media type of a ``data:`` URI (``data:image/svg+xml;base64,...``)."""
    return uri.removeprefix("data:").split(",", 1)[0].split(";", 1)[0]


def _data_bytes(uri: str) -> bytes:
    """The bytes of a base64 ``data:`` URI the handout made itself."""
    return base64.b64decode(uri.partition(",")[2])

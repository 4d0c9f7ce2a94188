"""Handouts of the real project, each rendered once per test session and reused."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from medloc.catalog import parse_po
from medloc.serving.handout.config import HandoutConfig
from medloc.serving.handout.engine import Fetches
from medloc.serving.handout.handouts import HandoutKey, make_handout
from medloc.serving.web.config import project_settings
from medloc.serving.web.library import Library
from medloc.serving.web.markup import page_parser
from medloc.tags import locale_tag

ROOT = Path(__file__).resolve().parents[3]
SLUG = "thermal-rhizotomy"
PUBLIC = "https://clinic.example"

Render = Callable[..., Path]


@pytest.fixture(scope="session")
def library() -> Library:
    return Library(project_settings(ROOT, public_url=PUBLIC, reload_interval=0))


@pytest.fixture(scope="session")
def handout(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Render:
    """``handout("es")`` / ``handout("es", "en")``: the PDF's path, rendered once."""
    folder = tmp_path_factory.mktemp("handouts")
    made: dict[tuple[str, ...], Path] = {}

    def render(*locales: str) -> Path:
        if locales not in made:
            key = HandoutKey(SLUG, *locales)
            path = folder / key.filename
            path.write_bytes(make_handout(library, key, HandoutConfig(), Fetches()).body)
            made[locales] = path
        return made[locales]

    return render


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

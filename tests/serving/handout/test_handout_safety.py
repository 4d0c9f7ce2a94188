"""What a translator writes stays inert text in the PDF, and the bilingual rule for safety
sections: two languages only where both have the section whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from medloc.serving.handout.config import HandoutConfig
from medloc.serving.handout.engine import STYLESHEET, Fetches
from medloc.serving.handout.handouts import HandoutKey, make_handout
from medloc.serving.handout.layout import page_counter_css
from medloc.serving.handout.view import NOTICE_FALLBACK, NOTICE_PAIR, rows_of
from medloc.serving.web import Settings
from medloc.serving.web.i18n import UIText
from medloc.serving.web.library import Library
from pdftools import link_uris, normal, text
from webproject import Msg, build, po_text, write_catalog

PUBLIC = "https://clinic.example"
EVIL = "http://evil.example"
HOSTILE = [
    Msg("Hostile", "Ostile", "hostile:title"),
    Msg("Alpha.", "[alfa](javascript:alert(1)) fine", "hostile#section"),
    Msg("Beta.", f"![beta]({EVIL}/beta.png) seen", "hostile#section"),
    Msg("Gamma.", f'<img src="{EVIL}/gamma.png"> gamma', "hostile#section"),
    Msg(
        "Delta.", f'<span style="background: url({EVIL}/delta.png)">delta</span>', "hostile#section"
    ),
    Msg("Epsilon.", "[epsilon](file:///etc/passwd) local", "hostile#section"),
    Msg("Zeta.", f"[zeta]({EVIL}/zeta) remote", "hostile#section"),
    Msg("Eta.", "[eta](mailto:a@example.org) [eta2](tel:+15550100)", "hostile#section"),
    Msg("Theta.", f"<link rel=stylesheet href={EVIL}/t.css> theta", "hostile#risks"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Fetches]:
    root = build(tmp_path_factory.mktemp("hostile"), hostile=True)
    write_catalog(root, "it", "articles", po_text("it", HOSTILE))
    # without the blocking checks, which would refuse these translations: the renderer's own
    # defences are what is tested
    settings = Settings(root=root, public_url=PUBLIC, reload_interval=0, blocking_checks=False)
    library = Library(settings)
    fetches = Fetches()
    pdf = make_handout(library, HandoutKey("hostile", "it"), HandoutConfig(), fetches)
    path = root / "hostile.pdf"
    path.write_bytes(pdf.body)
    return path, fetches


def test_nothing_is_fetched_but_the_stylesheet_and_the_qr_code(
    hostile: tuple[Path, Fetches],
) -> None:
    _, fetches = hostile
    assert fetches.refused == []
    assert fetches.allowed[0] == STYLESHEET.as_uri()
    assert all(url.startswith("data:image/svg+xml;base64,") for url in fetches.allowed[1:])
    assert len(fetches.allowed) == 2


def test_no_link_leaves_the_page_but_its_own_address(hostile: tuple[Path, Fetches]) -> None:
    path, _ = hostile
    assert link_uris(path) == [f"{PUBLIC}/it/articles/hostile"]


def test_what_a_translator_wrote_is_text(hostile: tuple[Path, Fetches]) -> None:
    path, _ = hostile
    extracted = normal(text(path))
    for shown in ("alfa", "fine", "beta", "seen", "gamma", "delta", "local", "zeta", "remote"):
        assert normal(shown) in extracted, shown
    # raw HTML is not HTML: it is shown as written, its URL as inert text
    assert normal(f'<img src="{EVIL}/gamma.png">') in extracted
    assert normal("background: url(") in extracted


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return Library(Settings(root=build(tmp_path_factory.mktemp("demo")), reload_interval=0))


def _risks(library: Library, *locales: str):  # type: ignore[no-untyped-def]
    rows = rows_of([library.rendition("demo", locale) for locale in locales], library.roles)
    (row,) = [r for r in rows if r.role == "risks"]
    return row


def test_a_safety_section_whole_in_both_languages_is_bilingual(demo: Library) -> None:
    row = _risks(demo, "es", "en")
    assert [c.shown for c in row.cells] == ["es", "en"]
    assert [c.notice for c in row.cells] == [None, None]
    assert "Riesgos" in "".join(run.html for run in row.cells[0].runs)
    assert "Risks" in "".join(run.html for run in row.cells[1].runs)


@pytest.mark.parametrize("locales", [("ar", "en"), ("es", "ar")])
def test_a_safety_section_one_language_lacks_shows_its_fallback_in_both_columns(
    demo: Library, locales: tuple[str, ...]
) -> None:
    """Arabic's risks are stale in the demo project: served whole in English."""
    row = _risks(demo, *locales)
    assert [c.shown for c in row.cells] == ["en", "en"]
    assert [c.notice for c in row.cells] == [NOTICE_PAIR, NOTICE_PAIR]
    assert [c.locale for c in row.cells] == list(locales)  # each notice in its reader's language
    assert row.cells[0].body == row.cells[1].body


def test_in_one_language_a_fallen_back_safety_section_has_the_page_notice(demo: Library) -> None:
    row = _risks(demo, "ar")
    assert [(c.shown, c.notice) for c in row.cells] == [("en", NOTICE_FALLBACK)]


class _Catalog:
    def __init__(self, text: str) -> None:
        self.text = text

    def gettext(self, message: str) -> str:
        return self.text


def test_a_page_number_translation_cannot_write_css() -> None:
    hostile = '%(page)s"; } @page { background: url(http://evil.example/x) } </style> "%(pages)s%%'
    ui = UIText("it", (("it", _Catalog(hostile)), ("en", None)))  # type: ignore[arg-type]
    css = page_counter_css(ui)
    assert css.startswith("counter(page, decimal) ") and "counter(pages, decimal)" in css
    literals = re.sub(r"counter\(pages?, decimal\)", "", css)
    # only quoted literals are left, and nothing in them but letters, digits, spaces, escapes
    assert re.fullmatch(r'(\s*"(?:[\w ]|\\[0-9a-f]+ )*"\s*)+', literals), literals
    assert "url(" not in css and "<" not in css and "{" not in css

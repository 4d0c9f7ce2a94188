"""The bundled site in real Chromium (#13): every page of every locale (index, every article,
the error pages) is visited once by one browser and one server, and the tests below read
what that visit found.

* axe-core (``node_modules/axe-core/axe.min.js``, the locked npm package) finds 0 violations;
* no page scrolls sideways on a 390 px phone, on screen or printed;
* every fallback run is labelled as docs/contracts (``.fallback`` > ``.fallback-label``, the
  label in the page's language and direction);
* on Arabic pages, lists and tables in another language keep their own direction: bullets
  inside the column, the first column on the left, bullets kept in print;
* one page per locale is saved as a screenshot for review (``screenshots/``, or
  ``$MEDLOC_SCREENSHOTS``; ``.ci/run`` prints where).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from medloc.serving.render import text_direction
from playwright.sync_api import Browser, Page
from test_browser import (
    AXE,
    FOREIGN_BLOCKS,
    ROOT,
    RUNS,
    SIDEWAYS,
    launched,
    run_problems,
    shot_folder,
)
from webproject import serving

PHONE = 390
DESKTOP = 1024
SCREENSHOT_ARTICLE = "rhizotomy-complete-guide"  # the longest: most fallback runs to review


@dataclass
class Visit:
    """What one page showed."""

    url: str
    status: int
    expected: int
    lang: str
    dir: str
    violations: list[dict[str, Any]] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)
    foreign: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Lists and tables in another language, on screen and in print (Arabic pages)."""
    widths: dict[str, tuple[int, int]] = field(default_factory=dict)
    """(scrollWidth, clientWidth) at 390 px, on screen and in print."""


def _json(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
        return json.load(response)


def site_pages(base: str) -> list[tuple[str, dict[str, str], int]]:
    """Every page of every locale (as the API lists them) and the error pages: (path, the
    headers to ask with, the status expected)."""
    locales = [entry["tag"] for entry in _json(base, "/api/v1/locales")["locales"]]
    slugs = [entry["slug"] for entry in _json(base, "/api/v1/articles?locale=en")["articles"]]
    pages: list[tuple[str, dict[str, str], int]] = []
    for locale in locales:
        pages.append((f"/{locale}/", {}, 200))
        pages.extend((f"/{locale}/articles/{slug}", {}, 200) for slug in slugs)
        pages.append((f"/{locale}/articles/no-such-article", {}, 404))
    pages.append(("/ja/", {"Accept-Language": "ar"}, 404))  # not available, said in Arabic
    pages.append((f"/zh-Hant/articles/{slugs[0]}", {"Accept-Language": "zh-CN"}, 404))
    pages.append(("/not-a-tag!/", {"Accept-Language": "de"}, 404))  # junk: the plain 404
    return pages


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(ROOT, "--workers", "1", timeout=60) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched(axe=True) as browser:
        yield browser


def _visit(page: Page, base: str, path: str, headers: dict[str, str], expected: int) -> Visit:
    page.set_extra_http_headers(headers)
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    page.emulate_media(media="screen")
    response = page.goto(f"{base}{path}")
    assert response is not None, path
    visit = Visit(
        url=path,
        status=response.status,
        expected=expected,
        lang=str(page.evaluate("document.documentElement.lang")),
        dir=str(page.evaluate("document.documentElement.dir")),
    )
    axe = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    visit.violations = list(axe["violations"])
    visit.runs = list(page.evaluate(RUNS))
    if visit.dir == "rtl":
        visit.foreign["screen"] = list(page.evaluate(FOREIGN_BLOCKS, visit.lang))
    page.set_viewport_size({"width": PHONE, "height": 800})
    visit.widths["screen"] = tuple(page.evaluate(SIDEWAYS))
    page.emulate_media(media="print")
    visit.widths["print"] = tuple(page.evaluate(SIDEWAYS))
    if visit.dir == "rtl":
        page.set_viewport_size({"width": DESKTOP, "height": 900})
        visit.foreign["print"] = list(page.evaluate(FOREIGN_BLOCKS, visit.lang))
    return visit


@pytest.fixture(scope="module")
def visits(server: str, browser: Browser) -> list[Visit]:
    """Every page, visited once (JavaScript on only so that axe-core can run; the pages have
    none, and the CSP that forbids scripts is bypassed for the injected axe alone)."""
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        return [_visit(page, server, *page_of) for page_of in site_pages(server)]
    finally:
        context.close()


def test_every_page_answers_as_expected_in_its_language(visits: list[Visit]) -> None:
    wrong = [f"{v.url}: {v.status}" for v in visits if v.status != v.expected]
    assert not wrong, "\n".join(wrong)
    for visit in visits:
        assert visit.dir == text_direction(visit.lang), visit.url
    not_available = next(visit for visit in visits if visit.url == "/ja/")
    assert (not_available.lang, not_available.dir) == ("ar", "rtl")


def test_axe_finds_no_violation_on_any_page(visits: list[Visit]) -> None:
    found = [
        f"{visit.url}: {violation['id']} ({violation['impact']}) {node['target']}: "
        f"{violation['help']}"
        for visit in visits
        for violation in visit.violations
        for node in violation["nodes"]
    ]
    assert not found, f"{len(found)} axe-core violations:\n" + "\n".join(found[:60])


@pytest.mark.parametrize("media", ["screen", "print"])
def test_no_page_scrolls_sideways_on_a_phone(visits: list[Visit], media: str) -> None:
    wide = [
        f"{visit.url}: {visit.widths[media][0]}px wide in a {visit.widths[media][1]}px window"
        for visit in visits
        if visit.widths[media][0] > visit.widths[media][1]
    ]
    assert not wide, f"sideways scrolling at {PHONE}px ({media}):\n" + "\n".join(wide)


def test_every_fallback_run_is_labelled_in_the_readers_language(visits: list[Visit]) -> None:
    problems = [
        p
        for visit in visits
        for run in visit.runs
        for p in run_problems(visit.url, visit.lang, visit.dir, run)
    ]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("media", ["screen", "print"])
def test_arabic_pages_keep_other_languages_lists_and_tables_in_their_direction(
    visits: list[Visit], media: str
) -> None:
    problems = []
    for visit in visits:
        for block in visit.foreign.get(media, []):
            where = f"{visit.url}: {block['tag']} lang={block['lang']} {block['text']!r}"
            if block["direction"] != text_direction(block["lang"]):
                problems.append(f"{where}: direction {block['direction']}")
            problems.extend(f"{where}: {p}" for p in block["problems"])
    assert not problems, f"{len(problems)} problems ({media}):\n" + "\n".join(problems[:40])


def test_screenshots_one_page_per_locale(server: str, browser: Browser) -> None:
    locales = [entry["tag"] for entry in _json(server, "/api/v1/locales")["locales"]]
    folder = shot_folder()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1024, "height": 900}
    )
    page = context.new_page()
    written = []
    try:
        for locale in locales:
            response = page.goto(f"{server}/{locale}/articles/{SCREENSHOT_ARTICLE}")
            assert response is not None and response.status == 200
            path = folder / f"site-{locale}-{SCREENSHOT_ARTICLE}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
        page.set_viewport_size({"width": PHONE, "height": 800})
        page.goto(f"{server}/ar/articles/{SCREENSHOT_ARTICLE}")
        phone = folder / f"site-ar-{SCREENSHOT_ARTICLE}-phone.png"
        page.screenshot(path=str(phone), full_page=True)
        written.append(phone)
    finally:
        context.close()
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path

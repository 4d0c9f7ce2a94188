"""Pages of the index in real Chromium: on the bundled project with two articles a page
(``[pages] per_page = 2``: three pages), axe-core finds no violation on the first, a middle
and the last page, left to right and right to left, none scrolls sideways on a phone,
the links between pages are targets a finger can hit (WCAG 2.2's 24 px at least), and on paper
only "Page N of M" is left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pagedproject import paged_project
from playwright.sync_api import Browser
from test_browser import AXE, SIDEWAYS, launched
from test_browser_site import PHONE
from webproject import serving

MIN_TARGET = 24
TARGETS = """() => [...document.querySelectorAll('nav.pagination a')].map(a => {
  const box = a.getBoundingClientRect();
  return {text: a.textContent, width: box.width, height: box.height};
})"""
PAGES = ["/en/", "/en/page/2/", "/ar/page/2/", "/ar/page/3/", "/zh-Hans/page/3/", "/de/page/2/"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = paged_project(tmp_path_factory.mktemp("paged"))
    with serving(Path(root), "--workers", "1", timeout=60) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched(axe=True) as browser:
        yield browser


def test_index_pages_pass_axe_and_fit_a_phone(server: str, browser: Browser) -> None:
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    problems: list[str] = []
    try:
        for path in PAGES:
            page.set_viewport_size({"width": 1024, "height": 900})
            response = page.goto(f"{server}{path}")
            assert response is not None and response.status == 200, path
            assert page.locator("nav.pagination").count() == 1, path
            axe = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            problems += [
                f"{path}: {v['id']} {node['target']}: {v['help']}"
                for v in axe["violations"]
                for node in v["nodes"]
            ]
            page.set_viewport_size({"width": PHONE, "height": 800})
            wide, window = page.evaluate(SIDEWAYS)
            if wide > window:
                problems.append(f"{path}: {wide}px wide in a {window}px window")
            problems += [
                f"{path}: the link {box['text']!r} is {box['width']}x{box['height']}px"
                for box in page.evaluate(TARGETS)
                if box["width"] < MIN_TARGET or box["height"] < MIN_TARGET
            ]
            page.emulate_media(media="print")
            if page.locator("nav.pagination a").first.is_visible():
                problems.append(f"{path}: the links between pages are printed")
            if not page.locator("nav.pagination .page-of").is_visible():
                problems.append(f"{path}: 'Page N of M' is not printed")
            page.emulate_media(media="screen")
    finally:
        context.close()
    assert not problems, "\n".join(problems)

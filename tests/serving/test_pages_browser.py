"""The fold and link policies in real Chromium (#13): axe-core finds 0 violations, a folded
passage opens without JavaScript, and no page scrolls sideways at 390 px, in a left-to-right
and a right-to-left locale. (The bundled site, inline, is visited by test_browser_site.py.)"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from medloc.serving.web import Settings, create_app
from playwright.sync_api import Browser, sync_playwright
from test_browser import ARGS, CHROMIUM, ROOT, require_chromium
from test_pages_fallback import project

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CSS = ROOT / "service" / "medloc" / "serving" / "web" / "static" / "medloc.css"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def html_of(root: Path, path: str) -> str:
    """The page as the service renders it, its stylesheet inlined (no server needed)."""
    response = create_app(Settings(root=root)).test_client().get(path)
    assert response.status_code == 200
    style = f"<style>{CSS.read_text(encoding='utf-8')}</style>"
    body = response.get_data(as_text=True)
    return re.sub(r'<link rel="stylesheet"[^>]*>', lambda _m: style, body)


@pytest.mark.parametrize("policy", ["fold", "link"])
@pytest.mark.parametrize("locale", ["es", "ar"])
def test_policy_pages_are_accessible_and_fit_a_phone(
    browser: Browser, tmp_path: Path, policy: str, locale: str
) -> None:
    root = project(tmp_path, f'fallback = "{policy}"')
    page = browser.new_page(viewport={"width": 390, "height": 800})
    try:
        page.set_content(html_of(root, f"/{locale}/articles/demo"))
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        if policy == "fold":
            folded = page.locator("details.fallback").first
            assert not folded.locator("p[lang=en]").first.is_visible()
            folded.locator("summary").click()  # the browser's own behaviour, no script
            assert folded.locator("p[lang=en]").first.is_visible()
        else:
            link = page.locator("p.fallback-link a").first
            assert link.get_attribute("href") == "/en/articles/demo#what"
    finally:
        page.close()


def test_a_folded_passage_is_printed(browser: Browser, tmp_path: Path) -> None:
    root = project(tmp_path, 'fallback = "fold"')
    page = browser.new_page()
    try:
        page.set_content(html_of(root, "/es/articles/demo"))
        assert not page.get_by_text("Second paragraph.").is_visible()  # folded on screen
        page.pdf(path=str(tmp_path / "page.pdf"))
    finally:
        page.close()
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "page.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Second paragraph." in text

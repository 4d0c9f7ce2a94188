"""Real pages in headless Chromium (Debian's ``chromium``): direction, language, notices.

The test command installs chromium where it is missing (``apt-get install chromium``); this
test fails with that instruction rather than skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from webproject import build, serving

CHROMIUM = os.environ.get("MEDLOC_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("MEDLOC_SCREENSHOTS", "/tmp"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = build(tmp_path_factory.mktemp("browser"))
    with serving(root, "--workers", "1") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) "
            "or set MEDLOC_CHROMIUM to a Chromium binary"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Browser, url: str, width: int = 1024) -> tuple[Page, list[str]]:
    """The page with JavaScript off (it must not be needed) and its console complaints."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(message.text)

    page.on("console", on_console)
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")
    return page, problems


def computed(page: Page, selector: str, prop: str) -> str:
    return str(
        page.eval_on_selector(selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')")
    )


def test_arabic_page(server: str, browser: Browser) -> None:
    page, problems = open_page(browser, f"{server}/ar/articles/demo")
    try:
        assert page.evaluate("document.documentElement.lang") == "ar"
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert computed(page, "html", "direction") == "rtl"
        assert computed(page, "body", "direction") == "rtl"
        assert computed(page, "h1", "direction") == "rtl"
        # the page-level fallback notice, in Arabic, visible
        notice = page.locator("main > p.notice").first
        assert notice.is_visible()
        assert "غير مترجمة" in notice.inner_text()
        # the untranslated paragraph: English, left to right
        fallen = page.locator("p", has_text="Second paragraph.")
        assert fallen.get_attribute("lang") == "en"
        assert fallen.evaluate("e => getComputedStyle(e).direction") == "ltr"
        # the stale risks section: whole in English, with its notice in Arabic
        risks = page.locator("section[data-role=risks]")
        section_notice = risks.locator("p.section-notice")
        assert section_notice.is_visible()
        assert section_notice.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert (
            risks.locator("li", has_text="Pain may come back.").evaluate(
                "e => getComputedStyle(e).direction"
            )
            == "ltr"
        )
        # the stylesheet applied under the CSP; nothing was refused
        assert computed(page, ".languages ul", "display") == "flex"
        assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]
        page.screenshot(path=str(SHOTS / "medloc-ar.png"), full_page=True)
    finally:
        page.context.close()
    phone, _ = open_page(browser, f"{server}/ar/articles/demo", width=390)
    try:
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"horizontal scrolling on a phone: {width}px"
        phone.screenshot(path=str(SHOTS / "medloc-ar-phone.png"), full_page=True)
    finally:
        phone.context.close()


def test_spanish_page(server: str, browser: Browser) -> None:
    page, problems = open_page(browser, f"{server}/es/articles/demo")
    try:
        assert page.evaluate("document.documentElement.lang") == "es"
        assert computed(page, "html", "direction") == "ltr"
        assert computed(page, "body", "direction") == "ltr"
        notice = page.locator("main > p.notice").first
        assert notice.is_visible()
        assert "no están traducidas" in notice.inner_text()
        assert page.locator("p", has_text="Second paragraph.").get_attribute("lang") == "en"
        assert page.locator("section[data-role=risks] p.section-notice").count() == 0
        assert page.locator("section[data-role=disclaimer]").is_visible()
        assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]
        page.screenshot(path=str(SHOTS / "medloc-es.png"), full_page=True)
        # print: no language switcher
        page.emulate_media(media="print")
        assert page.locator("nav.languages").is_hidden()
    finally:
        page.context.close()
    phone, _ = open_page(browser, f"{server}/es/articles/other", width=390)
    try:
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"horizontal scrolling on a phone: {width}px"
        phone.screenshot(path=str(SHOTS / "medloc-es-phone.png"), full_page=True)
    finally:
        phone.context.close()

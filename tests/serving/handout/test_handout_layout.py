"""The handout's HTML before the PDF engine: the site's identity only where set, the address
and QR code only with a public URL, lang/dir on the document and on each column."""

from __future__ import annotations

from pathlib import Path

import pytest
from medloc.serving.handout.layout import handout_html
from medloc.serving.web import Settings
from medloc.serving.web.library import Library
from webproject import build, dom

SITE = """\
[site]
name = "Example Clinic patient information"
publisher = "Example Clinic"
contact_url = "mailto:info@clinic.example"
contact_label = "Write to us"
footer = "Example Clinic, 1 Example Street"
responsible = "The clinic's pain medicine team"
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return build(tmp_path / "p")


def _library(root: Path, public_url: str = "") -> Library:
    return Library(Settings(root=root, public_url=public_url, reload_interval=0))


def test_the_site_identity_is_shown_where_set(root: Path) -> None:
    (root / "medloc.toml").write_text(SITE, encoding="utf-8")
    html = handout_html(_library(root), "demo", ["es"]).html
    for shown in (
        "Example Clinic patient information",
        "Example Clinic",
        "Write to us",
        "info@clinic.example",
        "Example Clinic, 1 Example Street",
        "pain medicine team",
    ):
        assert shown in html, shown


def test_nothing_of_a_site_is_invented(root: Path) -> None:
    page = handout_html(_library(root), "demo", ["es"])
    document = dom(page.html)
    assert not document.find_all("header", **{"class": "site"})
    assert not document.find_all("p", **{"class": "contact"})
    assert not document.find_all("p", **{"class": "responsible"})
    assert not document.find_all("img")
    assert not [a for a in document.find_all("a") if a.attrs.get("href")]
    assert page.data_uris == ()


def test_a_public_url_gives_the_address_and_a_qr_code(root: Path) -> None:
    page = handout_html(_library(root, "https://clinic.example"), "demo", ["ar", "en"])
    document = dom(page.html)
    (img,) = document.find_all("img")
    assert (img.attrs["src"],) == page.data_uris
    assert img.attrs["alt"]
    links = [a.attrs.get("href") for a in document.find_all("a") if a.attrs.get("href")]
    assert links == ["https://clinic.example/ar/articles/demo"]


def test_lang_and_dir_on_the_document_and_each_column(root: Path) -> None:
    document = dom(handout_html(_library(root), "demo", ["ar", "en"]).html)
    (html,) = document.find_all("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("ar", "rtl")
    cells = document.find_all("div", **{"class": "cell"})
    assert cells
    assert {(c.attrs["lang"], c.attrs["dir"]) for c in cells} == {("ar", "rtl"), ("en", "ltr")}
    labels = [p.text() for p in document.find_all("p", **{"class": "column-label"})]
    assert "العربية" in labels and "English" in labels


def test_a_passage_in_another_language_is_labelled_as_on_the_page(root: Path) -> None:
    """The demo's Spanish second paragraph is not translated: shown in English, marked."""
    document = dom(handout_html(_library(root), "demo", ["es"]).html)
    (run,) = document.find_all("div", **{"class": "fallback"})
    assert (run.attrs["data-fallback"], run.attrs["lang"], run.attrs["dir"]) == ("en", "en", "ltr")
    label = run.find_all("p", **{"class": "fallback-label"})[0]
    assert (label.attrs["lang"], label.attrs["dir"]) == ("es", "ltr")
    assert "Second paragraph." in run.text()


MEDICATION = """\
+++
slug = "meds"
title = "Medicines"
summary = "What to take."
language = "en"
last_reviewed = 2026-01-02
+++

## About {#about}

Words.

## Your medicines {#meds role=medication}

Take them as told.

## Risks {#risks role=risks}

- A risk.
"""


def test_a_safety_role_of_the_project_is_kept_whole_like_the_floor(root: Path) -> None:
    (root / "medloc.toml").write_text(
        '[roles]\nsafety = ["disclaimer", "instructions", "medication", "risks"]\n',
        encoding="utf-8",
    )
    (root / "content" / "articles" / "meds.md").write_text(MEDICATION, encoding="utf-8")
    document = dom(handout_html(_library(root), "meds", ["es"]).html)
    safety = {
        section.attrs["class"]
        for section in document.find_all("section")
        if "safety" in (section.attrs.get("class") or "").split()
    }
    assert safety == {
        "section safety role-medication",
        "section safety role-risks",
        "section safety role-disclaimer",
    }

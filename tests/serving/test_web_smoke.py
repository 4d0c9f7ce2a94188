"""Smoke test over the real project: whatever the state of the translations, every page of
every locale is served whole, with its risks and disclaimer, and says which language each
fallen-back part is in."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from medloc.serving.render import text_direction
from medloc.serving.web import Settings, create_app
from webproject import dom

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(Settings(root=ROOT, warm=True))


def test_every_page_of_every_locale(app: Flask) -> None:
    library = app.extensions["medloc"]
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    for locale in library.locales:
        assert client.get(f"/{locale}/").status_code == 200
        for slug in library.slugs:
            response = client.get(f"/{locale}/articles/{slug}")
            assert response.status_code == 200, (locale, slug)
            document = dom(response.data)
            (html,) = document.find_all("html")
            assert html.attrs["lang"] == locale
            assert html.attrs["dir"] == text_direction(locale)
            assert len(document.find_all("section", data_role="risks")) == 1, (locale, slug)
            assert len(document.find_all("section", data_role="disclaimer")) == 1
            assert not document.find_all("script")
            mixed = any(
                node.attrs.get("lang") not in (None, locale)
                for section in document.find_all("section")
                for node in section.iter()
            )
            notices = [p for p in document.find_all("p") if p.attrs.get("role") == "note"]
            assert mixed == bool(notices), (locale, slug)
            api = client.get(f"/api/v1/articles/{slug}?locale={locale}").get_json()
            assert api["locale"] == locale and api["chain"][-1] == "en"

"""Every page and API document of the bundled project, held to golden files.

``tests/golden/site/`` holds, for each URL, the status line, the headers and the body the
service sends for the bundled ``content/`` and ``locales/``. A change to rendering, to the
articles or to a catalog shows up here as a readable diff. After an intended change,
regenerate the files and review the diff before committing::

    MEDLOC_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_site.py
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from medloc.serving.web import Settings, create_app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
UPDATE = os.environ.get("MEDLOC_UPDATE_GOLDEN") == "1"

# Headers that do not depend on the content: left out of the golden files.
_VOLATILE = {"date", "server"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """The app over a copy of the bundled project as committed: compiled ``.mo`` files that a
    local ``medloc compile`` left in the tree (git ignores them) would change /healthz."""
    root = tmp_path_factory.mktemp("bundled")
    for name in ("content", "locales"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    for name in ("medloc.toml", "babel.cfg"):
        shutil.copy(ROOT / name, root / name)
    return create_app(Settings(root=root, warm=False))


def _urls(app: Flask) -> Iterator[tuple[str, str]]:
    """(URL, golden file name) for every page and API document of the project."""
    library = app.extensions["medloc"]
    yield "/healthz", "healthz.txt"
    yield "/openapi.json", "openapi.json.txt"
    yield "/api/v1/locales", "api-locales.json.txt"
    for locale in library.locales:
        yield f"/{locale}/", f"{locale}/index.html.txt"
        yield f"/{locale}/articles/no-such-article", f"{locale}/404.html.txt"
        yield f"/api/v1/articles?locale={locale}", f"{locale}/api-articles.json.txt"
        for slug in library.slugs:
            yield f"/{locale}/articles/{slug}", f"{locale}/{slug}.html.txt"
            yield f"/api/v1/articles/{slug}?locale={locale}", f"{locale}/api-{slug}.json.txt"


def _document(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    headers = sorted(
        f"{name}: {value}"
        for name, value in response.headers.items()
        if name.lower() not in _VOLATILE
    )
    body = response.get_data(as_text=True)
    return f"GET {url}\n{response.status}\n" + "\n".join(headers) + "\n\n" + body


def test_every_page_and_document_matches_its_golden_file(app: Flask) -> None:
    client = app.test_client()
    expected_names = set()
    mismatched = []
    for url, name in _urls(app):
        expected_names.add(name)
        path = GOLDEN / name
        actual = _document(client, url)
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != actual:
            mismatched.append(name)
    stray = {str(path.relative_to(GOLDEN)) for path in GOLDEN.rglob("*.txt")} - expected_names
    if UPDATE:
        for name in stray:
            (GOLDEN / name).unlink()
        return
    assert not mismatched, (
        f"{len(mismatched)} documents differ from tests/golden/site (first: {mismatched[:5]});"
        " if the change is intended, run MEDLOC_UPDATE_GOLDEN=1 pytest tests/test_golden_site.py"
        " and review the diff"
    )
    assert not stray, f"golden files for URLs the project no longer has: {sorted(stray)}"

"""`medloc serve` runs the app under gunicorn: start it on a loopback port, fetch real pages."""

from __future__ import annotations

import http.client
import json
import urllib.request
from collections.abc import Iterator

import pytest
from webproject import build, dom, serving


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = build(tmp_path_factory.mktemp("serve"))
    with serving(root, "--workers", "2", "--fallback", "pt-BR=es") as base:
        yield base


def request(
    base: str, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_serves_real_pages(server: str) -> None:
    with urllib.request.urlopen(f"{server}/es/articles/demo") as response:
        assert response.status == 200
        assert response.headers["Content-Language"] == "es"
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        body = response.read()
    document = dom(body)
    (html,) = document.find_all("html")
    assert html.attrs["lang"] == "es"
    assert "Tratamiento de nervios" in document.text()
    assert document.containing("Second paragraph.").lang() == ("en", "ltr")


def test_negotiation_and_redirects_over_http(server: str) -> None:
    status, headers, _ = request(server, "/articles/demo", {"Accept-Language": "ar, en;q=0.5"})
    assert status == 302 and headers["location"] == "/ar/articles/demo"
    assert "Accept-Language" in headers["vary"]
    status, headers, _ = request(server, "/AR/articles/demo")
    assert status == 301 and headers["location"] == "/ar/articles/demo"
    # urllib follows the redirect to the Arabic page
    req = urllib.request.Request(f"{server}/", headers={"Accept-Language": "ar"})
    with urllib.request.urlopen(req) as response:
        assert response.url.endswith("/ar/")
        assert b'dir="rtl"' in response.read()


def test_etag_and_304_over_http(server: str) -> None:
    status, headers, body = request(server, "/ar/articles/demo")
    assert status == 200 and body
    etag = headers["etag"]
    # every worker renders the same bytes: the ETag is stable across processes
    for _ in range(6):
        assert request(server, "/ar/articles/demo")[1]["etag"] == etag
    status, headers, body = request(server, "/ar/articles/demo", {"If-None-Match": etag})
    assert status == 304 and body == b"" and headers["etag"] == etag
    status, headers, body = request(server, "/ar/articles/demo", method="HEAD")
    assert status == 200 and body == b"" and headers["etag"] == etag


def test_api_and_errors_over_http(server: str) -> None:
    with urllib.request.urlopen(f"{server}/api/v1/articles/demo?locale=pt-BR") as response:
        data = json.load(response)
    assert data["chain"] == ["pt-BR", "es", "en"]
    status, headers, body = request(server, "/es/articles/none")
    assert status == 404 and headers["content-language"] == "es"
    assert "Página no encontrada" in body.decode()
    status, _, _ = request(server, "/articles/demo", {"Accept-Language": "x" * 4000})
    assert status == 302
    assert "script-src 'none'" in headers["content-security-policy"]

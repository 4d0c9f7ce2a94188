"""The JSON API and its OpenAPI description."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from medloc.serving.web import Settings, create_app
from webproject import build


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = build(tmp_path_factory.mktemp("api"))
    return create_app(Settings(root=root, fallbacks={"pt-BR": ["es"]}))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_article_json_shape(client: FlaskClient) -> None:
    response = client.get("/api/v1/articles/demo?locale=es")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Content-Language"] == "es"
    assert "Accept-Language" not in response.headers.get("Vary", "")
    data = response.get_json()
    assert data["slug"] == "demo"
    assert data["locale"] == "es" and data["chain"] == ["es", "en"] and data["dir"] == "ltr"
    assert data["title"] == {"text": "Tratamiento de nervios", "lang": "es", "dir": "ltr"}
    assert data["last_reviewed"] == "2026-11-21"
    assert data["url"] == "/es/articles/demo"
    assert data["languages"] == ["es", "en"] and data["mixed"] is True
    assert data["translated_locales"] == ["en", "es"]
    ids = [s["id"] for s in data["sections"]]
    assert ids == ["what", "risks", "disclaimer"]
    for section in data["sections"]:
        assert set(section) == {"id", "role", "heading", "html", "languages", "fallback"}
    what, risks, disclaimer = data["sections"]
    assert what["role"] is None and what["languages"] == ["es", "en"]
    assert what["heading"] == {"html": "Qué es", "lang": "es"}
    assert '<p lang="en" dir="ltr">Second paragraph.</p>' in what["html"]
    assert risks["role"] == "risks" and risks["languages"] == ["es"] and risks["fallback"] is None
    assert disclaimer["role"] == "disclaimer"


def test_article_json_chain_and_whole_section_fallback(client: FlaskClient) -> None:
    data = client.get("/api/v1/articles/demo?locale=PT-br").get_json()
    assert data["locale"] == "pt-BR" and data["chain"] == ["pt-BR", "es", "en"]
    risks = next(s for s in data["sections"] if s["role"] == "risks")
    assert risks["fallback"] == "es" and risks["languages"] == ["es"]
    assert risks["heading"] == {"html": "Riesgos", "lang": "es"}


def test_article_json_negotiates_without_locale(client: FlaskClient) -> None:
    response = client.get("/api/v1/articles/demo", headers={"Accept-Language": "ar, es;q=0.5"})
    assert response.get_json()["locale"] == "ar"
    assert "Accept-Language" in response.headers["Vary"]
    assert response.headers["Content-Language"] == "ar"
    assert client.get("/api/v1/articles/demo").get_json()["locale"] == "en"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/articles/demo?locale=", 400),
        ("/api/v1/articles/demo?locale=not a tag", 400),
        ("/api/v1/articles/demo?locale=%FF", 400),
        ("/api/v1/articles/demo?locale=es-", 400),
        ("/api/v1/articles?locale=", 400),
        ("/api/v1/articles/demo?locale=ja", 404),
        ("/api/v1/articles/demo?locale=zh-Hans", 404),
        ("/api/v1/articles/missing?locale=es", 404),
        ("/api/v1/articles/missing", 404),
        ("/api/v1/nothing", 404),
        ("/api/v1/articles?locale=xx", 404),
    ],
)
def test_api_errors_are_problem_json(client: FlaskClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"
    data = json.loads(response.data)
    assert data["status"] == status and data["detail"] and data["title"]


def test_api_method_not_allowed(client: FlaskClient) -> None:
    response = client.post("/api/v1/articles")
    assert response.status_code == 405
    assert response.headers["Content-Type"] == "application/problem+json"


def test_article_list(client: FlaskClient) -> None:
    data = client.get("/api/v1/articles?locale=de").get_json()
    assert data["locale"] == "de" and data["chain"] == ["de", "en"]
    by_slug = {a["slug"]: a for a in data["articles"]}
    assert set(by_slug) == {"demo", "other"}
    assert by_slug["demo"]["title"]["lang"] == "de"
    assert by_slug["other"]["title"] == {"text": "Another article", "lang": "en", "dir": "ltr"}
    assert by_slug["demo"]["url"] == "/de/articles/demo"
    assert by_slug["demo"]["api"] == "/api/v1/articles/demo?locale=de"


def test_locales(client: FlaskClient) -> None:
    data = client.get("/api/v1/locales").get_json()
    assert data["default"] == "en"
    by_tag = {loc["tag"]: loc for loc in data["locales"]}
    assert set(by_tag) == {"en", "ar", "de", "es", "fr", "pt-BR"}
    assert by_tag["ar"]["dir"] == "rtl" and by_tag["ar"]["name"] == "العربية"
    assert by_tag["pt-BR"]["babel"] == "pt_BR"
    assert by_tag["pt-BR"]["chain"] == ["pt-BR", "es", "en"]
    assert by_tag["de"]["catalogs"] == {"articles": "po", "messages": "missing"}
    assert by_tag["es"]["english_name"] == "Spanish"


def test_openapi(client: FlaskClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = json.loads(response.data)
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {
        "/api/v1/articles",
        "/api/v1/articles/{slug}",
        "/api/v1/locales",
    }
    for path in spec["paths"].values():
        assert "200" in path["get"]["responses"]
    # every $ref resolves
    refs: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    refs.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert refs
    for ref in refs:
        name = ref.removeprefix("#/components/schemas/")
        assert name in spec["components"]["schemas"], ref

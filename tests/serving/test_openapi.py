"""The OpenAPI description (a data file) against the routes the app really has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from medloc.serving.web import Settings, create_app
from webproject import build


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(Settings(root=build(tmp_path_factory.mktemp("openapi"))))


def _routed(app: Flask) -> dict[str, set[str]]:
    """API routes, in OpenAPI's spelling (``<slug>`` -> ``{slug}``), with their methods."""
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            methods = {m.lower() for m in rule.methods or ()} - {"head", "options"}
            routes.setdefault(path, set()).update(methods)
    return routes


def test_every_api_route_is_documented_and_every_documented_path_routed(app: Flask) -> None:
    spec = app.test_client().get("/openapi.json").get_json()
    documented = {path: set(operations) for path, operations in spec["paths"].items()}
    assert documented == _routed(app)


def test_path_parameters_are_the_routes_and_slugs_the_articles_served(app: Flask) -> None:
    spec = app.test_client().get("/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        named = set(re.findall(r"\{([^}]+)\}", path))
        for operation in operations.values():
            in_path = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert in_path == named, path
    (slug,) = spec["paths"]["/api/v1/articles/{slug}"]["get"]["parameters"][:1]
    assert slug["schema"]["enum"] == ["demo", "other"]


def test_every_schema_referenced_is_defined(app: Flask) -> None:
    text = app.test_client().get("/openapi.json").get_data(as_text=True)
    spec = app.test_client().get("/openapi.json").get_json()
    referenced = set(re.findall(r'"\$ref":"#/components/schemas/([^"]+)"', text))
    assert referenced <= set(spec["components"]["schemas"])


def test_the_data_file_is_shipped_with_the_package() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert "serving/web/openapi.json" in pyproject

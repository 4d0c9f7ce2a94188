"""What medloc exports: the top-level names, each stage's public face, the CLI entry points.

A name added to or removed from an ``__all__`` is a change of the public API: it changes
this test too. The catalog stage's private modules are its own: nothing outside it
imports them (the facade is the one way in)."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import medloc
import pytest
from medloc import errors

REPO = Path(__file__).resolve().parent.parent

TOP_LEVEL = {
    "CatalogError",
    "ConfigError",
    "ContentError",
    "LocaleError",
    "MedlocError",
    "MoFileError",
    "PdfUnavailable",
    "__version__",
    "create_app",
}
CATALOG = {
    "DIGEST_FIELD",
    "SOURCE_FIELD",
    "WRAP_WIDTH",
    "Catalog",
    "CatalogEntry",
    "MoCatalog",
    "MoMessage",
    "RenderCache",
    "TemplateMessage",
    "TextUpdater",
    "compile_mo",
    "content_digest",
    "entry_updater",
    "init_catalog",
    "make_template",
    "mo_header",
    "mo_messages",
    "parse_locale",
    "parse_po",
    "po_pieces",
    "po_text",
    "read_only_entries",
    "read_po",
    "same_messages",
    "seal",
    "sealed",
    "source_digest",
    "text_updater",
    "update_catalog",
    "updater",
    "write_sealed",
}
SOURCE = {"content", "extract", "markdown", "rules"}
STAGES = ["medloc.source", "medloc.catalog", "medloc.qa", "medloc.cli", "medloc.errors"]

# What may import what: a module imports only from its own level or a lower one. The shared
# vocabulary (level 0) imports no stage; the stages follow the pipeline.
LEVELS = {
    "errors": 0,
    "config": 0,
    "roles": 0,
    "comments": 0,
    "tags": 0,
    "formats": 0,
    "plurals": 0,
    "_parallel": 0,
    "_atomic": 0,
    "source": 1,
    "catalog": 2,
    "project": 2,
    "review": 2,  # its face is pure (normal form, change kinds), so the merge may use it
    "qa": 3,
    "serving": 4,
    "cli": 5,
    "__init__": 6,
    "__main__": 6,
}


def test_medloc_exports_exactly_the_app_the_errors_and_the_version() -> None:
    assert set(medloc.__all__) == TOP_LEVEL
    assert len(medloc.__all__) == len(TOP_LEVEL)
    assert medloc.__version__ == importlib.metadata.version("medloc")
    assert all(getattr(medloc, name) is getattr(errors, name) for name in errors.__all__)


def test_the_errors_are_one_tree() -> None:
    assert set(errors.__all__) == TOP_LEVEL - {"__version__", "create_app"}
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.MedlocError)


def test_each_stage_exports_what_its_all_says() -> None:
    assert set(importlib.import_module("medloc.catalog").__all__) == CATALOG
    assert set(importlib.import_module("medloc.source").__all__) == SOURCE
    assert importlib.import_module("medloc.cli").__all__ == ["main"]
    for name in STAGES:
        module = importlib.import_module(name)
        listed = module.__all__
        assert len(set(listed)) == len(listed), name
        missing = [n for n in listed if not hasattr(module, n)]
        assert not missing, f"{name}.__all__ names what it lacks: {missing}"


def test_the_catalog_stage_is_entered_by_its_public_face_alone() -> None:
    going_around = set()
    for path in [*(REPO / "service").rglob("*.py"), *(REPO / "bench").rglob("*.py")]:
        shown = path.relative_to(REPO).as_posix()
        if shown.startswith("service/medloc/catalog/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            if any(n.startswith("medloc.catalog._") for n in names):
                going_around.add(shown)
    assert not going_around, f"import medloc.catalog, not its private modules: {going_around}"


def _level(module: str) -> int:
    return LEVELS[module.split(".")[1] if "." in module else "__init__"]


def test_no_module_imports_a_later_stage() -> None:
    package = REPO / "service"
    upward = []
    for path in (package / "medloc").rglob("*.py"):
        name = ".".join(path.relative_to(package).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                if target.startswith("medloc.") and _level(target) > _level(name):
                    upward.append(f"{name} imports {target}")
    assert not upward, upward


def test_python_dash_m_medloc_is_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "medloc", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("Usage: python -m medloc")
    for command in ("extract", "init", "update", "compile", "stats", "check", "serve"):
        assert f"  {command} " in result.stdout


def test_create_app_serves_the_project_it_is_started_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    app = medloc.create_app()
    assert app.test_client().get("/healthz").status_code in (200, 503)

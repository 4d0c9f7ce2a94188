"""Shared fixtures: a temporary copy of the project to change freely."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """content/, locales/ and babel.cfg copied into a fresh folder."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("content", "locales"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "babel.cfg", target / "babel.cfg")
    shutil.copytree(
        ROOT / "service", target / "service", ignore=shutil.ignore_patterns("__pycache__")
    )
    return target

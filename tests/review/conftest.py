"""Fixtures for review: a project copy under git."""

from __future__ import annotations

from pathlib import Path

import pytest
from reviewgit import TRANSLATOR, commit_all, git


@pytest.fixture
def git_project(project_copy: Path) -> Path:
    """The project copy as a git repository whose catalogs the translator committed."""
    git(project_copy, "init", "-q", "-b", "main")
    commit_all(project_copy, TRANSLATOR, "translations")
    return project_copy

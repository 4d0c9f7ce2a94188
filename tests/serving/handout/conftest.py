"""Handouts of the real project, each rendered once per test session and reused."""

from __future__ import annotations

from pathlib import Path

import pytest
from handoutdata import PUBLIC, ROOT, SLUG, Render
from medloc.serving.handout.config import HandoutConfig
from medloc.serving.handout.engine import Fetches
from medloc.serving.handout.handouts import HandoutKey, make_handout
from medloc.serving.web.config import project_settings
from medloc.serving.web.library import Library


@pytest.fixture(scope="session")
def library() -> Library:
    return Library(project_settings(ROOT, public_url=PUBLIC, reload_interval=0))


@pytest.fixture(scope="session")
def handout(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Render:
    """``handout("es")`` / ``handout("es", "en")``: the PDF's path, rendered once."""
    folder = tmp_path_factory.mktemp("handouts")
    made: dict[tuple[str, ...], Path] = {}

    def render(*locales: str) -> Path:
        if locales not in made:
            key = HandoutKey(SLUG, *locales)
            path = folder / key.filename
            path.write_bytes(make_handout(library, key, HandoutConfig(), Fetches()).body)
            made[locales] = path
        return made[locales]

    return render

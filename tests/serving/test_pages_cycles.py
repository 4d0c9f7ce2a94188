"""A page rendered leaves nothing for the cyclic garbage collector: what it made is freed by
reference counting alone. A template macro made a cycle of the template's context per page
(137 objects a page at 500 x 20: all the page was rendered from): the collector ran twice as
often in ``medloc build``, and a build without it would have kept every page's."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from flask import Flask
from medloc.serving.web import Settings, api, create_app, pages

ROOT = Path(__file__).resolve().parents[2]


def _app(root: Path, policy: str) -> Flask:
    """The bundled project as committed, its passages in another language shown ``policy``."""
    for name in ("content", "locales"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    config = (ROOT / "medloc.toml").read_text(encoding="utf-8")
    shown = config.replace('fallback = "inline"', f'fallback = "{policy}"', 1)
    assert shown != config or policy == "inline"
    (root / "medloc.toml").write_text(shown, encoding="utf-8")
    return create_app(Settings(root=root, warm=False))


@pytest.mark.parametrize("policy", ["inline", "fold", "link"])
def test_article_pages_leave_no_cycles(tmp_path: Path, policy: str) -> None:
    app = _app(tmp_path, policy)
    library = app.extensions["medloc"]
    assert library.pages.fallback == policy
    wanted = [(slug, locale) for slug in library.slugs for locale in library.locales]
    with app.app_context():
        for slug, locale in wanted:  # renditions and every cache filled first
            pages.article_page(library, slug, locale)
            api.article_json(library, slug, locale)
        collecting = gc.isenabled()
        gc.collect()
        gc.disable()
        try:
            for slug, locale in wanted:
                pages.article_page(library, slug, locale)
                api.article_json(library, slug, locale)
            assert gc.collect() == 0
        finally:
            if collecting:
                gc.enable()

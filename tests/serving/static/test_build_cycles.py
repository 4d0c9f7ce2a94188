"""``medloc build`` runs without the cyclic garbage collector (``cli.app.BATCH_COMMANDS``): its
tasks, each a few articles in every locale or one locale's index and list pages, must leave
nothing that reference counting alone cannot free (what a build leaves for the collector is
the one ``Library`` and its caches, freed with the process)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from medloc.cli.app import BATCH_COMMANDS
from medloc.serving.static.build import BuildOptions, _settings
from medloc.serving.static.outputs import Job, render_articles, render_lists
from medloc.serving.web import create_app

ROOT = Path(__file__).resolve().parents[3]


def _project(root: Path) -> Path:
    """The bundled project as committed, without its compiled catalogs."""
    for name in ("content", "locales"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    for name in ("babel.cfg", "medloc.toml"):
        shutil.copy(ROOT / name, root / name)
    return root


def test_build_tasks_leave_no_cycles(tmp_path: Path) -> None:
    assert "build" in BATCH_COMMANDS
    root = _project(tmp_path / "project")
    app = create_app(_settings(BuildOptions(root, tmp_path / "out")))
    library = app.extensions["medloc"]
    site = tmp_path / "site"
    site.mkdir()
    job = Job(app, library, site, {})
    slugs = tuple(library.articles)
    assert len(slugs) > 2
    render_articles(job, slugs[:1])  # the caches of the generation filled first
    collecting = gc.isenabled()
    while gc.collect():  # what earlier tests left, and what freeing it frees
        pass
    gc.disable()
    try:
        for slug in slugs[1:]:
            result = render_articles(job, (slug,))
            assert result.marks and gc.collect() == 0, slug
        for locale in library.locales:
            result = render_lists(job, locale)
            assert result.outputs and gc.collect() == 0, locale
    finally:
        if collecting:
            gc.enable()

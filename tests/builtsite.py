"""What the static build's tests compare: a built tree's files, a fresh full build's, and the
names of the outputs a rebuild renders (``medloc.serving.static.layout``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from medloc.serving.static import BuildOptions, build, layout


def tree(site: Path) -> dict[str, bytes]:
    """Every file of a built tree (``.gz`` and ``.br`` included) by its name."""
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def full_tree(project: Path, out: Path) -> dict[str, bytes]:
    """The tree of a fresh full build of ``project`` into ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    build(BuildOptions(project, out))
    return tree(out / "site")


def singletons(locales: tuple[str, ...]) -> set[str]:
    """What every rebuild renders (the sitemap apart: only when a page's links changed)."""
    fixed = {layout.LOCALES_API.name, layout.OPENAPI.name, layout.CSS.name}
    return fixed | {layout.not_found(tag).name for tag in locales}


def article_outputs(locales: tuple[str, ...], slugs: set[str]) -> set[str]:
    """The pages and API documents of ``slugs`` in ``locales``."""
    return {
        name
        for tag in locales
        for slug in slugs
        for name in (layout.article(tag, slug).name, layout.api_article(slug, tag).name)
    }

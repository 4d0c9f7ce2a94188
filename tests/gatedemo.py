"""The small demo project the gate's and the digest's tests build: one article and the
shared disclaimer (TOML front matter and Markdown), one UI string, templates extracted and
catalogs made.

Each test module writes its own article body and translations; what every one of them
repeated (the front matter, the disclaimer, the files and the steps that make a project of
them) is here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import polib
from medloc import catalog as catalogs
from medloc.project import DOMAINS, Project

__all__ = ["DISCLAIMER_TEXT", "article", "disclaimer", "make_project", "translate"]

ROOT = Path(__file__).resolve().parents[1]

_FRONT_MATTER = """\
+++
slug = "demo"
title = "Demo article"
summary = "A short demo."
language = "en"
last_reviewed = 2026-11-21
+++

"""

DISCLAIMER_TEXT = "This article is general information."
"""The disclaimer's one paragraph (`disclaimer`'s default)."""


def article(body: str) -> str:
    """The demo article (slug ``demo``, reviewed 2026-11-21) with ``body`` as its Markdown."""
    return _FRONT_MATTER + body


def disclaimer(text: str = DISCLAIMER_TEXT) -> str:
    """The shared disclaimer: one safety-critical section holding ``text``."""
    return (
        '+++\nslug = "disclaimer"\nlanguage = "en"\n+++\n\n'
        f"## Medical disclaimer {{#disclaimer role=disclaimer}}\n\n{text}\n"
    )


def translate(path: Path, strings: Mapping[str, str]) -> None:
    """Give the entries of the catalog at ``path`` whose msgid is in ``strings`` that
    translation (the file is rewritten only if one is there)."""
    po = polib.pofile(path.read_text(encoding="utf-8"))
    found = [entry for entry in po if entry.msgid in strings]
    for entry in found:
        entry.msgstr = strings[entry.msgid]
    if found:
        path.write_text(catalogs.po_text(po), encoding="utf-8")


def make_project(
    root: Path,
    article_text: str,
    *,
    disclaimer_text: str | None = None,
    ui: str = "Hello, %(name)s!",
    locales: Iterable[str] = ("es",),
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> Path:
    """A project at ``root``: ``content/articles/demo.md`` holding ``article_text``, the
    disclaimer (`disclaimer`'s default unless given), a UI string ``ui``, the templates
    extracted, a catalog of both domains for each of ``locales`` and, in each, the
    ``translations`` of that locale. Returns ``root``."""
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "articles" / "demo.md").write_text(article_text, encoding="utf-8")
    (root / "content" / "disclaimer.md").write_text(
        disclaimer_text if disclaimer_text is not None else disclaimer(), encoding="utf-8"
    )
    (root / "service").mkdir()
    (root / "service" / "ui.py").write_text(f'_("{ui}")\n', encoding="utf-8")
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    project = Project(root)
    for domain in DOMAINS:
        project.save_template(domain, project.extract(domain))
    for locale in locales:
        project.init(locale)
        for domain in DOMAINS:
            translate(project.po_path(locale, domain), (translations or {}).get(locale, {}))
    return root

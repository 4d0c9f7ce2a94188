"""The bundled project (5 articles) copied with a small ``[pages] per_page``, so that the
index and the API list have several pages (tests of the service, the static build, nginx)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PER_PAGE = 2
"""Three pages of the bundled project's five articles, the last with one."""


def paged_project(target: Path, per_page: int = PER_PAGE) -> Path:
    """content/, locales/ (with their ``.mo``), babel.cfg and medloc.toml copied into
    ``target``, with ``per_page`` articles a page."""
    for name in ("content", "locales"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "babel.cfg", target / "babel.cfg")
    toml = (REPO / "medloc.toml").read_text(encoding="utf-8")
    paged = re.sub(r"^per_page = .*\n", "", toml, flags=re.M)
    paged = re.sub(r"^\[pages\]\n", f"[pages]\nper_page = {per_page}\n", paged, flags=re.M)
    assert paged != toml
    (target / "medloc.toml").write_text(paged, encoding="utf-8")
    return target

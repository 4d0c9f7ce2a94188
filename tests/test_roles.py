"""Which roles are safety-critical is decided in one place, `medloc.roles`: change it there and
extraction, the gate and the service all follow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from medloc import create_app, roles
from medloc.cli import main
from medloc.comments import Notes
from medloc.qa.gate import run_gate
from medloc.serving.web import Settings
from webproject import build, dom

REPO = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path) -> Path:
    """The demo project, its first section marked ``role=faq`` and the catalogs updated.

    Its Spanish catalog translates the section's first paragraph but not the second."""
    root = build(tmp_path)
    article = root / "content" / "articles" / "demo.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("## What it is {#what}", "## What it is {#what role=faq}"), encoding="utf-8"
    )
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    (root / "service").symlink_to(REPO / "service", target_is_directory=True)
    result = CliRunner().invoke(main, ["update", "--locale", "es", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _incomplete(root: Path) -> set[str | None]:
    report = run_gate(root, locales=["es"], extract=False)
    return {f.context for f in report.findings if f.code == "safety-incomplete"}


def _page(root: Path) -> str:
    return create_app(Settings(root=root)).test_client().get("/es/articles/demo").data.decode()


def test_an_ordinary_role_is_served_mixed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert Notes(role="faq").lines() == ("role: faq",)
    assert "demo#what" not in _incomplete(root)
    page = _page(root)
    assert "Primer párrafo." in page  # translated paragraph shown, the other in English
    assert dom(page.encode()).containing("Second paragraph.").lang() == ("en", "ltr")


def test_making_a_role_safety_critical_in_one_place_changes_every_consumer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roles, "SAFETY_ROLES", roles.SAFETY_ROLES | {"faq"})
    root = _project(tmp_path)
    # extraction writes the role as safety-critical
    assert Notes(role="faq").lines() == ("role: faq (safety-critical)",)
    po = (root / "locales" / "es" / "LC_MESSAGES" / "articles.po").read_text(encoding="utf-8")
    assert "#. role: faq (safety-critical)" in po
    # the gate requires the section complete
    assert "demo#what" in _incomplete(root)
    # the service shows the section whole, in the fallback language, never mixed
    page = _page(root)
    assert "Primer párrafo." not in page
    assert dom(page.encode()).containing("First paragraph.").lang() == ("en", "ltr")

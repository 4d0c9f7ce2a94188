"""The sign-offs a generation reads come from the catalog load's scan of the ``.po`` (its
``medloc-review`` marker, recorded in a :class:`~medloc.serving.web.loading.Proof`) instead
of a second scan; they are what a scan of their own finds."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from medloc.cli import main
from medloc.project import Project
from medloc.serving.web import Settings, create_app
from medloc.serving.web.library import Library
from medloc.serving.web.qa import load_signed
from reviewgit import REVIEWER, SECTION, commit_all

PO = "locales/es/LC_MESSAGES/articles.po"


def test_the_signed_sections_come_from_the_loads_scan(git_project: Path) -> None:
    args = ["review", "sign", "es", "--reviewer", REVIEWER, "--section", SECTION, "--yes"]
    assert CliRunner().invoke(main, [*args, "--root", str(git_project)]).exit_code == 0
    commit_all(git_project, REVIEWER, "review")
    list(Project(git_project).compile())  # a sound .mo: the load scans its .po
    library = create_app(Settings(root=git_project)).extensions["medloc"]
    assert isinstance(library, Library)
    proof = library.catalogs.proofs[str(git_project / PO)]
    assert "medloc-review" in proof.marks and proof.digest
    on_their_own = load_signed(git_project, library.locales, library.review)
    assert library.signed == on_their_own and on_their_own["es"]

"""The service honours review where it is required: an unreviewed or lapsed safety section is
treated like an incomplete one, served whole from the next language where it is reviewed (here
the source), with the notice (the planner's decision, which rendering shows)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.serving.plan import Plan, Reason, Review, plan_article
from medloc.serving.render import render_plan
from medloc.serving.web import Settings, create_app
from medloc.serving.web.library import Library
from medloc.serving.web.qa import load_review
from reviewgit import REVIEWER, SECTION, TRANSLATOR, commit_all

SLUG = SECTION.split("#")[0]
PO = "locales/es/LC_MESSAGES/articles.po"


@pytest.fixture
def required(git_project: Path) -> Path:
    (git_project / "medloc.toml").write_text("[review]\nrequired = true\n", encoding="utf-8")
    commit_all(git_project, TRANSLATOR, "review required")
    return git_project


def planned(root: Path) -> tuple[Plan, Library]:
    library = create_app(Settings(root=root)).extensions["medloc"]
    assert isinstance(library, Library)
    review = load_review(root, library.locales)
    article, document = library.document(SLUG)
    chain = library.languages("es")
    return plan_article(article, document, chain, accept=library.accept, review=review), library


def test_not_required_nothing_is_refused(git_project: Path) -> None:
    assert load_review(git_project, ["es"]) is None
    plan, _ = planned(git_project)
    assert plan.units["risks"].language == "es" and plan.whole


def test_unreviewed_then_reviewed_then_lapsed(required: Path) -> None:
    plan, library = planned(required)
    risks = plan.units["risks"]
    assert (risks.language, risks.reason) == ("en", Reason.FALLBACK)
    assert not plan.whole and plan.fallback("risks") == "en"
    article, document = library.document(SLUG)
    rendered = render_plan(article, document, library.md, plan)
    (section,) = [s for s in rendered.sections if s.role == "risks"]
    assert section.fallback == "en"  # the page shows its notice for it
    # ordinary text is not affected
    assert any(d.language == "es" for d in plan.blocks.values())

    args = ["review", "sign", "es", "--reviewer", REVIEWER, "--section", SECTION, "--yes"]
    assert CliRunner().invoke(main, [*args, "--root", str(required)]).exit_code == 0
    commit_all(required, REVIEWER, "review")
    plan, _ = planned(required)
    assert plan.units["risks"].language == "es"

    catalog = polib.pofile(str(required / PO))
    entry = next(e for e in catalog if e.msgctxt == SECTION and "temporales" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("temporales", "permanentes")
    catalog.save()
    commit_all(required, TRANSLATOR, "one word changed")
    plan, _ = planned(required)
    assert plan.units["risks"].language == "en"


def test_review_refuses_only_the_roles_that_require_it() -> None:
    review = Review(frozenset({"risks"}), {"es": frozenset({"a#risks"})})
    assert review.serves("es", "risks", "a#risks~2")
    assert not review.serves("es", "risks", "a#other")
    assert not review.serves("fr", "risks", "a#risks")
    assert review.serves("fr", "faq", "a#faq") and review.serves("fr", None, "a:title")


def _page(root: Path) -> str:
    client = create_app(Settings(root=root)).test_client()
    return client.get(f"/es/articles/{SLUG}").get_data(as_text=True)


def test_the_running_app_honours_review(required: Path) -> None:
    # unreviewed: the risks section is served whole in English, not in Spanish
    assert "temporales" not in _page(required)
    args = ["review", "sign", "es", "--reviewer", REVIEWER, "--section", SECTION, "--yes"]
    assert CliRunner().invoke(main, [*args, "--root", str(required)]).exit_code == 0
    commit_all(required, REVIEWER, "review")
    assert "temporales" in _page(required)

"""Two people: a sign-off counts where git says the reviewer added it and someone else wrote
the translation; without git, where the allow-list names the reviewer."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.errors import ConfigError
from medloc.review.policy import ReviewConfig, read_policy
from medloc.review.sign import plan_section
from medloc.review.state import ReviewState, required_problems, review_state, section_states
from reviewgit import REVIEWER, SECTION, TRANSLATOR, commit_all

PO = "locales/es/LC_MESSAGES/articles.po"


def sign(root: Path, reviewer: str, code: int = 0) -> str:
    args = ["review", "sign", "es", "--reviewer", reviewer, "--section", SECTION, "--yes"]
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == code, result.output
    return result.output


def section_state(root: Path) -> ReviewState:
    return section_states(review_state(root, "es"))[("articles", SECTION)]


def test_a_second_person_signs_and_the_section_is_reviewed(git_project: Path) -> None:
    assert section_state(git_project) is ReviewState.MISSING
    sign(git_project, REVIEWER)
    assert section_state(git_project) is ReviewState.UNTRUSTED  # not committed yet
    commit_all(git_project, REVIEWER, "review")
    assert section_state(git_project) is ReviewState.REVIEWED


def test_the_translator_cannot_sign_their_own_work(git_project: Path) -> None:
    output = sign(git_project, TRANSLATOR, code=1)
    assert "cannot review their own work" in output
    assert "medloc-review" not in (git_project / PO).read_text(encoding="utf-8")


def test_a_sign_off_committed_by_someone_else_does_not_count(git_project: Path) -> None:
    sign(git_project, REVIEWER)
    commit_all(git_project, TRANSLATOR, "the translator commits a sign-off in the reviewer's name")
    reviews = [r for r in review_state(git_project, "es") if r.section == SECTION]
    assert {r.state for r in reviews} == {ReviewState.UNTRUSTED}
    assert "committed by Translator One" in reviews[0].reason


def test_a_changed_word_lapses_the_review_at_its_line(git_project: Path) -> None:
    sign(git_project, REVIEWER)
    commit_all(git_project, REVIEWER, "review")
    catalog = polib.pofile(str(git_project / PO))
    entry = next(e for e in catalog if e.msgctxt == SECTION and "temporales" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("temporales", "permanentes")
    catalog.save()
    commit_all(git_project, TRANSLATOR, "change")
    required = ReviewConfig(required=True)
    (lapsed,) = required_problems(
        [r for r in review_state(git_project, "es") if r.section == SECTION], required
    )
    assert lapsed.state is ReviewState.LAPSED
    lines = (git_project / PO).read_text(encoding="utf-8").split("\n")
    assert lines[lapsed.msgstr_line - 1].startswith("msgstr")
    assert lapsed.path == PO


def test_the_bundled_catalogs_carry_no_sign_off() -> None:
    root = Path(__file__).resolve().parents[2]
    for po in root.glob("locales/*/LC_MESSAGES/*.po"):
        assert "medloc-review" not in po.read_text(encoding="utf-8"), po
    assert read_policy(root).required is False


def test_without_git_only_the_allow_list_counts(project_copy: Path) -> None:
    output = sign(project_copy, REVIEWER, code=1)
    assert "not on the allow-list" in output
    (project_copy / "medloc.toml").write_text(
        f'[review]\nrequired = true\nreviewers = ["{REVIEWER}"]\n', encoding="utf-8"
    )
    sign(project_copy, REVIEWER)
    assert section_state(project_copy) is ReviewState.REVIEWED
    (project_copy / "medloc.toml").write_text('[review]\nreviewers = ["X <x@example.test>"]\n')
    assert section_state(project_copy) is ReviewState.UNTRUSTED


def test_a_section_with_an_untranslated_entry_cannot_be_signed(git_project: Path) -> None:
    catalog = polib.pofile(str(git_project / PO))
    next(e for e in catalog if e.msgctxt == SECTION).msgstr = ""
    catalog.save()
    commit_all(git_project, TRANSLATOR, "untranslate")
    with pytest.raises(Exception, match="untranslated"):
        plan_section(git_project, "es", SECTION, REVIEWER)


def test_policy_mistakes_are_errors_with_file_and_line(project_copy: Path) -> None:
    (project_copy / "medloc.toml").write_text('[review]\nroles = ["risk"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"medloc.toml:1: .*'risk'.*use some of"):
        read_policy(project_copy)
    (project_copy / "medloc.toml").write_text('[review]\ntrust = "vibes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'vibes'"):
        read_policy(project_copy)
    assert ReviewConfig().roles == ("disclaimer", "instructions", "risks")

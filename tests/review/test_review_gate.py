"""The gate with review required (a temporary copy: the bundled project does not require it):
``medloc check`` fails until the safety sections are signed by a second person, and a changed
word lapses the review at its line."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.qa import CODES
from medloc.review.policy import read_policy
from medloc.review.state import review_state
from reviewgit import REVIEWER, SECTION, TRANSLATOR, commit_all

pytestmark = pytest.mark.cldr

PO = "locales/es/LC_MESSAGES/articles.po"
REQUIRED = "[review]\nrequired = true\n"


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    return result.exit_code, result.output


def check_es(root: Path) -> tuple[int, str]:
    return run(root, "check", "--locale", "es")


def safety_sections(root: Path) -> list[str]:
    policy = read_policy(root)
    found = (r.section for r in review_state(root, "es") if policy.requires(r.role))
    return list(dict.fromkeys(found))


def sign_all(root: Path, who: str) -> None:
    for section in safety_sections(root):
        args = ["review", "sign", "es", "--reviewer", who, "--section", section, "--yes"]
        code, out = run(root, *args)
        assert code == 0, out


@pytest.fixture
def required(git_project: Path) -> Path:
    (git_project / "medloc.toml").write_text(REQUIRED, encoding="utf-8")
    commit_all(git_project, TRANSLATOR, "review required")
    return git_project


def codes(out: str) -> set[str]:
    return {line.split(": ", 1)[1].split(" ", 1)[0] for line in out.splitlines()[:-1]}


def test_review_codes_cannot_be_ignored() -> None:
    for code in ("review-missing", "review-lapsed", "review-untrusted", "review-pending"):
        assert not CODES[code].ignorable


def test_the_bundled_project_reports_review_without_requiring_it() -> None:
    root = Path(__file__).resolve().parents[2]
    code, out = run(root, "check")
    assert code == 0, out
    pending = [line for line in out.splitlines() if " review-pending " in line]
    assert 0 < len(pending) <= 6  # one per locale, not one per message


def test_without_a_review_table_nothing_is_said(project_copy: Path) -> None:
    code, out = check_es(project_copy)
    assert code == 0 and "review-" not in out, out
    (project_copy / "medloc.toml").write_text("[review]\nrequired = false\n", encoding="utf-8")
    code, out = check_es(project_copy)
    assert code == 0 and codes(out) == {"review-pending"}, out
    assert len(out.splitlines()) == 2 and out.startswith(f"{PO}:")


def test_check_fails_until_a_second_person_signs(required: Path) -> None:
    code, out = check_es(required)
    assert code == 1
    assert codes(out) == {"review-missing"}
    first = out.splitlines()[0]
    assert first.startswith(f"{PO}:") and "medloc review sign es --section" in first
    # the translator of record cannot sign their own work
    args = ["review", "sign", "es", "--reviewer", TRANSLATOR, "--section", SECTION, "--yes"]
    code, out = run(required, *args)
    assert code == 1 and "cannot review their own work" in out
    # a second person signs: not counted until they commit it
    sign_all(required, REVIEWER)
    code, out = check_es(required)
    assert code == 1 and codes(out) == {"review-untrusted"}, out
    commit_all(required, REVIEWER, "review of the safety sections")
    code, out = check_es(required)
    assert code == 0, out


def test_a_changed_word_lapses_the_review_at_its_msgstr_line(required: Path) -> None:
    sign_all(required, REVIEWER)
    commit_all(required, REVIEWER, "review")
    catalog = polib.pofile(str(required / PO))
    entry = next(e for e in catalog if e.msgctxt == SECTION and "temporales" in e.msgstr)
    entry.msgstr = entry.msgstr.replace("temporales", "permanentes")
    catalog.save()
    commit_all(required, TRANSLATOR, "one word changed")
    code, out = check_es(required)
    assert code == 1
    (line,) = out.splitlines()[:-1]
    path, number, rest = line.split(":", 2)
    assert path == PO and rest.startswith(" review-lapsed ")
    text = (required / PO).read_text(encoding="utf-8").split("\n")
    at = int(number) - 1
    assert text[at].startswith("msgstr")
    assert "permanentes" in "".join(text[at : at + 4])  # the msgstr, maybe wrapped

"""``medloc stats`` reports review: reviewed / translated / fuzzy per locale, article, role."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from medloc.cli import main
from reviewgit import REVIEWER, SECTION, commit_all


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--root", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def test_stats_count_the_reviewed_messages(git_project: Path) -> None:
    before = json.loads(run(git_project, "stats", "--format", "json", "--locale", "es"))
    review = before["locales"]["es"]["review"]
    assert review["required"] is False
    assert review["roles"]["risks"]["reviewed"] == 0
    assert review["roles"]["risks"]["translated"] > 0
    run(git_project, "review", "sign", "es", "--reviewer", REVIEWER, "--section", SECTION, "--yes")
    commit_all(git_project, REVIEWER, "review")
    after = json.loads(run(git_project, "stats", "--format", "json", "--locale", "es"))
    review = after["locales"]["es"]["review"]
    article = review["articles"]["thermal-rhizotomy"]
    risks = [
        r for r in review["rows"] if r["article"] == "thermal-rhizotomy" and r["role"] == "risks"
    ]
    assert risks[0]["reviewed"] == risks[0]["translated"] > 0
    assert article["reviewed"] == risks[0]["reviewed"] < article["translated"]
    assert review["total"]["reviewed"] == risks[0]["reviewed"]
    text = run(git_project, "stats", "--locale", "es", "--articles")
    assert "review by a second linguist (not required for: disclaimer, instructions, risks)" in text
    line = next(
        x
        for x in text.splitlines()
        if x.startswith("  article thermal-rhizotomy ") and "reviewed" in x
    )
    assert f"{article['reviewed']:5d} reviewed" in line

"""The template's content digest: ``medloc check`` proves a template current by hashing the
content instead of extracting it again, and falls back to extracting when the seal fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from gatedemo import article, make_project
from medloc import catalog as catalogs
from medloc.project import Project
from medloc.qa import Finding
from medloc.qa.gate import run_gate

pytestmark = pytest.mark.cldr

ROOT = Path(__file__).resolve().parents[2]
POT = "locales/articles.pot"

ARTICLE = article(
    """\
## What is it? {#what-is-it}

Relief lasts 6 to 12 months.

## Risks {#risks role=risks}

- Do not drive for 24 hours.
"""
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "demo", ARTICLE)


def _never_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Project, domain: str) -> None:
        raise AssertionError(f"extracted {domain} although the template is sealed")

    monkeypatch.setattr(Project, "extract", fail)


def _count_extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = Project.extract

    def counting(self: Project, domain: str) -> catalogs.Catalog:
        calls.append(domain)
        return original(self, domain)

    monkeypatch.setattr(Project, "extract", counting)
    return calls


def _strip_digest(root: Path) -> None:
    for pot in (root / "locales").glob("*.pot"):
        text = pot.read_text(encoding="utf-8")
        pot.write_text(re.sub(r'"X-Medloc-Content-Digest: .*\\n"\n', "", text), encoding="utf-8")


def _out_of_date(findings: tuple[Finding, ...]) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.message) for f in findings if f.code == "out-of-date"]


def test_unchanged_content_is_not_extracted(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = run_gate(project, jobs=1).findings
    _never_extract(monkeypatch)
    for jobs in (1, 2):
        assert run_gate(project, jobs=jobs).findings == expected
    assert not _out_of_date(expected)


def test_the_content_is_hashed_once_per_domain_and_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    original = Project.content_digest

    def counting(self: Project, domain: str) -> str:
        hashed.append(domain)
        return original(self, domain)

    monkeypatch.setattr(Project, "content_digest", counting)
    run_gate(project, jobs=1)
    assert sorted(hashed) == ["articles", "messages"]
    hashed.clear()
    run_gate(project, jobs=1, extract=False)
    assert hashed == []


@pytest.mark.parametrize(
    "change",
    [
        ("Relief lasts 6 to 12 months.", "Relief lasts 6 to 12 months in most people."),
        ("## Risks {#risks role=risks}", "## Risks {#risks role=risks}\n\nA new paragraph."),
        ('title = "Demo article"', 'title = "Demo"'),
    ],
)
def test_a_changed_article_is_out_of_date_as_without_a_digest(
    project: Path, tmp_path: Path, change: tuple[str, str]
) -> None:
    article = project / "content" / "articles" / "demo.md"
    article.write_text(ARTICLE.replace(*change, 1), encoding="utf-8")
    without = tmp_path / "without"
    shutil.copytree(project, without)
    _strip_digest(without)
    findings = _out_of_date(run_gate(project, jobs=1).findings)
    # the same findings, a line further down the template (its header has one more line)
    older = [
        (path, line + (path == POT), message)
        for path, line, message in _out_of_date(run_gate(without, jobs=1).findings)
    ]
    assert findings and findings == older
    assert findings[0][0] == POT and findings[0][1] > 1  # at the changed entry, not the header


def test_a_new_article_is_out_of_date(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = project / "content" / "articles" / "other.md"
    new.write_text(ARTICLE.replace('slug = "demo"', 'slug = "other"'), encoding="utf-8")
    calls = _count_extractions(monkeypatch)
    assert _out_of_date(run_gate(project, jobs=1).findings)[0][0] == POT
    assert calls == ["articles"]  # the UI's template is still sealed


def test_a_tampered_digest_does_not_pass_a_stale_template(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Content changed, and the template's field set to the new content's digest by hand (or
    to its seal of the old content): the seal fails, the gate extracts and finds the change."""
    article = project / "content" / "articles" / "demo.md"
    article.write_text(ARTICLE.replace("12 months", "18 months"), encoding="utf-8")
    pot = project / POT
    text = pot.read_text(encoding="utf-8")
    found = re.search(r"X-Medloc-Content-Digest: ([0-9a-f]{64})", text)
    assert found is not None
    digest = Project(project).content_digest("articles")
    calls = _count_extractions(monkeypatch)
    for value in (digest, "0" * 64, found.group(1)):
        pot.write_text(text.replace(found.group(1), value), encoding="utf-8")
        assert _out_of_date(run_gate(project, jobs=1).findings)[0][0] == POT
    assert calls.count("articles") == 3


def test_a_hand_edited_template_is_out_of_date(project: Path) -> None:
    """The seal covers every byte of the template, not only the content it came from."""
    pot = project / POT
    text = pot.read_text(encoding="utf-8").replace('msgid "Relief', 'msgid "Often, relief')
    pot.write_text(text, encoding="utf-8")
    ((_path, line, _message),) = [
        f for f in _out_of_date(run_gate(project).findings) if f[0] == POT
    ]
    lines = text.split("\n")
    edited = next(i for i, x in enumerate(lines, 1) if x.startswith('msgid "Often'))
    assert 1 < line <= edited and "" not in lines[line - 1 : edited]  # the edited entry


def test_a_tampered_digest_with_current_content_is_no_finding(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest records how the template was made, not what it says: a wrong one only
    costs an extraction, which finds the template current."""
    pot = project / POT
    text = pot.read_text(encoding="utf-8")
    pot.write_text(re.sub(r"Digest: [0-9a-f]{64}", "Digest: " + "1" * 64, text), "utf-8")
    calls = _count_extractions(monkeypatch)
    assert not _out_of_date(run_gate(project, jobs=1).findings)
    assert calls == ["articles"]


def test_extract_adds_a_digest_once_then_leaves_the_template_alone(project: Path) -> None:
    _strip_digest(project)
    proj = Project(project)
    assert proj.save_template("articles", proj.extract("articles"))  # no digest yet: written
    data = (project / POT).read_bytes()
    assert catalogs.sealed(data, proj.content_digest("articles"))
    assert not proj.save_template("articles", proj.extract("articles"))
    assert (project / POT).read_bytes() == data

"""Extraction: golden templates (x.md next to x.expect.pot) and the rules behind them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from medloc import catalog as catalogs
from medloc.errors import ContentError
from medloc.project import Project
from medloc.source.content import parse_article
from medloc.source.extract import babel_extract, extract_article

HERE = Path(__file__).resolve().parent
GOLDEN = sorted((HERE / "golden").glob("*.md"))


def template_text(md_path: Path) -> str:
    article = parse_article(md_path.read_text(encoding="utf-8"), path=md_path.name)
    messages = [
        catalogs.TemplateMessage(m.msgid, m.context, ((m.path, m.line),), m.comments)
        for m in extract_article(article)
    ]
    return catalogs.po_text(catalogs.make_template(messages, creation_date="2026-01-01 00:00+0000"))


@pytest.mark.parametrize("md_path", GOLDEN, ids=lambda p: p.stem)
def test_golden_template(md_path: Path) -> None:
    expected = md_path.with_suffix(".expect.pot")
    actual = template_text(md_path)
    if os.environ.get("MEDLOC_REGENERATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def _messages(text: str) -> list[tuple[str, str]]:
    article = parse_article(text, path="x.md")
    return [(m.context, m.msgid) for m in extract_article(article)]


HEAD = '+++\nslug = "x"\ntitle = "T"\nsummary = "S"\nlast_reviewed = 2026-01-01\n+++\n'


def test_contexts_do_not_depend_on_position() -> None:
    before = _messages(HEAD + "## A {#a}\n\nOne.\n\nTwo.\n\n## B {#b}\n\nThree.\n")
    after = _messages(HEAD + "## B {#b}\n\nNew first.\n\nThree.\n\n## A {#a}\n\nTwo.\n\nOne.\n")
    assert set(before) - set(after) == set()  # nothing moved changed its key


def test_identical_text_in_two_sections_gets_two_contexts() -> None:
    found = _messages(HEAD + "## A {#a}\n\nSame.\n\n## B {#b}\n\nSame.\n\nSame.\n")
    assert ("x#a", "Same.") in found and ("x#b", "Same.") in found and ("x#b~2", "Same.") in found


def test_inline_markdown_stays_in_the_msgid() -> None:
    found = _messages(HEAD + "## A {#a}\n\nSee [this](https://example.org) and *that* `x`.\n")
    assert ("x#a", "See [this](https://example.org) and *that* `x`.") in found


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('+++\nslug = "x"\ntitle = \n+++\n', 3, "not valid TOML"),
        ('+++\nslug = "X Y"\ntitle = "T"\n+++\n', 2, "slug 'X Y'"),
        ("no front matter\n", 1, "starts with a '+++'"),
        (HEAD + "\n## Heading {#a role=risk}\n", 8, "unknown section role 'risk'"),
        (HEAD + "\n## A {#a}\n\n## B {#a}\n", 10, "'a' is used twice"),
        (HEAD + "\n## A {foo}\n", 8, "cannot read heading attribute 'foo'"),
    ],
)
def test_bad_articles_name_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ContentError) as caught:
        extract_article(parse_article(text, path="content/articles/x.md"))
    assert caught.value.path == "content/articles/x.md"
    assert caught.value.line == line
    assert fragment in str(caught.value)


def test_babel_method_yields_contexts_and_comments() -> None:
    source = (HEAD + "## Risks {#risks role=risks}\n\nBleeding.\n").encode()
    found = list(babel_extract(io.BytesIO(source), ["pgettext"], [], {}))
    assert found[-1] == (
        9,
        "pgettext",
        ("x#risks", "Bleeding."),
        ["article: x", "section: Risks", "block: paragraph", "role: risks (safety-critical)"],
    )


def _entries(pot_text: str) -> set[tuple[str | None, str, str, tuple[str, ...]]]:
    po = catalogs.read_po(io.StringIO(pot_text), path="x.pot")
    return {
        (e.msgctxt, e.msgid, e.comment, tuple(f"{p}:{n}" for p, n in e.occurrences)) for e in po
    }


def test_pybabel_and_medloc_extract_the_same_template(project_copy: Path, tmp_path: Path) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    out = tmp_path / "pybabel.pot"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-o", str(out), "content/"],
        cwd=project_copy,
        check=True,
    )
    ours = catalogs.po_text(Project(project_copy).extract("articles"))
    theirs = _entries(out.read_text(encoding="utf-8"))
    assert len(theirs) > 100
    assert _entries(ours) == theirs
    assert any("role: risks (safety-critical)" in comment for _, _, comment, _ in theirs)
    assert any("role: disclaimer (safety-critical)" in comment for _, _, comment, _ in theirs)


def test_ui_strings_come_from_the_same_babel_cfg(project_copy: Path, tmp_path: Path) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    out = tmp_path / "ui.pot"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-o", str(out), "service/"],
        cwd=project_copy,
        check=True,
    )
    ours = Project(project_copy).extract("messages")
    theirs = catalogs.read_po(io.StringIO(out.read_text(encoding="utf-8")), path="ui.pot")
    assert {e.msgid for e in ours} == {e.msgid for e in theirs}
    assert any("Last reviewed" in e.msgid for e in ours)
    assert not any(e.msgctxt and "#" in e.msgctxt for e in ours)  # no article text in the UI

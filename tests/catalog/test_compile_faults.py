"""`medloc compile` with bad catalogs compiles the good ones, names each bad one with its file
and line, exits 1 and leaves no half-written file; every file medloc writes gets the mode a
plain write would (the umask), never 0600 (issue #11)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from medloc.cli import main
from medloc.project import Project, write_atomic

UI = "locales/{}/LC_MESSAGES/messages.po"
REVIEWED = {"es": "Última revisión: %(date)s", "de": "Zuletzt geprüft: %(date)s"}


def _nul(root: Path, locale: str) -> tuple[str, int]:
    """A NUL byte in one msgstr of ``locale``'s UI catalog; (its path, the entry's msgstr line)."""
    rel = UI.format(locale)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    good = f'msgstr "{REVIEWED[locale]}"'
    assert good in text
    line = text[: text.index(good)].count("\n") + 1
    path.write_text(text.replace(good, good.replace(": ", ":\x00 ", 1)), encoding="utf-8")
    return rel, line


def _syntax(root: Path) -> tuple[str, int]:
    rel = "locales/fr/LC_MESSAGES/articles.po"
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\nmsgid "cut\n', encoding="utf-8")
    return rel, text.count("\n") + 2


def _entry_line(root: Path, rel: str, msgstr_line: int) -> int:
    """The first line of the entry whose msgstr is at ``msgstr_line``."""
    lines = (root / rel).read_text(encoding="utf-8").split("\n")[: msgstr_line - 1]
    return max(i for i, line in enumerate(lines) if not line.strip()) + 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_catalogs_are_named_and_the_others_compiled(project_copy: Path, jobs: int) -> None:
    bad = [_nul(project_copy, "es"), _nul(project_copy, "de"), _syntax(project_copy)]
    project = Project(project_copy)
    results = list(project.compile(jobs=jobs))
    assert len(results) == 12
    failed = {project.relative(r.po_path): r.error for r in results if r.error is not None}
    assert set(failed) == {rel for rel, _ in bad}
    for rel, line in bad[:2]:
        error = failed[rel]
        assert error is not None and error.path == rel
        assert error.line == _entry_line(project_copy, rel, line)
        assert "NUL" in str(error) and "'Last reviewed: %(date)s'" in str(error)
    assert failed[bad[2][0]] is not None and failed[bad[2][0]].line == bad[2][1]
    for result in results:
        assert result.mo_path.exists() == (result.error is None)
    assert not list(project_copy.rglob("*.tmp"))


def test_compile_command_exits_1_naming_each_file_and_line(project_copy: Path) -> None:
    rel, _ = _nul(project_copy, "es")
    result = CliRunner().invoke(main, ["compile", "--root", str(project_copy)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    compiled = [x for x in result.stdout.splitlines() if x.endswith(" messages")]
    assert len(compiled) == 11
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"medloc: {rel}:") and "NUL character" in errors[0]
    assert errors[0].split(":")[2].isdigit()
    assert errors[-1].startswith("medloc: 1 of 12 catalogs not compiled")


def test_a_bad_catalog_keeps_its_last_good_mo(project_copy: Path) -> None:
    project = Project(project_copy)
    list(project.compile())
    mo = project.mo_path("es", "messages")
    before = mo.read_bytes()
    _nul(project_copy, "es")
    (failed,) = [r for r in project.compile() if r.error is not None]
    assert failed.mo_path == mo and mo.read_bytes() == before


@pytest.fixture(params=[0o022, 0o027, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    mask: int = request.param
    old = os.umask(mask)
    try:
        yield mask
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_get_the_umask_mode(project_copy: Path, umask: int) -> None:
    want = 0o666 & ~umask
    project = Project(project_copy)
    for path in (project_copy / "locales").rglob("*.po*"):
        path.chmod(0o600)  # what the old writer left: rewritten files must not keep it
    mos = [r.mo_path for r in project.compile()]
    assert mos and {_mode(p) for p in mos} == {want}
    article = next((project_copy / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nA new paragraph.\n")
    assert project.save_template("articles", project.extract("articles"))
    changed = [path for path, did in project.update() if did]
    assert changed and {_mode(p) for p in changed} == {want}
    assert _mode(project.pot_path("articles")) == want
    (created,) = project.init("it")[:1]
    assert _mode(created) == want


def test_write_atomic_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "x.mo"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.mo"]


def test_write_atomic_failing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.mo"
    write_atomic(target, b"old")

    def broken(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.mo"]

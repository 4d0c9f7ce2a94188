"""update and compile give the same files in worker processes as in one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from medloc import _parallel
from medloc.errors import CatalogError
from medloc.project import Project


def _square(number: int) -> int:
    if number == 7:
        raise CatalogError("seven", path="x.po", line=7)
    return number * number


def test_run_keeps_the_order_in_processes() -> None:
    assert list(_parallel.run(_square, range(7), 2)) == [n * n for n in range(7)]
    assert list(_parallel.run(_square, range(3), 1)) == [0, 1, 4]


def test_run_raises_a_task_error_with_its_place() -> None:
    results = _parallel.run(_square, range(12), 2)
    got = [next(results) for _ in range(7)]
    assert got == [n * n for n in range(7)]
    with pytest.raises(CatalogError) as raised:
        next(results)
    assert (raised.value.path, raised.value.line, str(raised.value)) == ("x.po", 7, "x.po:7: seven")


def _files(root: Path, pattern: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.glob(pattern)}


def _two(project_copy: Path) -> tuple[Project, Project]:
    other = project_copy.parent / "other"
    shutil.copytree(project_copy, other)
    # A changed paragraph, so that update has work to do.
    for root in (project_copy, other):
        article = next((root / "content" / "articles").glob("*.md"))
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace(" the ", " that ", 3), encoding="utf-8")
        for domain in ("articles", "messages"):
            Project(root).save_template(domain, Project(root).extract(domain))
    return Project(project_copy), Project(other)


def test_update_and_compile_in_processes_write_the_same_files(project_copy: Path) -> None:
    one, two = _two(project_copy)
    updated_two = list(two.update(jobs=2))
    assert any(changed for _path, changed in updated_two)
    assert [(p.relative_to(two.root), c) for p, c in updated_two] == [
        (p.relative_to(one.root), c) for p, c in one.update(jobs=1)
    ]
    assert _files(one.root, "locales/*/LC_MESSAGES/*.po") == _files(
        two.root, "locales/*/LC_MESSAGES/*.po"
    )
    compiled_one = [(c.mo_path.relative_to(one.root), c.count) for c in one.compile(jobs=1)]
    compiled_two = [(c.mo_path.relative_to(two.root), c.count) for c in two.compile(jobs=2)]
    assert compiled_one == compiled_two and compiled_one
    assert _files(one.root, "locales/*/LC_MESSAGES/*.mo") == _files(
        two.root, "locales/*/LC_MESSAGES/*.mo"
    )


def test_a_broken_catalog_fails_the_same_in_processes(project_copy: Path) -> None:
    one, two = _two(project_copy)
    for project in (one, two):
        path = project.po_path("fr", "articles")
        path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x\n', encoding="utf-8")
    errors = []
    for project, jobs in ((one, 1), (two, 2)):
        with pytest.raises(CatalogError) as raised:
            list(project.update(jobs=jobs))
        errors.append(str(raised.value))
    assert errors[0] == errors[1] and errors[0].startswith("locales/fr/LC_MESSAGES/articles.po:")
    assert not list((two.root / "locales").rglob("*.tmp"))


def test_small_projects_stay_in_one_process(project_copy: Path) -> None:
    project = Project(project_copy)
    paths = [project.po_path(locale, "articles") for locale in project.locales()]
    assert _parallel.jobs_for(paths, "update") == 1
    assert _parallel.jobs_for(paths, "check") == 1


def test_large_catalogs_use_every_processor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.po"
    big.write_bytes(b"#" * _parallel.PARALLEL_BYTES["check"])
    monkeypatch.setattr(_parallel, "cpus", lambda: 8)
    assert _parallel.jobs_for([big], "check") == _parallel.MAX_JOBS
    assert _parallel.jobs_for([big], "update") == 1  # merging forks from a larger size on
    assert _parallel.jobs_for([big, tmp_path / "missing.po"], "check") == _parallel.MAX_JOBS


def test_batch_process_pauses_cyclic_gc_and_restores_it() -> None:
    import gc

    assert gc.isenabled()
    with _parallel.batch_process():
        assert not gc.isenabled()
    assert gc.isenabled()

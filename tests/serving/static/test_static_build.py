"""``medloc build``: incremental, atomic, reproducible, and broken inputs handled as the
service handles them. On the hand-written project of ``tests/webproject.py``."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from medloc.serving.static import BuildOptions, build
from medloc.serving.static import files as static_files
from medloc.serving.static.files import Batch
from medloc.serving.static.manifest import read_manifest
from webproject import build as write_project
from webproject import medloc_command

Snapshot = dict[str, tuple[int, int, bytes]]


def snapshot(site: Path) -> Snapshot:
    """name -> (inode, mtime_ns, bytes) of every file of the tree."""
    found: Snapshot = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[str(path.relative_to(site))] = (info.st_ino, info.st_mtime_ns, path.read_bytes())
    return found


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project")


def test_a_build_writes_every_page_with_variants(project: Path, tmp_path: Path) -> None:
    report = build(BuildOptions(project, tmp_path / "out"))
    site = tmp_path / "out" / "site"
    assert report.problems == () and not report.unchanged
    for name in ("es/articles/demo", "ar/index.html", "_404/de.html", "sitemap.xml",
                 "api/v1/_locale/fr/articles/other.json", "api/v1/_locale/en/articles.json",
                 "api/v1/locales", "openapi.json", "static/medloc.css"):  # fmt: skip
        for suffix in ("", ".gz", ".br"):
            assert (site / (name + suffix)).is_file(), name + suffix
    assert not list(site.rglob("*.tmp")) and not list(site.rglob(".*"))
    sitemap = (site / "sitemap.xml").read_text()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    assert '<xhtml:link rel="alternate" hreflang="es" href="/es/articles/demo"/>' in sitemap
    conf = (tmp_path / "out" / "nginx.conf").read_text()
    assert "listen 127.0.0.1:8080;" in conf and "server 127.0.0.1:8000;" in conf


def test_two_builds_are_identical(project: Path, tmp_path: Path) -> None:
    build(BuildOptions(project, tmp_path / "one"))
    build(BuildOptions(project, tmp_path / "two"))
    one = {k: v[2] for k, v in snapshot(tmp_path / "one" / "site").items()}
    two = {k: v[2] for k, v in snapshot(tmp_path / "two" / "site").items()}
    assert one == two and len(one) > 100


def test_nothing_changed_writes_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    before = snapshot(out / "site")
    article = project / "content" / "articles" / "demo.md"
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    report = build(BuildOptions(project, out))  # touched, not changed
    assert report.unchanged and report.written == 0
    assert build(BuildOptions(project, out)).unchanged
    assert changed(before, snapshot(out / "site")) == set()


def test_one_catalog_changed_rewrites_that_locale_only(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    before = snapshot(out / "site")
    catalog = project / "locales" / "ar" / "LC_MESSAGES" / "articles.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("الفقرة الأولى.", "الفقرة الأولى هنا."), encoding="utf-8")
    report = build(BuildOptions(project, out))
    rewritten = changed(before, snapshot(out / "site"))
    assert "ar/articles/demo" in rewritten and "api/v1/_locale/ar/articles/demo.json" in rewritten
    bodies = {name.removesuffix(".gz").removesuffix(".br") for name in rewritten}
    assert report.written == len(bodies)
    others = {n for n in rewritten if not n.startswith(("ar/", "api/v1/_locale/ar/"))}
    assert others == set()


def test_one_article_changed_rewrites_its_pages(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    before = snapshot(out / "site")
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    build(BuildOptions(project, out))
    pages = {n.split("/")[-1].removesuffix(".gz").removesuffix(".br").removesuffix(".json")
             for n in changed(before, snapshot(out / "site"))}  # fmt: skip
    assert "other" in pages and "demo" not in pages


def test_a_failed_batch_leaves_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = Batch(tmp_path)
    batch.add("a/page", b"old")
    batch.commit()
    assert (tmp_path / "a" / "page").read_bytes() == b"old"
    batch.add("a/page", b"new")
    assert (tmp_path / "a" / "page").read_bytes() == b"old"  # not in place before commit
    calls = iter([None])

    def replace_once(src: object, dst: object) -> None:
        next(calls)  # the second rename fails
        os.rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(static_files.os, "replace", replace_once)
    with pytest.raises(StopIteration):
        batch.commit()
    batch.discard()
    assert (tmp_path / "a" / "page.gz").is_file()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["page", "page.br", "page.gz"]


def test_broken_inputs_are_withheld_named_and_the_rest_built(project: Path, tmp_path: Path) -> None:
    broken = project / "content" / "articles" / "broken.md"
    broken.write_text('+++\nslug = "broken"\ntitle = \n+++\n\n## A {#a}\n', encoding="utf-8")
    catalog = project / "locales" / "fr" / "LC_MESSAGES" / "articles.po"
    catalog.write_text(catalog.read_text() + '\nmsgid "x"\nmsgstr "y\n', encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [*medloc_command(), "build", str(out), "--root", str(project)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert any(line.startswith("medloc: content/articles/broken.md:3:") for line in lines), lines
    assert any("locales/fr/LC_MESSAGES/articles.po:" in line for line in lines), lines
    site = out / "site"
    assert (site / "es" / "articles" / "demo").is_file()
    assert (site / "fr" / "articles" / "demo").is_file()  # served from its fallback
    assert not (site / "fr" / "articles" / "broken").exists()
    assert "broken" in (out / "nginx.conf").read_text()  # the app answers it (503)
    again = subprocess.run(
        [*medloc_command(), "build", str(out), "--root", str(project)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and again.stderr == done.stderr
    withheld = sum(1 for line in lines if line.startswith("medloc: "))
    files = len(read_manifest(out).outputs)
    first = re.fullmatch(
        rf"{re.escape(str(out))}: {files} files, (\d+) rendered, (\d+) written, 0 removed,"
        rf" {withheld} withheld",
        done.stdout.strip(),
    )
    assert first is not None and int(first[1]) == int(first[2]) == files, done.stdout
    assert again.stdout.strip() == (
        f"{out}: nothing changed, {files} files, 0 rendered, 0 written, 0 removed,"
        f" {withheld} withheld"
    )

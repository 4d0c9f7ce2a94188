"""``medloc build`` with a paginated index and API list (``[pages] per_page``): every page
built where :mod:`medloc.serving.static.layout` says, byte for byte the service's answer, in
the sitemap; a rebuild after one article's edit renders only the pages that hold it. On the
hand-written project of ``tests/webproject.py`` (two articles) with one article a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from builtsite import article_outputs, full_tree, singletons, tree
from medloc.serving.static import BuildOptions, build, layout, sitemap
from medloc.serving.static.manifest import read_manifest
from medloc.serving.web import Settings, create_app
from webproject import SECOND
from webproject import build as write_project

ARTICLES = ("demo", "other")


def list_pages(locales: tuple[str, ...], page: int) -> set[str]:
    return {
        name
        for tag in locales
        for name in (layout.index(tag, page).name, layout.api_list(tag, page).name)
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "project")
    (root / "medloc.toml").write_text("[pages]\nper_page = 1\n", encoding="utf-8")
    return root


def test_every_page_is_built_as_the_service_answers_it(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build(BuildOptions(project, out))
    assert report.problems == ()
    site = out / "site"
    locales = read_manifest(out).locales
    client = create_app(Settings(root=project, warm=False, reload_interval=0)).test_client()
    for tag in locales:
        for page in (1, 2):
            for output in (layout.index(tag, page), layout.api_list(tag, page)):
                for suffix in ("", ".gz", ".br"):
                    assert (site / (output.name + suffix)).is_file(), output.name + suffix
                answer = client.get(output.url)
                assert answer.status_code == 200, output.url
                assert (site / output.name).read_bytes() == answer.data, output.url
        assert layout.index(tag, 2).name == f"{tag}/page/2/index.html"
        assert not (site / tag / "page" / "1").exists()
        assert not (site / layout.index(tag, 3).name).exists()
    assert layout.api_list("es", 2).name == "api/v1/_locale/es/articles-page/2.json"
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>/es/page/2/</loc>" in sitemap and "<loc>/es/</loc>" in sitemap
    assert '<xhtml:link rel="alternate" hreflang="de" href="/de/page/2/"/>' in sitemap


def test_one_changed_article_renders_the_list_pages_that_hold_it(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    locales = read_manifest(out).locales
    for slug, page in (("other", 2), ("demo", 1)):  # one article a page, in file order
        before = read_manifest(out).links
        article = project / "content" / "articles" / f"{slug}.md"
        text = article.read_text()
        article.write_text(text.replace("\n\n", "\n\nA sentence added here.\n\n", 1))
        report = build(BuildOptions(project, out))
        moved = {layout.SITEMAP.name} if read_manifest(out).links != before else set()
        assert set(report.rendered) == (
            article_outputs(locales, {slug})
            | list_pages(locales, page)
            | singletons(locales)
            | moved
        ), slug
        assert tree(out / "site") == full_tree(project, tmp_path / f"fresh-{slug}")


def test_a_new_or_removed_article_renders_every_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    locales = read_manifest(out).locales
    third = project / "content" / "articles" / "third.md"
    third.write_text(SECOND.replace('slug = "other"', 'slug = "third"'), encoding="utf-8")
    report = build(BuildOptions(project, out))
    every = list_pages(locales, 1) | list_pages(locales, 2) | list_pages(locales, 3)
    assert every <= set(report.rendered)
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh-three")
    (project / "content" / "articles" / "demo.md").unlink()  # "other" moves to page 1
    report = build(BuildOptions(project, out))
    assert list_pages(locales, 1) | list_pages(locales, 2) <= set(report.rendered)
    assert not (out / "site" / layout.index("es", 3).name).exists()
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh-two")


def test_sitemap_parts_whose_pages_are_the_same_are_kept(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemap, "PER_FILE", 5)
    out = tmp_path / "out"
    first = build(BuildOptions(project, out))
    parts = {name for name in first.rendered if name.startswith("sitemap-")}
    assert len(parts) >= 4
    before = read_manifest(out).links
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    report = build(BuildOptions(project, out))
    assert read_manifest(out).links == before  # no page's alternates changed
    assert parts.isdisjoint(report.rendered)
    assert layout.SITEMAP.name not in report.rendered  # their index too: the same parts
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")
    (project / "content" / "articles" / "demo.md").unlink()
    report = build(BuildOptions(project, out))
    assert {name for name in report.rendered if name.startswith("sitemap-")}
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh-one")

"""``medloc build``: a rebuild renders only what can have changed (#15), and its tree is
byte for byte a fresh full build's. On the hand-written project of ``tests/webproject.py``."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from builtsite import article_outputs, full_tree, singletons, tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from medloc.serving.plan import Plan
from medloc.serving.static import BuildOptions, build, layout, manifest
from medloc.serving.static.manifest import read_manifest
from medloc.serving.static.scope import mark_of
from medloc.serving.web.config import project_settings
from medloc.serving.web.library import Library
from medloc.source.content import Article
from medloc.source.markdown import Document
from webproject import SECOND
from webproject import build as write_project


def sitemap(before: manifest.Manifest, out: Path) -> set[str]:
    """The sitemap, rendered by a rebuild when a page's links changed (else kept)."""
    return {layout.SITEMAP.name} if read_manifest(out).links != before.links else set()


def lists(locales: tuple[str, ...]) -> set[str]:
    return {n for tag in locales for n in (layout.index(tag).name, layout.api_list(tag).name)}


def locale_outputs(tag: str, slugs: set[str]) -> set[str]:
    return article_outputs((tag,), slugs) | lists((tag,))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project")


def catalog(project: Path, folder: str, domain: str = "articles") -> Path:
    return project / "locales" / folder / "LC_MESSAGES" / f"{domain}.po"


def test_one_changed_article_renders_its_outputs_lists_and_sitemap(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    before = read_manifest(out)
    locales = before.locales
    sitemap_file = (out / "site" / layout.SITEMAP.name).stat()
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    report = build(BuildOptions(project, out))
    assert read_manifest(out).links == before.links  # the same alternates: sitemap kept
    assert set(report.rendered) == (
        article_outputs(locales, {"other"}) | lists(locales) | singletons(locales)
    )
    after = (out / "site" / layout.SITEMAP.name).stat()
    assert (after.st_ino, after.st_mtime_ns) == (sitemap_file.st_ino, sitemap_file.st_mtime_ns)
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def test_a_kept_article_whose_file_was_altered_is_rendered_again(
    project: Path, tmp_path: Path
) -> None:
    """A rebuild keeps the articles it does not render without a task, from the manifest,
    unless one of their files is no longer as the last build left it: that locale's page
    and document are rendered again (one edited, one removed), the other locales kept."""
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    locales = read_manifest(out).locales
    site = out / "site"
    edited, gone = layout.article("de", "demo").name, layout.api_article("demo", "es").name
    (site / edited).write_bytes((site / edited).read_bytes() + b" ")
    (site / gone).unlink()
    (site / layout.SITEMAP.name).write_bytes(b"<urlset/>")  # the same links: else kept
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    report = build(BuildOptions(project, out))
    assert article_outputs(("de", "es"), {"demo"}) | {layout.SITEMAP.name} <= set(report.rendered)
    others = tuple(tag for tag in locales if tag not in ("de", "es"))
    assert others and not article_outputs(others, {"demo"}) & set(report.rendered)
    assert article_outputs(locales, {"other"}) <= set(report.rendered)
    assert tree(site) == full_tree(project, tmp_path / "fresh")


def test_one_changed_catalog_renders_that_locale(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    before = read_manifest(out)
    po = catalog(project, "ar")
    po.write_text(po.read_text().replace("الفقرة الأولى.", "الفقرة الأولى هنا."))
    report = build(BuildOptions(project, out))
    assert read_manifest(out).marks == before.marks  # the same coverage: no other locale
    assert set(report.rendered) == locale_outputs("ar", {"demo", "other"}) | singletons(
        before.locales
    ) | sitemap(before, out)
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def test_a_catalog_that_changes_coverage_renders_the_pages_that_show_it(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    before = read_manifest(out)
    po = catalog(project, "es")
    po.write_text(re.sub(r'msgstr "[^"]+"', 'msgstr ""', po.read_text(), count=3))
    report = build(BuildOptions(project, out))
    after = read_manifest(out)
    moved = {slug for slug in after.marks if after.marks[slug] != before.marks.get(slug)}
    assert moved == {"demo"}  # the first messages of the catalog are the demo article's
    locales = before.locales
    expected = (
        locale_outputs("es", {"demo", "other"})
        | article_outputs(locales, moved)
        | lists(locales)
        | singletons(locales)
        | {layout.SITEMAP.name}  # demo's Spanish page is no longer a translation
    )
    assert after.links != before.links
    assert set(report.rendered) == expected
    assert layout.article("de", "other").name not in report.rendered
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def test_a_global_change_renders_everything(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(BuildOptions(project, out))
    disclaimer = project / "content" / "disclaimer.md"
    disclaimer.write_text(disclaimer.read_text().replace("only.", "only, always."))
    assert set(build(BuildOptions(project, out)).rendered) == set(first.rendered)


class Planned:
    """The articles the build's Library parses and plans (in this process: ``jobs=1``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: list[str] = []
        self.planned: list[tuple[str, str]] = []
        parse, plan = Library._parse_and_check, Library._plan

        def parsing(library: Library, article: Article) -> Document:
            self.parsed.append(article.slug)
            return parse(library, article)

        def planning(library: Library, slug: str, locale: str) -> Plan:
            self.planned.append((slug, locale))
            return plan(library, slug, locale)

        monkeypatch.setattr(Library, "_parse_and_check", parsing)
        monkeypatch.setattr(Library, "_plan", planning)


def test_a_rebuild_plans_only_what_changed(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marks of unchanged articles come from the manifest: a changed article is the
    only one parsed and planned, a changed catalog plans its locale only."""
    out = tmp_path / "out"
    build(BuildOptions(project, out, jobs=1))
    locales = read_manifest(out).locales
    seen = Planned(monkeypatch)
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    report = build(BuildOptions(project, out, jobs=1))
    assert set(seen.parsed) == {"other"}
    assert {slug for slug, _ in seen.planned} == {"other"}
    assert set(report.rendered) >= lists(locales)  # the lists, from the marks and titles
    seen.parsed.clear(), seen.planned.clear()
    po = catalog(project, "ar")
    po.write_text(po.read_text().replace("الفقرة الأولى.", "الفقرة الأولى هنا."))
    build(BuildOptions(project, out, jobs=1))
    assert {locale for _, locale in seen.planned} == {"ar"}
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def test_marks_survive_the_manifest(project: Path, tmp_path: Path) -> None:
    """The manifest keeps each standing exactly (the coverage unrounded): what a rebuild
    hands to the Library is what the Library would compute."""
    out = tmp_path / "out"
    build(BuildOptions(project, out))
    marks = read_manifest(out).marks
    library = Library(project_settings(project))
    assert marks == {slug: mark_of(library, slug) for slug in library.slugs}
    assert any(0 < s.coverage < 1 for mark in marks.values() for _, s in mark.standings)


# -- a random sequence of edits: the incremental tree is always the full build's


def _nth(text: str, pattern: str, n: int, replace: str) -> str:
    found = list(re.finditer(pattern, text))
    if not found:
        return text
    match = found[n % len(found)]
    return text[: match.start()] + match.expand(replace) + text[match.end() :]


def _edit(project: Path, kind: str, n: int) -> None:
    articles = project / "content" / "articles"
    folders = sorted(p.name for p in (project / "locales").iterdir())
    if kind == "article":
        path = sorted(articles.glob("*.md"))[n % len(list(articles.glob("*.md")))]
        path.write_text(_nth(path.read_text(), r"\n\n([A-Z][^\n]*\.)\n", n, r"\n\n\1 More.\n"))
    elif kind == "title":
        path = sorted(articles.glob("*.md"))[n % len(list(articles.glob("*.md")))]
        edited = re.sub(r'(?m)^title = "', f'title = "Edited {n}: ', path.read_text(), count=1)
        path.write_text(edited)
    elif kind == "rename":  # the same slug, another file name (and place in the order)
        path = sorted(articles.glob("*.md"))[n % len(list(articles.glob("*.md")))]
        path.rename(articles / f"{'a' if path.name[0] != 'a' else 'z'}-{path.name}")
    elif kind == "add":
        text = SECOND.replace('slug = "other"', f'slug = "extra-{n}"')
        (articles / f"extra-{n}.md").write_text(text)
    elif kind == "delete":
        extra = sorted(articles.glob("extra-*.md")) or [articles / "other.md"]
        extra[0].unlink(missing_ok=True)
    elif kind in ("translation", "untranslate", "ui"):
        path = catalog(
            project, folders[n % len(folders)], "messages" if kind == "ui" else "articles"
        )
        if not path.is_file():
            return
        if kind == "untranslate":
            path.write_text(_nth(path.read_text(), r'msgstr "[^"]+"', n, 'msgstr ""'))
        else:
            path.write_text(_nth(path.read_text(), r'msgstr "([^"]+)"', n, r'msgstr "\1 (ed)"'))
    else:
        path = project / "content" / "disclaimer.md"
        path.write_text(path.read_text().replace("only.", "only, again."))


EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *("article", "title", "rename", "add", "delete"),
                *("translation", "untranslate", "ui", "disclaimer"),
            ]
        ),
        st.integers(0, 20),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS, per_page=st.sampled_from([1, 100]))
def test_incremental_rebuilds_equal_full_builds(
    edits: list[tuple[str, int]], per_page: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = write_project(work / "project")
        (project / "medloc.toml").write_text(f"[pages]\nper_page = {per_page}\n")
        out = work / "out"
        build(BuildOptions(project, out))
        for kind, n in edits:
            _edit(project, kind, n)
            build(BuildOptions(project, out))
            assert tree(out / "site") == full_tree(project, work / "fresh"), (kind, n)


@pytest.mark.parametrize(
    ("part", "key", "value"),
    [("links", "pages", []), ("links", "alternates", {}), (None, "proofs", []), (None, "marks", 7)],
)
def test_a_state_file_of_the_wrong_shape_is_no_manifest(
    project: Path, tmp_path: Path, part: str | None, key: str, value: object
) -> None:
    """A build-state.json with its own token whose parts are not the lists and tables they
    should be is read as no manifest (never a traceback): everything is built again."""
    out = tmp_path / "out"
    first = build(BuildOptions(project, out))
    state = out / manifest.STATE
    data = json.loads(state.read_bytes())
    (data[part] if part else data)[key] = value
    state.write_text(json.dumps(data))
    assert read_manifest(out) == manifest.Manifest()
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    assert set(build(BuildOptions(project, out)).rendered) == set(first.rendered)
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")


def test_the_state_file_goes_with_its_manifest(project: Path, tmp_path: Path) -> None:
    """Nothing changed is told from build-manifest.json alone; a rebuild also needs the
    build-state.json written with it, else it renders everything (and is still right)."""
    out = tmp_path / "out"
    first = build(BuildOptions(project, out))
    state = out / manifest.STATE
    old = state.read_bytes()
    state.unlink()
    assert build(BuildOptions(project, out)).unchanged
    article = project / "content" / "articles" / "other.md"
    article.write_text(article.read_text().replace("Plain words.", "Plain words, again."))
    assert set(build(BuildOptions(project, out)).rendered) == set(first.rendered)
    state.write_bytes(old)  # another build's: its token is not the manifest's
    assert read_manifest(out) == manifest.Manifest()
    article.write_text(article.read_text().replace("Plain words, again.", "Plain words."))
    assert set(build(BuildOptions(project, out)).rendered) == set(first.rendered)
    assert tree(out / "site") == full_tree(project, tmp_path / "fresh")

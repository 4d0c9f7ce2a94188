"""Partial translations shown honestly (#13): each fallback policy, the coverage line, coverage
in the index, hreflang and the API with the threshold, and right-to-left isolation."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.numbers import format_percent
from flask import Flask
from medloc.errors import ConfigError
from medloc.serving.presentation import read_pages
from medloc.serving.web import Settings, create_app
from webproject import ES_UI, Msg, Node, build, dom, po_text, write_catalog

LABEL = "The following passage is not yet translated and is shown in %(language)s."
LABEL_ES = "El siguiente fragmento aún no está traducido y se muestra en %(language)s."
COVERAGE = "About %(percent)s of this page is translated into %(language)s."
COVERAGE_ES = "Aproximadamente el %(percent)s de esta página está traducido al %(language)s."

ES_DEMO_COVERAGE = 9 / 10
"""es demo: of title, summary, six blocks and the disclaimer's two, only "Second paragraph."
is untranslated (tests/webproject.py)."""


def project(root: Path, pages: str = "") -> Path:
    """The demo project, its Spanish UI knowing the new strings, with ``[pages]`` ``pages``."""
    build(root)
    extra = [Msg(LABEL, LABEL_ES), Msg(COVERAGE, COVERAGE_ES)]
    write_catalog(root, "es", "messages", po_text("es", [*ES_UI, *extra]))
    if pages:
        (root / "medloc.toml").write_text(f"[pages]\n{pages}\n", encoding="utf-8")
    return root


def app_for(root: Path) -> Flask:
    return create_app(Settings(root=root, fallbacks={"pt-BR": ["es"]}))


def page(app: Flask, path: str) -> Node:
    response = app.test_client().get(path)
    assert response.status_code == 200, path
    return dom(response.data)


def classes(node: Node) -> set[str]:
    return set((node.attrs.get("class") or "").split())


def runs(document: Node) -> list[Node]:
    return [n for n in document.iter() if "fallback" in classes(n)]


def first_element(node: Node) -> Node:
    return next(child for child in node.children if isinstance(child, Node))


@pytest.fixture(scope="module")
def inline(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return app_for(project(tmp_path_factory.mktemp("inline")))


def test_inline_run_is_labelled_in_the_readers_language(inline: Flask) -> None:
    document = page(inline, "/es/articles/demo")
    fallen = document.containing("Second paragraph.")
    run = fallen.parent
    assert run is not None and run.tag == "div" and "fallback" in classes(run)
    assert (run.attrs["data-fallback"], run.attrs["lang"], run.attrs["dir"]) == ("en", "en", "ltr")
    label = first_element(run)
    assert "fallback-label" in classes(label)
    assert label.attrs["lang"] == "es" and label.attrs["dir"] == "ltr"
    assert label.text() == LABEL_ES % {"language": "inglés"}
    # the run ends visibly, and the translated paragraph before it is not part of it
    assert "fallback-end" in classes([c for c in run.children if isinstance(c, Node)][-1])
    assert "Primer párrafo." not in run.text()


def test_a_page_in_the_source_language_has_no_run_and_no_coverage_line(inline: Flask) -> None:
    document = page(inline, "/en/articles/demo")
    assert runs(document) == []
    assert not [p for p in document.find_all("p") if "coverage" in classes(p)]


@pytest.mark.cldr
def test_coverage_line_says_how_much_is_translated(inline: Flask) -> None:
    document = page(inline, "/es/articles/demo")
    (line,) = [p for p in document.find_all("p") if "coverage" in classes(p)]
    shown = format_percent(ES_DEMO_COVERAGE, locale="es")
    assert line.text() == COVERAGE_ES % {"percent": shown, "language": "español"}
    assert line.lang() == ("es", "ltr")


def test_the_planner_counts_once_and_the_rendition_keeps_the_counts(inline: Flask) -> None:
    library = inline.extensions["medloc"]
    plan = library.plan("demo", "es")
    counted = [plan.title, plan.summary, *plan.blocks.values()]
    assert (plan.served, plan.parts) == (sum(d.language == "es" for d in counted), len(counted))
    rendition = library.rendition("demo", "es")
    assert (rendition.rendered.served, rendition.rendered.parts) == (plan.served, plan.parts)


def test_an_english_table_in_an_arabic_page_is_isolated_left_to_right(inline: Flask) -> None:
    # no Arabic translation of the second article: its table is one English run
    document = page(inline, "/ar/articles/other")
    (html,) = document.find_all("html")
    assert html.attrs["dir"] == "rtl"
    (table,) = document.find_all("table")
    run = table.parent
    assert run is not None and "fallback" in classes(run)
    assert run.attrs["dir"] == "ltr" and run.attrs["lang"] == "en"
    label = first_element(run)
    assert "fallback-label" in classes(label) and label.attrs["dir"] == "rtl"


def test_a_stale_safety_section_stays_whole_and_inline_under_every_policy(
    tmp_path: Path,
) -> None:
    for policy in ("inline", "fold", "link"):
        app = app_for(project(tmp_path / policy, f'fallback = "{policy}"'))
        document = page(app, "/ar/articles/demo")
        (risks,) = document.find_all("section", data_role="risks")
        assert "fallback" in classes(risks) and risks.attrs["data-fallback"] == "en"
        assert risks.attrs["lang"] == "en" and risks.attrs["dir"] == "ltr"
        assert "fallback-label" in classes(first_element(risks))
        assert "Pain may come back." in risks.text()  # shown, whole, not folded or linked
        assert not risks.find_all("details") and not risks.find_all("a")


def test_fold_policy_puts_the_run_in_a_details_element(tmp_path: Path) -> None:
    app = app_for(project(tmp_path, 'fallback = "fold"'))
    document = page(app, "/es/articles/demo")
    fallen = document.containing("Second paragraph.")
    details = fallen.parent
    assert details is not None and details.tag == "details" and "fallback" in classes(details)
    assert details.attrs["lang"] == "en" and "open" not in details.attrs
    summary = first_element(details)
    assert summary.tag == "summary" and "fallback-label" in classes(summary)
    assert summary.attrs["lang"] == "es"


def test_link_policy_links_to_the_source_language_section(tmp_path: Path) -> None:
    app = app_for(project(tmp_path, 'fallback = "link"'))
    document = page(app, "/es/articles/demo")
    assert "Second paragraph." not in document.text()
    (link,) = [p for p in document.find_all("p") if "fallback-link" in classes(p)]
    assert "fallback" in classes(link) and link.attrs["data-fallback"] == "en"
    assert link.lang() == ("es", "ltr")
    (anchor,) = link.find_all("a")
    assert anchor.attrs["href"] == "/en/articles/demo#what"
    assert anchor.attrs["hreflang"] == "en"
    target = page(app, "/en/articles/demo")
    assert target.find_all("h2", id="what")  # the anchor exists on the English page


def test_threshold_decides_hreflang_the_index_mark_and_the_apis_list(tmp_path: Path) -> None:
    for threshold, translated in ((0.9, True), (0.95, False)):
        app = app_for(project(tmp_path / str(threshold), f"translated_threshold = {threshold}"))
        client = app.test_client()
        article = dom(client.get("/es/articles/demo").data)
        hreflangs = {link.attrs["hreflang"] for link in article.find_all("link", rel="alternate")}
        assert ("es" in hreflangs) is translated
        index = dom(client.get("/es/").data)
        (entry,) = [li for li in index.find_all("li") if li.find_all("a", href="/es/articles/demo")]
        assert float(entry.attrs["data-coverage"] or "") == pytest.approx(ES_DEMO_COVERAGE)
        states = {c for p in entry.find_all("p") for c in classes(p)} & {"translated", "partial"}
        assert states == ({"translated"} if translated else {"partial"})
        listing = client.get("/api/v1/articles?locale=es").get_json()
        (item,) = [a for a in listing["articles"] if a["slug"] == "demo"]
        assert item["coverage"]["es"] == pytest.approx(ES_DEMO_COVERAGE)
        assert item["coverage"]["en"] == 1.0
        assert ("es" in item["translated_locales"]) is translated
        document = client.get("/api/v1/articles/demo?locale=fr").get_json()
        assert document["coverage"] == item["coverage"]
        assert document["translated_locales"] == item["translated_locales"]


def test_index_coverage_counts_the_same_as_the_page(inline: Flask) -> None:
    library = inline.extensions["medloc"]
    listing = inline.test_client().get("/api/v1/articles?locale=ar").get_json()
    for item in listing["articles"]:
        for tag, value in item["coverage"].items():
            plans = (library.plan(item["slug"], tag), library.disclaimer_plan(tag))
            served = sum(p.served for p in plans) / sum(p.parts for p in plans)
            assert value == round(served, 3)


@pytest.mark.cldr
def test_bad_pages_settings_name_the_file_and_line(tmp_path: Path) -> None:
    cases = (
        ('fallback = "hide"', "inline, fold, link"),
        ("translated_threshold = 1.5", "between 0 and 1"),
        ('digits = { ar = "arabic" }', "default, native"),
        ('digits = { fa = "native" }', "arabext"),
    )
    for number, (setting, word) in enumerate(cases):
        root = project(tmp_path / str(number), setting)
        with pytest.raises(ConfigError) as caught:
            read_pages(root)
        assert word in str(caught.value) and "medloc.toml:" in str(caught.value)

"""Fallback a patient can trust, checked on the final HTML and JSON of the web service."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from medloc.roles import SAFETY_ROLES
from medloc.serving.web import Settings, create_app
from webproject import build, dom


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = build(tmp_path_factory.mktemp("fallback"))
    return create_app(Settings(root=root, fallbacks={"pt-BR": ["es"]}))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def page(client: FlaskClient, path: str):  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return dom(response.data)


def section(document, role: str):  # type: ignore[no-untyped-def]
    (found,) = document.find_all("section", data_role=role)
    return found


def test_untranslated_paragraph_falls_back_alone_with_its_own_lang(client: FlaskClient) -> None:
    document = page(client, "/es/articles/demo")
    (html,) = document.find_all("html")
    assert html.attrs["lang"] == "es" and html.attrs["dir"] == "ltr"
    assert document.containing("Primer párrafo.").lang() == ("es", "ltr")
    fallen = document.containing("Second paragraph.")
    assert fallen.tag == "p"
    assert fallen.attrs["lang"] == "en" and fallen.attrs["dir"] == "ltr"
    # the page says so, in Spanish, naming the language in Spanish
    notice = document.containing("Partes de esta página")
    assert "inglés" in notice.text()
    assert notice.lang() == ("es", "ltr")


def test_complete_safety_section_is_served_in_the_locale(client: FlaskClient) -> None:
    document = page(client, "/es/articles/demo")
    risks = section(document, "risks")
    assert "El dolor puede volver." in risks.text()
    assert "Pain may come back." not in risks.text()
    assert not [p for p in risks.find_all("p") if "section-notice" in (p.attrs.get("class") or "")]


def test_stale_safety_section_is_served_whole_from_the_fallback(client: FlaskClient) -> None:
    # ar: one risks message is fuzzy -> the whole section in English, with a notice in Arabic
    document = page(client, "/ar/articles/demo")
    (html,) = document.find_all("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("ar", "rtl")
    risks = section(document, "risks")
    text = risks.text()
    assert "Numbness can happen in 2 of 10 people." in text
    assert "Pain may come back." in text
    assert "قد يعود الألم." not in text  # the translated message is not mixed in
    assert risks.containing("Pain may come back.").lang() == ("en", "ltr")
    assert risks.containing("Risks").lang() == ("en", "ltr")
    notice = risks.containing("يظهر هذا القسم")
    assert notice.lang() == ("ar", "rtl")
    assert "الإنجليزية" in notice.text()
    # the disclaimer is complete in Arabic and stays Arabic
    assert "هذه معلومات عامة فقط." in section(document, "disclaimer").text()


def test_stale_safety_section_comes_whole_from_the_next_locale_of_the_chain(
    client: FlaskClient,
) -> None:
    # pt-BR -> es -> en: the fuzzy pt-BR risks come whole from Spanish, not English
    document = page(client, "/pt-BR/articles/demo")
    risks = section(document, "risks")
    assert "El dolor puede volver." in risks.text()
    assert "A dor pode voltar." not in risks.text()
    assert risks.containing("El dolor puede volver.").lang() == ("es", "ltr")
    # an untranslated paragraph falls back to Spanish too? No: es lacks it, so English
    assert document.containing("Second paragraph.").lang() == ("en", "ltr")
    # no pt-BR UI catalog: the notice falls back to Spanish, marked as Spanish
    notice = risks.containing("Esta sección se muestra en")
    assert notice.lang() == ("es", "ltr")
    assert "español" in notice.text()


def test_safety_section_with_one_message_missing(client: FlaskClient) -> None:
    document = page(client, "/de/articles/demo")
    risks = section(document, "risks")
    assert "Taubheit" not in risks.text()
    assert "Numbness can happen in 2 of 10 people." in risks.text()
    assert "Zweiter Absatz." in document.text()  # ordinary sections stay German
    # no German UI catalog: the notices are the English source, marked as English
    notice = risks.containing("This section is shown in English")
    assert notice.lang() == ("en", "ltr")


def test_safety_section_failing_a_blocking_check(client: FlaskClient) -> None:
    # fr: a risks translation with the wrong number -> the whole section in English
    document = page(client, "/fr/articles/demo")
    risks = section(document, "risks")
    assert "3 personnes sur 10" not in document.text()
    assert "La douleur peut revenir." not in risks.text()
    assert "Pain may come back." in risks.text()
    assert "Deuxième paragraphe." in document.text()


@pytest.mark.parametrize("locale", ["en", "es", "ar", "de", "fr", "pt-BR"])
@pytest.mark.parametrize("slug", ["demo", "other"])
def test_every_page_has_its_risks_and_the_disclaimer(
    client: FlaskClient, locale: str, slug: str
) -> None:
    document = page(client, f"/{locale}/articles/{slug}")
    assert len(document.find_all("section", data_role="risks")) == 1
    assert len(document.find_all("section", data_role="disclaimer")) == 1
    assert section(document, "risks").find_all("h2")


def test_fuzzy_translations_are_never_served(client: FlaskClient) -> None:
    for locale in ("ar", "pt-BR"):
        body = client.get(f"/{locale}/articles/demo").data.decode()
        assert "قد يحدث خدر" not in body and "A dormência" not in body


def test_a_complete_page_has_no_notice(client: FlaskClient) -> None:
    document = page(client, "/en/articles/demo")
    assert not [p for p in document.find_all("p") if p.attrs.get("role") == "note"]


def test_title_and_summary_fall_back_with_their_own_lang(client: FlaskClient) -> None:
    document = page(client, "/de/articles/other")
    (h1,) = document.find_all("h1")
    assert h1.text() == "Another article"
    assert (h1.attrs["lang"], h1.attrs["dir"]) == ("en", "ltr")
    document = page(client, "/es/articles/other")
    (h1,) = document.find_all("h1")
    assert h1.text() == "Otro artículo" and "lang" not in h1.attrs


def test_hreflang_lists_only_really_translated_locales(client: FlaskClient) -> None:
    document = page(client, "/es/articles/demo")
    links = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in document.find_all("link", rel="alternate")
    }
    # es: title, summary, risks and disclaimer in Spanish (a paragraph missing is fine);
    # ar and pt-BR: risks stale; de: risks incomplete; fr: risks blocked
    assert links == {
        "en": "/en/articles/demo",
        "es": "/es/articles/demo",
        "x-default": "/en/articles/demo",
    }
    (canonical,) = document.find_all("link", rel="canonical")
    assert canonical.attrs["href"] == "/es/articles/demo"


def test_last_reviewed_date_is_formatted_for_the_locale(client: FlaskClient) -> None:
    assert "Última revisión: 21 de noviembre de 2026" in page(client, "/es/articles/demo").text()
    assert "November 21, 2026" in page(client, "/en/articles/demo").text()
    document = page(client, "/es/articles/demo")
    # last reviewed, then the date of the English the translation follows (the same article)
    times = document.find_all("time")
    assert [time.attrs["datetime"] for time in times] == ["2026-11-21", "2026-11-21"]


def test_switcher_names_languages_in_their_own_language(client: FlaskClient) -> None:
    document = page(client, "/ar/articles/demo")
    (nav,) = document.find_all("nav")
    names = {a.attrs["hreflang"]: (a.text(), a.attrs["lang"]) for a in nav.find_all("a")}
    assert names["es"] == ("Español", "es")
    assert names["ar"] == ("العربية", "ar")
    assert names["pt-BR"] == ("Português (Brasil)", "pt-BR")
    (current,) = [a for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert current.attrs["href"] == "/ar/articles/demo?lang=ar"


def test_the_api_names_the_language_of_every_part(client: FlaskClient) -> None:
    data = client.get("/api/v1/articles/demo?locale=ar").get_json()
    assert data["locale"] == "ar" and data["chain"] == ["ar", "en"]
    by_id = {s["id"]: s for s in data["sections"]}
    assert by_id["risks"]["fallback"] == "en" and by_id["risks"]["languages"] == ["en"]
    assert by_id["risks"]["heading"]["lang"] == "en"
    assert by_id["what"]["languages"] == ["ar", "en"] and by_id["what"]["fallback"] is None
    assert by_id["disclaimer"]["languages"] == ["ar"]
    assert data["title"] == {"text": "علاج الأعصاب", "lang": "ar", "dir": "rtl"}
    assert data["mixed"] is True


def test_table_alignment_never_needs_inline_style(client: FlaskClient) -> None:
    body = client.get("/en/articles/other").data.decode()
    assert "<table>" in body and "style=" not in body


def test_each_page_is_rendered_once(app: Flask) -> None:
    library = app.extensions["medloc"]
    client = app.test_client()
    client.get("/es/articles/other")
    first = library.rendition("other", "es")
    for _ in range(3):
        client.get("/es/articles/other")
    assert library.rendition("other", "es") is first


def test_library_uses_a_fresh_mo_and_ignores_a_stale_one(tmp_path: Path) -> None:
    import io

    from medloc import catalog as catalogs

    root = build(tmp_path / "p")
    po_path = root / "locales" / "es" / "LC_MESSAGES" / "articles.po"
    po = catalogs.read_po(io.StringIO(po_path.read_text("utf-8")), path="es")
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as handle:  # a fresh .mo of the same .po: it is served
        catalogs.compile_mo(po, handle)
    app = create_app(Settings(root=root))
    states = {(s.locale, s.domain): s for s in app.extensions["medloc"].catalog_states}
    assert states[("es", "articles")].source == "mo"
    # a .mo newer than the .po but holding another title: it disagrees, the .po wins
    for entry in po:
        if entry.msgctxt == "demo:title":
            entry.msgstr = "Título compilado"
    buffer = io.BytesIO()
    catalogs.compile_mo(po, buffer)
    mo_path.write_bytes(buffer.getvalue())
    client = create_app(Settings(root=root)).test_client()
    body = client.get("/es/articles/demo").data.decode()
    assert "Título compilado" not in body and "Tratamiento de nervios" in body
    assert client.get("/healthz").get_json()["status"] == "degraded"
    # the .po edited after compiling: the stale .mo is ignored, the .po compiled in memory
    import os

    os.utime(mo_path, (1_000_000, 1_000_000))
    client = create_app(Settings(root=root)).test_client()
    body = client.get("/es/articles/demo").data.decode()
    assert "Título compilado" not in body and "Tratamiento de nervios" in body


def test_a_broken_catalog_is_served_from_its_fallback(tmp_path: Path) -> None:
    root = build(tmp_path / "p")
    (root / "locales" / "de" / "LC_MESSAGES" / "articles.po").write_text(
        'msgid "unterminated\nmsgstr ""\n', encoding="utf-8"
    )
    app = create_app(Settings(root=root, health_details=True))
    client = app.test_client()
    response = client.get("/de/articles/demo")
    assert response.status_code == 200
    document = dom(response.data)
    assert "Zweiter Absatz." not in document.text()
    assert document.containing("Second paragraph.").lang() == ("en", "ltr")
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert any("de/LC_MESSAGES/articles.po:1" in p["detail"] for p in health["problems"])
    assert "de" not in health["negotiable"]
    # not offered by negotiation while broken
    assert client.get("/", headers={"Accept-Language": "de, fr;q=0.5"}).location == "/fr/"


def test_rendering_order_does_not_matter(tmp_path: Path) -> None:
    """A fallback's lang attribute must not leak into the shared parsed document."""
    root = build(tmp_path / "p")
    fresh = create_app(Settings(root=root)).test_client().get("/es/articles/demo").data
    client = create_app(Settings(root=root)).test_client()
    for locale in ("ar", "de", "pt-BR", "fr"):
        client.get(f"/{locale}/articles/demo")
    assert client.get("/es/articles/demo").data == fresh
    assert dom(fresh).containing("Riesgos").lang() == ("es", "ltr")


def _translated_by_rendering(library, slug: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """The definition: title, summary, every safety section and the disclaimer shown in the
    locale itself, read off the rendered article."""
    found = [library.default]
    for tag in library.healthy[1:]:
        rendition = library.rendition(slug, tag)
        rendered = rendition.rendered
        sections = (*rendered.sections, *rendition.disclaimer.sections)
        safety = [s for s in sections if s.role in SAFETY_ROLES or s.fallback]
        if (
            rendered.title_lang == tag
            and rendered.summary_lang == tag
            and all(s.languages == (tag,) for s in safety)
        ):
            found.append(tag)
    return tuple(found)


@pytest.mark.parametrize("where", ["repository", "test project", "hostile test project"])
def test_translated_locales_without_rendering_agree_with_the_rendered_pages(
    where: str, tmp_path: Path
) -> None:
    if where == "repository":
        root = Path(__file__).resolve().parents[2]
    else:
        root = build(tmp_path / "p", hostile=where.startswith("hostile"))
    library = create_app(Settings(root=root)).extensions["medloc"]
    partial = 0
    for slug in library.slugs:
        expected = _translated_by_rendering(library, slug)
        assert library.translated_locales(slug) == expected, slug
        partial += len(expected) < len(library.healthy)
    if where != "repository":
        assert partial, "the test project has articles not translated everywhere"

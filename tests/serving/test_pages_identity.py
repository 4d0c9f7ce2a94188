"""A page a clinic puts its name on (#13): site identity only where configured, titles with the
site name, review dates, the contents list, the index's place to start, and the digits of the
page chrome per locale."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from flask import Flask
from medloc.errors import ContentError
from medloc.serving.numerals import digits_of, numbering_system, with_digits
from medloc.serving.web import Settings, create_app
from medloc.source.content import parse_article
from webproject import ARTICLE, Node, build, dom

ROOT = Path(__file__).resolve().parents[2]

SITE = """\
[site]
name = "Example Clinic patient leaflets"
publisher = "Example Clinic"
contact_url = "mailto:info@clinic.example"
contact_label = "Write to the clinic"
footer = "Example Clinic, 1 Example Street"
responsible = "The clinic's pain medicine team"
"""


def project(root: Path, toml: str = "", article: str = ARTICLE) -> Path:
    build(root)
    (root / "content" / "articles" / "demo.md").write_text(article, encoding="utf-8")
    if toml:
        (root / "medloc.toml").write_text(toml, encoding="utf-8")
    return root


def page(app: Flask, path: str) -> Node:
    response = app.test_client().get(path)
    assert response.status_code == 200, path
    return dom(response.data)


def by_class(document: Node, name: str) -> list[Node]:
    return [n for n in document.iter() if name in (n.attrs.get("class") or "").split()]


@pytest.fixture(scope="module")
def bundled() -> Flask:
    return create_app(Settings(root=ROOT, warm=False))


def test_configured_identity_is_shown_in_header_title_and_footer(tmp_path: Path) -> None:
    app = create_app(Settings(root=project(tmp_path, SITE)))
    document = page(app, "/en/articles/demo")
    (title,) = document.find_all("title")
    assert title.text() == "Nerve treatment - Example Clinic patient leaflets"
    (name,) = by_class(document, "site-name")
    assert name.text() == "Example Clinic patient leaflets"
    (footer,) = document.find_all("footer")
    assert footer.attrs["role"] == "contentinfo"
    assert "Example Clinic" in by_class(footer, "publisher")[0].text()
    (contact,) = footer.find_all("a")
    assert contact.attrs["href"] == "mailto:info@clinic.example"
    assert contact.text() == "Write to the clinic"
    assert by_class(footer, "footer-line")[0].text() == "Example Clinic, 1 Example Street"
    (responsible,) = by_class(document, "responsible")
    assert "The clinic's pain medicine team" in responsible.text()
    index = page(app, "/en/")
    assert index.find_all("title")[0].text() == "Articles - Example Clinic patient leaflets"
    assert index.find_all("footer")


def test_the_bundled_project_names_no_publisher_contact_or_responsible(bundled: Flask) -> None:
    library = bundled.extensions["medloc"]
    slug = library.slugs[0]
    document = page(bundled, f"/en/articles/{slug}")
    (title,) = document.find_all("title")
    assert title.text().endswith(" - medloc sample articles")
    assert not document.find_all("footer")
    assert not by_class(document, "responsible")
    assert not by_class(document, "publisher")


def test_without_a_site_name_the_generic_one_is_used_in_the_readers_language(
    tmp_path: Path,
) -> None:
    app = create_app(Settings(root=project(tmp_path)))
    document = page(app, "/en/articles/demo")
    (title,) = document.find_all("title")
    assert title.text() == "Nerve treatment - Patient information"
    assert not document.find_all("footer")


NEXT = ARTICLE.replace(
    "last_reviewed = 2026-11-21\n", "last_reviewed = 2026-11-21\nnext_review = 2027-11-21\n"
)


def test_next_review_is_shown_only_where_set(tmp_path: Path) -> None:
    app = create_app(Settings(root=project(tmp_path / "with", article=NEXT)))
    (line,) = by_class(page(app, "/en/articles/demo"), "next-review")
    (time,) = line.find_all("time")
    assert time.attrs["datetime"] == "2027-11-21"
    assert "2027" in time.text()
    plain = create_app(Settings(root=project(tmp_path / "without")))
    assert not by_class(page(plain, "/en/articles/demo"), "next-review")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("next_review = 2020-01-01", "before last_reviewed"),
        ('next_review = "soon"', "next_review must be a TOML date"),
        ("next_review = 2027-01-01T10:00:00", "next_review must be a TOML date"),
    ],
)
def test_a_bad_next_review_names_the_file_and_line(line: str, message: str) -> None:
    text = ARTICLE.replace("last_reviewed = 2026-11-21\n", f"last_reviewed = 2026-11-21\n{line}\n")
    with pytest.raises(ContentError) as caught:
        parse_article(text, path="content/articles/demo.md")
    assert message in str(caught.value)
    assert "content/articles/demo.md:7:" in str(caught.value)  # the next_review line


def test_contents_list_above_the_word_threshold(tmp_path: Path) -> None:
    short = create_app(Settings(root=project(tmp_path / "short")))
    assert not by_class(page(short, "/en/articles/demo"), "contents")
    app = create_app(
        Settings(root=project(tmp_path / "long", "[pages]\ncontents_min_words = 10\n"))
    )
    document = page(app, "/en/articles/demo")
    (nav,) = document.find_all("nav", class_="contents")
    assert nav.attrs["aria-label"] == "Contents"
    (label,) = nav.find_all("h2")
    assert label.text() == "Contents"
    hrefs = [a.attrs["href"] for a in nav.find_all("a")]
    assert hrefs == ["#what", "#risks"]
    for href in hrefs:
        assert document.find_all("h2", id=(href or "#")[1:])  # every link has its target
    # in Spanish, a heading that falls back is marked in its language in the list too
    es = page(app, "/es/articles/demo")
    (nav_es,) = es.find_all("nav", class_="contents")
    assert [a.lang()[0] for a in nav_es.find_all("a")] == ["es", "es"]
    # "Contents" is not in this Spanish catalog: the English label, as text, never markup
    assert nav_es.attrs["aria-label"] == "Contents"


def test_the_index_offers_the_configured_place_to_start(tmp_path: Path) -> None:
    app = create_app(Settings(root=project(tmp_path, '[pages]\nstart = "other"\n')))
    index = page(app, "/en/")
    (first, *_rest) = index.find_all("ul", class_="articles")[0].find_all("li")
    assert "start" in (first.attrs.get("class") or "")
    assert first.find_all("a", href="/en/articles/other")
    assert by_class(first, "start-here") and by_class(index, "intro")
    plain = create_app(Settings(root=project(tmp_path / "plain")))
    assert not by_class(page(plain, "/en/"), "start-here")


def _date_digits(document: Node) -> set[str]:
    (reviewed,) = by_class(document, "reviewed")
    (time,) = reviewed.find_all("time")
    return {char for char in time.text() if unicodedata.category(char) == "Nd"}


@pytest.mark.cldr
@pytest.mark.parametrize("choice", ["default", "native"])
def test_chrome_dates_use_the_configured_numbering_system(tmp_path: Path, choice: str) -> None:
    app = create_app(Settings(root=project(tmp_path, f'[pages]\ndigits = {{ ar = "{choice}" }}\n')))
    wanted = digits_of(numbering_system("ar", choice))
    assert wanted is not None
    found = _date_digits(page(app, "/ar/articles/demo"))
    assert found and found <= set(wanted)
    # Spanish is not configured: CLDR's default, Latin digits
    assert _date_digits(page(app, "/es/articles/demo")) <= set("0123456789")


@pytest.mark.cldr
def test_bundled_arabic_pages_write_arabic_indic_digits(bundled: Flask) -> None:
    library = bundled.extensions["medloc"]
    document = page(bundled, f"/ar/articles/{library.slugs[0]}")
    digits = _date_digits(document)
    assert digits and all(unicodedata.name(d).startswith("ARABIC-INDIC DIGIT") for d in digits)


@pytest.mark.cldr
def test_native_digits_come_from_unicode_data_in_order() -> None:
    arabic = digits_of("arab")
    assert arabic is not None
    assert [unicodedata.decimal(d) for d in arabic] == list(range(10))
    assert all(unicodedata.name(d).startswith("ARABIC-INDIC DIGIT") for d in arabic)
    assert (
        with_digits("21 2026", "arab")
        == f"{arabic[2]}{arabic[1]} {arabic[2]}{arabic[0]}{arabic[2]}{arabic[6]}"
    )
    assert with_digits("21", "latn") == "21"
    assert digits_of("arabext") is None  # not found that way: refused by configuration

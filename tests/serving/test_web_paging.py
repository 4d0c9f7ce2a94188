"""Pages of the article index and of the API's list (``[pages] per_page``), on a copy of the
bundled project (5 articles) with two articles a page: three pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from medloc.errors import ConfigError
from medloc.serving.presentation import read_pages
from medloc.serving.web import Settings, create_app
from medloc.serving.web.paging import page_number
from pagedproject import PER_PAGE, paged_project
from webproject import dom

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = paged_project(tmp_path_factory.mktemp("paged"))
    return create_app(Settings(root=root, reload_interval=0))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _slugs(app: Flask) -> tuple[str, ...]:
    library = app.extensions["medloc"]
    start = library.pages.start
    return (start, *(s for s in library.slugs if s != start))


def _entries(html: str) -> list[str]:
    return [
        a.attrs["href"] or ""
        for li in dom(html).find_all("ul", class_="articles")[0].find_all("li")
        for a in li.find_all("a")
    ]


def test_the_index_is_cut_into_pages_of_per_page_in_order(app: Flask, client: FlaskClient) -> None:
    order = _slugs(app)
    assert len(order) == 5 and order[0] == "what-is-a-rhizotomy"
    seen: list[str] = []
    for url in ("/es/", "/es/page/2/", "/es/page/3/"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Content-Language"] == "es"
        hrefs = _entries(response.get_data(as_text=True))
        assert len(hrefs) == (1 if url.endswith("3/") else PER_PAGE)
        seen += [href.rsplit("/", 1)[1] for href in hrefs]
    assert tuple(seen) == order
    assert client.get("/de/page/2/").get_data(as_text=True).count("/de/articles/") >= PER_PAGE


def test_page_one_redirects_and_no_page_is_the_localized_404(client: FlaskClient) -> None:
    response = client.get("/es/page/1/")
    assert response.status_code == 301 and response.headers["Location"] == "/es/"
    for url in ("/es/page/4/", "/es/page/0/", "/es/page/02/", "/es/page/x/", "/es/page/-1/"):
        response = client.get(url)
        assert response.status_code == 404, url
        page = dom(response.get_data(as_text=True))
        assert page.find_all("html")[0].attrs["lang"] == "es", url
    wrong_case = client.get("/ES/page/2/")
    assert wrong_case.status_code == 301 and wrong_case.headers["Location"] == "/es/page/2/"


def test_url_locales_not_served_behave_as_for_the_first_page(client: FlaskClient) -> None:
    near = client.get("/pt/page/2/")
    assert near.status_code == 302 and near.headers["Location"] == "/pt-BR/page/2/"
    assert client.get("/pt/").status_code == 302
    missing = client.get("/ja/page/2/")
    assert missing.status_code == 404
    assert "/es/page/2/" in missing.get_data(as_text=True)  # the same page in a served locale
    assert client.get("/ja/page/9/").status_code == 404


def test_head_links_of_a_middle_page(client: FlaskClient) -> None:
    page = dom(client.get("/es/page/2/").get_data(as_text=True))
    links = page.find_all("link")
    canonical = [link.attrs["href"] for link in links if link.attrs.get("rel") == "canonical"]
    assert canonical == ["/es/page/2/"]
    assert [x.attrs["href"] for x in links if x.attrs.get("rel") == "prev"] == ["/es/"]
    assert [x.attrs["href"] for x in links if x.attrs.get("rel") == "next"] == ["/es/page/3/"]
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in links
        if link.attrs.get("rel") == "alternate"
    }
    assert alternates["de"] == "/de/page/2/" and alternates["x-default"] == "/en/page/2/"
    assert all(href and href.endswith("/page/2/") for href in alternates.values())
    switcher = page.find_all("nav", class_="languages")[0].find_all("a")
    assert all((a.attrs["href"] or "").split("?")[0].endswith("/page/2/") for a in switcher)


def test_nav_of_the_first_and_last_pages(client: FlaskClient) -> None:
    first = dom(client.get("/en/").get_data(as_text=True))
    nav = first.find_all("nav", class_="pagination")[0]
    assert nav.attrs["aria-label"] == "Pages of the list of articles"
    assert "Page 1 of 3" in nav.text()
    assert [a.attrs["href"] for a in nav.find_all("a")] == ["/en/page/2/"]
    assert not [x for x in first.find_all("link") if x.attrs.get("rel") == "prev"]
    last = dom(client.get("/en/page/3/").get_data(as_text=True))
    nav = last.find_all("nav", class_="pagination")[0]
    assert [(a.attrs["rel"], a.attrs["href"]) for a in nav.find_all("a")] == [
        ("prev", "/en/page/2/")
    ]
    assert not [x for x in last.find_all("link") if x.attrs.get("rel") == "next"]
    assert "Page 3 of 3" in last.find_all("title")[0].text()


def test_arabic_pages_are_rtl_with_arabic_indic_digits(client: FlaskClient) -> None:
    page = dom(client.get("/ar/page/2/").get_data(as_text=True))
    root = page.find_all("html")[0]
    assert (root.attrs["lang"], root.attrs["dir"]) == ("ar", "rtl")
    nav = page.find_all("nav", class_="pagination")[0]
    said = nav.find_all("p")[0]
    assert "\u0662" in said.text() and "\u0663" in said.text()  # ٢ and ٣
    assert not re.search(r"[0-9]", said.text())
    assert said.lang() == ("ar", "rtl")
    for link in nav.find_all("a"):  # untranslated here: marked as English where they are
        for span in link.find_all("span"):
            assert (span.attrs["lang"], span.attrs["dir"]) == ("en", "ltr")


def test_api_list_pages(app: Flask, client: FlaskClient) -> None:
    whole = client.get("/api/v1/articles?locale=es")
    assert whole.data == client.get("/api/v1/articles?locale=es&page=1").data
    first = whole.get_json()
    assert {"locale", "chain", "articles"} <= set(first)
    assert (first["page"], first["pages"], first["per_page"], first["total"]) == (1, 3, 2, 5)
    assert first["prev"] is None and first["next"] == "/api/v1/articles?locale=es&page=2"
    second = client.get(first["next"]).get_json()
    assert second["prev"] == "/api/v1/articles?locale=es" and second["page"] == 2
    last = client.get(second["next"]).get_json()
    assert last["next"] is None and len(last["articles"]) == 1
    slugs = [a["slug"] for p in (first, second, last) for a in p["articles"]]
    assert slugs == list(app.extensions["medloc"].slugs)
    negotiated = client.get("/api/v1/articles?page=2", headers={"Accept-Language": "de"})
    assert negotiated.get_json()["page"] == 2 and negotiated.get_json()["locale"] == "de"
    assert "Accept-Language" in negotiated.headers["Vary"]


@pytest.mark.parametrize("raw", ["0", "-1", "x", "", "1.5", "\uff12"])
def test_api_page_not_a_positive_integer_is_400(client: FlaskClient, raw: str) -> None:
    response = client.get("/api/v1/articles", query_string={"locale": "es", "page": raw})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    detail = response.get_json()["detail"]
    assert repr(raw) in detail and "positive integer" in detail


def test_api_page_beyond_the_last_is_404(client: FlaskClient) -> None:
    response = client.get("/api/v1/articles?locale=es&page=4")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "1 to 3" in response.get_json()["detail"]


def test_one_page_has_no_nav_and_no_page_urls(tmp_path: Path) -> None:
    root = paged_project(tmp_path / "one", per_page=100)
    client = create_app(Settings(root=root, reload_interval=0)).test_client()
    html = client.get("/es/").get_data(as_text=True)
    assert "pagination" not in html and 'rel="next"' not in html
    assert client.get("/es/page/2/").status_code == 404
    data = client.get("/api/v1/articles?locale=es").get_json()
    assert (data["pages"], data["next"], data["prev"]) == (1, None, None)


@pytest.mark.parametrize("value", ["0", "-3", "true", '"10"', "1.5"])
def test_per_page_must_be_a_positive_integer(tmp_path: Path, value: str) -> None:
    (tmp_path / "medloc.toml").write_text(f"[pages]\nstart = ''\nper_page = {value}\n")
    with pytest.raises(ConfigError) as caught:
        read_pages(tmp_path)
    said = str(caught.value)
    assert "medloc.toml:3" in said and "per_page" in said


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.text(alphabet="0123456789-+. x\n٢", max_size=22))
def test_the_page_pattern_is_exactly_what_the_server_accepts(raw: str) -> None:
    spec = json.loads((REPO / "service/medloc/serving/web/openapi.json").read_text())
    (parameter,) = (
        p for p in spec["paths"]["/api/v1/articles"]["get"]["parameters"] if p["name"] == "page"
    )
    described = re.fullmatch(parameter["schema"]["pattern"], raw) is not None
    assert described == (page_number(raw) is not None), raw

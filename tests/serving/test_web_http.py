"""HTTP behaviour: negotiation and redirects, cookie and ?lang=, validators, caching headers,
security headers, localized 404s, and no 500 whatever a client sends."""

from __future__ import annotations

import hashlib

import pytest
from flask import Flask
from flask.testing import FlaskClient
from medloc.serving.web import Settings, create_app
from webproject import build, dom


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    root = build(tmp_path_factory.mktemp("http"))
    return create_app(Settings(root=root, fallbacks={"pt-BR": ["es"]}))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


# Served: en (source), ar, de, es, fr, pt-BR.
ACCEPT_LANGUAGE_TABLE = [
    (None, "en"),
    ("", "en"),
    ("es", "es"),
    ("ES", "es"),
    ("es-MX", "es"),
    ("es-419;q=0.8", "es"),
    ("pt", "pt-BR"),
    ("pt-PT", "pt-BR"),
    ("fr-CA, es;q=0.9", "fr"),
    ("de;q=0.1, ar;q=0.9", "ar"),
    ("ar-EG,ar;q=0.9,en;q=0.8", "ar"),
    ("de-CH;q=0.7, fr;q=0.8", "fr"),
    ("zh-CN, zh;q=0.9", "en"),
    ("zh-TW, es;q=0.5", "es"),
    ("ja, *;q=0.1", "en"),
    ("*", "en"),
    ("en;q=0, de", "de"),
    ("es;q=0, es-MX", "en"),  # es is excluded; es-MX is not served
    ("garbage!!, fr", "fr"),
    ("es;q=1.0000", "en"),
    ("es;q=abc, de;q=0.5", "de"),
    ("x-klingon, fr;q=0.5", "fr"),
    ("i-klingon, de;q=0.2", "de"),
    (",,, ;q=1, de", "de"),
    ("en-GB, es;q=0.9", "en"),
]


@pytest.mark.parametrize(("header", "locale"), ACCEPT_LANGUAGE_TABLE)
def test_accept_language_redirects(client: FlaskClient, header: str | None, locale: str) -> None:
    headers = {} if header is None else {"Accept-Language": header}
    response = client.get("/articles/demo", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{locale}/articles/demo"
    assert set(response.headers["Vary"].replace(" ", "").split(",")) >= {
        "Accept-Language",
        "Cookie",
    }
    assert "private" in response.headers["Cache-Control"]
    home = client.get("/", headers=headers)
    assert home.status_code == 302 and home.headers["Location"] == f"/{locale}/"


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        (None, "es", "fr", "es"),  # cookie beats Accept-Language
        ("ar", "es", "fr", "ar"),  # ?lang= beats the cookie
        ("AR", None, None, "ar"),
        ("pt", None, "de", "pt-BR"),  # ?lang= names a language: best match
        ("zz", "es", "fr", "es"),  # an unknown ?lang= is ignored
        ("<script>", None, "fr", "fr"),
        (None, "zz", "fr", "fr"),  # an unknown cookie is ignored
        (None, "pt_br", None, "pt-BR"),
        (None, "é", "de", "de"),
        (None, "", "de", "de"),
    ],
)
def test_precedence_query_cookie_header(
    client: FlaskClient, query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    if cookie is not None:
        client.set_cookie("medloc_lang", cookie)
    headers = {"Accept-Language": header} if header else {}
    path = "/articles/demo" + (f"?lang={query}" if query is not None else "")
    response = client.get(path, headers=headers)
    assert response.headers["Location"] == f"/{expected}/articles/demo"


def test_lang_query_sets_the_cookie(client: FlaskClient) -> None:
    response = client.get("/articles/demo?lang=ar")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("medloc_lang=ar;")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    # the next negotiated request follows the cookie
    assert client.get("/articles/other").headers["Location"] == "/ar/articles/other"
    assert client.get("/").headers["Location"] == "/ar/"


def test_url_beats_lang_query_and_the_switcher_link_sets_the_cookie(client: FlaskClient) -> None:
    # ?lang= sets the cookie and is taken out of the address (tests/serving/test_switching.py)
    response = client.get("/de/articles/demo?lang=es", headers={"Accept-Language": "fr"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/de/articles/demo"
    assert "medloc_lang=es" in response.headers["Set-Cookie"]
    page = client.get("/de/articles/demo", headers={"Accept-Language": "fr"})
    assert page.status_code == 200 and page.headers["Content-Language"] == "de"
    switch = client.get("/es/articles/demo?lang=es")
    assert switch.status_code == 303 and "medloc_lang=es" in switch.headers["Set-Cookie"]
    plain = client.get("/es/articles/demo")
    assert "Set-Cookie" not in plain.headers


def test_cookie_does_not_change_a_locale_url(client: FlaskClient) -> None:
    client.set_cookie("medloc_lang", "ar")
    response = client.get("/es/articles/demo", headers={"Accept-Language": "fr"})
    assert response.headers["Content-Language"] == "es"
    assert "Vary" not in response.headers or "Cookie" not in response.headers["Vary"]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/ES/articles/demo", "/es/articles/demo"),
        ("/pt-br/articles/demo", "/pt-BR/articles/demo"),
        ("/PT_br/articles/demo", "/pt-BR/articles/demo"),
        ("/es/articles/DEMO", "/es/articles/demo"),
        ("/Ar/articles/Demo?page=2", "/ar/articles/demo?page=2"),
        ("/PT-BR/", "/pt-BR/"),
        ("/EN/", "/en/"),
    ],
)
def test_non_canonical_spellings_redirect_permanently(
    client: FlaskClient, path: str, location: str
) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response.headers["Location"] == location


def test_page_headers(client: FlaskClient) -> None:
    response = client.get("/ar/articles/demo")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Language"] == "ar"
    etag = response.headers["ETag"]
    assert etag == f'"{hashlib.sha256(response.data).hexdigest()}"'
    assert response.headers["Cache-Control"] == "public, max-age=300"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'none'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Accept-Language" not in response.headers.get("Vary", "")
    assert "Set-Cookie" not in response.headers


def test_each_representation_has_its_own_etag(client: FlaskClient) -> None:
    tags = {
        client.get(path).headers["ETag"]
        for path in (
            "/es/articles/demo",
            "/ar/articles/demo",
            "/es/articles/other",
            "/api/v1/articles/demo?locale=es",
            "/es/",
        )
    }
    assert len(tags) == 5
    assert (
        client.get("/es/articles/demo").headers["ETag"]
        == client.get("/es/articles/demo").headers["ETag"]
    )


@pytest.mark.parametrize(
    "if_none_match",
    ["{etag}", "W/{etag}", '"nope", {etag}', '{etag} , "x"', "*", "junk, {etag}", '"a","b",{etag}'],
)
def test_if_none_match_gives_304(client: FlaskClient, if_none_match: str) -> None:
    etag = client.get("/es/articles/demo").headers["ETag"]
    response = client.get(
        "/es/articles/demo", headers={"If-None-Match": if_none_match.format(etag=etag)}
    )
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize("if_none_match", ['"nope"', "garbage", 'W/"x"', '"', "", ",,,", "W/"])
def test_if_none_match_mismatch_gives_the_page(client: FlaskClient, if_none_match: str) -> None:
    response = client.get("/es/articles/demo", headers={"If-None-Match": if_none_match})
    assert response.status_code == 200 and response.data


def test_api_if_none_match(client: FlaskClient) -> None:
    first = client.get("/api/v1/articles/demo?locale=es")
    again = client.get(
        "/api/v1/articles/demo?locale=es", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_head(client: FlaskClient) -> None:
    get = client.get("/es/articles/demo")
    head = client.head("/es/articles/demo")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.data))
    assert client.head("/articles/demo", headers={"Accept-Language": "fr"}).status_code == 302


def test_localized_404_in_the_url_locale(client: FlaskClient) -> None:
    response = client.get("/es/articles/no-such-article", headers={"Accept-Language": "ar"})
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "es"
    document = dom(response.data)
    (html,) = document.find_all("html")
    assert html.attrs["lang"] == "es"
    assert "Página no encontrada" in document.text()
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize(
    "path", ["/xx/articles/demo", "/nowhere/at/all", "/articles/nothing", "/qq/"]
)
def test_localized_404_in_the_negotiated_locale(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept-Language": "ar"})
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "ar"
    assert "Accept-Language" in response.headers["Vary"]
    document = dom(response.data)
    (html,) = document.find_all("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("ar", "rtl")
    assert "الصفحة غير موجودة" in document.text()


def test_index_page(client: FlaskClient) -> None:
    response = client.get("/es/")
    assert response.status_code == 200
    document = dom(response.data)
    links = {
        a.attrs["href"]: a
        for a in document.find_all("a")
        if "/articles/" in (a.attrs["href"] or "")
    }
    assert links["/es/articles/demo"].text() == "Tratamiento de nervios"
    assert "Artículos" in document.text()
    # a title that is not translated says its own language
    document = dom(client.get("/de/").data)
    (other,) = [a for a in document.find_all("a") if a.attrs.get("href") == "/de/articles/other"]
    assert other.attrs["lang"] == "en"


def test_static_stylesheet(client: FlaskClient) -> None:
    document = dom(client.get("/en/articles/demo").data)
    (sheet,) = document.find_all("link", rel="stylesheet")
    href = sheet.attrs["href"] or ""
    assert href.startswith("/static/medloc.css?v=")
    response = client.get(href)
    assert response.status_code == 200
    css = response.data.decode()
    assert "@media print" in css and ".languages" in css
    response.close()


def test_pages_need_no_script_and_no_inline_style(client: FlaskClient) -> None:
    for path in ("/ar/articles/demo", "/es/", "/es/articles/nope", "/en/articles/other"):
        document = dom(client.get(path).data)
        assert not document.find_all("script")
        assert not document.find_all("style")
        assert not [n for n in document.iter() if "style" in n.attrs]


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.get_json()
    assert data["status"] == "ok" and data["articles"] == 2
    assert set(data["locales"]) == {"en", "ar", "de", "es", "fr", "pt-BR"}


ODD_REQUESTS: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/articles/demo", {"Accept-Language": "es," * 50_000}),
    ("GET", "/articles/demo", {"Accept-Language": "a" * 10_000}),
    ("GET", "/articles/demo", {"Accept-Language": "es;q=" + "9" * 5000}),
    ("GET", "/articles/demo", {"Accept-Language": "\x00\x01\x7f, es"}),
    ("GET", "/articles/demo", {"Accept-Language": "éé, ñ;q=0.5"}),
    ("GET", "/", {"Accept-Language": "*;q=0"}),
    ("GET", "/", {"Accept-Language": "en;q=0, *;q=0"}),
    ("GET", "/es/articles/demo", {"If-None-Match": '"unterminated'}),
    ("GET", "/es/articles/demo", {"If-None-Match": "W/" * 10_000}),
    ("GET", "/es/articles/demo", {"If-None-Match": '"' * 9000}),
    ("GET", "/es/articles/demo", {"If-Modified-Since": "yesterday"}),
    ("GET", "/es/articles/demo", {"Range": "bytes=oops"}),
    ("GET", "/articles/demo", {"Cookie": 'medloc_lang="unterminated'}),
    ("GET", "/articles/demo", {"Cookie": "medloc_lang=" + "x" * 5000}),
    ("GET", "/articles/demo", {"Cookie": ";;;=;==;medloc_lang"}),
    ("GET", "/articles/demo", {"Cookie": "medloc_lang=ñ"}),
    ("GET", "/articles/demo?lang=%FF%FE", {}),
    ("GET", "/articles/demo?lang=" + "a" * 5000, {}),
    ("GET", "/articles/demo?lang=es&lang=ar", {}),
    ("GET", "/es/articles/demo?lang=%00", {}),
    ("GET", "/es/articles/..", {}),
    ("GET", "/es/articles/../../etc/passwd", {}),
    ("GET", "/es/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", {}),
    ("GET", "/../../etc/passwd", {}),
    ("GET", "/static/../__init__.py", {}),
    ("GET", "/static/%2e%2e/__init__.py", {}),
    ("GET", "/%FF/articles/demo", {}),
    ("GET", "/es/articles/%FF%FE", {}),
    ("GET", "/es/articles/%C3%A9", {}),
    ("GET", "/" + "x" * 3000 + "/articles/demo", {}),
    ("GET", "/es-" + "a" * 9 + "/", {}),
    ("GET", "/x-private/articles/demo", {}),
    ("GET", "/api/v1/articles/demo?locale=", {}),
    ("GET", "/api/v1/articles/demo?locale=%FF", {}),
    ("GET", "/api/v1/articles/demo?locale=es-", {}),
    ("GET", "/api/v1/articles/demo?locale=" + "e" * 500, {}),
    ("GET", "/api/v1/articles/..?locale=es", {}),
    ("GET", "/api/v1/articles?locale=<script>", {}),
    ("GET", "/api/v1/articles", {"Accept-Language": "\xff" * 100}),
    ("GET", "/api/v2/articles", {}),
    ("POST", "/es/articles/demo", {}),
    ("PUT", "/api/v1/articles", {}),
    ("DELETE", "/", {}),
    ("OPTIONS", "/es/articles/demo", {}),
    ("PATCH", "/healthz", {}),
    ("GET", "/healthz?x=%FF", {}),
]


@pytest.mark.parametrize(("method", "path", "headers"), ODD_REQUESTS)
def test_nothing_a_client_sends_yields_a_500(
    client: FlaskClient, method: str, path: str, headers: dict[str, str]
) -> None:
    response = client.open(path, method=method, headers=headers)
    assert response.status_code < 500, (method, path, response.status_code)
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize(
    "raw_path",
    [b"/es/articles/\xff\xfe", b"/\xc3\x28/articles/demo", b"/\xff/", b"/articles/\x80demo"],
)
def test_non_utf8_path_bytes(client: FlaskClient, raw_path: bytes) -> None:
    response = client.get("/", environ_overrides={"PATH_INFO": raw_path.decode("latin-1")})
    assert response.status_code in (301, 302, 404)


def test_method_not_allowed_is_localized_and_lists_allowed_methods(client: FlaskClient) -> None:
    response = client.post("/es/articles/demo", headers={"Accept-Language": "es"})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert response.headers["Content-Language"] == "es"
